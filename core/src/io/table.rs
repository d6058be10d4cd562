//! Finding the header row and mapping columns by name.
//!
//! Lists arrive with a title ("中阳楼街道2024年高龄老人名单") merged across the top, sometimes a
//! second line ("填报单位：…"), the header below, blank rows here and there and a 合计 row at the
//! bottom. Columns are found by name, never by position, and each importer declares the names it
//! accepts ([`ColumnSpec`]); header cells are compared after removing what people add to names
//! (stars, "（必填）", "（18位）", spaces, full-width letters).

use std::collections::HashMap;

use super::clean;
use super::sheet::{Cell, Sheet, MAX_ROWS};
use crate::error::{Error, Result};

/// The header must be within this many rows from the top.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Row labels that start a totals row, which ends the data when nothing but such rows follow.
const TOTAL_MARKERS: [&str; 3] = ["合计", "总计", "小计"];

/// One column an importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Stable name the importer uses to fetch the cell (`"idNumber"`).
    pub key: &'static str,
    /// The name shown in templates and messages (`"身份证号"`).
    pub label: &'static str,
    /// Other header names accepted for the column (`"公民身份号码"`, `"身份证号码"`).
    pub synonyms: &'static [&'static str],
    pub required: bool,
}

/// One data row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct DataRow {
    /// 1-based row number as Excel shows it
    pub number: u32,
    pub cells: Vec<Cell>,
}

/// The sheet's data rows with the columns the importer asked for located.
#[derive(Debug, Clone, PartialEq)]
pub struct MappedTable {
    /// 1-based row number of the header, as Excel shows it.
    pub header_row: u32,
    /// key → 0-based column index
    pub columns: HashMap<&'static str, usize>,
    /// headers found that match no spec, for the preview
    pub ignored_headers: Vec<String>,
    pub rows: Vec<DataRow>,
}

static EMPTY: Cell = Cell::Empty;

impl MappedTable {
    /// The cell of `row` in the column of `key`; [`Cell::Empty`] if the column is absent or the row
    /// is shorter.
    pub fn cell<'a>(&self, row: &'a DataRow, key: &str) -> &'a Cell {
        self.columns.get(key).and_then(|&col| row.cells.get(col)).unwrap_or(&EMPTY)
    }

    /// Whether the sheet has the column of `key` (optional columns may be absent).
    pub fn has(&self, key: &str) -> bool {
        self.columns.contains_key(key)
    }
}

/// Finds the header row among the first 30 rows: the first row where at least two cells (or all
/// required specs) match a spec's label or synonyms after normalising (trim, full-width → half,
/// remove spaces, "*", "＊", a trailing colon, "（必填）"/"(选填)" and any bracketed note like
/// "身份证号（18位）" → "身份证号", lower-case ASCII).
///
/// Rows above it (titles, merged cells) are skipped. After it: rows whose cells are all empty are
/// skipped; a row whose first non-empty cell starts with 合计/总计/小计 ends the data when only
/// empty or such rows follow (it is ignored). A spec matched by two columns: the first wins, the
/// second goes to `ignored_headers`. Missing required columns → `missing_columns`, listing their
/// labels and the accepted synonyms; more than [`MAX_ROWS`] data rows → `too_many_rows`.
pub fn map_columns(sheet: &Sheet, specs: &[ColumnSpec]) -> Result<MappedTable> {
    let names: Vec<Vec<String>> =
        specs.iter().map(|spec| std::iter::once(spec.label).chain(spec.synonyms.iter().copied()).map(normalize_header).collect()).collect();
    let spec_of = |cell: &Cell| -> Option<usize> {
        let header = normalize_header(&clean::text(cell)?);
        names.iter().position(|accepted| accepted.contains(&header))
    };

    let header_index = sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|row| is_header(row.iter().filter_map(spec_of).collect(), specs))
        .ok_or_else(|| header_not_found(specs))?;

    let mut columns = HashMap::new();
    let mut ignored_headers = Vec::new();
    for (col, cell) in sheet.rows[header_index].iter().enumerate() {
        let Some(shown) = clean::text(cell) else {
            continue;
        };
        match spec_of(cell) {
            Some(i) if !columns.contains_key(specs[i].key) => {
                columns.insert(specs[i].key, col);
            }
            _ => ignored_headers.push(shown),
        }
    }
    let missing: Vec<&ColumnSpec> = specs.iter().filter(|s| s.required && !columns.contains_key(s.key)).collect();
    if !missing.is_empty() {
        return Err(missing_columns(&missing));
    }

    let rows = data_rows(&sheet.rows, header_index + 1)?;
    Ok(MappedTable { header_row: row_number(header_index), columns, ignored_headers, rows })
}

