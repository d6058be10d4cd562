//! Importing residents from the sheets offices already keep (.xlsx, .xls, .csv in UTF-8 or GBK).
//!
//! [`preview`] is a dry run that says, for every row, whether it adds a resident, updates one
//! (same ID number; the changed fields listed), changes nothing, or is refused (row, column,
//! message). [`commit`] repeats that plan inside one transaction and writes every row that was not
//! refused: if anything fails while writing, nothing is written. Updates only fill in what the
//! sheet says: an empty cell never erases what is stored.

use super::categories::active_type_ids;
use super::id_number::Sex;
use super::import_types::*;
use super::input::{self, CheckedResident, HouseholdChoice, ResidentInput, Stored};
use super::model::{NoIdReason, HEAD};
use super::places::PlaceIndex;
use super::service::KEEP_REGISTRY;
use super::store;
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor, Role};
use crate::db::entity::{household, resident, resident_category};
use crate::error::{Error, Result};
use crate::io::{self, clean, Cell, ColumnSpec, DataRow, MappedTable};
use crate::Desk;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use std::collections::{HashMap, HashSet};

pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { key: "name", label: "姓名", synonyms: &["名字", "居民姓名", "老人姓名", "儿童姓名", "姓 名"], required: true },
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
    ColumnSpec { key: "address", label: "住址", synonyms: &["现住址", "家庭住址", "居住地址", "地址", "家庭地址"], required: false },
    ColumnSpec { key: "community", label: "社区", synonyms: &["所属社区", "社区名称"], required: false },
    ColumnSpec { key: "grid", label: "网格", synonyms: &["所属网格"], required: false },
    ColumnSpec { key: "compound", label: "小区", synonyms: &["所在小区", "小区名称"], required: false },
    ColumnSpec { key: "householdCode", label: "户号", synonyms: &["户编号"], required: false },
    ColumnSpec { key: "relationToHead", label: "与户主关系", synonyms: &["户主关系", "与户主的关系"], required: false },
    ColumnSpec { key: "categories", label: "类别", synonyms: &["人员类别", "居民类别", "标签"], required: false },
    ColumnSpec { key: "noIdReason", label: "无证件原因", synonyms: &["无身份证原因"], required: false },
    ColumnSpec { key: "notes", label: "备注", synonyms: &["说明"], required: false },
];

/// Which column holds each field the resident rules may complain about.
const FIELD_COLUMNS: &[(&str, &str)] = &[
    ("name", "name"),
    ("idNumber", "idNumber"),
    ("sex", "sex"),
    ("birthDate", "birthDate"),
    ("phone", "phone"),
    ("address", "address"),
    ("communityId", "community"),
    ("gridId", "grid"),
    ("compoundId", "compound"),
    ("household", "householdCode"),
    ("relationToHead", "relationToHead"),
    ("noIdReason", "noIdReason"),
    ("notes", "notes"),
];

/// What one row will do, with everything needed to write it.
struct PlannedRow {
    outcome: ImportRowOutcome,
    write: Option<PlannedWrite>,
}

struct PlannedWrite {
    checked: CheckedResident,
    existing: Option<resident::Model>,
    /// A 户号 that does not exist yet: the household is created with its first row.
    new_household_code: Option<String>,
    new_categories: Vec<i32>,
}

struct Plan {
    table: MappedTable,
    rows: Vec<PlannedRow>,
}

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
    let bytes = std::fs::read(path)
        .map_err(|e| Error::invalid("file_unreadable", "file", format!("无法打开文件 {}：{e}", path.display())))?;
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
    }
    c
}

