//! Importing check-up results from the hospital's sheet (.xlsx, .xls, .csv) with the importer
//! framework of the residents registry: [`preview`] says for every row whether it adds a result,
//! replaces the one of that resident and day, or is refused (column and message); [`commit`] plans
//! again inside one transaction and writes every row that was not refused, or nothing.
//!
//! A row names the resident by ID number (the name must agree) and the day of the check-up. When
//! the resident was invited to a campaign running that day, the result joins that invitation.

use super::readings::{check_reading, GlucoseKind, Reading, ReadingInput};
use super::results::{store, NewResult, Source};
use super::{ENTER_RESULTS, VALUE_READERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::db::entity::{checkup_campaign, checkup_invitation, checkup_result, resident};
use crate::db::stamp;
use crate::error::Result;
use crate::io::{self, clean, ColumnSpec, DataRow, MappedTable};
use crate::residents::chars::full_width_to_ascii;
use crate::residents::eligibility::eligibility_many;
use crate::residents::id_number::parse_id_number;
use crate::residents::import::{count, header_of, header_texts};
use crate::residents::mask_id;
use crate::residents::{ImportCellError, ImportColumn, ImportOutcome, ImportPreview, ImportResult, ImportRowOutcome};
use crate::Desk;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};

pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { key: "name", label: "姓名", synonyms: &["名字", "受检者", "体检人"], required: true },
    ColumnSpec {
        key: "idNumber",
        label: "身份证号",
        synonyms: &["身份证号码", "公民身份号码", "证件号码", "身份证", "证件号"],
        required: true,
    },
    ColumnSpec { key: "checkedOn", label: "体检日期", synonyms: &["检查日期", "日期", "体检时间"], required: true },
    ColumnSpec { key: "bloodPressure", label: "血压", synonyms: &["血压(mmHg)", "血压mmHg"], required: false },
    ColumnSpec { key: "systolic", label: "收缩压", synonyms: &["高压", "收缩压(mmHg)"], required: false },
    ColumnSpec { key: "diastolic", label: "舒张压", synonyms: &["低压", "舒张压(mmHg)"], required: false },
    ColumnSpec { key: "heartRate", label: "心率", synonyms: &["脉搏", "心率(次/分)"], required: false },
    ColumnSpec { key: "glucose", label: "空腹血糖", synonyms: &["血糖", "空腹血糖(mmol/L)", "FPG"], required: false },
    ColumnSpec { key: "randomGlucose", label: "随机血糖", synonyms: &["餐后血糖"], required: false },
    ColumnSpec { key: "height", label: "身高", synonyms: &["身高(cm)"], required: false },
    ColumnSpec { key: "weight", label: "体重", synonyms: &["体重(kg)"], required: false },
    ColumnSpec { key: "waist", label: "腰围", synonyms: &["腰围(cm)"], required: false },
    ColumnSpec { key: "notes", label: "备注", synonyms: &["医生意见", "体检结论", "说明"], required: false },
];

/// Which column a reading's field error belongs to.
const FIELD_COLUMNS: &[(&str, &str)] = &[
    ("systolic", "systolic"),
    ("diastolic", "diastolic"),
    ("heartRate", "heartRate"),
    ("glucose", "glucose"),
    ("glucoseKind", "glucose"),
    ("height", "height"),
    ("weight", "weight"),
    ("waist", "waist"),
    ("notes", "notes"),
];

struct PlannedRow {
    outcome: ImportRowOutcome,
    write: Option<NewResult>,
    existing: Option<checkup_result::Model>,
}

pub async fn preview(desk: &Desk, actor: &Actor, file_name: &str, bytes: &[u8]) -> Result<ImportPreview> {
    authorize_any(desk, actor, &VALUE_READERS, ENTER_RESULTS).await?;
    let sheet = io::read_workbook(file_name, bytes)?;
    let (table, rows) = plan(desk.db(), &sheet, desk.clock().today()).await?;
    let headers = header_texts(&sheet, &table);
    let mut columns: Vec<ImportColumn> = COLUMNS
        .iter()
        .filter(|s| table.has(s.key))
        .map(|s| ImportColumn { key: s.key.into(), label: s.label.into(), header: header_of(&table, &headers, s.key) })
        .collect();
    columns.sort_by_key(|c| table.columns.get(c.key.as_str()).copied());
    let rows: Vec<ImportRowOutcome> = rows.into_iter().map(|r| r.outcome).collect();
    Ok(ImportPreview {
        file_name: file_name.into(),
        header_row: table.header_row,
        columns,
        ignored_headers: table.ignored_headers.clone(),
        counts: count(&rows),
        rows,
    })
}

