//! What the desk does: sign-in, sign-out (a refusal recorded before it is returned), the scan box,
//! absences said ahead, the day's closing and the refusals on record.

use super::{child_on, child_today, closing, desk_day, DayState, DeskChild, DeskDay};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::canteen::model::parse_time;
use crate::childcare::cards::{self, Read};
use crate::childcare::enrolment::find_enrolment;
use crate::childcare::model::{AbsenceReason, ArrivalMode, EnrolmentStatus, PickupStatus};
use crate::childcare::pickup::{find_person, refusal, ADULT_AGE};
use crate::childcare::programs::{find_program, open_on};
use crate::childcare::{STAFF, WORK_DESK};
use crate::clock::{day_text, local};
use crate::db::entity::{childcare_attendance, childcare_day_closing, childcare_enrolment, childcare_program, childcare_refusal, resident};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::residents::search_keys::pinyin_key_list;
use crate::{validate, Desk};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeskScan {
    SignedIn {
        child: DeskChild,
    },
    SignedOut {
        child: DeskChild,
    },
    /// A typed name or initials: the children it matches.
    Matches {
        children: Vec<DeskChild>,
    },
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignOutInput {
    /// The person picking the child up; None when the child goes home alone.
    #[serde(default)]
    pub person_id: Option<i32>,
    #[serde(default)]
    pub alone: bool,
    /// The clerk confirms an emergency (a 仅紧急情况 person may then take the child).
    #[serde(default)]
    pub emergency: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceInput {
    pub date: NaiveDate,
    pub reason: AbsenceReason,
    /// Which guardian said so.
    pub by: String,
}

/// Signs a child in on arrival, today.
pub async fn sign_in(desk: &Desk, actor: &Actor, enrolment_id: i32, mode: ArrivalMode) -> Result<DeskChild> {
    authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    let today = desk.clock().today();
    let txn = desk.begin_write().await?;
    let (e, program) = open_enrolment(&txn, enrolment_id, today).await?;
    let child_name = child_name(&txn, e.resident_id).await?;
    let existing = attendance_of(&txn, e.id, today).await?;
    if let Some(a) = &existing {
        if a.arrived_at.is_some() {
            let at = a.arrived_at.map(|t| local(t).format("%H:%M").to_string()).unwrap_or_default();
            return Err(Error::invalid("already_signed_in", "enrolmentId", format!("{child_name}已于 {at} 签到")));
        }
    }
    let now = desk.clock().now();
    let mut m: childcare_attendance::ActiveModel = match existing {
        Some(a) => a.into(),
        None => childcare_attendance::ActiveModel { enrolment_id: Set(e.id), day: Set(today), ..Default::default() },
    };
    m.arrived_at = Set(Some(now));
    m.arrival_mode = Set(Some(mode));
    // Came after all: the absence recorded ahead no longer holds.
    m.absence_reason = Set(None);
    m.absence_by = Set(None);
    m.recorded_by = Set(Some(actor.user_id()));
    m.save(&txn).await?;
    let detail = format!("{child_name}（{}，{}）", program.name, mode.label());
    audit::record_by(desk, &txn, actor, Entry::new(Action::ChildSignedIn).on("childcare_enrolment", e.id).detail(detail)).await?;
    txn.commit().await?;
    child_today(desk, e.id).await
}

/// Hands a child to `person` (or lets the child go home alone). A refusal is recorded first and
/// then returned as the error, in words for the desk's large red text.
pub async fn sign_out(desk: &Desk, actor: &Actor, enrolment_id: i32, input: SignOutInput) -> Result<DeskChild> {
    authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    let today = desk.clock().today();
    let e = find_enrolment(desk.db(), enrolment_id).await?;
    let child = resident::Entity::find_by_id(e.resident_id).one(desk.db()).await?.ok_or(Error::NotFound { what: "居民" })?;
    let program = find_program(desk.db(), e.program_id).await?;
    let person = match input.person_id {
        Some(id) => {
            let p = find_person(desk.db(), id).await?;
            if p.enrolment_id != e.id {
                return refuse(desk, actor, &e, Some(&p.name), None, "pickup_unknown", format!("{}不在{}的接送名单中", p.name, child.name))
                    .await;
            }
            Some(p)
        }
        None if input.alone => None,
        None => return Err(Error::invalid("pickup_person_required", "personId", "请选择接走孩子的人，或扫描接送卡")),
    };
    if let Some(p) = &person {
        if let Some((code, message)) = refusal(p, today, input.emergency) {
            return refuse(desk, actor, &e, Some(&p.name), Some(p.id), code, message).await;
        }
        if let Some(rid) = p.resident_id {
            if let Some(r) = resident::Entity::find_by_id(rid).one(desk.db()).await? {
                if age_on(r.birth_date, today).is_none_or(|a| a < ADULT_AGE) {
                    let message = format!("{}未满 {ADULT_AGE} 岁，不能接送儿童", r.name);
                    return refuse(desk, actor, &e, Some(&p.name), Some(p.id), "pickup_minor", message).await;
                }
            }
        }
    } else {
        let age_ok = age_on(child.birth_date, today).is_some_and(|a| a as i32 >= program.self_home_min_age);
        let permitted = e.self_home_permitted_on.is_some_and(|d| d <= today);
        if !(age_ok && permitted) {
            let message = if permitted {
                format!("{}未满 {} 岁，不能自行回家", child.name, program.self_home_min_age)
            } else {
                format!("{}没有监护人的书面自行回家许可，不能自行回家", child.name)
            };
            return refuse(desk, actor, &e, Some(&child.name), None, "self_home_not_permitted", message).await;
        }
    }
    let txn = desk.begin_write().await?;
    let attendance = attendance_of(&txn, e.id, today).await?;
    let Some(a) = attendance.filter(|a| a.arrived_at.is_some()) else {
        return Err(Error::invalid("not_signed_in", "enrolmentId", format!("{}今天还没有签到", child.name)));
    };
    if a.left_at.is_some() {
        let at = a.left_at.map(|t| local(t).format("%H:%M").to_string()).unwrap_or_default();
        return Err(Error::invalid("already_signed_out", "enrolmentId", format!("{}已于 {at} 签退", child.name)));
    }
    let now = desk.clock().now();
    let ends = parse_time(&program.ends_at, "endsAt", "结束时间")?;
    let mut m: childcare_attendance::ActiveModel = a.into();
    m.left_at = Set(Some(now));
    m.pickup_person_id = Set(person.as_ref().map(|p| p.id));
    m.left_alone = Set(person.is_none());
    m.late = Set(local(now).time() > ends);
    m.update(&txn).await?;
    let mut with = person.as_ref().map_or("自行回家".to_string(), |p| format!("{}（{}）", p.name, p.relationship));
    if input.emergency && person.as_ref().is_some_and(|p| p.status == PickupStatus::EmergencyOnly) {
        with.push_str("，紧急情况，工作人员确认");
    }
    let detail = format!("{} 由 {with} 接走", child.name);
    audit::record_by(desk, &txn, actor, Entry::new(Action::ChildSignedOut).on("childcare_enrolment", e.id).detail(detail)).await?;
    txn.commit().await?;
    child_today(desk, e.id).await
}

/// Writes the refusal (its own transaction: it must stay even though the sign-out fails) and
/// returns it as the error.
async fn refuse<T>(
    desk: &Desk,
    actor: &Actor,
    e: &childcare_enrolment::Model,
    who: Option<&str>,
    person_id: Option<i32>,
    code: &'static str,
    message: String,
) -> Result<T> {
    let txn = desk.begin_write().await?;
    childcare_refusal::ActiveModel {
        enrolment_id: Set(e.id),
        at: Set(desk.clock().now()),
        pickup_person_id: Set(person_id),
        who: Set(who.unwrap_or("未知").to_string()),
        reason: Set(code.to_string()),
        message: Set(message.clone()),
        recorded_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::PickupRefused).on("childcare_enrolment", e.id).detail(message.clone())).await?;
    txn.commit().await?;
    Err(Error::invalid(code, "personId", message))
}

/// A scanned card or a typed name at the desk of `program_id`: a child's card signs the child
/// in, a pick-up card signs its child out, a name lists the matching children.
pub async fn scan(desk: &Desk, actor: &Actor, program_id: i32, text: &str, mode: ArrivalMode) -> Result<DeskScan> {
    authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    match cards::read(desk.db(), text).await? {
        Read::Card(card) => {
            let e = find_enrolment(desk.db(), card.enrolment_id).await?;
            if e.program_id != program_id {
                let other = find_program(desk.db(), e.program_id).await?;
                return Err(Error::invalid("card_other_program", "code", format!("这是“{}”的卡", other.name)));
            }
            match card.pickup_person_id {
                None => Ok(DeskScan::SignedIn { child: sign_in(desk, actor, e.id, mode).await? }),
                Some(person) => {
                    let input = SignOutInput { person_id: Some(person), alone: false, emergency: false };
                    Ok(DeskScan::SignedOut { child: sign_out(desk, actor, e.id, input).await? })
                }
            }
        }
        Read::NotACode => {
            let needle = text.trim().to_lowercase();
            if needle.is_empty() {
                return Err(Error::invalid("empty_scan", "code", "请扫描卡片，或输入儿童姓名、拼音首字母"));
            }
            let day = desk_day(desk, actor, program_id, desk.clock().today()).await?;
            let children: Vec<DeskChild> = day
                .children
                .into_iter()
                .filter(|c| c.name.contains(text.trim()) || pinyin_key_list(&c.name).iter().any(|k| k.starts_with(&needle)))
                .collect();
            if children.is_empty() {
                return Err(Error::invalid("no_child_match", "code", format!("{}没有名叫“{}”的儿童", day.program, text.trim())));
            }
            Ok(DeskScan::Matches { children })
        }
    }
}

/// Records an absence ahead (or on the day), said by a guardian.
pub async fn record_absence(desk: &Desk, actor: &Actor, enrolment_id: i32, input: AbsenceInput) -> Result<DeskChild> {
    authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    let by = validate::name(&input.by, "by", "请假的监护人", 40)?;
    let txn = desk.begin_write().await?;
    let (e, _program) = open_enrolment(&txn, enrolment_id, input.date).await?;
    let child_name = child_name(&txn, e.resident_id).await?;
    let existing = attendance_of(&txn, e.id, input.date).await?;
    if existing.as_ref().is_some_and(|a| a.arrived_at.is_some()) {
        return Err(Error::invalid("already_signed_in", "date", format!("{child_name}{}已签到，不能请假", day_text(input.date))));
    }
    let mut m: childcare_attendance::ActiveModel = match existing {
        Some(a) => a.into(),
        None => childcare_attendance::ActiveModel { enrolment_id: Set(e.id), day: Set(input.date), ..Default::default() },
    };
    m.absence_reason = Set(Some(input.reason));
    m.absence_by = Set(Some(by.clone()));
    m.recorded_by = Set(Some(actor.user_id()));
    m.save(&txn).await?;
    let detail = format!("{child_name} {} {}（{by}）", day_text(input.date), input.reason.label());
    audit::record_by(desk, &txn, actor, Entry::new(Action::ChildAbsenceRecorded).on("childcare_enrolment", e.id).detail(detail)).await?;
    txn.commit().await?;
    child_on(desk, e.id, input.date).await
}

/// Closes the day; refused while a child is still signed in (their names are said).
pub async fn close_day(desk: &Desk, actor: &Actor, program_id: i32, date: NaiveDate) -> Result<DeskDay> {
    authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    if date > desk.clock().today() {
        return Err(Error::invalid("day_not_over", "date", format!("{}还没到，不能日结", day_text(date))));
    }
    let day = desk_day(desk, actor, program_id, date).await?;
    if let Some(reason) = &day.closed_reason {
        return Err(Error::invalid("day_not_open", "date", format!("{reason}，无需日结")));
    }
    let still_in: Vec<&str> = day.children.iter().filter(|c| c.state == DayState::In).map(|c| c.name.as_str()).collect();
    if !still_in.is_empty() {
        return Err(Error::invalid(
            "children_still_in",
            "date",
            format!("还有 {} 名儿童未签退：{}。请先联系家长接走", still_in.len(), still_in.join("、")),
        ));
    }
    let txn = desk.begin_write().await?;
    if closing(&txn, program_id, date).await?.is_some() {
        return Ok(day);
    }
    childcare_day_closing::ActiveModel {
        program_id: Set(program_id),
        day: Set(date),
        closed_at: Set(desk.clock().now()),
        closed_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = format!("{} {}", day.program, day_text(date));
    audit::record_by(desk, &txn, actor, Entry::new(Action::ChildcareDayClosed).on("childcare_program", program_id).detail(detail)).await?;
    txn.commit().await?;
    desk_day(desk, actor, program_id, date).await
}

async fn open_enrolment<C: ConnectionTrait>(
    db: &C,
    enrolment_id: i32,
    day: NaiveDate,
) -> Result<(childcare_enrolment::Model, childcare_program::Model)> {
    let e = find_enrolment(db, enrolment_id).await?;
    let program = find_program(db, e.program_id).await?;
    let name = child_name(db, e.resident_id).await?;
    if e.status == EnrolmentStatus::Waiting {
        return Err(Error::invalid("enrolment_waiting", "enrolmentId", format!("{name}还在候补名单上")));
    }
    if e.start_date > day || e.end_date.is_some_and(|end| end < day) {
        return Err(Error::invalid("enrolment_not_in_force", "enrolmentId", format!("{name}在{}不在{}", day_text(day), program.name)));
    }
    if let Err(reason) = open_on(db, &program, day).await? {
        return Err(Error::invalid("program_closed", "date", reason));
    }
    if closing(db, program.id, day).await?.is_some() {
        return Err(Error::invalid("day_closed", "date", format!("{}{}已日结", program.name, day_text(day))));
    }
    Ok((e, program))
}

async fn child_name<C: ConnectionTrait>(db: &C, resident_id: i32) -> Result<String> {
    Ok(resident::Entity::find_by_id(resident_id).one(db).await?.map(|r| r.name).unwrap_or_default())
}

async fn attendance_of<C: ConnectionTrait>(db: &C, enrolment_id: i32, day: NaiveDate) -> Result<Option<childcare_attendance::Model>> {
    Ok(childcare_attendance::Entity::find()
        .filter(childcare_attendance::Column::EnrolmentId.eq(enrolment_id))
        .filter(childcare_attendance::Column::Day.eq(day))
        .one(db)
        .await?)
}

/// Refusals recorded for a child, newest first (who tried, when, why).
pub async fn refusals(desk: &Desk, actor: &Actor, enrolment_id: i32) -> Result<Vec<RefusalRow>> {
    authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    let rows = childcare_refusal::Entity::find()
        .filter(childcare_refusal::Column::EnrolmentId.eq(enrolment_id))
        .order_by_desc(childcare_refusal::Column::Id)
        .all(desk.db())
        .await?;
    Ok(rows.into_iter().map(|r| RefusalRow { at: r.at, who: r.who, reason: r.reason, message: r.message }).collect())
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusalRow {
    pub at: DateTime<Utc>,
    pub who: String,
    pub reason: String,
    pub message: String,
}