pub async fn commit(desk: &Desk, actor: &Actor, file_name: &str, bytes: &[u8]) -> Result<ImportResult> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let sheet = io::read_workbook(file_name, bytes)?;
    let now = desk.clock().now();
    let today = desk.clock().today();
    let txn = desk.db().begin().await?;
    // Planned again inside the transaction, so what is written is what the data says now.
    let plan = plan(&txn, &sheet, today).await?;
    let places = PlaceIndex::load(&txn).await?;
    let mut result = ImportResult { created: 0, updated: 0, unchanged: 0, skipped: 0 };
    let mut created_households: HashMap<String, i32> = HashMap::new();
    for planned in plan.rows {
        let row = planned.outcome.row;
        match planned.outcome.outcome {
            ImportOutcome::Error => result.skipped += 1,
            ImportOutcome::Unchanged => result.unchanged += 1,
            ImportOutcome::New => result.created += 1,
            ImportOutcome::Update => result.updated += 1,
        }
        let Some(mut write) = planned.write.filter(|_| {
            matches!(planned.outcome.outcome, ImportOutcome::New | ImportOutcome::Update)
        }) else {
            continue;
        };
        // The first row of a new 户号 creates the household; later rows join it.
        let new_code = write.new_household_code.take();
        if let Some(code) = &new_code {
            write.checked.household = match created_households.get(code) {
                Some(id) => HouseholdChoice::Existing { household_id: *id },
                None => HouseholdChoice::New { code: Some(code.clone()) },
            };
        }
        let saved = store::write(&txn, &places, &write.checked, write.existing, now).await.map_err(|e| e.at_row(row))?;
        if let (Some(code), Some(id)) = (new_code, saved.household_id) {
            created_households.entry(code).or_insert(id);
        }
        for type_id in write.new_categories {
            resident_category::ActiveModel {
                resident_id: Set(saved.id),
                category_type_id: Set(type_id),
                start_date: Set(today),
                end_date: Set(None),
                note: Set(Some(format!("导入自 {file_name}"))),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(|e| Error::from(e).at_row(row))?;
        }
    }
    let detail = format!(
        "文件“{file_name}”：新增 {}，更新 {}，无变化 {}，未导入（有错误） {}",
        result.created, result.updated, result.unchanged, result.skipped
    );
    audit::record_by(desk, &txn, actor, Entry::new(Action::ResidentsImported).detail(detail)).await?;
    txn.commit().await?;
    Ok(result)
}

/// Reads every row against the database as it is, without writing.
async fn plan<C: ConnectionTrait>(db: &C, sheet: &io::Sheet, today: NaiveDate) -> Result<Plan> {
    let table = io::map_columns(sheet, COLUMNS)?;
    let headers = header_texts(sheet, &table);
    let ctx = Context::load(db, &table, today).await?;
    let mut seen_ids: HashMap<String, u32> = HashMap::new();
    let mut heads: HashMap<String, HeadOwner> = ctx.existing_heads.clone();
    let mut rows = Vec::with_capacity(table.rows.len());
    for data in &table.rows {
        let mut planned = ctx.plan_row(&table, &headers, data);
        // Checks across rows: the same person twice, two heads for one household.
        if let Some(id) = planned.write.as_ref().and_then(|w| w.checked.id_number.as_ref()).map(|i| i.as_str().to_string()) {
            match seen_ids.get(&id) {
                Some(first) => {
                    let message = format!("与第 {first} 行是同一身份证号，同一人只能出现一次");
                    planned = refuse(planned.outcome, header_of(&table, &headers, "idNumber"), message);
                }
                None => {
                    seen_ids.insert(id, data.number);
                }
            }
        }
        let code = ctx.household_code(&table, data);
        let head = planned.write.as_ref().filter(|w| w.checked.relation_to_head.as_deref() == Some(HEAD));
        if let (Some(write), Some(code)) = (head, code) {
            let me = write.existing.as_ref().map(|e| e.id);
            let clash = match heads.get(&code) {
                Some(HeadOwner::Resident(id)) if Some(*id) != me => Some(format!("户号 {code} 已有户主，一户只能有一位户主")),
                Some(HeadOwner::Row(row)) => Some(format!("户号 {code} 的户主已在第 {row} 行，一户只能有一位户主")),
                _ => None,
            };
            match clash {
                Some(message) => planned = refuse(planned.outcome, header_of(&table, &headers, "relationToHead"), message),
                None => {
                    heads.insert(code, HeadOwner::Row(data.number));
                }
            }
        }
        rows.push(planned);
    }
    Ok(Plan { table, rows })
}

fn refuse(mut outcome: ImportRowOutcome, column: String, message: String) -> PlannedRow {
    outcome.outcome = ImportOutcome::Error;
    outcome.changes.clear();
    outcome.errors.push(ImportCellError { column, message });
    PlannedRow { outcome, write: None }
}

/// Who is the head of a household: a stored resident, or the person on an earlier row of the file.
#[derive(Debug, Clone, Copy)]
enum HeadOwner {
    Resident(i32),
    Row(u32),
}

/// What the whole file's rows are checked against, loaded once.
struct Context {
    today: NaiveDate,
    places: PlaceIndex,
    /// Stored residents with an ID number that appears in the file.
    existing: HashMap<String, resident::Model>,
    /// 户号 → household id.
    households: HashMap<String, i32>,
    /// 户号 of existing households → their head.
    existing_heads: HashMap<String, HeadOwner>,
    /// Active category types by name.
    categories: HashMap<String, i32>,
    /// Category types each existing resident holds today.
    held: HashMap<i32, HashSet<i32>>,
}