pub async fn commit(desk: &Desk, actor: &Actor, file_name: &str, bytes: &[u8]) -> Result<ImportResult> {
    let user = authorize_any(desk, actor, &VALUE_READERS, ENTER_RESULTS).await?;
    let sheet = io::read_workbook(file_name, bytes)?;
    let now = desk.clock().now();
    let today = desk.clock().today();
    // Planned before the write lock is taken, so a counter waits only for the writing; planned
    // again under the lock if what the plan read has changed since.
    let before = stamp(desk.db(), READS).await?;
    let (_, prepared) = plan(desk.db(), &sheet, today).await?;
    let txn = desk.begin_write().await?;
    let rows = if stamp(&txn, READS).await? == before { prepared } else { plan(&txn, &sheet, today).await?.1 };
    let mut result = ImportResult { created: 0, updated: 0, unchanged: 0, skipped: 0 };
    for planned in rows {
        let row = planned.outcome.row;
        let Some(write) = planned.write else {
            result.skipped += 1;
            continue;
        };
        match planned.outcome.outcome {
            ImportOutcome::Update => result.updated += 1,
            _ => result.created += 1,
        }
        store(&txn, now, Some(user.id), write, planned.existing).await.map_err(|e| e.at_row(row))?;
    }
    let detail = format!("文件“{file_name}”：新增 {}，替换 {}，未导入（有错误） {}", result.created, result.updated, result.skipped);
    audit::record_by(desk, &txn, actor, Entry::new(Action::CheckupResultsImported).detail(detail)).await?;
    txn.commit().await?;
    Ok(result)
}

/// What a plan reads, for [`crate::db::stamp`]: residents and their statuses, campaigns with
/// their invitations, and the results already stored.
const READS: &[&str] = &[
    "SELECT COUNT(*) FROM residents",
    "SELECT MAX(updated_at) FROM residents",
    "SELECT COUNT(*) FROM resident_status_events",
    "SELECT COUNT(*) FROM checkup_campaigns",
    "SELECT COUNT(*) FROM checkup_invitations",
    "SELECT MAX(id) FROM checkup_invitations",
    "SELECT COUNT(*) FROM checkup_results",
    "SELECT MAX(id) FROM checkup_results",
    "SELECT MAX(updated_at) FROM checkup_results",
];

