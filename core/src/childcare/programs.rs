//! Programs (托育项目): where and for whom, the term with its weekdays and hours, and the closed
//! days (school and statutory holidays) a user keeps as data.

use super::model::ProgramKind;
use super::{MANAGE, STAFF};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::canteen::model::{parse_time, weekday_bit, weekdays_text};
use crate::db::entity::{childcare_closed_day, childcare_enrolment, childcare_program};
use crate::error::{Error, Result};
use crate::residents::places::PlaceIndex;
use crate::{validate, Desk};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 自行回家 from this age unless a program says otherwise.
pub const DEFAULT_SELF_HOME_AGE: i32 = 10;
/// The desk lists children neither signed in nor excused from this time unless a program says otherwise.
pub const DEFAULT_MISSING_CALL_AT: &str = "17:00";
/// 5,000 元 in 分: a higher monthly fee is a typing slip (元 typed as 分 ×100).
const MAX_MONTHLY_FEE: i64 = 500_000;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProgramInput {
    pub name: String,
    pub kind: ProgramKind,
    pub community_id: Option<i32>,
    pub place: String,
    pub min_age: i32,
    pub max_age: i32,
    pub capacity: i32,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    /// Monday = 1, Tuesday = 2 … Sunday = 64.
    pub weekdays: i32,
    /// "16:30"
    pub starts_at: String,
    pub ends_at: String,
    /// Empty: 17:00.
    #[serde(default)]
    pub missing_call_at: Option<String>,
    /// Empty: 10.
    #[serde(default)]
    pub self_home_min_age: Option<i32>,
    #[serde(default = "yes")]
    pub active: bool,
    /// The monthly fee in 分 of a 按月收费 enrolment; 0 when the program is free.
    #[serde(default)]
    pub monthly_fee: i64,
    /// The monthly fee in 分 for a household on 低保 (减免); at most `monthly_fee`.
    #[serde(default)]
    pub reduced_fee: i64,
    /// The users who work the program (托育 staff or administrators); the duty grid picks from them.
    #[serde(default)]
    pub staff_ids: Vec<i32>,
    /// Adult volunteers who help at the program (from the volunteers register).
    #[serde(default)]
    pub helper_ids: Vec<i32>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProgramInfo {
    pub id: i32,
    pub name: String,
    pub kind: ProgramKind,
    pub kind_label: String,
    pub community_id: Option<i32>,
    pub community_name: Option<String>,
    pub place: String,
    pub min_age: i32,
    pub max_age: i32,
    pub capacity: i32,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    pub weekdays: i32,
    /// "周一至周五" or "周一、周三".
    pub weekdays_label: String,
    pub starts_at: String,
    pub ends_at: String,
    pub missing_call_at: String,
    pub self_home_min_age: i32,
    pub active: bool,
    pub monthly_fee: i64,
    pub reduced_fee: i64,
    pub staff: Vec<StaffRef>,
    pub helpers: Vec<super::helpers::HelperRef>,
    pub enrolled: u32,
    pub waiting: u32,
}

/// A user who works a program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffRef {
    pub user_id: i32,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClosedDay {
    pub day: NaiveDate,
    /// "国庆节", "寒假".
    pub reason: String,
}

pub async fn list_programs(desk: &Desk, actor: &Actor) -> Result<Vec<ProgramInfo>> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let places = PlaceIndex::load(desk.db()).await?;
    let mut out = Vec::new();
    for p in childcare_program::Entity::find().order_by_asc(childcare_program::Column::Id).all(desk.db()).await? {
        out.push(info(desk.db(), &places, p).await?);
    }
    Ok(out)
}

pub async fn get_program(desk: &Desk, actor: &Actor, id: i32) -> Result<ProgramInfo> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let places = PlaceIndex::load(desk.db()).await?;
    info(desk.db(), &places, find_program(desk.db(), id).await?).await
}

