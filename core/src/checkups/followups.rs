//! Follow-ups: the open tasks (urgent first, then overdue, then by due date), the urgent alerts of
//! the home page, recording what was done (which closes the task and schedules the next one by the
//! rules), and residents' known chronic conditions.

use super::flags::{flags, Flags};
use super::followup_rules::{routine_task, tasks_after_reading, Condition, FollowupMethod, NewTask, TaskKind};
use super::invitations::{people_of, PersonLine};
use super::readings::{check_reading, ReadingInput};
use super::results::{conditions_of, insert_task, previous_control, Reference};
use super::threshold_sets::current;
use super::{TaskStatus, ENTER_RESULTS, VALUE_READERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor};
use crate::clock::{day_text, local};
use crate::db::entity::{followup_record, followup_task, health_condition, resident};
use crate::error::{Error, Result};
use crate::residents::eligibility::may_receive_service;
use crate::{validate, Desk};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// How far ahead the task list looks by default: this week.
pub const DEFAULT_DUE_WITHIN: u32 = 7;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskRow {
    pub id: i32,
    pub person: PersonLine,
    pub kind: TaskKind,
    pub kind_label: String,
    pub due_on: NaiveDate,
    pub reason: String,
    /// An urgent referral or a referral: shown on the home page until handled.
    pub urgent: bool,
    pub overdue: bool,
    /// Days past the due date (0 when not overdue), so "已逾期 62 天" is said, not left to be
    /// worked out from a date.
    pub overdue_days: u32,
    /// The full phone, because 电话 is a way of following up: only on the task list and the
    /// 随访任务单, both audited, never on the home page's alerts.
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowupInput {
    pub resident_id: i32,
    /// The task this follow-up answers, closed by it.
    pub task_id: Option<i32>,
    pub followed_on: NaiveDate,
    pub method: FollowupMethod,
    pub reading: ReadingInput,
    /// What was done or found ("已转诊至孝义市中心医院", "血压控制满意，继续服药").
    pub outcome: String,
    /// The next follow-up agreed with the resident, if any.
    pub next_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowupSaved {
    pub record_id: i32,
    pub resident_id: i32,
    pub followed_on: NaiveDate,
    pub closed_task_id: Option<i32>,
    pub flags: Flags,
    /// The tasks scheduled from this follow-up.
    pub next_tasks: Vec<NewTask>,
}

/// Open tasks due within `due_within` days from today (overdue ones included), urgent first, then
/// overdue, then by due date, with full phones. Audited: the list names readings and phones.
pub async fn open_tasks(desk: &Desk, actor: &Actor, due_within: Option<u32>) -> Result<Vec<TaskRow>> {
    let rows = open_task_rows(desk, actor, due_within).await?;
    let detail = format!("{} 项（含完整电话）", rows.len());
    audit::record_by(desk, desk.db(), actor, Entry::new(Action::FollowupTasksViewed).detail(detail)).await?;
    Ok(rows)
}

/// [`open_tasks`] without its audit row, for the printout, which records its own.
pub(crate) async fn open_task_rows(desk: &Desk, actor: &Actor, due_within: Option<u32>) -> Result<Vec<TaskRow>> {
    authorize_any(desk, actor, &VALUE_READERS, super::SEE_VALUES).await?;
    let today = desk.clock().today();
    let until = today + Duration::days(i64::from(due_within.unwrap_or(DEFAULT_DUE_WITHIN).min(366)));
    let rows = followup_task::Entity::find()
        .filter(followup_task::Column::Status.eq(TaskStatus::Open.as_str()))
        .filter(followup_task::Column::DueOn.lte(until))
        .all(desk.db())
        .await?;
    task_rows(desk.db(), rows, today, Phones::Full).await
}

/// Urgent referrals and referrals not yet handled, for the home page. Roles that may not see
/// health data get none: an alert names the reading.
pub async fn urgent_alerts(desk: &Desk, actor: &Actor) -> Result<Vec<TaskRow>> {
    let user = current_user(desk, actor).await?;
    if !VALUE_READERS.contains(&user.role) {
        return Ok(Vec::new());
    }
    let rows = followup_task::Entity::find()
        .filter(followup_task::Column::Status.eq(TaskStatus::Open.as_str()))
        .filter(followup_task::Column::Kind.is_in([TaskKind::UrgentReferral.as_str(), TaskKind::Referral.as_str()]))
        .all(desk.db())
        .await?;
    task_rows(desk.db(), rows, desk.clock().today(), Phones::None).await
}

/// Whether task rows carry the residents' full phones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phones {
    Full,
    None,
}

pub(crate) async fn task_rows<C: ConnectionTrait>(
    db: &C,
    rows: Vec<followup_task::Model>,
    today: NaiveDate,
    phones: Phones,
) -> Result<Vec<TaskRow>> {
    let ids: Vec<i32> = rows.iter().map(|t| t.resident_id).collect();
    let people = people_of(db, &ids, today).await?;
    let numbers = if phones == Phones::Full { phones_of(db, &ids).await? } else { HashMap::new() };
    let mut out: Vec<TaskRow> = rows
        .into_iter()
        .filter_map(|t| {
            let kind = t.kind;
            Some(TaskRow {
                id: t.id,
                person: people.get(&t.resident_id)?.clone(),
                kind,
                kind_label: kind.label().into(),
                due_on: t.due_on,
                reason: t.reason,
                urgent: matches!(kind, TaskKind::UrgentReferral | TaskKind::Referral),
                overdue: t.due_on < today,
                overdue_days: u32::try_from((today - t.due_on).num_days()).unwrap_or(0),
                phone: numbers.get(&t.resident_id).cloned(),
            })
        })
        .collect();
    out.sort_by(|a, b| (!a.urgent, !a.overdue, a.due_on, &a.person.name).cmp(&(!b.urgent, !b.overdue, b.due_on, &b.person.name)));
    Ok(out)
}

async fn phones_of<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<HashMap<i32, String>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows: Vec<(i32, Option<String>)> = resident::Entity::find()
            .select_only()
            .columns([resident::Column::Id, resident::Column::Phone])
            .filter(resident::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().filter_map(|(id, phone)| Some((id, phone.filter(|p| !p.trim().is_empty())?))));
    }
    Ok(out)
}