impl Context {
    async fn load<C: ConnectionTrait>(db: &C, table: &MappedTable, today: NaiveDate) -> Result<Context> {
        let ids: Vec<String> = table
            .rows
            .iter()
            .filter_map(|r| clean::id_text(table.cell(r, "idNumber")).ok().flatten())
            .filter_map(|t| super::id_number::parse_id_number(&t, today).ok())
            .map(|id| id.as_str().to_string())
            .collect();
        let mut existing = HashMap::new();
        for chunk in ids.chunks(500) {
            for m in resident::Entity::find().filter(resident::Column::IdNumber.is_in(chunk.iter().cloned())).all(db).await? {
                if let Some(id) = m.id_number.clone() {
                    existing.insert(id, m);
                }
            }
        }
        let households: HashMap<String, i32> = household::Entity::find()
            .filter(household::Column::Code.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .filter_map(|h| h.code.map(|c| (c, h.id)))
            .collect();
        let by_id: HashMap<i32, &String> = households.iter().map(|(c, id)| (*id, c)).collect();
        let mut existing_heads = HashMap::new();
        for head in resident::Entity::find()
            .filter(resident::Column::RelationToHead.eq(HEAD))
            .filter(resident::Column::HouseholdId.is_in(households.values().copied()))
            .all(db)
            .await?
        {
            if let Some(code) = head.household_id.and_then(|h| by_id.get(&h)) {
                existing_heads.insert((*code).clone(), HeadOwner::Resident(head.id));
            }
        }
        let resident_ids: Vec<i32> = existing.values().map(|m| m.id).collect();
        let mut held: HashMap<i32, HashSet<i32>> = HashMap::new();
        for chunk in resident_ids.chunks(500) {
            let periods = resident_category::Entity::find()
                .filter(resident_category::Column::ResidentId.is_in(chunk.iter().copied()))
                .all(db)
                .await?;
            for p in periods.into_iter().filter(|p| p.start_date <= today && p.end_date.is_none_or(|e| e >= today)) {
                held.entry(p.resident_id).or_default().insert(p.category_type_id);
            }
        }
        Ok(Context {
            today,
            places: PlaceIndex::load(db).await?,
            existing,
            households,
            existing_heads,
            categories: active_type_ids(db).await?,
            held,
        })
    }

    fn household_code(&self, table: &MappedTable, row: &DataRow) -> Option<String> {
        clean::compact(table.cell(row, "householdCode"))
    }

    fn plan_row(&self, table: &MappedTable, headers: &[String], row: &DataRow) -> PlannedRow {
        let column = |key: &str| header_of(table, headers, key);
        let mut outcome = ImportRowOutcome {
            row: row.number,
            outcome: ImportOutcome::Error,
            name: clean::compact(table.cell(row, "name")).unwrap_or_default(),
            id_number_masked: None,
            changes: Vec::new(),
            errors: Vec::new(),
        };
        let mut errors: Vec<ImportCellError> = Vec::new();
        let mut err = |key: &str, message: String| errors.push(ImportCellError { column: column(key), message });
        let text = |key: &str| clean::text(table.cell(row, key));

        let id_text = match clean::id_text(table.cell(row, "idNumber")) {
            Ok(t) => t,
            Err(e) => {
                err("idNumber", e.to_string());
                None
            }
        };
        let sex = match text("sex") {
            None => None,
            Some(s) => match Sex::parse(&s) {
                Some(sex) => Some(sex),
                None => {
                    err("sex", format!("性别“{s}”无效，应为 男 或 女"));
                    None
                }
            },
        };
        let birth_date = match clean::date(table.cell(row, "birthDate")) {
            Ok(d) => d,
            Err(message) => {
                err("birthDate", message);
                None
            }
        };
        let no_id_reason = match text("noIdReason") {
            None => None,
            Some(s) => match NoIdReason::parse(&s) {
                Ok(r) => Some(r),
                Err(e) => {
                    err("noIdReason", e.to_string());
                    None
                }
            },
        };
        let place = match self.places.resolve(text("community").as_deref(), text("grid").as_deref(), text("compound").as_deref()) {
            Ok(p) => Some(p),
            Err(e) => {
                let key = match e.field() {
                    Some("gridId") => "grid",
                    Some("compoundId") => "compound",
                    _ => "community",
                };
                err(key, e.to_string());
                None
            }
        };
        let mut new_categories = Vec::new();
        let wanted_categories: Vec<String> = text("categories")
            .map(|s| s.split(['、', ',', '，', ';', '；', '/', ' ']).map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect())
            .unwrap_or_default();
        for name in &wanted_categories {
            match self.categories.get(name) {
                Some(id) => new_categories.push(*id),
                None => err("categories", format!("类别“{name}”不存在或已停用，可在 系统设置 → 居民类别 中添加")),
            }
        }
        let household_code = self.household_code(table, row);
        let relation = text("relationToHead");
        if !errors.is_empty() {
            outcome.errors = errors;
            return PlannedRow { outcome, write: None };
        }
        let place = place.unwrap_or_default();

        // An existing resident with this number: the sheet's non-empty cells override what is stored.
        let normalised = id_text.as_deref().and_then(|t| super::id_number::parse_id_number(t, self.today).ok());
        let existing = normalised.as_ref().and_then(|id| self.existing.get(id.as_str())).cloned();
        let household = match (&household_code, &existing) {
            (Some(code), _) => match self.households.get(code) {
                Some(id) => HouseholdChoice::Existing { household_id: *id },
                // Checked as a placeholder; the real household is created on commit.
                None => HouseholdChoice::Existing { household_id: 0 },
            },
            (None, Some(e)) => e.household_id.map_or(HouseholdChoice::None, |id| HouseholdChoice::Existing { household_id: id }),
            (None, None) => HouseholdChoice::None,
        };
        let input = ResidentInput {
            name: clean::compact(table.cell(row, "name")).unwrap_or_default(),
            sex,
            id_number: id_text.clone(),
            no_id_reason,
            birth_date,
            phone: clean::compact(table.cell(row, "phone")).or_else(|| existing.as_ref().and_then(|e| e.phone.clone())),
            address: text("address").or_else(|| existing.as_ref().and_then(|e| e.address.clone())),
            community_id: place.community.or_else(|| if place == Default::default() { existing.as_ref().and_then(|e| e.community_id) } else { None }),
            grid_id: place.grid.or_else(|| if place == Default::default() { existing.as_ref().and_then(|e| e.grid_id) } else { None }),
            compound_id: place
                .compound
                .or_else(|| if place == Default::default() { existing.as_ref().and_then(|e| e.compound_id) } else { None }),
            household,
            relation_to_head: relation.or_else(|| existing.as_ref().and_then(|e| e.relation_to_head.clone())),
            notes: text("notes").or_else(|| existing.as_ref().and_then(|e| e.notes.clone())),
        };
        let stored = existing.as_ref().map(|e| Stored { id_number: e.id_number.as_deref(), phone: e.phone.as_deref() });
        let checked = match input::check(&input, self.today, stored) {
            Ok(c) => c,
            Err(e) => {
                let key = e
                    .field()
                    .and_then(|f| FIELD_COLUMNS.iter().find(|(field, _)| *field == f))
                    .map_or("", |(_, key)| *key);
                outcome.errors.push(ImportCellError { column: column(key), message: e.to_string() });
                return PlannedRow { outcome, write: None };
            }
        };
        outcome.name = checked.name.clone();
        outcome.id_number_masked = checked.id_number.as_ref().map(|i| i.masked());
        let new_household_code = match (&checked.household, &household_code) {
            (HouseholdChoice::Existing { household_id: 0 }, Some(code)) => Some(code.clone()),
            _ => None,
        };
        let held = existing.as_ref().and_then(|e| self.held.get(&e.id));
        new_categories.retain(|t| held.is_none_or(|h| !h.contains(t)));
        new_categories.dedup();
        match &existing {
            None => outcome.outcome = ImportOutcome::New,
            Some(e) => {
                outcome.changes = store::changed_fields(&e.into(), &(&checked).into()).into_iter().map(String::from).collect();
                let category_names: Vec<String> = wanted_categories
                    .iter()
                    .filter(|n| self.categories.get(*n).is_some_and(|id| new_categories.contains(id)))
                    .map(|n| format!("类别+{n}"))
                    .collect();
                outcome.changes.extend(category_names);
                outcome.outcome = if outcome.changes.is_empty() { ImportOutcome::Unchanged } else { ImportOutcome::Update };
            }
        }
        PlannedRow {
            outcome,
            write: Some(PlannedWrite { checked, existing, new_household_code, new_categories }),
        }
    }
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
        for (_, key) in FIELD_COLUMNS {
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
