//! What an import preview and an import run report, row by row.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub file_name: String,
    /// The row (1-based, as Excel numbers it) taken as the header.
    pub header_row: u32,
    /// How the file's columns were understood.
    pub columns: Vec<ImportColumn>,
    /// Headers that match nothing the importer knows; their cells are not imported.
    pub ignored_headers: Vec<String>,
    pub rows: Vec<ImportRowOutcome>,
    pub counts: ImportCounts,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportColumn {
    /// The field it fills (`idNumber`, …).
    pub key: String,
    /// The field's name in CareDesk (身份证号).
    pub label: String,
    /// The header as written in the file (公民身份号码).
    pub header: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    New,
    Update,
    Unchanged,
    Error,
}

impl ImportOutcome {
    pub fn label(self) -> &'static str {
        match self {
            ImportOutcome::New => "新增",
            ImportOutcome::Update => "更新",
            ImportOutcome::Unchanged => "无变化",
            ImportOutcome::Error => "错误",
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRowOutcome {
    /// 1-based, as Excel numbers it.
    pub row: u32,
    pub outcome: ImportOutcome,
    pub name: String,
    pub id_number_masked: Option<String>,
    /// For updates: the fields that change (住址, 电话, …).
    pub changes: Vec<String>,
    /// For updates: the fields that become empty because their cell is empty (将清空：小区).
    pub cleared: Vec<String>,
    pub errors: Vec<ImportCellError>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCellError {
    /// The column's header as written in the file; empty when the whole row is at fault.
    pub column: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    pub total: u32,
    pub new: u32,
    pub update: u32,
    pub unchanged: u32,
    pub error: u32,
    /// Rows that empty a stored field (counted among the updates), so the clerk looks at them first.
    pub clearing: u32,
}

/// What a confirmed import wrote (rows with errors are left out and listed in the preview).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub skipped: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    pub rows: u32,
    pub path: String,
    /// Whether full ID numbers and phones were written.
    pub revealed: bool,
}
