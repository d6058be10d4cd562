//! The desk (签到签退): children signed in on arrival and handed only to a person their guardians
//! authorised. A refused pick-up is recorded (who tried, when, why) before the refusal is
//! returned; absences are recorded ahead; the day closes only when no child is still in.

mod actions;
pub use actions::{close_day, record_absence, refusals, scan, sign_in, sign_out, AbsenceInput, DeskScan, RefusalRow, SignOutInput};

use super::enrolment::{end_departed, find_enrolment};
use super::model::{EnrolmentStatus, PickupStatus};
use super::pickup::{persons_with_cards, unrevoked_cards, PickupPerson};
use super::programs::{closed_between, find_program, open_on, opens_on};
use super::{STAFF, WORK_DESK};
use crate::auth::{authorize_any, Actor};
use crate::canteen::model::parse_time;
use crate::clock::local;
use crate::db::entity::{childcare_attendance, childcare_day_closing, childcare_enrolment, childcare_program, resident};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::Desk;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

pub const ABSENCE_STREAK_FLAG: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DayState {
    /// Expected and not yet come.
    NotArrived,
    Absent,
    In,
    Left,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskChild {
    pub enrolment_id: i32,
    pub name: String,
    pub age: Option<u32>,
    pub school: String,
    pub class_name: String,
    pub allergies: String,
    pub state: DayState,
    /// "16:32"
    pub arrived_at: Option<String>,
    pub arrival_mode_label: Option<String>,
    pub left_at: Option<String>,
    /// Who took the child, or "自行回家".
    pub left_with: Option<String>,
    pub late: bool,
    pub absence_label: Option<String>,
    /// Consecutive absences on the open days before today (flagged from 3).
    pub absence_streak: u32,
    pub flagged: bool,
    /// May go home alone today (written permission and old enough).
    pub may_go_alone: bool,
    /// The child's own sign-in card in use, once printed.
    pub card_id: Option<i32>,
    pub persons: Vec<PickupPerson>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskDay {
    pub program_id: i32,
    pub program: String,
    pub date: NaiveDate,
    /// Why the program does not open that day, if it does not.
    pub closed_reason: Option<String>,
    pub children: Vec<DeskChild>,
    /// From the program's call time: children neither in nor excused, to call their guardians.
    pub missing_call: bool,
    /// Once `missing_call`: the children not come and not excused, with whom to call.
    pub to_call: Vec<CallLine>,
    pub day_closed: bool,
}

/// A child the desk must ask about, with the phones of those who may pick the child up (never a
/// barred person's).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallLine {
    pub enrolment_id: i32,
    pub name: String,
    pub state: DayState,
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub name: String,
    pub relationship: String,
    pub phone: String,
}

/// The children in `state`, each with the persons to call.
pub(crate) fn call_lines(children: &[DeskChild], state: DayState) -> Vec<CallLine> {
    children
        .iter()
        .filter(|c| c.state == state)
        .map(|c| CallLine {
            enrolment_id: c.enrolment_id,
            name: c.name.clone(),
            state: c.state,
            contacts: c
                .persons
                .iter()
                .filter(|p| p.active && p.status != PickupStatus::Barred && !p.phone.trim().is_empty())
                .map(|p| Contact { name: p.name.clone(), relationship: p.relationship.clone(), phone: p.phone.clone() })
                .collect(),
        })
        .collect()
}

pub async fn desk_day(desk: &Desk, actor: &Actor, program_id: i32, date: NaiveDate) -> Result<DeskDay> {
    authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    let program = find_program(desk.db(), program_id).await?;
    end_departed(desk, actor, program_id).await?;
    let closed_reason = open_on(desk.db(), &program, date).await?.err();
    let enrolments = enrolled_on(desk.db(), program_id, date).await?;
    let children = children_of(desk.db(), &program, enrolments, date).await?;
    let now = local(desk.clock().now());
    let call_at = parse_time(&program.missing_call_at, "missingCallAt", "未到提醒时间")?;
    let today = now.date_naive();
    let missing_call = date < today || (date == today && now.time() >= call_at);
    let day_closed = closing(desk.db(), program_id, date).await?.is_some();
    let to_call = if missing_call && closed_reason.is_none() { call_lines(&children, DayState::NotArrived) } else { Vec::new() };
    Ok(DeskDay { program_id, program: program.name, date, closed_reason, children, missing_call, to_call, day_closed })
}

async fn enrolled_on<C: ConnectionTrait>(db: &C, program_id: i32, day: NaiveDate) -> Result<Vec<childcare_enrolment::Model>> {
    enrolled_between(db, program_id, day, day).await
}

/// Enrolments (not the waiting list) in force on some day from `from` to `to`.
pub(crate) async fn enrolled_between<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<childcare_enrolment::Model>> {
    let rows = childcare_enrolment::Entity::find()
        .filter(childcare_enrolment::Column::ProgramId.eq(program_id))
        .filter(childcare_enrolment::Column::Status.ne(EnrolmentStatus::Waiting.as_str()))
        .filter(childcare_enrolment::Column::StartDate.lte(to))
        .order_by_asc(childcare_enrolment::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter(|e| e.end_date.is_none_or(|end| from <= end)).collect())
}

async fn children_of<C: ConnectionTrait>(
    db: &C,
    program: &childcare_program::Model,
    enrolments: Vec<childcare_enrolment::Model>,
    day: NaiveDate,
) -> Result<Vec<DeskChild>> {
    let ids: Vec<i32> = enrolments.iter().map(|e| e.id).collect();
    let people: HashMap<i32, resident::Model> = resident::Entity::find()
        .filter(resident::Column::Id.is_in(enrolments.iter().map(|e| e.resident_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let open_days = recent_open_days(db, program, day, 10).await?;
    // The streak looks back over the recent open days only, not the child's whole history.
    let since = open_days.iter().copied().min().unwrap_or(day).min(day);
    let mut by_enrolment: HashMap<i32, Vec<childcare_attendance::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let attendance = childcare_attendance::Entity::find()
            .filter(childcare_attendance::Column::EnrolmentId.is_in(chunk.iter().copied()))
            .filter(childcare_attendance::Column::Day.between(since, day))
            .order_by_desc(childcare_attendance::Column::Day)
            .all(db)
            .await?;
        for a in attendance {
            by_enrolment.entry(a.enrolment_id).or_default().push(a);
        }
    }
    let cards = unrevoked_cards(db, &ids).await?;
    let mut persons_by = persons_with_cards(db, &ids, &cards).await?;
    let mut child_cards: HashMap<i32, i32> = HashMap::new();
    for c in cards.iter().filter(|c| c.pickup_person_id.is_none()) {
        let newest = child_cards.entry(c.enrolment_id).or_insert(c.id);
        *newest = (*newest).max(c.id);
    }
    let mut out = Vec::with_capacity(enrolments.len());
    for e in enrolments {
        let Some(child) = people.get(&e.resident_id) else { continue };
        let days = by_enrolment.remove(&e.id).unwrap_or_default();
        let persons = persons_by.remove(&e.id).unwrap_or_default();
        let names: HashMap<i32, String> = persons.iter().map(|p| (p.id, p.name.clone())).collect();
        let mut row = child_row(program, &e, child, &days, &open_days, day, persons, &names);
        row.card_id = child_cards.get(&e.id).copied();
        out.push(row);
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn child_row(
    program: &childcare_program::Model,
    e: &childcare_enrolment::Model,
    child: &resident::Model,
    days: &[childcare_attendance::Model],
    open_days: &[NaiveDate],
    day: NaiveDate,
    persons: Vec<PickupPerson>,
    names: &HashMap<i32, String>,
) -> DeskChild {
    let today = days.iter().find(|a| a.day == day);
    let state = match today {
        Some(a) if a.left_at.is_some() => DayState::Left,
        Some(a) if a.arrived_at.is_some() => DayState::In,
        Some(a) if a.absence_reason.is_some() => DayState::Absent,
        _ => DayState::NotArrived,
    };
    // Absent on an open day: excused, or never came (a day of the past without a row).
    let streak = open_days
        .iter()
        .filter(|d| **d < day && **d >= e.start_date)
        .take_while(|d| days.iter().find(|a| a.day == **d).is_none_or(|a| a.arrived_at.is_none()))
        .count() as u32;
    let age = age_on(child.birth_date, day);
    let hm = |t: Option<DateTime<Utc>>| t.map(|t| local(t).format("%H:%M").to_string());
    DeskChild {
        enrolment_id: e.id,
        name: child.name.clone(),
        age,
        school: e.school.clone(),
        class_name: e.class_name.clone(),
        allergies: e.allergies.clone(),
        state,
        arrived_at: hm(today.and_then(|a| a.arrived_at)),
        arrival_mode_label: today.and_then(|a| a.arrival_mode).map(|m| m.label().to_string()),
        left_at: hm(today.and_then(|a| a.left_at)),
        left_with: today.and_then(|a| {
            if a.left_alone {
                Some("自行回家".to_string())
            } else {
                a.pickup_person_id.and_then(|p| names.get(&p).cloned())
            }
        }),
        late: today.is_some_and(|a| a.late),
        absence_label: today.and_then(|a| a.absence_reason).map(|r| r.label().to_string()),
        absence_streak: streak,
        flagged: streak >= ABSENCE_STREAK_FLAG,
        may_go_alone: e.self_home_permitted_on.is_some_and(|d| d <= day) && age.is_some_and(|a| a as i32 >= program.self_home_min_age),
        card_id: None,
        persons,
    }
}

/// The program's open days before `day` (newest first), at most `n`, looking back two months.
async fn recent_open_days<C: ConnectionTrait>(db: &C, p: &childcare_program::Model, day: NaiveDate, n: usize) -> Result<Vec<NaiveDate>> {
    let from = day - chrono::Duration::days(62);
    let closed = closed_between(db, p.id, from, day).await?;
    let mut out = Vec::new();
    let mut d = day;
    while out.len() < n {
        d = match d.pred_opt() {
            Some(prev) if prev >= from => prev,
            _ => break,
        };
        if opens_on(p, d) && !closed.contains(&d) {
            out.push(d);
        }
    }
    Ok(out)
}

async fn closing<C: ConnectionTrait>(db: &C, program_id: i32, day: NaiveDate) -> Result<Option<childcare_day_closing::Model>> {
    Ok(childcare_day_closing::Entity::find()
        .filter(childcare_day_closing::Column::ProgramId.eq(program_id))
        .filter(childcare_day_closing::Column::Day.eq(day))
        .one(db)
        .await?)
}

/// The enrolment, in force and on an open day of its program, or the reason why not.
async fn child_today(desk: &Desk, enrolment_id: i32) -> Result<DeskChild> {
    child_on(desk, enrolment_id, desk.clock().today()).await
}

async fn child_on(desk: &Desk, enrolment_id: i32, day: NaiveDate) -> Result<DeskChild> {
    let e = find_enrolment(desk.db(), enrolment_id).await?;
    let program = find_program(desk.db(), e.program_id).await?;
    children_of(desk.db(), &program, vec![e], day).await?.pop().ok_or(Error::NotFound { what: "托育报名" })
}
