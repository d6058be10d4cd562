//! Reading the bytes of an uploaded file into rows of cells.
//!
//! The format is taken from the content, not the file name: people rename files, WPS saves
//! "Excel" files as CSV, and a `.xls` from an old system is sometimes really HTML or text. Whatever
//! the bytes, the answer is a [`Sheet`] or an [`Error`] with a Chinese message that says what to do;
//! never a panic (the parsers are third-party code fed untrusted input, so a panic inside them is
//! caught and reported as an unreadable file).

use std::panic::{self, AssertUnwindSafe};

use super::{clean, csv_text, excel};
use crate::error::{Error, Result};

/// Most data rows one import accepts; bigger lists must be split.
///
/// The biggest lists a street office handles (all residents of a 街道) stay well below this, while a
/// runaway file (a formula copied down to row 1,048,576) is stopped before it eats memory.
pub const MAX_ROWS: usize = 100_000;

/// Columns read per row; cells further right are ignored.
///
/// Legacy `.xls` stops at 256 columns, and no list we import has more than a few dozen. Capping the
/// width bounds the memory a stray cell far to the right can cost.
pub const MAX_COLUMNS: usize = 256;

/// Rows with content allowed above the data (titles, header) when [`read_workbook`] counts rows.
/// The exact count of data rows is checked again once the header is known.
const ROWS_ABOVE_DATA: usize = 30;

/// The row limit of Excel itself; positions beyond it only come from corrupted files.
const EXCEL_MAX_ROWS: usize = 1_048_576;

/// One cell as the file stores it. Cleaning (trimming, full-width digits, …) happens later, in
/// [`clean`], so the importer can still tell a number from text (an ID number stored as a number
/// has lost digits).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// Excel date/time serial (1900 system)
    Date(f64),
    /// An error value such as `#N/A` or `#DIV/0!`, as Excel shows it.
    Error(String),
}

impl Cell {
    /// True when the cell shows nothing: empty, or text made only of spaces and invisible marks.
    pub fn is_blank(&self) -> bool {
        clean::text(self).is_none()
    }
}

/// The sheet of a workbook that was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// every row, cells padded to no particular width
    ///
    /// `rows[i]` is row `i + 1` as Excel shows it (leading empty rows are kept so row numbers in
    /// messages match what the user sees); trailing empty rows are dropped.
    pub rows: Vec<Vec<Cell>>,
}

/// Reads the first sheet that has any non-empty cell (visible sheets before hidden ones).
///
/// Format from content, not extension: `PK\x03\x04` → xlsx, `D0 CF 11 E0 A1 B1 1A E1` → legacy xls
/// (or an encrypted xlsx, which is refused with a hint to remove the password), anything else is
/// CSV text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, otherwise GB18030 (GBK is a subset).
/// The CSV delimiter is a comma, or tab / semicolon when the first lines use those (WPS
/// "文本文件(制表符分隔)"). A merged title row is simply a row with one non-empty cell.
///
/// `file_name` is only used in messages (a path is shortened to its last component).
pub fn read_workbook(file_name: &str, bytes: &[u8]) -> Result<Sheet> {
    let shown = display_name(file_name);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::Empty.into_error(shown));
    }
    let format = Format::sniff(bytes);
    let sheet_name = default_sheet_name(shown);
    // Last guard: calamine indexes into slices it has not always length-checked.
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| match format {
        Format::Xlsx => excel::read_xlsx(bytes),
        Format::Ole2 => excel::read_ole2(bytes),
        Format::Text => csv_text::read(bytes, sheet_name),
    }));
    match outcome {
        Ok(Ok(Some(sheet))) => Ok(sheet),
        Ok(Ok(None)) => Err(Failure::Empty.into_error(shown)),
        Ok(Err(failure)) => Err(failure.into_error(shown)),
        Err(_panic) => Err(Failure::Unreadable.into_error(shown)),
    }
}

/// Container formats told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    /// OLE2 compound file: legacy `.xls`, or an `.xlsx` encrypted with a password.
    Ole2,
    Text,
}

impl Format {
    fn sniff(bytes: &[u8]) -> Format {
        const ZIP: &[u8] = b"PK\x03\x04";
        const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        if bytes.starts_with(ZIP) {
            Format::Xlsx
        } else if bytes.starts_with(OLE2) {
            Format::Ole2
        } else {
            Format::Text
        }
    }
}

/// Why a file could not be read; turned into a user-facing [`Error`] once the file name is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Failure {
    Unreadable,
    Password,
    Empty,
    TooManyRows,
}

impl Failure {
    fn into_error(self, shown: &str) -> Error {
        let (code, message) = match self {
            Failure::Unreadable => (
                "unreadable_file",
                format!(
                    "无法读取文件“{shown}”：文件已损坏或不是 Excel/CSV 表格。\
                     请用 Excel 或 WPS 打开后另存为 .xlsx 再试"
                ),
            ),
            Failure::Password => (
                "unreadable_file",
                format!(
                    "文件“{shown}”设置了打开密码，无法读取。请用 Excel 或 WPS 打开，\
                     取消文件密码后另存为 .xlsx，再重新导入"
                ),
            ),
            Failure::Empty => ("empty_file", format!("文件“{shown}”是空的，没有可导入的内容")),
            Failure::TooManyRows => (
                "too_many_rows",
                format!(
                    "文件“{shown}”的数据超过 {MAX_ROWS} 行，一次导入不了。\
                     请拆分成几个较小的文件分别导入"
                ),
            ),
        };
        Error::invalid(code, "file", message)
    }
}