/// Creates (`id` None) or updates a program.
pub async fn save_program(desk: &Desk, actor: &Actor, id: Option<i32>, input: ProgramInput) -> Result<ProgramInfo> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let checked = check(&input)?;
    let txn = desk.begin_write().await?;
    let clash = childcare_program::Entity::find().filter(childcare_program::Column::Name.eq(checked.name.clone())).one(&txn).await?;
    if clash.is_some_and(|c| Some(c.id) != id) {
        return Err(Error::Conflict { message: format!("已有名为“{}”的托育项目", checked.name), field: Some("name") });
    }
    let mut m: childcare_program::ActiveModel = match id {
        Some(id) => find_program(&txn, id).await?.into(),
        None => childcare_program::ActiveModel {
            created_at: Set(desk.clock().now()),
            created_by: Set(Some(actor.user_id())),
            ..Default::default()
        },
    };
    m.name = Set(checked.name.clone());
    m.kind = Set(input.kind);
    m.community_id = Set(input.community_id);
    m.place = Set(checked.place);
    m.min_age = Set(input.min_age);
    m.max_age = Set(input.max_age);
    m.capacity = Set(input.capacity);
    m.term_start = Set(input.term_start);
    m.term_end = Set(input.term_end);
    m.weekdays = Set(input.weekdays);
    m.starts_at = Set(checked.starts_at);
    m.ends_at = Set(checked.ends_at);
    m.missing_call_at = Set(checked.missing_call_at);
    m.self_home_min_age = Set(checked.self_home_min_age);
    m.active = Set(input.active);
    m.monthly_fee = Set(input.monthly_fee);
    m.reduced_fee = Set(input.reduced_fee);
    let saved_id = match id {
        Some(_) => m.update(&txn).await?.id,
        None => m.insert(&txn).await?.id,
    };
    super::duty::set_staff(&txn, desk, saved_id, &input.staff_ids).await?;
    super::helpers::set_helpers(&txn, saved_id, &input.helper_ids, desk.clock().today()).await?;
    let entry = Entry::new(Action::ChildcareProgramSaved).on("childcare_program", saved_id).detail(format!("托育项目“{}”", checked.name));
    audit::record_by(desk, &txn, actor, entry).await?;
    // More places: the waiting list moves up.
    super::enrolment::promote_waiting(&txn, desk, actor, saved_id).await?;
    txn.commit().await?;
    get_program(desk, actor, saved_id).await
}

struct Checked {
    name: String,
    place: String,
    starts_at: String,
    ends_at: String,
    missing_call_at: String,
    self_home_min_age: i32,
}

fn check(input: &ProgramInput) -> Result<Checked> {
    let name = validate::name(&input.name, "name", "项目名称", 60)?;
    let place = validate::name(&input.place, "place", "地点", 100)?;
    if !(0..=17).contains(&input.min_age) || !(0..=17).contains(&input.max_age) || input.min_age > input.max_age {
        return Err(Error::invalid("invalid_age_range", "minAge", "年龄范围应在 0–17 岁之间，且最小年龄不大于最大年龄"));
    }
    if !(1..=500).contains(&input.capacity) {
        return Err(Error::invalid("invalid_capacity", "capacity", "名额应在 1–500 之间"));
    }
    if input.term_end < input.term_start {
        return Err(Error::invalid("term_end_before_start", "termEnd", "学期结束日期不能早于开始日期"));
    }
    if input.weekdays & 0x7f == 0 || input.weekdays & !0x7f != 0 {
        return Err(Error::invalid("no_weekdays", "weekdays", "请至少选择一个开放的星期"));
    }
    let starts = parse_time(&input.starts_at, "startsAt", "开始时间")?;
    let ends = parse_time(&input.ends_at, "endsAt", "结束时间")?;
    if ends <= starts {
        return Err(Error::invalid("ends_before_start", "endsAt", "结束时间应晚于开始时间"));
    }
    let missing = match validate::filled(&input.missing_call_at) {
        Some(t) => parse_time(t, "missingCallAt", "未到提醒时间")?,
        None => parse_time(DEFAULT_MISSING_CALL_AT, "missingCallAt", "未到提醒时间")?,
    };
    if !(0..=MAX_MONTHLY_FEE).contains(&input.monthly_fee) {
        return Err(Error::invalid("invalid_fee", "monthlyFee", "月费应在 0–5,000 元之间"));
    }
    if !(0..=input.monthly_fee).contains(&input.reduced_fee) {
        return Err(Error::invalid("invalid_fee", "reducedFee", "减免后的月费应在 0 元和月费之间"));
    }
    let self_home_min_age = input.self_home_min_age.unwrap_or(DEFAULT_SELF_HOME_AGE);
    if !(6..=17).contains(&self_home_min_age) {
        return Err(Error::invalid("invalid_self_home_age", "selfHomeMinAge", "自行回家的最低年龄应在 6–17 岁之间"));
    }
    let hm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    Ok(Checked { name, place, starts_at: hm(starts), ends_at: hm(ends), missing_call_at: hm(missing), self_home_min_age })
}

