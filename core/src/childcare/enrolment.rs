//! Enrolment (报名): a child from the residents registry into a program, checked against the
//! program's age range on the enrolment date and the registry's status; a waiting list in order
//! when the program is full; the guardian's consent for children under 14 (PIPL).

use super::model::{EnrolmentStatus, FeeStatus};
use super::programs::find_program;
use super::{MANAGE, STAFF};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::clock::day_text;
use crate::db::entity::{childcare_enrolment, childcare_program, resident};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::residents::eligibility::{events_of, may_receive_service, status_on};
use crate::residents::model::Status;
use crate::residents::search::categories_of;
use crate::{validate, Desk};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Below this age the guardian's consent must be recorded (PIPL, art. 31).
pub const CONSENT_AGE: u32 = 14;
/// The category whose households get the fee 减免.
const LOW_INCOME: &str = "低保";

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnrolInput {
    pub resident_id: i32,
    pub start_date: NaiveDate,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    #[serde(default)]
    pub consent_date: Option<NaiveDate>,
    /// Who gave the consent ("母亲 李梅").
    #[serde(default)]
    pub consent_by: Option<String>,
    #[serde(default)]
    pub school: String,
    #[serde(default)]
    pub class_name: String,
    #[serde(default)]
    pub allergies: String,
    #[serde(default)]
    pub notes: String,
    pub fee: FeeStatus,
    /// The date of the guardian's written permission to go home alone, if any.
    #[serde(default)]
    pub self_home_permitted_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentRow {
    pub id: i32,
    pub program_id: i32,
    pub resident_id: i32,
    pub name: String,
    pub sex_label: String,
    /// Today.
    pub age: Option<u32>,
    pub status: EnrolmentStatus,
    pub status_label: String,
    /// 1 for the first on the waiting list; None when not waiting.
    pub waiting_position: Option<u32>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub end_reason: Option<String>,
    pub consent_date: Option<NaiveDate>,
    pub consent_by: Option<String>,
    pub school: String,
    pub class_name: String,
    pub allergies: String,
    pub notes: String,
    pub fee: FeeStatus,
    pub fee_label: String,
    /// What a month costs the family, in 分, from the program's fees.
    pub monthly_fee: i64,
    pub self_home_permitted_on: Option<NaiveDate>,
}

/// Enrols a child; when the program is full the child joins the end of the waiting list.
pub async fn enrol(desk: &Desk, actor: &Actor, program_id: i32, input: EnrolInput) -> Result<EnrolmentRow> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let program = find_program(&txn, program_id).await?;
    let child = resident::Entity::find_by_id(input.resident_id).one(&txn).await?.ok_or(Error::NotFound { what: "居民" })?;
    check_enrolment(&txn, &program, &child, &input).await?;
    let enrolled = count_enrolled(&txn, program_id).await?;
    let status = if enrolled < u64::try_from(program.capacity).unwrap_or(0) { EnrolmentStatus::Enrolled } else { EnrolmentStatus::Waiting };
    let saved = childcare_enrolment::ActiveModel {
        program_id: Set(program_id),
        resident_id: Set(child.id),
        status: Set(status),
        start_date: Set(input.start_date),
        end_date: Set(input.end_date),
        end_reason: Set(None),
        consent_date: Set(input.consent_date),
        consent_by: Set(validate::optional_text(&input.consent_by, "consentBy", "同意人", 40)?),
        school: Set(input.school.trim().to_string()),
        class_name: Set(input.class_name.trim().to_string()),
        allergies: Set(input.allergies.trim().to_string()),
        notes: Set(input.notes.trim().to_string()),
        fee: Set(input.fee),
        self_home_permitted_on: Set(input.self_home_permitted_on),
        created_at: Set(desk.clock().now()),
        created_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    super::pickup::copy_guardians(&txn, desk, actor, saved.id, child.id).await?;
    let detail = format!("{} 报名“{}”（{}）", child.name, program.name, status.label());
    audit::record_by(desk, &txn, actor, Entry::new(Action::ChildEnrolled).on("childcare_enrolment", saved.id).detail(detail)).await?;
    txn.commit().await?;
    enrolment(desk, actor, saved.id).await
}

async fn check_enrolment<C: ConnectionTrait>(
    db: &C,
    program: &childcare_program::Model,
    child: &resident::Model,
    input: &EnrolInput,
) -> Result<()> {
    let on = input.start_date;
    let eligible = may_receive_service(db, child.id, on).await?;
    if !eligible.allowed {
        return Err(Error::invalid("not_eligible", "residentId", eligible.reason.unwrap_or_default()));
    }
    if input.end_date.is_some_and(|end| end < on) {
        return Err(Error::invalid("end_before_start", "endDate", "结束日期不能早于开始日期"));
    }
    let age = age_on(child.birth_date, on);
    let fits = age.is_some_and(|a| (program.min_age..=program.max_age).contains(&(a as i32)));
    if !fits {
        let age_text = age.map_or("未出生".to_string(), |a| format!("{a} 岁"));
        return Err(Error::invalid(
            "age_out_of_range",
            "residentId",
            format!(
                "{}在{}时{}，{}只收 {}–{} 岁的儿童",
                child.name,
                day_text(on),
                age_text,
                program.name,
                program.min_age,
                program.max_age
            ),
        ));
    }
    if age.is_some_and(|a| a < CONSENT_AGE) && (input.consent_date.is_none() || validate::filled(&input.consent_by).is_none()) {
        let field = if input.consent_date.is_none() { "consentDate" } else { "consentBy" };
        return Err(Error::invalid(
            "consent_required",
            field,
            format!("{}未满 {CONSENT_AGE} 岁：请填写监护人同意的日期和同意人", child.name),
        ));
    }
    let open = childcare_enrolment::Entity::find()
        .filter(childcare_enrolment::Column::ProgramId.eq(program.id))
        .filter(childcare_enrolment::Column::ResidentId.eq(child.id))
        .filter(childcare_enrolment::Column::Status.ne(EnrolmentStatus::Ended.as_str()))
        .one(db)
        .await?;
    if let Some(e) = open {
        return Err(Error::Conflict {
            message: format!("{}已在{}（{}）", child.name, program.name, e.status.label()),
            field: Some("residentId"),
        });
    }
    if input.fee != FeeStatus::Free && program.monthly_fee == 0 {
        return Err(Error::invalid("program_is_free", "fee", format!("{}没有设月费：请选“免费”，或先在项目里填写月费", program.name)));
    }
    if input.fee == FeeStatus::Reduced && !household_holds(db, child, LOW_INCOME, on).await? {
        return Err(Error::invalid(
            "reduction_not_due",
            "fee",
            format!("{}家中没有人在{}享受{LOW_INCOME}，不能减免", child.name, day_text(on)),
        ));
    }
    Ok(())
}

/// Whether the child or anyone of their household holds `category` on `on`.
async fn household_holds<C: ConnectionTrait>(db: &C, child: &resident::Model, category: &str, on: NaiveDate) -> Result<bool> {
    let members = match child.household_id {
        Some(h) => resident::Entity::find().select_only().column(resident::Column::Id).filter(resident::Column::HouseholdId.eq(h)),
        None => resident::Entity::find().select_only().column(resident::Column::Id).filter(resident::Column::Id.eq(child.id)),
    };
    let held = categories_of(db, members.into_query(), on).await?;
    Ok(held.values().any(|names| names.iter().any(|n| n == category)))
}

async fn count_enrolled<C: ConnectionTrait>(db: &C, program_id: i32) -> Result<u64> {
    Ok(childcare_enrolment::Entity::find()
        .filter(childcare_enrolment::Column::ProgramId.eq(program_id))
        .filter(childcare_enrolment::Column::Status.eq(EnrolmentStatus::Enrolled.as_str()))
        .count(db)
        .await?)
}

/// Ends an enrolment on `on`; the first child on the waiting list takes the place.
pub async fn end_enrolment(desk: &Desk, actor: &Actor, enrolment_id: i32, on: NaiveDate, reason: String) -> Result<EnrolmentRow> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let reason = validate::name(&reason, "reason", "结束原因", 60)?;
    let txn = desk.begin_write().await?;
    let e = find_enrolment(&txn, enrolment_id).await?;
    if e.status == EnrolmentStatus::Ended {
        return Err(Error::invalid("already_ended", "reason", "这条报名已经结束"));
    }
    if on < e.start_date {
        return Err(Error::invalid("end_before_start", "on", "结束日期不能早于开始日期"));
    }
    end_on(&txn, desk, actor, e, on, &reason).await?;
    txn.commit().await?;
    enrolment(desk, actor, enrolment_id).await
}