/// Collects cells in any order into rows, bounding memory and the number of rows with content.
pub(super) struct RowsBuilder {
    rows: Vec<Vec<Cell>>,
    has_content: Vec<bool>,
    content_rows: usize,
}

impl RowsBuilder {
    pub(super) fn new() -> RowsBuilder {
        RowsBuilder { rows: Vec::new(), has_content: Vec::new(), content_rows: 0 }
    }

    /// Stores one cell at a 0-based position. Empty cells cost nothing; cells beyond
    /// [`MAX_COLUMNS`] or Excel's last row are ignored.
    pub(super) fn set(&mut self, row: usize, col: usize, cell: Cell) -> std::result::Result<(), Failure> {
        let nothing = matches!(&cell, Cell::Empty) || matches!(&cell, Cell::Text(s) if s.is_empty());
        if nothing || row >= EXCEL_MAX_ROWS || col >= MAX_COLUMNS {
            return Ok(());
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
            self.has_content.resize(row + 1, false);
        }
        let blank = cell.is_blank();
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = cell;
        if !blank && !self.has_content[row] {
            self.has_content[row] = true;
            self.content_rows += 1;
            if self.content_rows > MAX_ROWS + ROWS_ABOVE_DATA {
                return Err(Failure::TooManyRows);
            }
        }
        Ok(())
    }

    /// The rows read, or `None` when no cell shows anything.
    pub(super) fn finish(mut self) -> Option<Vec<Vec<Cell>>> {
        let last = self.has_content.iter().rposition(|&content| content)?;
        self.rows.truncate(last + 1);
        Some(self.rows)
    }
}

/// The file name as the user knows it, without the folders of a path.
fn display_name(file_name: &str) -> &str {
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name).trim();
    if name.is_empty() {
        "（未命名）"
    } else {
        name
    }
}

/// CSV has no sheet names; Excel shows the file name without extension.
fn default_sheet_name(shown: &str) -> &str {
    match shown.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_is_taken_from_the_first_bytes() {
        assert_eq!(Format::sniff(b"PK\x03\x04rest"), Format::Xlsx);
        assert_eq!(Format::sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Format::Ole2);
        assert_eq!(Format::sniff("姓名,身份证号".as_bytes()), Format::Text);
        assert_eq!(Format::sniff(b"PK"), Format::Text);
    }

    #[test]
    fn messages_name_the_file_without_its_folders() {
        assert_eq!(display_name(r"C:\Users\王\桌面\名单.xlsx"), "名单.xlsx");
        assert_eq!(display_name("/home/a/名单.csv"), "名单.csv");
        assert_eq!(display_name(""), "（未命名）");
        assert_eq!(default_sheet_name("名单.csv"), "名单");
        assert_eq!(default_sheet_name(".csv"), ".csv");
    }

    #[test]
    fn empty_and_whitespace_files_are_empty() {
        for bytes in [&b""[..], b"  \r\n\t"] {
            let e = read_workbook("空.csv", bytes).expect_err("empty");
            assert_eq!(e.code(), "empty_file");
            assert!(e.to_string().contains("“空.csv”"), "{e}");
        }
    }

    #[test]
    fn garbage_after_an_excel_signature_is_unreadable() {
        for bytes in [&b"PK\x03\x04garbage"[..], &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3]] {
            let e = read_workbook("名单.xlsx", bytes).expect_err("unreadable");
            assert_eq!(e.code(), "unreadable_file");
            assert_eq!(e.field(), Some("file"));
            assert!(e.to_string().contains("另存为 .xlsx"), "{e}");
        }
    }

    #[test]
    fn builder_keeps_row_numbers_and_drops_trailing_blank_rows() {
        let mut b = RowsBuilder::new();
        b.set(2, 1, Cell::Text("王秀英".into())).expect("set");
        b.set(4, 0, Cell::Text("   ".into())).expect("set");
        b.set(5, 0, Cell::Empty).expect("set");
        b.set(0, MAX_COLUMNS, Cell::Text("far right".into())).expect("set");
        let rows = b.finish().expect("content");
        assert_eq!(rows.len(), 3);
        assert!(rows[0].is_empty() && rows[1].is_empty());
        assert_eq!(rows[2], vec![Cell::Empty, Cell::Text("王秀英".into())]);
    }

    #[test]
    fn builder_without_content_gives_none() {
        let mut b = RowsBuilder::new();
        b.set(3, 3, Cell::Text("\u{3000}".into())).expect("set");
        assert_eq!(b.finish(), None);
    }

    #[test]
    fn builder_stops_at_the_row_limit() {
        let mut b = RowsBuilder::new();
        for row in 0..MAX_ROWS + ROWS_ABOVE_DATA {
            b.set(row, 0, Cell::Number(1.0)).expect("within limit");
        }
        assert_eq!(b.set(MAX_ROWS + ROWS_ABOVE_DATA, 0, Cell::Number(1.0)), Err(Failure::TooManyRows));
        let e = Failure::TooManyRows.into_error("大.xlsx");
        assert_eq!(e.code(), "too_many_rows");
        assert!(e.to_string().contains("100000"), "{e}");
    }

    #[test]
    fn password_message_says_to_remove_the_password() {
        let e = Failure::Password.into_error("名单.xlsx");
        assert_eq!(e.code(), "unreadable_file");
        assert!(e.to_string().contains("取消文件密码"), "{e}");
    }
}