/// What the rows will do, read against the database as it is.
async fn plan<C: ConnectionTrait>(db: &C, sheet: &io::Sheet, today: NaiveDate) -> Result<(MappedTable, Vec<PlannedRow>)> {
    let table = io::map_columns(sheet, COLUMNS)?;
    let headers = header_texts(sheet, &table);
    let col = |key: &str| header_of(&table, &headers, key);
    let mut parsed = Vec::with_capacity(table.rows.len());
    for data in &table.rows {
        parsed.push(parse_row(&table, data, today, &col));
    }
    let ids: Vec<String> = parsed.iter().filter_map(|p| p.as_ref().ok().map(|r| r.id_number.clone())).collect();
    let people = residents_by_id(db, &ids).await?;
    let resident_ids: Vec<i32> = people.values().map(|r| r.id).collect();
    let links = CampaignLinks::load(db, &resident_ids).await?;
    let existing = existing_results(db, &resident_ids).await?;
    // An invitation holds one result: a second day of the same campaign stays apart from it.
    let mut used_invitations: HashSet<i32> = existing.values().filter_map(|r| r.invitation_id).collect();
    let mut seen: HashSet<(i32, NaiveDate)> = HashSet::new();
    let mut out = Vec::with_capacity(parsed.len());
    for (data, parsed) in table.rows.iter().zip(parsed) {
        let mut outcome = ImportRowOutcome {
            row: data.number,
            outcome: ImportOutcome::Error,
            name: String::new(),
            id_number_masked: None,
            changes: Vec::new(),
            cleared: Vec::new(),
            errors: Vec::new(),
        };
        let p = match parsed {
            Ok(p) => p,
            Err(errors) => {
                outcome.name = clean::compact(table.cell(data, "name")).unwrap_or_default();
                outcome.errors = errors;
                out.push(PlannedRow { outcome, write: None, existing: None });
                continue;
            }
        };
        outcome.name = p.name.clone();
        outcome.id_number_masked = Some(mask_id(&p.id_number));
        let refuse = |mut outcome: ImportRowOutcome, column: String, message: String| {
            outcome.errors.push(ImportCellError { column, message });
            PlannedRow { outcome, write: None, existing: None }
        };
        let Some(person) = people.get(&p.id_number) else {
            out.push(refuse(outcome, col("idNumber"), "居民档案中没有这个身份证号，请先登记居民".into()));
            continue;
        };
        if person.name != p.name {
            out.push(refuse(outcome, col("name"), format!("姓名与档案不符：档案中为“{}”", person.name)));
            continue;
        }
        let allowed = eligibility_many(db, &[person.id], p.checked_on).await?;
        if let Some(reason) = allowed.get(&person.id).filter(|e| !e.allowed).and_then(|e| e.reason.clone()) {
            out.push(refuse(outcome, col("checkedOn"), reason));
            continue;
        }
        if !seen.insert((person.id, p.checked_on)) {
            out.push(refuse(outcome, col("idNumber"), "同一居民同一天的结果在表中出现了两次".into()));
            continue;
        }
        let before = existing.get(&(person.id, p.checked_on)).cloned();
        outcome.outcome = if before.is_some() { ImportOutcome::Update } else { ImportOutcome::New };
        if before.is_some() {
            outcome.changes.push("替换当天已有的体检结果".into());
        }
        let link = links.on(person.id, p.checked_on);
        let invitation_id = match (&before, link) {
            (Some(b), _) => b.invitation_id,
            (None, Some(l)) if used_invitations.insert(l.invitation_id) => Some(l.invitation_id),
            _ => None,
        };
        let write = NewResult {
            resident_id: person.id,
            campaign_id: link.map(|l| l.campaign_id),
            invitation_id,
            station_id: link.map(|l| l.station_id),
            checked_on: p.checked_on,
            reading: p.reading,
            source: Source::Import,
        };
        out.push(PlannedRow { outcome, write: Some(write), existing: before });
    }
    Ok((table, out))
}

struct ParsedRow {
    name: String,
    id_number: String,
    checked_on: NaiveDate,
    reading: Reading,
}

/// One row's own checks: the ID number, the day, and the readings' plausibility.
fn parse_row(
    table: &MappedTable,
    data: &DataRow,
    today: NaiveDate,
    col: &dyn Fn(&str) -> String,
) -> std::result::Result<ParsedRow, Vec<ImportCellError>> {
    let mut errors = Vec::new();
    let mut fail = |key: &str, message: String| errors.push(ImportCellError { column: col(key), message });
    let name = clean::compact(table.cell(data, "name")).unwrap_or_default();
    if name.is_empty() {
        fail("name", "请填写姓名".into());
    }
    let id_number = match clean::id_text(table.cell(data, "idNumber")) {
        Ok(Some(text)) => match parse_id_number(&text, today) {
            Ok(id) => Some(id.as_str().to_string()),
            Err(e) => {
                fail("idNumber", e.to_string());
                None
            }
        },
        Ok(None) => {
            fail("idNumber", "请填写身份证号".into());
            None
        }
        Err(e) => {
            fail("idNumber", e.to_string());
            None
        }
    };
    let checked_on = match clean::date(table.cell(data, "checkedOn")) {
        Ok(Some(d)) if d > today => {
            fail("checkedOn", "体检日期不能晚于今天".into());
            None
        }
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            fail("checkedOn", "请填写体检日期".into());
            None
        }
        Err(message) => {
            fail("checkedOn", message);
            None
        }
    };
    let reading = match reading_input(table, data) {
        Ok(input) => match check_reading(&input) {
            Ok(r) if r.is_empty() => {
                fail("systolic", "这一行没有任何测量值".into());
                None
            }
            Ok(r) => Some(r),
            Err(e) => {
                let key = e.field().and_then(|f| FIELD_COLUMNS.iter().find(|(field, _)| *field == f)).map_or("systolic", |(_, k)| k);
                let key = if key == "systolic" && table.has("bloodPressure") && !table.has("systolic") { "bloodPressure" } else { key };
                let key = if key == "diastolic" && table.has("bloodPressure") && !table.has("diastolic") { "bloodPressure" } else { key };
                fail(key, e.to_string());
                None
            }
        },
        Err((key, message)) => {
            fail(key, message);
            None
        }
    };
    match (id_number, checked_on, reading) {
        (Some(id_number), Some(checked_on), Some(reading)) if errors.is_empty() => Ok(ParsedRow { name, id_number, checked_on, reading }),
        _ => Err(errors),
    }
}

