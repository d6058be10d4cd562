//! Importing residents from the sheets offices already keep (.xlsx, .xls, .csv in UTF-8 or GBK).
//!
//! [`preview`] is a dry run that says, for every row, whether it adds a resident, updates one
//! (same ID number or 档案号; the changed and the emptied fields listed), changes nothing, or is
//! refused (row, column, message). [`commit`] makes the same plan before it takes the write lock,
//! checks under the lock that nothing it read has changed (else plans again there), and writes
//! every row that was not refused in one transaction ([`super::import_write`]): if anything fails
//! while writing, nothing is written. How a row is matched and what it changes is
//! [`super::import_plan`]'s: a column the sheet lacks changes nothing, and an empty cell empties its
//! field only as the preview says ("将清空：小区").

use super::import_plan::{plan, Plan, READS};
use super::import_types::*;
use super::import_write::{write_rows, RowWrite};
use super::service::KEEP_REGISTRY;
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor, Role};
use crate::db::entity::resident;
use crate::db::{narrow_cache, stamp, widen_cache};
use crate::error::{Error, Result};
use crate::io::{self, clean, Cell, ColumnSpec, MappedTable};
use crate::Desk;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "name", label: "姓名", synonyms: &["名字", "居民姓名", "老人姓名", "儿童姓名", "姓 名"], required: true
    },
    ColumnSpec {
        key: "idNumber",
        label: "身份证号",
        synonyms: &["身份证号码", "公民身份号码", "证件号码", "身份证", "证件号", "身份证件号码"],
        required: false,
    },
    ColumnSpec { key: "sex", label: "性别", synonyms: &[], required: false },
    ColumnSpec { key: "birthDate", label: "出生日期", synonyms: &["出生年月", "出生年月日", "生日"], required: false },
    ColumnSpec {
        key: "phone",
        label: "联系电话",
        synonyms: &["手机号", "联系方式", "电话", "手机", "电话号码", "手机号码", "联系电话号码"],
        required: false,
    },
    ColumnSpec {
        key: "address", label: "住址", synonyms: &["现住址", "家庭住址", "居住地址", "地址", "家庭地址"], required: false
    },
    ColumnSpec { key: "community", label: "社区", synonyms: &["所属社区", "社区名称"], required: false },
    ColumnSpec { key: "grid", label: "网格", synonyms: &["所属网格"], required: false },
    ColumnSpec { key: "compound", label: "小区", synonyms: &["所在小区", "小区名称"], required: false },
    ColumnSpec { key: "householdCode", label: "户号", synonyms: &["户编号"], required: false },
    ColumnSpec { key: "relationToHead", label: "与户主关系", synonyms: &["户主关系", "与户主的关系"], required: false },
    ColumnSpec { key: "categories", label: "类别", synonyms: &["人员类别", "居民类别", "标签"], required: false },
    ColumnSpec { key: "noIdReason", label: "无证件原因", synonyms: &["无身份证原因"], required: false },
    ColumnSpec { key: "notes", label: "备注", synonyms: &["说明"], required: false },
    // The registry's own id, carried by its export so residents without an ID number are found again.
    ColumnSpec { key: "residentId", label: "档案号", synonyms: &["居民档案号", "档案编号"], required: false },
];

/// The header as written in the file for a column key, for messages.
pub(crate) fn header_of(table: &MappedTable, headers: &[String], key: &str) -> String {
    table.columns.get(key).and_then(|&c| headers.get(c)).cloned().unwrap_or_default()
}

pub(crate) fn header_texts(sheet: &io::Sheet, table: &MappedTable) -> Vec<String> {
    sheet
        .rows
        .get(table.header_row.saturating_sub(1) as usize)
        .map(|cells| cells.iter().map(|c| clean::text(c).unwrap_or_default()).collect())
        .unwrap_or_default()
}

/// Reads a file chosen by the user; the name is kept for messages and the audit row.
pub fn read_file(path: &std::path::Path) -> Result<(String, Vec<u8>)> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::invalid("file_unreadable", "file", format!("无法打开文件 {}：{e}", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok((name, bytes))
}

pub async fn preview(desk: &Desk, actor: &Actor, file_name: &str, bytes: &[u8]) -> Result<ImportPreview> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let sheet = io::read_workbook(file_name, bytes)?;
    let plan = plan(desk.db(), &sheet, desk.clock().today()).await?;
    Ok(summarise(file_name, &sheet, plan))
}

