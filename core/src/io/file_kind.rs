//! The kinds of files users open and save, with the name and extensions their dialogs filter on.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Anything the importers read: .xlsx, legacy .xls, .csv, WPS .et.
    Spreadsheet,
    Xlsx,
    Pdf,
    /// A photo: JPEG or PNG.
    Photo,
}

impl FileKind {
    /// The filter's name and extensions in a file dialog.
    pub fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileKind::Spreadsheet => ("表格文件（Excel、WPS、CSV）", &["xlsx", "xls", "csv", "et"]),
            FileKind::Xlsx => ("Excel 工作簿", &["xlsx"]),
            FileKind::Pdf => ("PDF 文件", &["pdf"]),
            FileKind::Photo => ("照片（JPG、PNG）", &["jpg", "jpeg", "png"]),
        }
    }
}
