//! Staff and the 值班表: the users who work a program (托育 staff or administrators), and for each
//! open day of a month who is on duty. Days are filled by hand or in turn (自动排班), which only
//! fills the open days nobody is on yet, so a hand-made change is never overwritten.

use super::programs::{closed_between, find_program, opens_on, StaffRef};
use super::{MANAGE, STAFF};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor, Role};
use crate::clock::{day_text, parse_month};
use crate::db::entity::{childcare_duty, childcare_program, childcare_program_staff, user};
use crate::error::{Error, Result};
use crate::Desk;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// At most this many staff on duty at one program on one day.
pub const MAX_ON_DUTY: usize = 6;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DutyDay {
    pub day: NaiveDate,
    /// "周一"
    pub weekday_label: String,
    /// Inside the term, on one of the program's weekdays and not a closed day.
    pub open: bool,
    /// "停托（国庆节）" for a closed day inside the term; None otherwise.
    pub closed_reason: Option<String>,
    pub on_duty: Vec<StaffRef>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DutyMonth {
    pub program_id: i32,
    pub program: String,
    /// "2026年12月"
    pub month: String,
    /// The program's staff, to pick from.
    pub staff: Vec<StaffRef>,
    /// Every day of the month that is open or closed inside the term (not the days it never opens).
    pub days: Vec<DutyDay>,
    /// Open days from today on with nobody on duty (the past is a record, not a plan).
    pub unstaffed: u32,
    /// Open days each staff member is on duty this month, in the order of `staff`.
    pub counts: Vec<u32>,
}

/// The program's staff in the order they were named.
pub(crate) async fn staff_of<C: ConnectionTrait>(db: &C, program_id: i32) -> Result<Vec<StaffRef>> {
    let links = childcare_program_staff::Entity::find()
        .filter(childcare_program_staff::Column::ProgramId.eq(program_id))
        .order_by_asc(childcare_program_staff::Column::Id)
        .all(db)
        .await?;
    let users = names_of(db, links.iter().map(|l| l.user_id)).await?;
    Ok(links.into_iter().filter_map(|l| users.get(&l.user_id).map(|name| StaffRef { user_id: l.user_id, name: name.clone() })).collect())
}

async fn names_of<C: ConnectionTrait>(db: &C, ids: impl IntoIterator<Item = i32>) -> Result<HashMap<i32, String>> {
    let ids: Vec<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u.display_name)).collect())
}

/// Replaces the program's staff (inside the caller's write). A user taken off the staff leaves
/// the duty grid from today on; past duties stay as the record of who was there.
pub(crate) async fn set_staff<C: ConnectionTrait>(db: &C, desk: &Desk, program_id: i32, user_ids: &[i32]) -> Result<()> {
    let mut seen = HashSet::new();
    for id in user_ids {
        if !seen.insert(*id) {
            continue;
        }
        let u = user::Entity::find_by_id(*id).one(db).await?.ok_or(Error::NotFound { what: "用户" })?;
        if u.disabled {
            return Err(Error::invalid("staff_disabled", "staffIds", format!("{}的账号已停用，不能安排到托育项目", u.display_name)));
        }
        if !STAFF.contains(&u.role) {
            return Err(Error::invalid(
                "staff_role",
                "staffIds",
                format!("{}的角色是“{}”，只有托育或管理员可以安排到托育项目", u.display_name, u.role.label()),
            ));
        }
    }
    let kept: Vec<i32> = user_ids.iter().copied().filter(|id| seen.remove(id)).collect();
    let current = staff_of(db, program_id).await?;
    let removed: Vec<i32> = current.iter().map(|s| s.user_id).filter(|id| !kept.contains(id)).collect();
    if !removed.is_empty() {
        childcare_duty::Entity::delete_many()
            .filter(childcare_duty::Column::ProgramId.eq(program_id))
            .filter(childcare_duty::Column::UserId.is_in(removed.iter().copied()))
            .filter(childcare_duty::Column::Day.gte(desk.clock().today()))
            .exec(db)
            .await?;
    }
    childcare_program_staff::Entity::delete_many().filter(childcare_program_staff::Column::ProgramId.eq(program_id)).exec(db).await?;
    for user_id in kept {
        childcare_program_staff::ActiveModel { program_id: Set(program_id), user_id: Set(user_id), ..Default::default() }
            .insert(db)
            .await?;
    }
    Ok(())
}