/// Replaces the program's closed days with `days` (the term calendar as the user keeps it).
pub async fn set_closed_days(desk: &Desk, actor: &Actor, program_id: i32, days: Vec<ClosedDay>) -> Result<Vec<ClosedDay>> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let mut seen = std::collections::HashSet::new();
    for d in &days {
        if !seen.insert(d.day) {
            return Err(Error::invalid("duplicate_closed_day", "days", format!("{} 重复", crate::clock::day_text(d.day))));
        }
        validate::name(&d.reason, "days", "停托原因", 30)?;
    }
    let txn = desk.begin_write().await?;
    let program = find_program(&txn, program_id).await?;
    childcare_closed_day::Entity::delete_many().filter(childcare_closed_day::Column::ProgramId.eq(program_id)).exec(&txn).await?;
    for d in &days {
        childcare_closed_day::ActiveModel {
            program_id: Set(program_id),
            day: Set(d.day),
            reason: Set(d.reason.trim().to_string()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let detail = format!("托育项目“{}”共 {} 个停托日", program.name, days.len());
    audit::record_by(desk, &txn, actor, Entry::new(Action::ChildcareClosedDaysSaved).on("childcare_program", program_id).detail(detail))
        .await?;
    txn.commit().await?;
    closed_days(desk, actor, program_id).await
}

pub async fn closed_days(desk: &Desk, actor: &Actor, program_id: i32) -> Result<Vec<ClosedDay>> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let rows = childcare_closed_day::Entity::find()
        .filter(childcare_closed_day::Column::ProgramId.eq(program_id))
        .order_by_asc(childcare_closed_day::Column::Day)
        .all(desk.db())
        .await?;
    Ok(rows.into_iter().map(|r| ClosedDay { day: r.day, reason: r.reason }).collect())
}

/// Whether the program opens on `day`: inside the term, on one of its weekdays, not closed.
/// `Err` carries the reason in words.
pub(crate) async fn open_on<C: ConnectionTrait>(
    db: &C,
    p: &childcare_program::Model,
    day: NaiveDate,
) -> Result<std::result::Result<(), String>> {
    if !p.active {
        return Ok(Err(format!("{}已停办", p.name)));
    }
    if day < p.term_start || day > p.term_end {
        return Ok(Err(format!("{}不在{}的学期内", crate::clock::day_text(day), p.name)));
    }
    if p.weekdays & weekday_bit(day) == 0 {
        return Ok(Err(format!("{}只在{}开放", p.name, weekdays_text(p.weekdays))));
    }
    let closed = childcare_closed_day::Entity::find()
        .filter(childcare_closed_day::Column::ProgramId.eq(p.id))
        .filter(childcare_closed_day::Column::Day.eq(day))
        .one(db)
        .await?;
    Ok(match closed {
        Some(c) => Err(format!("{}停托（{}）", crate::clock::day_text(day), c.reason)),
        None => Ok(()),
    })
}

/// Whether the term and weekdays of `p` include `day` (closed days aside). Not whether the
/// program still runs: a stopped program's past months still had their open days.
pub(crate) fn opens_on(p: &childcare_program::Model, day: NaiveDate) -> bool {
    day >= p.term_start && day <= p.term_end && p.weekdays & weekday_bit(day) != 0
}

/// The program's closed days from `from` to `to`, inclusive.
pub(crate) async fn closed_between<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<std::collections::HashSet<NaiveDate>> {
    Ok(childcare_closed_day::Entity::find()
        .filter(childcare_closed_day::Column::ProgramId.eq(program_id))
        .filter(childcare_closed_day::Column::Day.between(from, to))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.day)
        .collect())
}

pub(crate) async fn find_program<C: ConnectionTrait>(db: &C, id: i32) -> Result<childcare_program::Model> {
    childcare_program::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "托育项目" })
}

async fn info<C: ConnectionTrait>(db: &C, places: &PlaceIndex, p: childcare_program::Model) -> Result<ProgramInfo> {
    use super::model::EnrolmentStatus;
    let count = |status: EnrolmentStatus| {
        childcare_enrolment::Entity::find()
            .filter(childcare_enrolment::Column::ProgramId.eq(p.id))
            .filter(childcare_enrolment::Column::Status.eq(status.as_str()))
            .count(db)
    };
    let (enrolled, waiting) = (count(EnrolmentStatus::Enrolled).await?, count(EnrolmentStatus::Waiting).await?);
    Ok(ProgramInfo {
        id: p.id,
        kind_label: p.kind.label().into(),
        kind: p.kind,
        community_name: places.name(p.community_id),
        community_id: p.community_id,
        weekdays_label: weekdays_text(p.weekdays),
        name: p.name,
        place: p.place,
        min_age: p.min_age,
        max_age: p.max_age,
        capacity: p.capacity,
        term_start: p.term_start,
        term_end: p.term_end,
        weekdays: p.weekdays,
        starts_at: p.starts_at,
        ends_at: p.ends_at,
        missing_call_at: p.missing_call_at,
        self_home_min_age: p.self_home_min_age,
        active: p.active,
        monthly_fee: p.monthly_fee,
        reduced_fee: p.reduced_fee,
        staff: super::duty::staff_of(db, p.id).await?,
        helpers: super::helpers::helpers_of(db, p.id).await?,
        enrolled: u32::try_from(enrolled).unwrap_or(u32::MAX),
        waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
    })
}
