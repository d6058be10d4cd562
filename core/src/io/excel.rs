//! Excel workbooks through calamine: `.xlsx` (ZIP) and legacy `.xls` (OLE2 compound file).
//!
//! Workarounds for calamine behaviour, each needed by real files:
//!
//! * `.xlsx` sheets are read cell by cell ([`calamine::XlsxCellReader`]) instead of as a `Range`,
//!   so a stray cell at row 1,048,576 or column XFD costs nothing and the row limit stops a runaway
//!   sheet early.
//! * Dates of workbooks in the 1904 date system (old Mac Excel) are shifted to the 1900 system, so
//!   [`Cell::Date`] always means one thing.
//! * BIFF8 `.xls` (Excel 97 and later) always stores text as UTF-16 or Latin-1, whatever its CODEPAGE
//!   record says; calamine trusts the record, which garbles Chinese in files written by JExcelAPI
//!   (it writes 1252) and other Java exporters. We take the BIFF generation from the workbook
//!   stream's BOF record (`ole2`) and force code page 1200 for BIFF8.
//!   Older BIFF5 files (Excel 95) really are in their code page (936 = GBK) and keep it.
//! * An `.xlsx` encrypted with an open password is an OLE2 file holding an `EncryptedPackage`.
//! * A damaged `.xls` can make calamine allocate without bound, which aborts the process; `ole2`
//!   checks the file first.

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, SheetType, SheetVisible, Xls, XlsError, XlsOptions, Xlsx, XlsxError};

use super::ole2::{self, Biff};
use super::sheet::{Cell, Failure, RowsBuilder, Sheet};

/// Days between the 1904 and the 1900 date systems' day zero.
const DAYS_1900_TO_1904: f64 = 1462.0;

pub(super) fn read_xlsx(bytes: &[u8]) -> Result<Option<Sheet>, Failure> {
    super::zip_guard::check(bytes)?;
    let mut workbook = match Xlsx::new(Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(XlsxError::Password) => return Err(Failure::Password),
        Err(_) => return Err(Failure::Unreadable),
    };
    let shift = if workbook.has_1904_epoch() { DAYS_1900_TO_1904 } else { 0.0 };
    for name in sheet_order(workbook.sheets_metadata()) {
        let mut reader = match workbook.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            // A chart or dialog sheet listed as a worksheet: nothing to import there.
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(_) => return Err(Failure::Unreadable),
        };
        let mut builder = RowsBuilder::new();
        while let Some(cell) = reader.next_cell().map_err(|_| Failure::Unreadable)? {
            let (row, col) = cell.get_position();
            builder.set(row as usize, col as usize, from_data_ref(cell.get_value(), shift))?;
        }
        if let Some(rows) = builder.finish() {
            return Ok(Some(Sheet { name, rows }));
        }
    }
    Ok(None)
}

/// A legacy `.xls`, or an encrypted `.xlsx` (refused with the password hint).
pub(super) fn read_ole2(bytes: &[u8]) -> Result<Option<Sheet>, Failure> {
    // calamine must not see a file that would make it allocate without bound (see `ole2`).
    let biff = ole2::check(bytes)?;
    let mut options = XlsOptions::default();
    if biff == Biff::Biff8 {
        options.force_codepage = Some(1200);
    }
    let mut workbook = match Xls::new_with_options(Cursor::new(bytes), options) {
        Ok(workbook) => workbook,
        Err(XlsError::Password) => return Err(Failure::Password),
        Err(_) => {
            return match Xlsx::new(Cursor::new(bytes)) {
                Err(XlsxError::Password) => Err(Failure::Password),
                _ => Err(Failure::Unreadable),
            }
        }
    };
    let shift = if workbook.has_1904_epoch() { DAYS_1900_TO_1904 } else { 0.0 };
    for name in sheet_order(workbook.sheets_metadata()) {
        let range = workbook.worksheet_range(&name).map_err(|_| Failure::Unreadable)?;
        let Some((first_row, first_col)) = range.start() else {
            continue;
        };
        let mut builder = RowsBuilder::new();
        for (row, col, data) in range.used_cells() {
            let (row, col) = (first_row as usize + row, first_col as usize + col);
            builder.set(row, col, from_data(data, shift))?;
        }
        if let Some(rows) = builder.finish() {
            return Ok(Some(Sheet { name, rows }));
        }
    }
    Ok(None)
}

/// Worksheets in workbook order, visible ones first: a hidden sheet often holds the lists behind a
/// template's drop-downs, not the data.
fn sheet_order(sheets: &[calamine::Sheet]) -> Vec<String> {
    let worksheets = sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    let (visible, hidden): (Vec<_>, Vec<_>) = worksheets.partition(|s| s.visible == SheetVisible::Visible);
    visible.into_iter().chain(hidden).map(|s| s.name.clone()).collect()
}

fn from_data_ref(value: &DataRef<'_>, shift: f64) -> Cell {
    match value {
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) if dt.is_duration() => Cell::Number(dt.as_f64()),
        DataRef::DateTime(dt) => Cell::Date(dt.as_f64() + shift),
        DataRef::Error(e) => Cell::Error(e.to_string()),
        DataRef::Empty => Cell::Empty,
    }
}

fn from_data(value: &Data, shift: f64) -> Cell {
    match value {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_duration() => Cell::Number(dt.as_f64()),
        Data::DateTime(dt) => Cell::Date(dt.as_f64() + shift),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::Empty => Cell::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn values_map_to_cells() {
        let date = ExcelDateTime::new(18324.0, ExcelDateTimeType::DateTime, false);
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(from_data(&Data::DateTime(date), 0.0), Cell::Date(18324.0));
        assert_eq!(from_data(&Data::DateTime(date), DAYS_1900_TO_1904), Cell::Date(19786.0));
        assert_eq!(from_data(&Data::DateTime(duration), 0.0), Cell::Number(1.5));
        assert_eq!(from_data(&Data::Int(7), 0.0), Cell::Number(7.0));
        assert_eq!(from_data(&Data::Error(CellErrorType::NA), 0.0), Cell::Error("#N/A".into()));
        assert_eq!(from_data_ref(&DataRef::SharedString("王"), 0.0), Cell::Text("王".into()));
        assert_eq!(from_data_ref(&DataRef::Float(1.5), 0.0), Cell::Number(1.5));
        assert_eq!(from_data_ref(&DataRef::Bool(true), 0.0), Cell::Bool(true));
        assert_eq!(from_data_ref(&DataRef::Empty, 0.0), Cell::Empty);
    }
}