/// The users who may be named as staff: enabled 托育 staff and administrators.
pub async fn staff_candidates(desk: &Desk, actor: &Actor) -> Result<Vec<StaffRef>> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let users = user::Entity::find()
        .filter(user::Column::Disabled.eq(false))
        .filter(user::Column::Role.is_in([Role::Childcare.as_str(), Role::Admin.as_str()]))
        .order_by_asc(user::Column::Id)
        .all(desk.db())
        .await?;
    Ok(users.into_iter().map(|u| StaffRef { user_id: u.id, name: u.display_name }).collect())
}

pub async fn duty_month(desk: &Desk, actor: &Actor, program_id: i32, month: &str) -> Result<DutyMonth> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    month_of(desk.db(), program_id, month, desk.clock().today()).await
}

async fn month_of<C: ConnectionTrait>(db: &C, program_id: i32, month: &str, today: NaiveDate) -> Result<DutyMonth> {
    let (first, last) = parse_month(month)?;
    let p = find_program(db, program_id).await?;
    let staff = staff_of(db, program_id).await?;
    let closed: HashMap<NaiveDate, String> = crate::db::entity::childcare_closed_day::Entity::find()
        .filter(crate::db::entity::childcare_closed_day::Column::ProgramId.eq(program_id))
        .filter(crate::db::entity::childcare_closed_day::Column::Day.between(first, last))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.day, c.reason))
        .collect();
    let duties = childcare_duty::Entity::find()
        .filter(childcare_duty::Column::ProgramId.eq(program_id))
        .filter(childcare_duty::Column::Day.between(first, last))
        .order_by_asc(childcare_duty::Column::Id)
        .all(db)
        .await?;
    let names = names_of(db, duties.iter().map(|d| d.user_id)).await?;
    let mut on: HashMap<NaiveDate, Vec<StaffRef>> = HashMap::new();
    for d in duties {
        let name = names.get(&d.user_id).cloned().unwrap_or_default();
        on.entry(d.day).or_default().push(StaffRef { user_id: d.user_id, name });
    }
    // In the staff's order every day, whoever was picked first.
    let rank = |id: i32| staff.iter().position(|s| s.user_id == id).unwrap_or(usize::MAX);
    for list in on.values_mut() {
        list.sort_by_key(|s| rank(s.user_id));
    }
    let days: Vec<DutyDay> = first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| opens_on(&p, *d))
        .map(|d| DutyDay {
            day: d,
            weekday_label: weekday_label(d).into(),
            open: !closed.contains_key(&d),
            closed_reason: closed.get(&d).map(|r| format!("停托（{r}）")),
            on_duty: on.remove(&d).unwrap_or_default(),
        })
        .collect();
    let counts =
        staff.iter().map(|s| days.iter().filter(|d| d.open && d.on_duty.iter().any(|o| o.user_id == s.user_id)).count() as u32).collect();
    Ok(DutyMonth {
        program_id,
        program: p.name,
        month: format!("{}年{}月", first.year(), first.month()),
        staff,
        unstaffed: days.iter().filter(|d| d.open && d.on_duty.is_empty() && d.day >= today).count() as u32,
        days,
        counts,
    })
}

fn weekday_label(d: NaiveDate) -> &'static str {
    ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][d.weekday().num_days_from_monday() as usize]
}

/// Who is on duty at the program on `day`: replaces that day's list. Only the program's staff,
/// only on an open day.
pub async fn set_duty(desk: &Desk, actor: &Actor, program_id: i32, day: NaiveDate, user_ids: Vec<i32>) -> Result<DutyDay> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let mut unique = Vec::new();
    for id in user_ids {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    if unique.len() > MAX_ON_DUTY {
        return Err(Error::invalid("too_many_on_duty", "userIds", format!("一天最多安排 {MAX_ON_DUTY} 人值班")));
    }
    let txn = desk.begin_write().await?;
    let p = find_program(&txn, program_id).await?;
    check_open_day(&txn, &p, day).await?;
    let all_staff = staff_of(&txn, program_id).await?;
    let working = working_staff(&txn, &all_staff).await?;
    let staff: Vec<StaffRef> = working.iter().map(|i| all_staff[*i].clone()).collect();
    if let Some(stranger) = unique.iter().find(|id| !staff.iter().any(|s| s.user_id == **id)) {
        let name = names_of(&txn, [*stranger]).await?.remove(stranger).unwrap_or_else(|| format!("用户 {stranger}"));
        return Err(Error::invalid("not_program_staff", "userIds", format!("{name}不是{}的工作人员：请先在项目里添加", p.name)));
    }
    childcare_duty::Entity::delete_many()
        .filter(childcare_duty::Column::ProgramId.eq(program_id))
        .filter(childcare_duty::Column::Day.eq(day))
        .exec(&txn)
        .await?;
    for user_id in &unique {
        insert_duty(&txn, desk, actor, program_id, day, *user_id).await?;
    }
    let names: Vec<String> = unique.iter().filter_map(|id| staff.iter().find(|s| s.user_id == *id)).map(|s| s.name.clone()).collect();
    let detail = format!("{} {}：{}", p.name, day_text(day), if names.is_empty() { "无人值班".into() } else { names.join("、") });
    audit::record_by(desk, &txn, actor, Entry::new(Action::ChildcareDutySaved).on("childcare_program", program_id).detail(detail)).await?;
    txn.commit().await?;
    let month = month_of(desk.db(), program_id, &day.format("%Y-%m").to_string(), desk.clock().today()).await?;
    month.days.into_iter().find(|d| d.day == day).ok_or(Error::NotFound { what: "值班日" })
}