/// The units hospitals write after a measurement, by column (compared half-width, lower case).
fn units_of(key: &str) -> &'static [&'static str] {
    match key {
        "bloodPressure" | "systolic" | "diastolic" => &["mmhg", "毫米汞柱"],
        "heartRate" => &["次/分钟", "次/分", "次/min", "bpm", "次"],
        "glucose" | "randomGlucose" => &["mmol/l", "毫摩尔/升"],
        "height" | "waist" => &["cm", "厘米", "公分"],
        "weight" => &["kg", "公斤", "千克"],
        _ => &[],
    }
}

/// The cell's text without its column's unit, half-width and lower case ("１８５／１１２ｍｍＨｇ" →
/// "185/112"). Cells come through `clean::text`, which already maps full-width forms; a value
/// handed in directly is mapped here too.
fn without_unit(text: &str, key: &str) -> String {
    let text: String = text.chars().map(full_width_to_ascii).collect::<String>().to_lowercase();
    let text = text.trim();
    units_of(key).iter().find_map(|u| text.strip_suffix(u)).unwrap_or(text).trim().to_string()
}

/// The number of a measurement cell without its unit ("72次/分" → 72, "6.1 mmol/L" → 6.1), or
/// None when what is left is not a number.
fn measurement(text: &str, key: &str) -> Option<f64> {
    without_unit(text, key).parse::<f64>().ok().filter(|v| v.is_finite())
}

fn not_a_measurement(key: &'static str, text: &str) -> (&'static str, String) {
    let units = units_of(key);
    let hint = if units.is_empty() {
        String::new()
    } else {
        format!("（可带单位，如 {}）", units[0].replace("mmhg", "mmHg").replace("mmol/l", "mmol/L"))
    };
    (key, format!("“{text}”不是测量值，请填写数字{hint}"))
}

/// The readings of a row as the form would send them; "150/95" in a 血压 column is split.
fn reading_input(table: &MappedTable, data: &DataRow) -> std::result::Result<ReadingInput, (&'static str, String)> {
    let number = |key: &'static str| -> std::result::Result<Option<f64>, (&'static str, String)> {
        match clean::text(table.cell(data, key)) {
            None => Ok(None),
            Some(t) => measurement(&t, key).map(Some).ok_or_else(|| not_a_measurement(key, &t)),
        }
    };
    let whole = |v: Option<f64>| v.map(|x| x.round() as i32);
    let (mut systolic, mut diastolic) = (whole(number("systolic")?), whole(number("diastolic")?));
    if let Some(text) = clean::text(table.cell(data, "bloodPressure")) {
        let reading = without_unit(&text, "bloodPressure");
        let parts: Vec<&str> = reading.split('/').map(str::trim).collect();
        match parts.as_slice() {
            [s, d] if s.parse::<i32>().is_ok() && d.parse::<i32>().is_ok() => {
                systolic = systolic.or(s.parse().ok());
                diastolic = diastolic.or(d.parse().ok());
            }
            _ => return Err(("bloodPressure", format!("血压“{text}”无法识别，请写成 150/95（可带单位 mmHg）"))),
        }
    }
    let fasting = number("glucose")?;
    let random = number("randomGlucose")?;
    let (glucose, glucose_kind) = match (fasting, random) {
        (Some(g), _) => (Some(g), Some(GlucoseKind::Fasting)),
        (None, Some(g)) => (Some(g), Some(GlucoseKind::Random)),
        (None, None) => (None, None),
    };
    Ok(ReadingInput {
        systolic,
        diastolic,
        heart_rate: whole(number("heartRate")?),
        glucose,
        glucose_kind,
        height: number("height")?,
        weight: number("weight")?,
        waist: number("waist")?,
        notes: clean::text(table.cell(data, "notes")),
    })
}

/// Stored residents by normalised ID number.
async fn residents_by_id<C: ConnectionTrait>(db: &C, ids: &[String]) -> Result<HashMap<String, resident::Model>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for r in resident::Entity::find().filter(resident::Column::IdNumber.is_in(chunk.iter().cloned())).all(db).await? {
            if let Some(id) = r.id_number.clone() {
                out.insert(id, r);
            }
        }
    }
    Ok(out)
}

