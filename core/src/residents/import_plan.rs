//! How each row of a residents sheet is understood against the registry: which stored resident it
//! is (by ID number, else by the 档案号 that the registry's own export carries), what it changes,
//! and what it refuses.
//!
//! What a row says about a stored resident, field by field:
//! * a column the sheet does not have changes nothing;
//! * a filled cell sets the field;
//! * an empty cell in a column the sheet has empties the field, and the preview names it
//!   ("将清空：小区") before anything is written.
//!
//! Two fields never lose a value through a sheet: the ID number (correcting it is done on the
//! resident's page) and 类别, which only adds (ending a category needs its end date, also set on the
//! resident's page). Columns the registry derives (序号, 年龄, 状态) match no column here and are
//! listed as ignored.

use super::id_number::{parse_id_number, Sex};
use super::import::{header_of, COLUMNS};
use super::import_types::*;
use super::input::{self, CheckedResident, HouseholdChoice, ResidentInput, Stored};
use super::model::{NoIdReason, HEAD};
use super::places::{Place, PlaceIndex};
use super::store;
use crate::db::entity::{category_type, household, resident, resident_category};
use crate::error::Result;
use crate::io::{self, clean, Cell, DataRow, MappedTable};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};

/// Which column holds each field the resident rules may complain about.
pub(super) const FIELD_COLUMNS: &[(&str, &str)] = &[
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
pub(super) struct PlannedRow {
    pub outcome: ImportRowOutcome,
    pub write: Option<PlannedWrite>,
}

pub(super) struct PlannedWrite {
    pub checked: CheckedResident,
    pub existing: Option<resident::Model>,
    /// A 户号 that does not exist yet: the household is created with its first row.
    pub new_household_code: Option<String>,
    pub new_categories: Vec<i32>,
}

pub(super) struct Plan {
    pub table: MappedTable,
    pub rows: Vec<PlannedRow>,
}

/// What a plan reads, for [`crate::db::stamp`]: the same stamp under the write lock means no
/// resident, household, category or place was added, removed or saved since the plan was made.
pub(super) const READS: &[&str] = &[
    "SELECT COUNT(*) FROM residents",
    "SELECT MAX(id) FROM residents",
    "SELECT MAX(updated_at) FROM residents",
    "SELECT COUNT(*) FROM households",
    "SELECT MAX(id) FROM households",
    "SELECT COUNT(*) FROM resident_categories",
    "SELECT MAX(id) FROM resident_categories",
    "SELECT COUNT(*) FROM communities",
    "SELECT MAX(id) FROM communities",
    "SELECT COUNT(*) FROM category_types WHERE active",
];

/// Reads every row against the database as it is, without writing.
pub(super) async fn plan<C: ConnectionTrait>(db: &C, sheet: &io::Sheet, today: NaiveDate) -> Result<Plan> {
    let table = io::map_columns(sheet, COLUMNS)?;
    let headers = super::import::header_texts(sheet, &table);
    let ctx = Context::load(db, &table, today).await?;
    let mut seen_residents: HashMap<i32, u32> = HashMap::new();
    let mut seen_ids: HashMap<String, u32> = HashMap::new();
    let mut heads: HashMap<String, HeadOwner> = ctx.existing_heads.clone();
    let mut rows = Vec::with_capacity(table.rows.len());
    for data in &table.rows {
        let mut planned = ctx.plan_row(&table, &headers, data);
        // Checks across rows: the same person twice, two heads for one household.
        if let Some(write) = &planned.write {
            let id = write.checked.id_number.as_ref().map(|i| i.as_str().to_string());
            let first = write
                .existing
                .as_ref()
                .and_then(|e| seen_residents.insert(e.id, data.number))
                .or_else(|| id.and_then(|id| seen_ids.insert(id, data.number)));
            if let Some(first) = first {
                let message = format!("与第 {first} 行是同一位居民，同一人只能出现一次");
                planned = refuse(planned.outcome, header_of(&table, &headers, "idNumber"), message);
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
    outcome.cleared.clear();
    outcome.errors.push(ImportCellError { column, message });
    PlannedRow { outcome, write: None }
}

/// Who is the head of a household: a stored resident, or the person on an earlier row of the file.
#[derive(Debug, Clone, Copy)]
enum HeadOwner {
    Resident(i32),
    Row(u32),
}

/// A cell as the sheet gives it.
enum Given {
    /// The sheet has no such column: what is stored stays.
    Absent,
    /// The column is there and this row's cell is empty.
    Empty,
    Value(String),
}

impl Given {
    fn read(table: &MappedTable, row: &DataRow, key: &str, read: fn(&Cell) -> Option<String>) -> Given {
        if !table.has(key) {
            return Given::Absent;
        }
        read(table.cell(row, key)).map_or(Given::Empty, Given::Value)
    }

    /// The field after this row.
    fn or_stored(self, stored: Option<String>) -> Option<String> {
        match self {
            Given::Absent => stored,
            Given::Empty => None,
            Given::Value(v) => Some(v),
        }
    }
}

/// What the whole file's rows are checked against, loaded once.
struct Context {
    today: NaiveDate,
    places: PlaceIndex,
    /// Stored residents with an ID number that appears in the file.
    existing: HashMap<String, resident::Model>,
    /// Stored residents whose 档案号 appears in the file.
    by_record: HashMap<i32, resident::Model>,
    /// 户号 → household id.
    households: HashMap<String, i32>,
    /// Households that have a 户号 (an empty 户号 cell can only take a resident out of those).
    coded_households: HashSet<i32>,
    /// 户号 of existing households → their head.
    existing_heads: HashMap<String, HeadOwner>,
    /// Category types by name, with whether they are in use.
    categories: HashMap<String, (i32, bool)>,
    /// Category types each matched resident holds today.
    held: HashMap<i32, HashSet<i32>>,
}

/// A 档案号 cell: the registry's own resident id.
fn record_number(text: &str) -> Option<i32> {
    text.trim().parse::<i32>().ok().filter(|n| *n > 0)
}

impl Context {
    async fn load<C: ConnectionTrait>(db: &C, table: &MappedTable, today: NaiveDate) -> Result<Context> {
        let ids: Vec<String> = table
            .rows
            .iter()
            .filter_map(|r| clean::id_text(table.cell(r, "idNumber")).ok().flatten())
            .filter_map(|t| parse_id_number(&t, today).ok())
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
        let records: Vec<i32> =
            table.rows.iter().filter_map(|r| clean::text(table.cell(r, "residentId"))).filter_map(|t| record_number(&t)).collect();
        let mut by_record = HashMap::new();
        for chunk in records.chunks(500) {
            for m in resident::Entity::find().filter(resident::Column::Id.is_in(chunk.iter().copied())).all(db).await? {
                by_record.insert(m.id, m);
            }
        }
        let coded: Vec<household::Model> = household::Entity::find().filter(household::Column::Code.is_not_null()).all(db).await?;
        let coded_households: HashSet<i32> = coded.iter().map(|h| h.id).collect();
        let households: HashMap<String, i32> = coded.into_iter().filter_map(|h| h.code.map(|c| (c, h.id))).collect();
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
        let resident_ids: Vec<i32> = existing.values().chain(by_record.values()).map(|m| m.id).collect();
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
        let categories = category_type::Entity::find().all(db).await?.into_iter().map(|t| (t.name, (t.id, t.active))).collect();
        Ok(Context {
            today,
            places: PlaceIndex::load(db).await?,
            existing,
            by_record,
            households,
            coded_households,
            existing_heads,
            categories,
            held,
        })
    }

    fn household_code(&self, table: &MappedTable, row: &DataRow) -> Option<String> {
        clean::compact(table.cell(row, "householdCode"))
    }

    /// Which stored resident the row is: by ID number, else by 档案号, whose name must agree.
    /// An error is (column key, message).
    fn match_resident(
        &self,
        id_text: Option<&str>,
        record: Option<i32>,
        name: &str,
    ) -> std::result::Result<Option<&resident::Model>, (&'static str, String)> {
        let by_id = id_text.and_then(|t| parse_id_number(t, self.today).ok()).and_then(|id| self.existing.get(id.as_str()));
        let Some(n) = record else { return Ok(by_id) };
        let Some(stored) = self.by_record.get(&n) else {
            return Err(("residentId", format!("档案号 {n} 不存在；新登记的居民请将档案号留空")));
        };
        match by_id {
            Some(other) if other.id != stored.id => {
                Err(("residentId", format!("档案号 {n} 是 {} 的档案，与身份证号对应的 {} 不是同一人", stored.name, other.name)))
            }
            Some(same) => Ok(Some(same)),
            None if input::check_name(name).ok().as_deref() != Some(stored.name.as_str()) => {
                Err(("name", format!("姓名与档案号 {n} 不符：档案中为“{}”", stored.name)))
            }
            None => {
                let full = id_text.filter(|t| !t.contains('*')).and_then(|t| parse_id_number(t, self.today).ok());
                if let (Some(full), Some(_)) = (full, stored.id_number.as_deref()) {
                    let message = format!("与档案号 {n} 的档案中的身份证号（{}）不同；更正身份证号请在居民详情页修改", full.masked());
                    return Err(("idNumber", message));
                }
                Ok(Some(stored))
            }
        }
    }

    /// The place a row gives: the sheet's columns where present, what is stored where absent.
    fn place_of(&self, table: &MappedTable, row: &DataRow, stored: Place) -> Result<Place> {
        let cell = |key: &str| table.has(key).then(|| clean::text(table.cell(row, key)));
        let levels = [cell("community"), cell("grid"), cell("compound")];
        if levels.iter().all(Option::is_none) {
            return Ok(stored);
        }
        let stored_names = [self.places.name(stored.community), self.places.name(stored.grid), self.places.name(stored.compound)];
        let merged: Vec<Option<String>> = levels.iter().zip(stored_names).map(|(given, kept)| given.clone().unwrap_or(kept)).collect();
        self.places.resolve(merged[0].as_deref(), merged[1].as_deref(), merged[2].as_deref()).or_else(|_| {
            // A level the sheet leaves out may not fit one it changes (a new community, the old
            // grid): then the left-out levels go, and the preview names them.
            let given: Vec<Option<String>> = levels.into_iter().map(Option::flatten).collect();
            self.places.resolve(given[0].as_deref(), given[1].as_deref(), given[2].as_deref())
        })
    }

    fn plan_row(&self, table: &MappedTable, headers: &[String], row: &DataRow) -> PlannedRow {
        let column = |key: &str| header_of(table, headers, key);
        // As typed: the name rules drop the spaces of Chinese names and keep those between Latin words.
        let name = clean::text(table.cell(row, "name")).unwrap_or_default();
        let mut outcome = ImportRowOutcome {
            row: row.number,
            outcome: ImportOutcome::Error,
            name: name.clone(),
            id_number_masked: None,
            changes: Vec::new(),
            cleared: Vec::new(),
            errors: Vec::new(),
        };
        let mut errors: Vec<ImportCellError> = Vec::new();
        let mut err = |key: &str, message: String| errors.push(ImportCellError { column: column(key), message });
        let given = |key: &str| Given::read(table, row, key, clean::text);

        let id_given = clean::id_text(table.cell(row, "idNumber")).unwrap_or_else(|e| {
            err("idNumber", e.to_string());
            None
        });
        let record = match given("residentId") {
            Given::Value(t) => record_number(&t).or_else(|| {
                err("residentId", format!("档案号“{t}”无效，应为系统导出的数字"));
                None
            }),
            _ => None,
        };
        let stored = match self.match_resident(id_given.as_deref(), record, &name) {
            Ok(stored) => stored,
            Err((key, message)) => {
                err(key, message);
                None
            }
        };
        if stored.is_none() && id_given.as_deref().is_some_and(|t| t.contains('*')) {
            err("idNumber", "身份证号已隐去中间位，无法确定是哪位居民；请用勾选了“完整身份证号和电话”的导出表，或保留“档案号”列".into());
        }
        // An ID number is never emptied by a sheet.
        let id_text = id_given.or_else(|| stored.and_then(|e| e.id_number.clone()));
        // Without an ID number, birth date and sex are facts of their own and kept when left out.
        let keep_when_absent = id_text.is_none();
        let sex = match given("sex") {
            Given::Value(s) => Sex::parse(&s).or_else(|| {
                err("sex", format!("性别“{s}”无效，应为 男 或 女"));
                None
            }),
            Given::Absent if keep_when_absent => stored.map(|e| e.sex),
            _ => None,
        };
        let birth_date = match (table.has("birthDate"), stored) {
            (false, Some(e)) if keep_when_absent => Some(e.birth_date),
            _ => clean::date(table.cell(row, "birthDate")).unwrap_or_else(|message| {
                err("birthDate", message);
                None
            }),
        };
        let no_id_reason = match given("noIdReason") {
            Given::Value(s) => NoIdReason::parse(&s).map_err(|e| err("noIdReason", e.to_string())).ok(),
            Given::Absent => stored.and_then(|e| e.no_id_reason),
            Given::Empty => None,
        };
        let stored_place =
            stored.map_or(Place::default(), |e| Place { community: e.community_id, grid: e.grid_id, compound: e.compound_id });
        let place = self.place_of(table, row, stored_place).unwrap_or_else(|e| {
            let key = match e.field() {
                Some("gridId") => "grid",
                Some("compoundId") => "compound",
                _ => "community",
            };
            err(key, e.to_string());
            Place::default()
        });
        let held = stored.and_then(|e| self.held.get(&e.id));
        let wanted_categories: Vec<String> = given("categories")
            .or_stored(None)
            .map(|s| s.split(['、', ',', '，', ';', '；', '/', ' ']).map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect())
            .unwrap_or_default();
        let mut new_categories = Vec::new();
        for name in &wanted_categories {
            match self.categories.get(name) {
                // A category the resident holds stays even when its type is no longer offered.
                Some(&(id, active)) if active || held.is_some_and(|h| h.contains(&id)) => new_categories.push(id),
                _ => err("categories", format!("类别“{name}”不存在或已停用，可在 系统设置 → 居民类别 中添加")),
            }
        }
        let household_code = self.household_code(table, row);
        let stored_household = stored.and_then(|e| e.household_id);
        let household = match (&household_code, table.has("householdCode"), stored_household) {
            (Some(code), _, _) => match self.households.get(code) {
                Some(id) => HouseholdChoice::Existing { household_id: *id },
                // Checked as a placeholder; the real household is created on commit.
                None => HouseholdChoice::Existing { household_id: 0 },
            },
            // An empty 户号 takes the resident out of a household with a 户号; one without a 户号
            // cannot be named in a sheet, so it stays.
            (None, true, Some(id)) if self.coded_households.contains(&id) => HouseholdChoice::None,
            (None, _, Some(id)) => HouseholdChoice::Existing { household_id: id },
            (None, _, None) => HouseholdChoice::None,
        };
        if !errors.is_empty() {
            outcome.errors = errors;
            return PlannedRow { outcome, write: None };
        }

        let kept = |key: &str, stored: Option<&Option<String>>| given(key).or_stored(stored.cloned().flatten());
        let input = ResidentInput {
            name,
            sex,
            id_number: id_text,
            no_id_reason,
            birth_date,
            phone: Given::read(table, row, "phone", clean::compact).or_stored(stored.and_then(|e| e.phone.clone())),
            address: kept("address", stored.map(|e| &e.address)),
            community_id: place.community,
            grid_id: place.grid,
            compound_id: place.compound,
            household,
            relation_to_head: kept("relationToHead", stored.map(|e| &e.relation_to_head)),
            notes: kept("notes", stored.map(|e| &e.notes)),
        };
        let guard = stored.map(|e| Stored { id_number: e.id_number.as_deref(), phone: e.phone.as_deref() });
        let checked = match input::check(&input, self.today, guard) {
            Ok(c) => c,
            Err(e) => {
                let key = e.field().and_then(|f| FIELD_COLUMNS.iter().find(|(field, _)| *field == f)).map_or("", |(_, key)| *key);
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
        new_categories.retain(|t| held.is_none_or(|h| !h.contains(t)));
        new_categories.dedup();
        match stored {
            None => outcome.outcome = ImportOutcome::New,
            Some(e) => {
                outcome.changes = store::changed_fields(&e.into(), &(&checked).into()).into_iter().map(String::from).collect();
                let category_names = wanted_categories
                    .iter()
                    .filter(|n| self.categories.get(*n).is_some_and(|(id, _)| new_categories.contains(id)))
                    .map(|n| format!("类别+{n}"));
                outcome.changes.extend(category_names);
                outcome.cleared = cleared_fields(e, &checked);
                outcome.outcome = if outcome.changes.is_empty() { ImportOutcome::Unchanged } else { ImportOutcome::Update };
            }
        }
        PlannedRow { outcome, write: Some(PlannedWrite { checked, existing: stored.cloned(), new_household_code, new_categories }) }
    }
}

/// The stored fields a row empties, by the sheet's column names.
fn cleared_fields(before: &resident::Model, after: &CheckedResident) -> Vec<String> {
    let in_household = after.household != HouseholdChoice::None;
    [
        (before.phone.is_some() && after.phone.is_none(), "联系电话"),
        (before.address.is_some() && after.address.is_none(), "住址"),
        (before.community_id.is_some() && after.community_id.is_none(), "社区"),
        (before.grid_id.is_some() && after.grid_id.is_none(), "网格"),
        (before.compound_id.is_some() && after.compound_id.is_none(), "小区"),
        (before.household_id.is_some() && !in_household, "户号"),
        (before.relation_to_head.is_some() && (after.relation_to_head.is_none() || !in_household), "与户主关系"),
        (before.notes.is_some() && after.notes.is_none(), "备注"),
    ]
    .into_iter()
    .filter(|&(cleared, _)| cleared)
    .map(|(_, label)| label.to_string())
    .collect()
}