async fn check_open_day<C: ConnectionTrait>(db: &C, p: &childcare_program::Model, day: NaiveDate) -> Result<()> {
    if !opens_on(p, day) || !closed_between(db, p.id, day, day).await?.is_empty() {
        return Err(Error::invalid("not_open_day", "day", format!("{}在{}不开放，不能排班", p.name, day_text(day))));
    }
    Ok(())
}

async fn insert_duty<C: ConnectionTrait>(db: &C, desk: &Desk, actor: &Actor, program_id: i32, day: NaiveDate, user_id: i32) -> Result<()> {
    childcare_duty::ActiveModel {
        program_id: Set(program_id),
        day: Set(day),
        user_id: Set(user_id),
        created_at: Set(desk.clock().now()),
        created_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The indexes in `staff` of those who can still be on duty: enabled, and still 托育 or 管理员.
async fn working_staff<C: ConnectionTrait>(db: &C, staff: &[StaffRef]) -> Result<Vec<usize>> {
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(staff.iter().map(|s| s.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok((0..staff.len()).filter(|i| users.get(&staff[*i].user_id).is_some_and(|u| !u.disabled && STAFF.contains(&u.role))).collect())
}

/// 自动排班: fills each open day from today to the month's end that nobody is on yet with `per_day` staff, taking
/// first whoever has the fewest days this month (ties in the staff's order), so the month stays
/// even. Days already filled by hand are kept as they are.
pub async fn fill_duty(desk: &Desk, actor: &Actor, program_id: i32, month: &str, per_day: u32) -> Result<DutyMonth> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let before = month_of(&txn, program_id, month, desk.clock().today()).await?;
    if before.staff.is_empty() {
        return Err(Error::invalid("no_staff", "programId", format!("{}还没有工作人员：请先在项目里添加", before.program)));
    }
    let per_day = per_day as usize;
    if per_day == 0 || per_day > before.staff.len().min(MAX_ON_DUTY) {
        let most = before.staff.len().min(MAX_ON_DUTY);
        return Err(Error::invalid("invalid_per_day", "perDay", format!("每天值班人数应在 1–{most} 之间")));
    }
    let working = working_staff(&txn, &before.staff).await?;
    if per_day > working.len() {
        return Err(Error::invalid("invalid_per_day", "perDay", format!("能值班的工作人员只有 {} 人", working.len())));
    }
    let mut counts = before.counts.clone();
    let mut filled = 0;
    // From today on: the past days are the record of who was there, not a plan.
    let today = desk.clock().today();
    for d in before.days.iter().filter(|d| d.open && d.on_duty.is_empty() && d.day >= today) {
        let mut order: Vec<usize> = working.clone();
        order.sort_by_key(|i| (counts[*i], *i));
        for i in order.into_iter().take(per_day) {
            insert_duty(&txn, desk, actor, program_id, d.day, before.staff[i].user_id).await?;
            counts[i] += 1;
        }
        filled += 1;
    }
    let detail = format!("{} {} 自动排班：{filled} 天，每天 {per_day} 人", before.program, before.month);
    audit::record_by(desk, &txn, actor, Entry::new(Action::ChildcareDutySaved).on("childcare_program", program_id).detail(detail)).await?;
    txn.commit().await?;
    month_of(desk.db(), program_id, month, desk.clock().today()).await
}