/// Records a follow-up: checks the readings, closes the task it answers, and schedules what the
/// rules call for (an agreed next date replaces a routine or recheck date).
pub async fn record(desk: &Desk, actor: &Actor, input: FollowupInput) -> Result<FollowupSaved> {
    let user = authorize_any(desk, actor, &VALUE_READERS, ENTER_RESULTS).await?;
    let txn = desk.begin_write().await?;
    let saved = record_in(&txn, desk.clock().now(), user.id, input).await?;
    let detail = format!("居民编号 {}，{}", saved.resident_id, day_text(saved.followed_on));
    audit::record_by(desk, &txn, actor, Entry::new(Action::FollowupRecorded).on("followup_record", saved.record_id).detail(detail)).await?;
    txn.commit().await?;
    Ok(saved)
}

/// [`record`] inside the caller's transaction, by `user_id` at `now` (the demo writes its
/// follow-ups this way).
pub(crate) async fn record_in<C: ConnectionTrait>(
    txn: &C,
    now: DateTime<Utc>,
    user_id: i32,
    input: FollowupInput,
) -> Result<FollowupSaved> {
    let reading = check_reading(&input.reading)?;
    let outcome = validate::name(&input.outcome, "outcome", "随访结果", 500)?;
    let today = local(now).date_naive();
    if input.followed_on > today {
        return Err(Error::invalid("future_date", "followedOn", "随访日期不能晚于今天"));
    }
    if input.next_on.is_some_and(|n| n <= input.followed_on) {
        return Err(Error::invalid("invalid_next", "nextOn", "下次随访日期要晚于本次随访日期"));
    }
    let allowed = may_receive_service(txn, input.resident_id, input.followed_on).await?;
    if !allowed.allowed {
        return Err(Error::invalid("not_eligible", "residentId", allowed.reason.unwrap_or_default()));
    }
    let task = match input.task_id {
        Some(id) => {
            let t = followup_task::Entity::find_by_id(id).one(txn).await?.ok_or(Error::NotFound { what: "随访任务" })?;
            if t.resident_id != input.resident_id {
                return Err(Error::invalid("other_resident", "taskId", "这条随访任务属于另一位居民"));
            }
            if t.status != TaskStatus::Open {
                return Err(Error::conflict("taskId", "这条随访任务已经处理过了"));
            }
            Some(t)
        }
        None => None,
    };
    let (set_id, t) = current(txn, now).await?;
    let f = flags(&reading, &t);
    let saved = followup_record::ActiveModel {
        resident_id: Set(input.resident_id),
        task_id: Set(task.as_ref().map(|t| t.id)),
        followed_on: Set(input.followed_on),
        method: Set(input.method),
        systolic: Set(reading.systolic),
        diastolic: Set(reading.diastolic),
        heart_rate: Set(reading.heart_rate),
        glucose_x10: Set(reading.glucose_x10),
        glucose_kind: Set(reading.glucose_kind),
        bp_grade: Set(f.bp_grade),
        glucose_class: Set(f.glucose_class),
        bp_uncontrolled: Set(f.bp_uncontrolled),
        glucose_uncontrolled: Set(f.glucose_uncontrolled),
        urgent: Set(f.urgent),
        threshold_set_id: Set(set_id),
        outcome: Set(outcome),
        next_on: Set(input.next_on),
        recorded_at: Set(now),
        recorded_by: Set(Some(user_id)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if let Some(task) = &task {
        let mut m: followup_task::ActiveModel = task.clone().into();
        m.status = Set(TaskStatus::Done);
        m.closed_at = Set(Some(now));
        m.closed_by = Set(Some(user_id));
        m.closed_record_id = Set(Some(saved.id));
        m.update(txn).await?;
    }
    let previous = previous_control(txn, input.resident_id, input.followed_on, Reference::Record(saved.id)).await?;
    let conditions = conditions_of(txn, input.resident_id).await?;
    let mut next = tasks_after_reading(input.followed_on, &f, &conditions, previous, &t);
    if let Some(agreed) = input.next_on {
        agree_next_date(&mut next, agreed);
    }
    for task in &next {
        insert_task(txn, input.resident_id, task, None, Some(saved.id), now).await?;
    }
    Ok(FollowupSaved {
        record_id: saved.id,
        resident_id: input.resident_id,
        followed_on: input.followed_on,
        closed_task_id: task.map(|t| t.id),
        flags: f,
        next_tasks: next,
    })
}

/// An agreed next date replaces the due date of routine and recheck tasks, or becomes a recheck
/// of its own when the rules scheduled nothing; referrals keep their date (today).
fn agree_next_date(next: &mut Vec<NewTask>, agreed: NaiveDate) {
    if next.is_empty() {
        next.push(NewTask { kind: TaskKind::Recheck, due_on: agreed, reason: "按约定日期随访".into() });
        return;
    }
    for task in next.iter_mut().filter(|t| !matches!(t.kind, TaskKind::UrgentReferral | TaskKind::Referral)) {
        task.due_on = agreed;
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConditionEntry {
    pub condition: Condition,
    pub since: Option<NaiveDate>,
}

/// Sets a resident's known chronic conditions. A newly known condition without an open routine
/// task gets one, due today, so the quarterly follow-ups start.
pub async fn set_conditions(desk: &Desk, actor: &Actor, resident_id: i32, entries: Vec<ConditionEntry>) -> Result<Vec<ConditionEntry>> {
    let user = authorize_any(desk, actor, &VALUE_READERS, ENTER_RESULTS).await?;
    let today = desk.clock().today();
    if entries.iter().any(|e| e.since.is_some_and(|s| s > today)) {
        return Err(Error::invalid("future_date", "since", "确诊日期不能晚于今天"));
    }
    let txn = desk.begin_write().await?;
    let before = conditions_of(&txn, resident_id).await?;
    health_condition::Entity::delete_many().filter(health_condition::Column::ResidentId.eq(resident_id)).exec(&txn).await?;
    let now = desk.clock().now();
    let mut kept = Vec::new();
    for e in entries {
        if kept.iter().any(|k: &ConditionEntry| k.condition == e.condition) {
            continue;
        }
        health_condition::ActiveModel {
            resident_id: Set(resident_id),
            condition: Set(e.condition),
            since: Set(e.since),
            source: Set("manual".into()),
            created_at: Set(now),
            created_by: Set(Some(user.id)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if !before.contains(&e.condition) {
            let (_, t) = current(&txn, now).await?;
            let mut task = routine_task(e.condition, today, &t);
            task.due_on = today;
            insert_task(&txn, resident_id, &task, None, None, now).await?;
        }
        kept.push(e);
    }
    let detail = kept.iter().map(|k| k.condition.label()).collect::<Vec<_>>().join("、");
    audit::record_by(desk, &txn, actor, Entry::new(Action::HealthConditionsSet).on("resident", resident_id).detail(detail)).await?;
    txn.commit().await?;
    Ok(kept)
}