fn summarise(file_name: &str, sheet: &io::Sheet, plan: Plan) -> ImportPreview {
    let headers = header_texts(sheet, &plan.table);
    let mut columns: Vec<ImportColumn> = COLUMNS
        .iter()
        .filter(|s| plan.table.has(s.key))
        .map(|s| ImportColumn { key: s.key.into(), label: s.label.into(), header: header_of(&plan.table, &headers, s.key) })
        .collect();
    columns.sort_by_key(|c| plan.table.columns.get(c.key.as_str()).copied());
    let rows: Vec<ImportRowOutcome> = plan.rows.into_iter().map(|r| r.outcome).collect();
    ImportPreview {
        file_name: file_name.into(),
        header_row: plan.table.header_row,
        columns,
        ignored_headers: plan.table.ignored_headers.clone(),
        counts: count(&rows),
        rows,
    }
}

pub(crate) fn count(rows: &[ImportRowOutcome]) -> ImportCounts {
    let mut c = ImportCounts { total: rows.len() as u32, ..Default::default() };
    for r in rows {
        match r.outcome {
            ImportOutcome::New => c.new += 1,
            ImportOutcome::Update => c.update += 1,
            ImportOutcome::Unchanged => c.unchanged += 1,
            ImportOutcome::Error => c.error += 1,
        }
        if !r.cleared.is_empty() {
            c.clearing += 1;
        }
    }
    c
}

pub async fn commit(desk: &Desk, actor: &Actor, file_name: &str, bytes: &[u8]) -> Result<ImportResult> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let sheet = io::read_workbook(file_name, bytes)?;
    let now = desk.clock().now();
    let today = desk.clock().today();
    // Everything is read, checked and prepared before the write lock is taken, so a counter
    // redeeming a ticket meanwhile waits only for the writing.
    let before = stamp(desk.db(), READS).await?;
    let prepared = plan(desk.db(), &sheet, today).await?;
    let txn = desk.begin_write().await?;
    // Someone may have saved a resident since: then the sheet is planned again under the lock, so
    // what is written is what the data says now.
    let unchanged = stamp(&txn, READS).await? == before && still_stored(&txn, &prepared).await?;
    let plan = if unchanged { prepared } else { plan(&txn, &sheet, today).await? };
    let mut result = ImportResult { created: 0, updated: 0, unchanged: 0, skipped: 0 };
    let mut writes = Vec::new();
    for planned in plan.rows {
        match planned.outcome.outcome {
            ImportOutcome::Error => result.skipped += 1,
            ImportOutcome::Unchanged => result.unchanged += 1,
            ImportOutcome::New => result.created += 1,
            ImportOutcome::Update => result.updated += 1,
        }
        if let (ImportOutcome::New | ImportOutcome::Update, Some(write)) = (planned.outcome.outcome, planned.write) {
            writes.push(RowWrite { row: planned.outcome.row, write });
        }
    }
    widen_cache(&txn).await?;
    let written = write_rows(&txn, writes, &format!("导入自 {file_name}"), today, now).await;
    narrow_cache(&txn).await?;
    written?;
    let detail = format!(
        "文件“{file_name}”：新增 {}，更新 {}，无变化 {}，未导入（有错误） {}",
        result.created, result.updated, result.unchanged, result.skipped
    );
    audit::record_by(desk, &txn, actor, Entry::new(Action::ResidentsImported).detail(detail)).await?;
    txn.commit().await?;
    Ok(result)
}

