//! Check-up results: the readings entered for an invitee (or imported), the flags computed from
//! them with the thresholds in force, and the follow-up tasks the rules call for, all in one
//! transaction.

use super::campaigns::find_campaign;
use super::flags::{flags, Flags};
use super::followup_rules::{tasks_after_reading, Condition, NewTask, PreviousControl};
use super::invitations::{find_invitation, InvitationStatus};
use super::readings::{check_reading, Reading, ReadingInput};
use super::threshold_sets::{self, current};
use super::thresholds::Thresholds;
use super::{TaskStatus, ENTER_RESULTS, VALUE_READERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::db::entity::{checkup_result, followup_record, followup_task, health_condition, threshold_set};
use crate::error::{Error, Result};
use crate::Desk;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TryIntoModel};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// A stored result with its flags, as health staff see it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultView {
    pub id: i32,
    pub resident_id: i32,
    pub invitation_id: Option<i32>,
    pub checked_on: NaiveDate,
    pub reading: Reading,
    pub flags: Flags,
    /// The threshold version the flags were computed with ("第 1 版").
    pub threshold_version: String,
    /// Open follow-up tasks this result created.
    pub tasks: Vec<NewTask>,
}

/// Where a result came from: typed in, or the hospital's sheet.
pub(crate) enum Source {
    Entry,
    Import,
}

impl Source {
    fn code(&self) -> &'static str {
        match self {
            Source::Entry => "entry",
            Source::Import => "import",
        }
    }
}

pub(crate) struct NewResult {
    pub resident_id: i32,
    pub campaign_id: Option<i32>,
    pub invitation_id: Option<i32>,
    pub station_id: Option<i32>,
    pub checked_on: NaiveDate,
    pub reading: Reading,
    pub source: Source,
}

/// Saves (or corrects) the readings of an invitee. The invitee is signed in if not yet, the date
/// is today, and the follow-ups are scheduled from the new flags.
pub async fn save_result(desk: &Desk, actor: &Actor, invitation_id: i32, input: ReadingInput) -> Result<ResultView> {
    let user = authorize_any(desk, actor, &VALUE_READERS, ENTER_RESULTS).await?;
    let reading = check_reading(&input)?;
    if reading.is_empty() {
        return Err(Error::invalid("required", "systolic", "请至少填写一项测量值"));
    }
    let txn = desk.begin_write().await?;
    let inv = find_invitation(&txn, invitation_id).await?;
    let c = find_campaign(&txn, inv.campaign_id).await?;
    let today = desk.clock().today();
    if today < c.first_day {
        return Err(Error::conflict("id", format!("{}还没有开始，不能录入结果", c.name)));
    }
    let now = desk.clock().now();
    if inv.signed_in_at.is_none() {
        let mut m: crate::db::entity::checkup_invitation::ActiveModel = inv.clone().into();
        m.signed_in_at = Set(Some(now));
        m.signed_in_by = Set(Some(user.id));
        m.status = Set(InvitationStatus::SignedIn);
        m.update(&txn).await?;
    }
    let existing = checkup_result::Entity::find().filter(checkup_result::Column::InvitationId.eq(inv.id)).one(&txn).await?;
    let checked_on = existing.as_ref().map_or(today.min(c.last_day), |r| r.checked_on);
    let new = NewResult {
        resident_id: inv.resident_id,
        campaign_id: Some(c.id),
        invitation_id: Some(inv.id),
        station_id: Some(c.station_id),
        checked_on,
        reading,
        source: Source::Entry,
    };
    let saved = store(&txn, now, Some(user.id), new, existing).await?;
    audit::record_by(
        desk,
        &txn,
        actor,
        Entry::new(Action::CheckupResultSaved).on("checkup_result", saved.id).detail(format!("居民编号 {}", saved.resident_id)),
    )
    .await?;
    let view = view_of(&txn, saved).await?;
    txn.commit().await?;
    Ok(view)
}