async fn end_on<C: ConnectionTrait>(
    db: &C,
    desk: &Desk,
    actor: &Actor,
    e: childcare_enrolment::Model,
    on: NaiveDate,
    reason: &str,
) -> Result<()> {
    let (id, program_id, was_enrolled) = (e.id, e.program_id, e.status == EnrolmentStatus::Enrolled);
    let mut m: childcare_enrolment::ActiveModel = e.into();
    m.status = Set(EnrolmentStatus::Ended);
    m.end_date = Set(Some(on));
    m.end_reason = Set(Some(reason.to_string()));
    m.update(db).await?;
    audit::record_by(desk, db, actor, Entry::new(Action::ChildEnrolmentEnded).on("childcare_enrolment", id).detail(reason.to_string()))
        .await?;
    if was_enrolled {
        promote_waiting(db, desk, actor, program_id).await?;
    }
    Ok(())
}

/// Moves waiting children (in the order they joined) onto the list while there are places.
pub(crate) async fn promote_waiting<C: ConnectionTrait>(db: &C, desk: &Desk, actor: &Actor, program_id: i32) -> Result<()> {
    let program = find_program(db, program_id).await?;
    let places = u64::try_from(program.capacity).unwrap_or(0);
    let mut enrolled = count_enrolled(db, program_id).await?;
    let waiting = childcare_enrolment::Entity::find()
        .filter(childcare_enrolment::Column::ProgramId.eq(program_id))
        .filter(childcare_enrolment::Column::Status.eq(EnrolmentStatus::Waiting.as_str()))
        .order_by_asc(childcare_enrolment::Column::Id)
        .all(db)
        .await?;
    for w in waiting {
        if enrolled >= places {
            break;
        }
        let id = w.id;
        let mut m: childcare_enrolment::ActiveModel = w.into();
        m.status = Set(EnrolmentStatus::Enrolled);
        m.update(db).await?;
        enrolled += 1;
        let entry = Entry::new(Action::ChildEnrolled).on("childcare_enrolment", id).detail(format!("候补转为在托（{}）", program.name));
        audit::record_by(desk, db, actor, entry).await?;
    }
    Ok(())
}