/// Removes what people add to a column name so "＊身份证号（18位）" finds "身份证号".
fn normalize_header(raw: &str) -> String {
    let text = clean::text(&Cell::Text(raw.to_string())).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '《' => depth += 1,
            ')' | ']' | '】' | '〕' | '>' | '》' => depth = depth.saturating_sub(1),
            '*' | ' ' => {}
            _ if depth == 0 => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    let out = out.trim_end_matches(':').to_string();
    if out.is_empty() {
        // A header that is only a bracketed note: keep its words rather than match everything.
        text.chars().filter(|c| !matches!(c, '*' | ' ')).flat_map(char::to_lowercase).collect()
    } else {
        out
    }
}

fn is_header(mut matched: Vec<usize>, specs: &[ColumnSpec]) -> bool {
    matched.sort_unstable();
    matched.dedup();
    let all_required = specs.iter().enumerate().filter(|(_, s)| s.required).all(|(i, _)| matched.contains(&i));
    matched.len() >= 2 || (!matched.is_empty() && all_required)
}

/// Non-blank rows from `first` on, without trailing totals rows.
fn data_rows(rows: &[Vec<Cell>], first: usize) -> Result<Vec<DataRow>> {
    let candidates = rows.get(first..).unwrap_or_default();
    let end = candidates.iter().rposition(|row| !is_blank_row(row) && !is_total_row(row)).map_or(0, |last| last + 1);
    let mut out = Vec::new();
    for (offset, row) in candidates[..end].iter().enumerate() {
        if is_blank_row(row) {
            continue;
        }
        if out.len() == MAX_ROWS {
            return Err(Error::invalid(
                "too_many_rows",
                "file",
                format!("数据超过 {MAX_ROWS} 行，一次导入不了。请拆分成几个较小的文件分别导入"),
            ));
        }
        out.push(DataRow { number: row_number(first + offset), cells: row.clone() });
    }
    Ok(out)
}

fn is_blank_row(row: &[Cell]) -> bool {
    row.iter().all(Cell::is_blank)
}

fn is_total_row(row: &[Cell]) -> bool {
    row.iter().find_map(clean::compact).is_some_and(|first| TOTAL_MARKERS.iter().any(|marker| first.starts_with(marker)))
}

fn row_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn header_not_found(specs: &[ColumnSpec]) -> Error {
    let wanted: Vec<&ColumnSpec> = match specs.iter().filter(|s| s.required).collect::<Vec<_>>() {
        required if required.is_empty() => specs.iter().collect(),
        required => required,
    };
    Error::invalid(
        "missing_columns",
        "file",
        format!(
            "在表格前 {HEADER_SEARCH_ROWS} 行中找不到表头，需要这些列：{}。请检查表头（第一行或标题下面那一行）\
             是否写了这些列名。可以识别的列名：{}",
            labels(&wanted),
            accepted_names(&wanted)
        ),
    )
}

fn missing_columns(missing: &[&ColumnSpec]) -> Error {
    Error::invalid(
        "missing_columns",
        "file",
        format!(
            "找不到必需的列：{}。请检查表头（第一行或标题下面那一行）是否写了这些列名。可以识别的列名：{}",
            labels(missing),
            accepted_names(missing)
        ),
    )
}

fn labels(specs: &[&ColumnSpec]) -> String {
    specs.iter().map(|s| s.label).collect::<Vec<_>>().join("、")
}

/// "姓名（也可写：名字、居民姓名）；身份证号（也可写：公民身份号码）"
fn accepted_names(specs: &[&ColumnSpec]) -> String {
    specs
        .iter()
        .map(|s| if s.synonyms.is_empty() { s.label.to_string() } else { format!("{}（也可写：{}）", s.label, s.synonyms.join("、")) })
        .collect::<Vec<_>>()
        .join("；")
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