/// The result of an invitee, if entered.
pub async fn result_of_invitation(desk: &Desk, actor: &Actor, invitation_id: i32) -> Result<Option<ResultView>> {
    authorize_any(desk, actor, &VALUE_READERS, super::SEE_VALUES).await?;
    match checkup_result::Entity::find().filter(checkup_result::Column::InvitationId.eq(invitation_id)).one(desk.db()).await? {
        Some(r) => Ok(Some(view_of(desk.db(), r).await?)),
        None => Ok(None),
    }
}

/// Writes a result with its flags, then replaces the open tasks it had created by those its new
/// flags call for.
pub(crate) async fn store<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    by: Option<i32>,
    new: NewResult,
    existing: Option<checkup_result::Model>,
) -> Result<checkup_result::Model> {
    let (set_id, t) = current(db, now).await?;
    let f = flags(&new.reading, &t);
    let r = &new.reading;
    let mut m: checkup_result::ActiveModel = match existing {
        Some(e) => e.into(),
        None => checkup_result::ActiveModel { recorded_at: Set(now), recorded_by: Set(by), ..Default::default() },
    };
    m.resident_id = Set(new.resident_id);
    m.campaign_id = Set(new.campaign_id);
    m.invitation_id = Set(new.invitation_id);
    m.station_id = Set(new.station_id);
    m.checked_on = Set(new.checked_on);
    m.systolic = Set(r.systolic);
    m.diastolic = Set(r.diastolic);
    m.heart_rate = Set(r.heart_rate);
    m.glucose_x10 = Set(r.glucose_x10);
    m.glucose_kind = Set(r.glucose_kind);
    m.height_x10 = Set(r.height_x10);
    m.weight_x10 = Set(r.weight_x10);
    m.waist_x10 = Set(r.waist_x10);
    m.bmi_x10 = Set(f.bmi_x10);
    m.notes = Set(r.notes.clone());
    m.bp_grade = Set(f.bp_grade);
    m.glucose_class = Set(f.glucose_class);
    m.bmi_class = Set(f.bmi_class);
    m.bp_uncontrolled = Set(f.bp_uncontrolled);
    m.glucose_uncontrolled = Set(f.glucose_uncontrolled);
    m.urgent = Set(f.urgent);
    m.threshold_set_id = Set(set_id);
    m.source = Set(new.source.code().into());
    m.updated_at = Set(now);
    let saved = m.save(db).await?.try_into_model()?;
    followup_task::Entity::delete_many()
        .filter(followup_task::Column::SourceResultId.eq(saved.id))
        .filter(followup_task::Column::Status.eq(TaskStatus::Open.as_str()))
        .exec(db)
        .await?;
    let previous = previous_control(db, saved.resident_id, saved.checked_on, Reference::Result(saved.id)).await?;
    let conditions = conditions_of(db, saved.resident_id).await?;
    for task in tasks_after_reading(saved.checked_on, &f, &conditions, previous, &t) {
        insert_task(db, saved.resident_id, &task, Some(saved.id), None, now).await?;
    }
    Ok(saved)
}

