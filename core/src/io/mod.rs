//! Spreadsheets in and out: the one place that knows about Excel, WPS and CSV files.
//!
//! Street offices receive lists in every shape: `.xlsx` from Excel or WPS, legacy `.xls` exported by
//! old government systems, CSV in UTF-8 or GBK, a title merged across the top, the header in the
//! second or third row, totals at the bottom, ID numbers stored as numbers. Every importer goes
//! through the same three steps so they all cope with the same mess in the same way:
//!
//! 1. [`read_workbook`] turns the bytes of a file into a [`Sheet`] of [`Cell`]s (format detected from
//!    the content, never from the file name);
//! 2. [`map_columns`] finds the header row and maps the columns an importer knows ([`ColumnSpec`])
//!    to column indexes, skipping titles, blank rows and trailing totals;
//! 3. the functions of [`clean`] turn each cell into the text, ID text or date the rules expect.
//!
//! Exports, import reports and templates are written with [`write_report`].

pub mod clean;
mod csv_text;
mod excel;
mod file_kind;
mod ole2;
mod sheet;
mod table;
mod xlsx;
mod zip_guard;

pub use file_kind::FileKind;
pub use sheet::{read_workbook, Cell, Sheet, MAX_COLUMNS, MAX_ROWS};
pub use table::{map_columns, ColumnSpec, DataRow, MappedTable, HEADER_SEARCH_ROWS};
pub use xlsx::{write_report, XlsxColumn, XlsxReport};