/// Ends, on the day of the registry's change, the enrolments of children who moved away or died.
pub(crate) async fn end_departed(desk: &Desk, actor: &Actor, program_id: i32) -> Result<()> {
    let today = desk.clock().today();
    let open = childcare_enrolment::Entity::find()
        .filter(childcare_enrolment::Column::ProgramId.eq(program_id))
        .filter(childcare_enrolment::Column::Status.ne(EnrolmentStatus::Ended.as_str()))
        .all(desk.db())
        .await?;
    let ids: Vec<i32> = open.iter().map(|e| e.resident_id).collect();
    let events = events_of(desk.db(), &ids).await?;
    let departed: Vec<(childcare_enrolment::Model, NaiveDate, Status)> = open
        .into_iter()
        .filter_map(|e| match status_on(events.get(&e.resident_id).map(Vec::as_slice).unwrap_or(&[]), today) {
            (Status::Active, _) => None,
            (status, since) => Some((e, since.unwrap_or(today), status)),
        })
        .collect();
    if departed.is_empty() {
        return Ok(());
    }
    let txn = desk.begin_write().await?;
    for (e, since, status) in departed {
        // Another window may have ended it since the read above.
        let Some(current) = childcare_enrolment::Entity::find_by_id(e.id).one(&txn).await? else { continue };
        if current.status == EnrolmentStatus::Ended {
            continue;
        }
        let reason = format!("居民档案：{}", status.label());
        end_on(&txn, desk, actor, current, since, &reason).await?;
    }
    txn.commit().await?;
    Ok(())
}

