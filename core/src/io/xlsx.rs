//! Writing `.xlsx` files: exports, import error reports and blank templates share one layout.
//!
//! The layout is what staff print and hand on: title lines on top (office and title in bold,
//! then the filter used and who exported when), a bordered header row with a filter button, the
//! header repeated on every printed page and the table fitted to the page width. Columns holding ID
//! numbers or phones are text columns (number format `@`), including their empty cells, so Excel
//! neither shows `1.10105E+17` nor drops leading zeros when someone types into a template.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::error::{Error, Result};

/// Excel's limits.
const MAX_SHEET_NAME_CHARS: usize = 31;
const MAX_CELL_CHARS: usize = 32_767;
const MAX_SHEET_ROWS: usize = 1_048_576;
const MAX_SHEET_COLUMNS: usize = 16_384;

const HEADER_FILL: u32 = 0xD9D9D9;
const HIGHLIGHT_FILL: u32 = 0xFFC7CE;

/// Significant digits Excel keeps for a number.
const EXCEL_DIGITS: usize = 15;

/// One column of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct XlsxColumn {
    pub header: String,
    /// Width in Excel's character units (a Chinese character is about 2).
    pub width: f64,
    /// store as text so Excel does not reformat (ID numbers, phones)
    pub text: bool,
}

/// A one-sheet workbook: title lines, then a table.
#[derive(Debug, Clone, PartialEq)]
pub struct XlsxReport<'a> {
    /// Sheet tab name; characters Excel forbids are replaced and it is cut to 31 characters.
    pub sheet_name: &'a str,
    /// lines above the table: office name + title, filter description, "导出人：… 导出时间：…"
    pub title_lines: Vec<String>,
    pub columns: Vec<XlsxColumn>,
    /// Cell texts, one `Vec` per row in column order (missing trailing cells stay empty). In
    /// columns that are not text, a plain decimal number is written as a number so sums work.
    pub rows: Vec<Vec<String>>,
    /// 0-based column indexes whose non-empty cells get a light-red fill (error column in import reports)
    pub highlight_columns: Vec<usize>,
    /// Keep the title and header in view while scrolling.
    pub freeze_header: bool,
}

/// The formats of the table, made once.
struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    /// Indexed by `[text column][highlighted]`.
    body: [[Format; 2]; 2],
    /// Numbers written with two decimals (amounts in yuan), by `[highlighted]`: shown as `0.00`, so
    /// 23 yuan reads "23.00" in Excel and WPS as it does on the printout.
    decimal: [Format; 2],
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_border(FormatBorder::Thin);
        let text = cell.clone().set_num_format("@");
        let highlight = |f: &Format| f.clone().set_background_color(Color::RGB(HIGHLIGHT_FILL));
        Formats {
            title: Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center),
            subtitle: Format::new().set_align(FormatAlign::Left),
            header: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            body: [[cell.clone(), highlight(&cell)], [text.clone(), highlight(&text)]],
            decimal: [cell.clone().set_num_format("0.00"), highlight(&cell.clone().set_num_format("0.00"))],
        }
    }
}

/// Writes the report as `.xlsx` bytes.
///
/// Title line 1 is bold 14pt, merged across the table width; the header row is bold with a light
/// grey fill and borders; text columns use number format "@"; the header row gets an autofilter;
/// panes are frozen below the header when asked.
pub fn write_report(report: &XlsxReport) -> Result<Vec<u8>> {
    check_size(report)?;
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(report.sheet_name)).map_err(export_error)?;
    write_titles(sheet, report, &formats).map_err(export_error)?;
    write_table(sheet, report, &formats).map_err(export_error)?;
    workbook.save_to_buffer().map_err(export_error)
}

fn write_titles(sheet: &mut Worksheet, report: &XlsxReport, formats: &Formats) -> std::result::Result<(), XlsxError> {
    let last_col = report.columns.len().max(1) as u16 - 1;
    for (i, line) in report.title_lines.iter().enumerate() {
        let row = i as u32;
        let format = if i == 0 { &formats.title } else { &formats.subtitle };
        if last_col == 0 {
            sheet.write_string_with_format(row, 0, line.as_str(), format)?;
        } else {
            sheet.merge_range(row, 0, row, last_col, line, format)?;
        }
        if i == 0 {
            sheet.set_row_height(row, 24)?;
        }
    }
    Ok(())
}