async fn existing_results<C: ConnectionTrait>(db: &C, resident_ids: &[i32]) -> Result<HashMap<(i32, NaiveDate), checkup_result::Model>> {
    let mut out = HashMap::new();
    for chunk in resident_ids.chunks(500) {
        for r in checkup_result::Entity::find().filter(checkup_result::Column::ResidentId.is_in(chunk.iter().copied())).all(db).await? {
            out.insert((r.resident_id, r.checked_on), r);
        }
    }
    Ok(out)
}

#[derive(Clone, Copy)]
struct Link {
    campaign_id: i32,
    invitation_id: i32,
    station_id: i32,
}

/// The residents' invitations with their campaigns' days, to join an imported result to the
/// campaign running on its day.
struct CampaignLinks(HashMap<i32, Vec<(NaiveDate, NaiveDate, Link)>>);

impl CampaignLinks {
    async fn load<C: ConnectionTrait>(db: &C, resident_ids: &[i32]) -> Result<CampaignLinks> {
        let campaigns: HashMap<i32, checkup_campaign::Model> =
            checkup_campaign::Entity::find().all(db).await?.into_iter().map(|c| (c.id, c)).collect();
        let mut out: HashMap<i32, Vec<(NaiveDate, NaiveDate, Link)>> = HashMap::new();
        for chunk in resident_ids.chunks(500) {
            for i in checkup_invitation::Entity::find()
                .filter(checkup_invitation::Column::ResidentId.is_in(chunk.iter().copied()))
                .all(db)
                .await?
            {
                if let Some(c) = campaigns.get(&i.campaign_id) {
                    let link = Link { campaign_id: c.id, invitation_id: i.id, station_id: c.station_id };
                    out.entry(i.resident_id).or_default().push((c.first_day, c.last_day, link));
                }
            }
        }
        Ok(CampaignLinks(out))
    }

    fn on(&self, resident_id: i32, day: NaiveDate) -> Option<Link> {
        self.0.get(&resident_id)?.iter().find(|(first, last, _)| *first <= day && day <= *last).map(|(_, _, l)| *l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measurements_are_read_with_the_units_hospitals_write() {
        let cases: &[(&str, &[&str], f64)] = &[
            ("systolic", &["185", "185mmHg", "185 mmHg", "185MMHG", "１８５ｍｍＨｇ", "185 毫米汞柱"], 185.0),
            ("diastolic", &["112mmHg", "１１２", "112　mmHg"], 112.0),
            ("heartRate", &["72", "72次/分", "72 次/分", "72次/分钟", "72bpm", "72 BPM", "７２ｂｐｍ", "72次"], 72.0),
            ("glucose", &["6.1", "6.1mmol/L", "6.1 mmol/l", "６.１ｍｍｏｌ／Ｌ", "6.1毫摩尔/升"], 6.1),
            ("randomGlucose", &["11.2mmol/L"], 11.2),
            ("height", &["160", "160cm", "160 CM", "１６０ｃｍ", "160厘米", "160公分"], 160.0),
            ("weight", &["64", "64kg", "64 KG", "６４ｋｇ", "64公斤", "64 千克"], 64.0),
            ("waist", &["80cm", "80厘米", "８０ｃｍ"], 80.0),
        ];
        for (key, texts, value) in cases {
            for text in *texts {
                assert_eq!(measurement(text, key), Some(*value), "{key}: {text}");
            }
        }
    }

    #[test]
    fn other_text_and_another_column_s_unit_are_refused_naming_the_column() {
        for (key, text) in [
            ("heartRate", "七十二"),
            ("heartRate", "72kg"),
            ("weight", "64cm"),
            ("height", "未测"),
            ("glucose", "6.1mmHg"),
            ("waist", "80kg/"),
        ] {
            assert_eq!(measurement(text, key), None, "{key}: {text}");
            let (column, message) = not_a_measurement(key, text);
            assert_eq!(column, key);
            assert!(message.contains(text) && message.contains("不是测量值"), "{message}");
        }
        assert!(not_a_measurement("heartRate", "x").1.contains("次/分"));
        assert!(not_a_measurement("glucose", "x").1.contains("mmol/L"));
    }
}