pub async fn list_enrolments(desk: &Desk, actor: &Actor, program_id: i32) -> Result<Vec<EnrolmentRow>> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    find_program(desk.db(), program_id).await?;
    end_departed(desk, actor, program_id).await?;
    let rows = childcare_enrolment::Entity::find()
        .filter(childcare_enrolment::Column::ProgramId.eq(program_id))
        .order_by_asc(childcare_enrolment::Column::Id)
        .all(desk.db())
        .await?;
    rows_of(desk, rows).await
}

pub async fn enrolment(desk: &Desk, actor: &Actor, id: i32) -> Result<EnrolmentRow> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let e = find_enrolment(desk.db(), id).await?;
    let program_id = e.program_id;
    let mut row = rows_of(desk, vec![e]).await?.pop().ok_or(Error::NotFound { what: "托育报名" })?;
    if row.status == EnrolmentStatus::Waiting {
        row.waiting_position = Some(waiting_position(desk.db(), program_id, id).await?);
    }
    Ok(row)
}

async fn waiting_position<C: ConnectionTrait>(db: &C, program_id: i32, id: i32) -> Result<u32> {
    let ahead = childcare_enrolment::Entity::find()
        .filter(childcare_enrolment::Column::ProgramId.eq(program_id))
        .filter(childcare_enrolment::Column::Status.eq(EnrolmentStatus::Waiting.as_str()))
        .filter(childcare_enrolment::Column::Id.lt(id))
        .count(db)
        .await?;
    Ok(u32::try_from(ahead).unwrap_or(u32::MAX) + 1)
}

async fn rows_of(desk: &Desk, rows: Vec<childcare_enrolment::Model>) -> Result<Vec<EnrolmentRow>> {
    let ids: Vec<i32> = rows.iter().map(|e| e.resident_id).collect();
    let people: HashMap<i32, resident::Model> =
        resident::Entity::find().filter(resident::Column::Id.is_in(ids)).all(desk.db()).await?.into_iter().map(|r| (r.id, r)).collect();
    let programs: HashMap<i32, childcare_program::Model> = childcare_program::Entity::find()
        .filter(childcare_program::Column::Id.is_in(rows.iter().map(|e| e.program_id)))
        .all(desk.db())
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let today = desk.clock().today();
    let mut waiting = 0u32;
    Ok(rows
        .into_iter()
        .filter_map(|e| {
            let child = people.get(&e.resident_id)?;
            let position = (e.status == EnrolmentStatus::Waiting).then(|| {
                waiting += 1;
                waiting
            });
            Some(EnrolmentRow {
                id: e.id,
                program_id: e.program_id,
                resident_id: e.resident_id,
                name: child.name.clone(),
                sex_label: child.sex.label().into(),
                age: age_on(child.birth_date, today),
                status_label: e.status.label().into(),
                status: e.status,
                waiting_position: position,
                start_date: e.start_date,
                end_date: e.end_date,
                end_reason: e.end_reason,
                consent_date: e.consent_date,
                consent_by: e.consent_by,
                school: e.school,
                class_name: e.class_name,
                allergies: e.allergies,
                notes: e.notes,
                fee_label: e.fee.label().into(),
                monthly_fee: programs.get(&e.program_id).map_or(0, |p| e.fee.monthly_amount(p)),
                fee: e.fee,
                self_home_permitted_on: e.self_home_permitted_on,
            })
        })
        .collect())
}

pub(crate) async fn find_enrolment<C: ConnectionTrait>(db: &C, id: i32) -> Result<childcare_enrolment::Model> {
    childcare_enrolment::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "托育报名" })
}