pub(crate) async fn insert_task<C: ConnectionTrait>(
    db: &C,
    resident_id: i32,
    task: &NewTask,
    result_id: Option<i32>,
    record_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<followup_task::Model> {
    Ok(followup_task::ActiveModel {
        resident_id: Set(resident_id),
        kind: Set(task.kind),
        due_on: Set(task.due_on),
        reason: Set(task.reason.clone()),
        status: Set(TaskStatus::Open),
        source_result_id: Set(result_id),
        source_record_id: Set(record_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The reading a previous-control question is asked for, so it does not count itself.
pub(crate) enum Reference {
    Result(i32),
    Record(i32),
}

/// Whether the resident's latest earlier blood pressure, and latest earlier glucose, were not
/// controlled: from check-ups and follow-ups alike, on or before `on`, this reading excluded.
pub(crate) async fn previous_control<C: ConnectionTrait>(
    db: &C,
    resident_id: i32,
    on: NaiveDate,
    this: Reference,
) -> Result<PreviousControl> {
    // (date, order within a day, bp measured, bp uncontrolled, glucose measured, glucose uncontrolled)
    let mut readings: Vec<(NaiveDate, i64, Option<bool>, Option<bool>)> = Vec::new();
    for r in checkup_result::Entity::find()
        .filter(checkup_result::Column::ResidentId.eq(resident_id))
        .filter(checkup_result::Column::CheckedOn.lte(on))
        .all(db)
        .await?
    {
        if matches!(this, Reference::Result(id) if id == r.id) {
            continue;
        }
        readings.push((
            r.checked_on,
            i64::from(r.id),
            r.systolic.map(|_| r.bp_uncontrolled),
            r.glucose_x10.map(|_| r.glucose_uncontrolled),
        ));
    }
    for r in followup_record::Entity::find()
        .filter(followup_record::Column::ResidentId.eq(resident_id))
        .filter(followup_record::Column::FollowedOn.lte(on))
        .all(db)
        .await?
    {
        if matches!(this, Reference::Record(id) if id == r.id) {
            continue;
        }
        // Follow-ups come after a same-day check-up.
        readings.push((
            r.followed_on,
            (1 << 40) + i64::from(r.id),
            r.systolic.map(|_| r.bp_uncontrolled),
            r.glucose_x10.map(|_| r.glucose_uncontrolled),
        ));
    }
    readings.sort_by_key(|(d, order, ..)| (*d, *order));
    Ok(PreviousControl {
        bp_uncontrolled: readings.iter().rev().find_map(|r| r.2).unwrap_or(false),
        glucose_uncontrolled: readings.iter().rev().find_map(|r| r.3).unwrap_or(false),
    })
}

/// The resident's known chronic conditions.
pub(crate) async fn conditions_of<C: ConnectionTrait>(db: &C, resident_id: i32) -> Result<Vec<Condition>> {
    let rows = health_condition::Entity::find().filter(health_condition::Column::ResidentId.eq(resident_id)).all(db).await?;
    Ok(rows.iter().map(|c| c.condition).collect())
}

/// The stored reading of a result.
pub(crate) fn reading_of(r: &checkup_result::Model) -> Reading {
    Reading {
        systolic: r.systolic,
        diastolic: r.diastolic,
        heart_rate: r.heart_rate,
        glucose_x10: r.glucose_x10,
        glucose_kind: r.glucose_kind,
        height_x10: r.height_x10,
        weight_x10: r.weight_x10,
        waist_x10: r.waist_x10,
        notes: r.notes.clone(),
    }
}

/// Threshold versions by id, parsed once for a list.
pub(crate) async fn threshold_versions<C: ConnectionTrait>(db: &C) -> Result<HashMap<i32, (String, Thresholds)>> {
    let rows = threshold_set::Entity::find().order_by_asc(threshold_set::Column::Id).all(db).await?;
    let mut out = HashMap::new();
    for row in rows {
        let t = threshold_sets::parse(&row)?;
        out.insert(row.id, (row.version, t));
    }
    Ok(out)
}

async fn view_of<C: ConnectionTrait>(db: &C, r: checkup_result::Model) -> Result<ResultView> {
    let versions = threshold_versions(db).await?;
    let tasks = followup_task::Entity::find()
        .filter(followup_task::Column::SourceResultId.eq(r.id))
        .filter(followup_task::Column::Status.eq(TaskStatus::Open.as_str()))
        .all(db)
        .await?;
    Ok(view(r, &versions, tasks))
}

/// A result as shown: its flags are recomputed with the version it was stored with, which gives
/// the same classes and the reasons in words.
pub(crate) fn view(
    r: checkup_result::Model,
    versions: &HashMap<i32, (String, Thresholds)>,
    tasks: Vec<followup_task::Model>,
) -> ResultView {
    let reading = reading_of(&r);
    let (version, t) = versions.get(&r.threshold_set_id).cloned().unwrap_or_else(|| (String::new(), Thresholds::default()));
    let tasks = tasks.into_iter().map(|t| NewTask { kind: t.kind, due_on: t.due_on, reason: t.reason }).collect();
    ResultView {
        id: r.id,
        resident_id: r.resident_id,
        invitation_id: r.invitation_id,
        checked_on: r.checked_on,
        flags: flags(&reading, &t),
        reading,
        threshold_version: version,
        tasks,
    }
}