fn write_table(sheet: &mut Worksheet, report: &XlsxReport, formats: &Formats) -> std::result::Result<(), XlsxError> {
    let header_row = report.title_lines.len() as u32;
    for (col, column) in report.columns.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, column.width)?;
        if column.text {
            // Empty cells of the column too: what someone types into a template stays text.
            sheet.set_column_format(col, &formats.body[1][0])?;
        }
        sheet.write_string_with_format(header_row, col, column.header.as_str(), &formats.header)?;
    }
    for (i, cells) in report.rows.iter().enumerate() {
        let row = header_row + 1 + i as u32;
        for (col, column) in report.columns.iter().enumerate() {
            let value = cells.get(col).map(String::as_str).unwrap_or("");
            let highlighted = !value.is_empty() && report.highlight_columns.contains(&col);
            let format = &formats.body[usize::from(column.text)][usize::from(highlighted)];
            let col = col as u16;
            match plain_number(value) {
                Some(number) if !column.text && two_decimals(value) => {
                    sheet.write_number_with_format(row, col, number, &formats.decimal[usize::from(highlighted)])?
                }
                Some(number) if !column.text => sheet.write_number_with_format(row, col, number, format)?,
                _ if value.is_empty() => sheet.write_blank(row, col, format)?,
                _ => sheet.write_string_with_format(row, col, value, format)?,
            };
        }
    }
    if !report.columns.is_empty() {
        let last_row = header_row + report.rows.len() as u32;
        let last_col = report.columns.len() as u16 - 1;
        sheet.autofilter(header_row, 0, last_row, last_col)?;
        sheet.set_repeat_rows(header_row, header_row)?;
    }
    if report.freeze_header {
        sheet.set_freeze_panes(header_row + 1, 0)?;
    }
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Refuses, with a message people understand, what Excel cannot hold.
fn check_size(report: &XlsxReport) -> Result<()> {
    let rows = report.title_lines.len() + 1 + report.rows.len();
    if rows > MAX_SHEET_ROWS {
        return Err(Error::invalid(
            "export_failed",
            "file",
            format!("要导出的数据有 {} 行，超过了 Excel 的上限（{MAX_SHEET_ROWS} 行），请缩小筛选范围后分批导出", report.rows.len()),
        ));
    }
    if report.columns.len() > MAX_SHEET_COLUMNS {
        return Err(Error::invalid("export_failed", "file", "要导出的列数超过了 Excel 的上限，请减少导出的列"));
    }
    let too_long = report
        .title_lines
        .iter()
        .chain(report.columns.iter().map(|c| &c.header))
        .chain(report.rows.iter().flatten())
        .any(|text| text.chars().count() > MAX_CELL_CHARS);
    if too_long {
        return Err(Error::invalid(
            "export_failed",
            "file",
            format!("有单元格的内容超过 {MAX_CELL_CHARS} 个字符，Excel 的单元格放不下，请缩短后再导出"),
        ));
    }
    Ok(())
}

/// A sheet tab name Excel accepts.
fn sheet_name(wanted: &str) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { '_' } else { c })
        .take(MAX_SHEET_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("history") {
        "Sheet1".to_string()
    } else {
        cleaned.to_string()
    }
}

/// A decimal written the way a person writes numbers ("85", "-3.5"), which Excel can store exactly
/// as typed: no leading zeros ("0101" stays text), no exponent, at most 15 significant digits.
/// "23.00", "-3.05": how the core writes money ([`crate::money::yuan`]).
fn two_decimals(value: &str) -> bool {
    value.split_once('.').is_some_and(|(_, fraction)| fraction.len() == 2)
}

fn plain_number(value: &str) -> Option<f64> {
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let well_formed = !integer.is_empty()
        && digits(integer)
        && digits(fraction)
        && (integer == "0" || !integer.starts_with('0'))
        && (unsigned.len() == integer.len() || !fraction.is_empty());
    let significant = integer.trim_start_matches('0').len() + fraction.len();
    if !well_formed || significant > EXCEL_DIGITS {
        return None;
    }
    value.parse().ok()
}

fn export_error(e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(io) => Error::Io(io.to_string()),
        other => Error::invalid("export_failed", "file", format!("生成 Excel 文件失败，请重试（{other}）")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_made_acceptable() {
        assert_eq!(sheet_name("居民名单"), "居民名单");
        assert_eq!(sheet_name("2024/01 名单[草稿]?"), "2024_01 名单_草稿__");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
        assert_eq!(sheet_name("  "), "Sheet1");
        assert_eq!(sheet_name("'名单'"), "名单");
        assert_eq!(sheet_name("History"), "Sheet1");
    }

    #[test]
    fn only_plain_decimals_become_numbers() {
        assert_eq!(plain_number("85"), Some(85.0));
        assert_eq!(plain_number("-3.5"), Some(-3.5));
        assert_eq!(plain_number("0.25"), Some(0.25));
        assert_eq!(plain_number("0"), Some(0.0));
        for text in ["", "-", ".5", "5.", "0101", "1e5", "1,000", "+5", "13803561234000000", "１２", " 12", "NaN", "inf"] {
            assert_eq!(plain_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn amounts_with_two_decimals_keep_them_in_excel() {
        let report = XlsxReport {
            sheet_name: "补贴",
            title_lines: vec![],
            columns: vec![
                XlsxColumn { header: "餐次".into(), width: 8.0, text: false },
                XlsxColumn { header: "补贴（元）".into(), width: 10.0, text: false },
            ],
            rows: vec![vec!["5".into(), "23.00".into()]],
            highlight_columns: vec![],
            freeze_header: false,
        };
        let bytes = write_report(&report).expect("written");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").expect("styles"), &mut styles).expect("read");
        assert!(styles.contains("formatCode=\"0.00\""), "{styles}");
        let mut sheet = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet"), &mut sheet).expect("read");
        assert!(sheet.contains("<v>23</v>") && sheet.contains("<v>5</v>"), "both stay numbers: {sheet}");
        assert!(two_decimals("23.00") && two_decimals("-3.05") && !two_decimals("5") && !two_decimals("0.5"));
    }

    #[test]
    fn oversized_reports_are_refused_in_chinese() {
        let report = XlsxReport {
            sheet_name: "名单",
            title_lines: vec![],
            columns: vec![XlsxColumn { header: "备注".into(), width: 10.0, text: false }],
            rows: vec![vec!["长".repeat(MAX_CELL_CHARS + 1)]],
            highlight_columns: vec![],
            freeze_header: false,
        };
        let e = write_report(&report).expect_err("too long");
        assert_eq!(e.code(), "export_failed");
        assert!(e.to_string().contains("32767"), "{e}");
    }

    #[test]
    fn an_empty_report_is_still_a_workbook() {
        let report = XlsxReport {
            sheet_name: "",
            title_lines: vec![],
            columns: vec![],
            rows: vec![],
            highlight_columns: vec![],
            freeze_header: true,
        };
        let bytes = write_report(&report).expect("written");
        assert!(bytes.starts_with(b"PK\x03\x04"));
    }
}