/// Whether the residents the plan updates are still as it read them (the stamp cannot see an edit
/// made within the same instant).
async fn still_stored<C: ConnectionTrait>(db: &C, plan: &Plan) -> Result<bool> {
    let read: HashMap<i32, &resident::Model> = plan
        .rows
        .iter()
        .filter(|r| r.outcome.outcome == ImportOutcome::Update)
        .filter_map(|r| r.write.as_ref().and_then(|w| w.existing.as_ref()))
        .map(|m| (m.id, m))
        .collect();
    let ids: Vec<i32> = read.keys().copied().collect();
    for chunk in ids.chunks(500) {
        for now in resident::Entity::find().filter(resident::Column::Id.is_in(chunk.iter().copied())).all(db).await? {
            if read.get(&now.id) != Some(&&now) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// The file's own rows with two columns added — 导入结果 and 错误说明 — so the clerk can fix the
/// sheet and import it again.
pub async fn report_xlsx(desk: &Desk, actor: &Actor, file_name: &str, bytes: &[u8]) -> Result<Vec<u8>> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let sheet = io::read_workbook(file_name, bytes)?;
    let plan = plan(desk.db(), &sheet, desk.clock().today()).await?;
    let headers = header_texts(&sheet, &plan.table);
    let width = headers.len();
    let id_column = plan.table.columns.get("idNumber").copied();
    let mut columns: Vec<io::XlsxColumn> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| io::XlsxColumn { header: h.clone(), width: if Some(i) == id_column { 22.0 } else { 14.0 }, text: true })
        .collect();
    columns.push(io::XlsxColumn { header: "导入结果".into(), width: 10.0, text: true });
    columns.push(io::XlsxColumn { header: "错误说明".into(), width: 60.0, text: true });
    let by_row: HashMap<u32, &ImportRowOutcome> = plan.rows.iter().map(|r| (r.outcome.row, &r.outcome)).collect();
    let rows = plan
        .table
        .rows
        .iter()
        .map(|data| {
            let mut cells: Vec<String> = (0..width)
                .map(|i| {
                    let cell = data.cells.get(i).unwrap_or(&Cell::Empty);
                    if Some(i) == id_column {
                        clean::id_text(cell).ok().flatten().or_else(|| clean::text(cell)).unwrap_or_default()
                    } else {
                        clean::text(cell).unwrap_or_default()
                    }
                })
                .collect();
            let outcome = by_row.get(&data.number);
            cells.push(outcome.map(|o| o.outcome.label().to_string()).unwrap_or_default());
            cells.push(
                outcome
                    .map(|o| {
                        o.errors
                            .iter()
                            .map(|e| if e.column.is_empty() { e.message.clone() } else { format!("{}：{}", e.column, e.message) })
                            .collect::<Vec<_>>()
                            .join("；")
                    })
                    .unwrap_or_default(),
            );
            cells
        })
        .collect();
    io::write_report(&io::XlsxReport {
        sheet_name: "导入检查结果",
        title_lines: vec![format!("居民导入检查结果：{file_name}"), "改正“错误说明”中列出的问题后，可直接重新导入本表".into()],
        highlight_columns: vec![width + 1],
        columns,
        rows,
        freeze_header: true,
    })
}

/// An empty sheet with every column the importer reads and how to fill them in.
pub fn template_xlsx() -> Result<Vec<u8>> {
    let columns = COLUMNS
        .iter()
        .map(|s| io::XlsxColumn {
            header: if s.key == "name" || s.key == "idNumber" { format!("{}*", s.label) } else { s.label.to_string() },
            width: match s.key {
                "idNumber" => 22.0,
                "address" | "notes" => 30.0,
                _ => 12.0,
            },
            text: true,
        })
        .collect();
    io::write_report(&io::XlsxReport {
        sheet_name: "居民导入模板",
        title_lines: vec![
            "居民信息导入模板".into(),
            "带 * 的列必填；没有身份证号的，请在“无证件原因”填写 外国护照、港澳台居民证件 或 婴儿尚未落户，并填写出生日期和性别".into(),
            "社区、网格、小区须与 系统设置 → 社区网格 中的名称一致；同一户的成员填写相同的户号；类别可填多个，用顿号隔开（如 独居、低保）".into(),
            "档案号由系统给出（见居民名单导出表），新登记的居民留空；更新已有居民时，表中没有的列不会改动，已有的列留空则清空该项（预览中会列出“将清空”）".into(),
        ],
        columns,
        rows: Vec::new(),
        highlight_columns: Vec::new(),
        freeze_header: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_error_maps_to_a_known_column() {
        for (_, key) in super::super::import_plan::FIELD_COLUMNS {
            assert!(COLUMNS.iter().any(|c| c.key == *key), "{key}");
        }
    }

    #[test]
    fn the_template_reads_back_with_every_column_recognised() {
        let bytes = template_xlsx().unwrap();
        let sheet = io::read_workbook("居民导入模板.xlsx", &bytes).unwrap();
        let table = io::map_columns(&sheet, COLUMNS).unwrap();
        assert_eq!(table.columns.len(), COLUMNS.len());
        assert!(table.rows.is_empty());
    }
}
