//! 结对帮扶: volunteers paired with an elder from the registry, to visit every so many days.
//! "Not visited lately" is defined here once — [`visit_state`]: the pairing's frequency plus the
//! office's grace days after the last visit (or the start) — and the home page, the volunteers
//! page and every printout call it.

use super::registry::find_volunteer;
use super::{MANAGE, PAIRING_MIN_AGE, READERS, VIEW, WRITERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize, authorize_any, Actor, Role};
use crate::clock::day_text;
use crate::db::entity::{pairing, pairing_volunteer, resident, resident_status_event, setting, visit, volunteer};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::residents::eligibility::{events_of, may_receive_service, status_on};
use crate::residents::model::Status;
use crate::residents::places::PlaceIndex;
use crate::residents::search::categories_of;
use crate::{validate, Desk};
use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Grace days after a visit is due before the pairing counts as not visited, unless the office
/// sets another number.
pub const DEFAULT_GRACE_DAYS: u32 = 3;
const GRACE_KEY: &str = "visit_grace_days";
/// The categories whose elders are suggested for a pairing, the most in need first.
pub const SUGGESTED_CATEGORIES: [&str; 4] = ["独居", "失能", "半失能", "空巢"];
/// Elders are residents from this age.
pub const ELDER_AGE: u32 = 60;

/// Where a pairing stands with its visits, on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitState {
    pub last_visited_on: Option<NaiveDate>,
    /// The last visit (or the start) plus the frequency.
    pub due_on: NaiveDate,
    /// Past the due day by more than the grace days.
    pub overdue: bool,
    /// Days past the due day (0 when not overdue).
    pub overdue_days: u32,
    /// "最近走访 11月20日" / "从未走访" / "逾期 5 天"
    pub label: String,
}

/// The one definition of "not visited lately".
pub fn visit_state(start: NaiveDate, frequency_days: i32, last_visit: Option<NaiveDate>, as_of: NaiveDate, grace_days: u32) -> VisitState {
    let due_on = last_visit.unwrap_or(start) + Duration::days(i64::from(frequency_days));
    let late = (as_of - due_on).num_days();
    let overdue = late > i64::from(grace_days);
    let overdue_days = if overdue { u32::try_from(late).unwrap_or(u32::MAX) } else { 0 };
    let label = match (overdue, last_visit) {
        (true, None) => format!("从未走访，逾期 {overdue_days} 天"),
        (true, Some(_)) => format!("逾期 {overdue_days} 天"),
        (false, None) => "尚未走访".to_string(),
        (false, Some(d)) => format!("最近走访 {}", day_text(d)),
    };
    VisitState { last_visited_on: last_visit, due_on, overdue, overdue_days, label }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PairingInput {
    pub elder_id: i32,
    pub volunteer_ids: Vec<i32>,
    /// 7: weekly.
    pub frequency_days: i32,
    pub start_date: NaiveDate,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerRef {
    pub id: i32,
    pub number: String,
    pub name: String,
    /// In full for those who keep the volunteers (to call them), masked for readers.
    pub phone: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PairingRow {
    pub id: i32,
    pub elder_id: i32,
    pub elder_name: String,
    pub elder_age: Option<u32>,
    pub community: String,
    pub address: String,
    /// The elder's categories today (独居, 失能 …).
    pub categories: Vec<String>,
    pub volunteers: Vec<VolunteerRef>,
    pub frequency_days: i32,
    /// "每周" / "每 10 天"
    pub frequency_label: String,
    pub notes: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub end_reason: Option<String>,
    /// In force today.
    pub active: bool,
    pub visit: VisitState,
    pub visits: u32,
    /// The next visit the last one agreed, if any.
    pub next_visit_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ElderSuggestion {
    pub resident_id: i32,
    pub name: String,
    pub age: Option<u32>,
    pub community: String,
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerSettings {
    /// Days after a visit is due before the pairing counts as not visited.
    pub visit_grace_days: u32,
}

fn frequency_label(days: i32) -> String {
    match days {
        7 => "每周".into(),
        14 => "每两周".into(),
        30 => "每月".into(),
        1 => "每天".into(),
        n => format!("每 {n} 天"),
    }
}

pub async fn settings(desk: &Desk, actor: &Actor) -> Result<VolunteerSettings> {
    authorize_any(desk, actor, &READERS, VIEW).await?;
    Ok(VolunteerSettings { visit_grace_days: grace_days(desk.db()).await? })
}

pub async fn save_settings(desk: &Desk, actor: &Actor, new: VolunteerSettings) -> Result<VolunteerSettings> {
    authorize(desk, actor, Role::Admin, "修改志愿服务设置").await?;
    if new.visit_grace_days > 30 {
        return Err(Error::invalid("invalid_grace_days", "visitGraceDays", "宽限天数应在 0–30 天之间"));
    }
    let txn = desk.begin_write().await?;
    setting::Entity::delete_by_id(GRACE_KEY.to_string()).exec(&txn).await?;
    setting::ActiveModel { key: Set(GRACE_KEY.into()), value: Set(new.visit_grace_days.to_string()) }.insert(&txn).await?;
    let detail = format!("走访宽限 {} 天", new.visit_grace_days);
    audit::record_by(desk, &txn, actor, Entry::new(Action::VolunteerSettingsSaved).detail(detail)).await?;
    txn.commit().await?;
    Ok(new)
}

pub(crate) async fn grace_days<C: ConnectionTrait>(db: &C) -> Result<u32> {
    let row = setting::Entity::find_by_id(GRACE_KEY.to_string()).one(db).await?;
    Ok(row.and_then(|r| r.value.parse().ok()).unwrap_or(DEFAULT_GRACE_DAYS))
}

pub async fn save_pairing(desk: &Desk, actor: &Actor, id: Option<i32>, input: PairingInput) -> Result<PairingRow> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    if !(1..=90).contains(&input.frequency_days) {
        return Err(Error::invalid("invalid_frequency", "frequencyDays", "走访频次应在每 1–90 天之间"));
    }
    if input.volunteer_ids.is_empty() {
        return Err(Error::invalid("no_volunteers", "volunteerIds", "请至少选择一名结对志愿者"));
    }
    let notes = validate::optional_text(&Some(input.notes.clone()), "notes", "备注", 300)?.unwrap_or_default();
    let txn = desk.begin_write().await?;
    let elder = check_elder(&txn, input.elder_id, input.start_date).await?;
    let open = pairing::Entity::find()
        .filter(pairing::Column::ElderId.eq(input.elder_id))
        .filter(pairing::Column::EndDate.is_null())
        .one(&txn)
        .await?;
    if open.is_some_and(|p| Some(p.id) != id) {
        return Err(Error::Conflict {
            message: format!("{}已有结对帮扶：请在原结对中增减志愿者", elder.name), field: Some("elderId")
        });
    }
    let mut volunteers = Vec::new();
    for v in &input.volunteer_ids {
        if !volunteers.contains(v) {
            check_volunteer(&txn, *v, input.start_date).await?;
            volunteers.push(*v);
        }
    }
    let mut m: pairing::ActiveModel = match id {
        Some(id) => {
            let old = find_pairing(&txn, id).await?;
            check_edit(&txn, &old, &input).await?;
            old.into()
        }
        None => pairing::ActiveModel { created_at: Set(desk.clock().now()), created_by: Set(Some(actor.user_id())), ..Default::default() },
    };
    m.elder_id = Set(input.elder_id);
    m.frequency_days = Set(input.frequency_days);
    m.start_date = Set(input.start_date);
    m.notes = Set(notes);
    let saved = match id {
        Some(_) => m.update(&txn).await?,
        None => m.insert(&txn).await?,
    };
    pairing_volunteer::Entity::delete_many().filter(pairing_volunteer::Column::PairingId.eq(saved.id)).exec(&txn).await?;
    for v in &volunteers {
        pairing_volunteer::ActiveModel { pairing_id: Set(saved.id), volunteer_id: Set(*v), ..Default::default() }.insert(&txn).await?;
    }
    let detail = format!("{}，{} 名志愿者，{}", elder.name, volunteers.len(), frequency_label(input.frequency_days));
    audit::record_by(desk, &txn, actor, Entry::new(Action::PairingSaved).on("pairing", saved.id).detail(detail)).await?;
    txn.commit().await?;
    pairing_row(desk, actor, saved.id).await
}

/// An edit keeps the elder (the visits were theirs: another elder is a new pairing) and starts
/// no later than the first visit, and an ended pairing stays ended.
async fn check_edit<C: ConnectionTrait>(db: &C, old: &pairing::Model, input: &PairingInput) -> Result<()> {
    if old.elder_id != input.elder_id {
        return Err(Error::invalid("elder_fixed", "elderId", "结对的老人不能更换：请结束这个结对，再为另一位老人新建结对"));
    }
    if old.end_date.is_some() {
        return Err(Error::invalid("pairing_ended", "id", "该结对已结束，不能再修改"));
    }
    let first = visit::Entity::find().filter(visit::Column::PairingId.eq(old.id)).order_by_asc(visit::Column::VisitedOn).one(db).await?;
    if let Some(first) = first.filter(|v| v.visited_on < input.start_date) {
        return Err(Error::invalid(
            "start_after_visits",
            "startDate",
            format!("开始日期不能晚于第一次走访（{}）", day_text(first.visited_on)),
        ));
    }
    Ok(())
}

async fn check_elder<C: ConnectionTrait>(db: &C, elder_id: i32, on: NaiveDate) -> Result<resident::Model> {
    let elder = resident::Entity::find_by_id(elder_id).one(db).await?.ok_or(Error::NotFound { what: "居民" })?;
    let eligible = may_receive_service(db, elder_id, on).await?;
    if !eligible.allowed {
        return Err(Error::invalid("not_eligible", "elderId", eligible.reason.unwrap_or_default()));
    }
    if age_on(elder.birth_date, on).is_none_or(|a| a < ELDER_AGE) {
        return Err(Error::invalid("not_elder", "elderId", format!("{}未满 {ELDER_AGE} 岁，结对帮扶只面向老年人", elder.name)));
    }
    Ok(elder)
}

async fn check_volunteer<C: ConnectionTrait>(db: &C, id: i32, on: NaiveDate) -> Result<()> {
    let v = find_volunteer(db, id).await?;
    if v.status != super::model::VolunteerStatus::Active {
        return Err(Error::invalid("volunteer_not_active", "volunteerIds", format!("{}目前“{}”，不能结对", v.name, v.status.label())));
    }
    if v.birth_date.and_then(|b| age_on(b, on)).is_some_and(|a| a < PAIRING_MIN_AGE) {
        return Err(Error::invalid(
            "volunteer_too_young",
            "volunteerIds",
            format!("{}未满 {PAIRING_MIN_AGE} 岁，不能单独结对走访（可参加适合未成年人的活动）", v.name),
        ));
    }
    Ok(())
}

/// Ends a pairing on `end_date` with a reason; the visits stay.
pub async fn end_pairing(desk: &Desk, actor: &Actor, id: i32, end_date: NaiveDate, reason: String) -> Result<PairingRow> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let reason = validate::name(&reason, "reason", "结束原因", 100)?;
    let txn = desk.begin_write().await?;
    let p = find_pairing(&txn, id).await?;
    if p.end_date.is_some() {
        return Err(Error::invalid("pairing_ended", "id", "该结对已结束"));
    }
    if end_date < p.start_date {
        return Err(Error::invalid("end_before_start", "endDate", "结束日期不能早于开始日期"));
    }
    if let Some(last) = p.last_visited_on.filter(|last| *last > end_date) {
        return Err(Error::invalid("end_before_visit", "endDate", format!("结束日期不能早于最近一次走访（{}）", day_text(last))));
    }
    end_on(&txn, desk, actor, p, end_date, &reason).await?;
    txn.commit().await?;
    pairing_row(desk, actor, id).await
}

async fn end_on<C: ConnectionTrait>(db: &C, desk: &Desk, actor: &Actor, p: pairing::Model, day: NaiveDate, reason: &str) -> Result<()> {
    let id = p.id;
    // Only a pairing still open: a second PC ending it at the same moment changes nothing.
    let ended = pairing::Entity::update_many()
        .col_expr(pairing::Column::EndDate, Expr::value(day))
        .col_expr(pairing::Column::EndReason, Expr::value(reason.to_string()))
        .filter(pairing::Column::Id.eq(id))
        .filter(pairing::Column::EndDate.is_null())
        .exec(db)
        .await?;
    if ended.rows_affected == 0 {
        return Ok(());
    }
    let detail = format!("{}：{reason}", day_text(day));
    audit::record_by(desk, db, actor, Entry::new(Action::PairingEnded).on("pairing", id).detail(detail)).await?;
    Ok(())
}

/// An elder who moved away or died ends the pairing on the day the registry says.
async fn end_departed(desk: &Desk, actor: &Actor) -> Result<()> {
    // Only elders with a status change on record can have left.
    let changed = Query::select().column(resident_status_event::Column::ResidentId).from(resident_status_event::Entity).to_owned();
    let open = pairing::Entity::find()
        .filter(pairing::Column::EndDate.is_null())
        .filter(pairing::Column::ElderId.in_subquery(changed))
        .all(desk.db())
        .await?;
    let ids: Vec<i32> = open.iter().map(|p| p.elder_id).collect();
    let events = events_of(desk.db(), &ids).await?;
    let today = desk.clock().today();
    let gone: Vec<(pairing::Model, Status, NaiveDate)> = open
        .into_iter()
        .filter_map(|p| match status_on(events.get(&p.elder_id).map(Vec::as_slice).unwrap_or(&[]), today) {
            (Status::Active, _) => None,
            (status, since) => Some((p, status, since.unwrap_or(today))),
        })
        .collect();
    if gone.is_empty() {
        return Ok(());
    }
    let txn = desk.begin_write().await?;
    for (p, status, since) in gone {
        let Some(current) = pairing::Entity::find_by_id(p.id).one(&txn).await? else { continue };
        if current.end_date.is_some() {
            continue;
        }
        let day = since.max(current.start_date);
        end_on(&txn, desk, actor, current, day, &format!("居民档案：{}", status.label())).await?;
    }
    txn.commit().await?;
    Ok(())
}

pub(crate) async fn find_pairing<C: ConnectionTrait>(db: &C, id: i32) -> Result<pairing::Model> {
    pairing::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "结对帮扶" })
}

pub async fn pairing_row(desk: &Desk, actor: &Actor, id: i32) -> Result<PairingRow> {
    let p = find_pairing(desk.db(), id).await?;
    rows(desk, actor, vec![p], desk.clock().today()).await?.pop().ok_or(Error::NotFound { what: "结对帮扶" })
}

/// Which pairings a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PairingFilter {
    /// In force today.
    #[default]
    Active,
    /// In force and not visited lately.
    Overdue,
    All,
}

/// The pairings, the overdue first (most days late first), then by elder. `as_of` is today unless
/// a printout asks for another day.
pub async fn list_pairings(desk: &Desk, actor: &Actor, filter: PairingFilter, as_of: Option<NaiveDate>) -> Result<Vec<PairingRow>> {
    let user = authorize_any(desk, actor, &READERS, VIEW).await?;
    // Ending is a write: done when someone who keeps the pairings looks (as childcare does).
    if WRITERS.contains(&user.role) {
        end_departed(desk, actor).await?;
    }
    let as_of = as_of.unwrap_or_else(|| desk.clock().today());
    let in_force = Condition::all()
        .add(pairing::Column::StartDate.lte(as_of))
        .add(Condition::any().add(pairing::Column::EndDate.is_null()).add(pairing::Column::EndDate.gte(as_of)));
    let today = desk.clock().today();
    let list = match filter {
        PairingFilter::All => pairing::Entity::find().order_by_asc(pairing::Column::Id).all(desk.db()).await?,
        PairingFilter::Active => pairing::Entity::find().filter(in_force).order_by_asc(pairing::Column::Id).all(desk.db()).await?,
        PairingFilter::Overdue => {
            // The state needs four columns: only the overdue are read in full.
            let grace = grace_days(desk.db()).await?;
            let brief: Vec<(i32, NaiveDate, i32, Option<NaiveDate>)> = pairing::Entity::find()
                .select_only()
                .columns([pairing::Column::Id, pairing::Column::StartDate, pairing::Column::FrequencyDays, pairing::Column::LastVisitedOn])
                .filter(in_force)
                .into_tuple()
                .all(desk.db())
                .await?;
            let past = if as_of < today { Some(last_visits(desk.db(), as_of).await?) } else { None };
            let last = |id: i32, kept: Option<NaiveDate>| match &past {
                Some(summary) => summary.get(&id).and_then(|v| v.1),
                None => kept,
            };
            let late: Vec<i32> = brief
                .into_iter()
                .filter(|(id, start, every, kept)| visit_state(*start, *every, last(*id, *kept), as_of, grace).overdue)
                .map(|(id, _, _, _)| id)
                .collect();
            let mut list = Vec::with_capacity(late.len());
            for chunk in late.chunks(500) {
                list.extend(pairing::Entity::find().filter(pairing::Column::Id.is_in(chunk.iter().copied())).all(desk.db()).await?);
            }
            list
        }
    };
    let visits = summary_of(desk.db(), &list, as_of, today).await?;
    let mut out = rows_with(desk, actor, list, as_of, &visits).await?;
    out.sort_by(|a, b| {
        (!a.visit.overdue, std::cmp::Reverse(a.visit.overdue_days), a.id).cmp(&(
            !b.visit.overdue,
            std::cmp::Reverse(b.visit.overdue_days),
            b.id,
        ))
    });
    Ok(out)
}

async fn rows(desk: &Desk, actor: &Actor, list: Vec<pairing::Model>, as_of: NaiveDate) -> Result<Vec<PairingRow>> {
    let visits = summary_of(desk.db(), &list, as_of, desk.clock().today()).await?;
    rows_with(desk, actor, list, as_of, &visits).await
}

/// The visits of `list` as of a day: kept on each pairing for today (no visit is recorded for a
/// day ahead), counted from the visits for a day past.
async fn summary_of<C: ConnectionTrait>(db: &C, list: &[pairing::Model], as_of: NaiveDate, today: NaiveDate) -> Result<VisitSummary> {
    if as_of >= today {
        let count = |p: &pairing::Model| u32::try_from(p.visit_count).unwrap_or(0);
        return Ok(list.iter().map(|p| (p.id, (count(p), p.last_visited_on, p.next_visit_on))).collect());
    }
    let mut visits = last_visits(db, as_of).await?;
    add_agreed_visits(db, &mut visits, &list.iter().map(|p| p.id).collect::<Vec<_>>(), as_of).await?;
    Ok(visits)
}

async fn rows_with(
    desk: &Desk,
    actor: &Actor,
    list: Vec<pairing::Model>,
    as_of: NaiveDate,
    visits: &VisitSummary,
) -> Result<Vec<PairingRow>> {
    let user = authorize_any(desk, actor, &READERS, VIEW).await?;
    let full_phones = WRITERS.contains(&user.role);
    let db = desk.db();
    let grace = grace_days(db).await?;
    let ids: Vec<i32> = list.iter().map(|p| p.id).collect();
    let elder_ids: Vec<i32> = list.iter().map(|p| p.elder_id).collect();
    let mut elders: HashMap<i32, resident::Model> = HashMap::new();
    for chunk in elder_ids.chunks(500) {
        elders.extend(
            resident::Entity::find()
                .filter(resident::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|r| (r.id, r)),
        );
    }
    let which =
        Query::select().column(resident::Column::Id).from(resident::Entity).and_where(resident::Column::Id.is_in(elder_ids)).to_owned();
    let categories = categories_of(db, which, as_of).await?;
    let places = PlaceIndex::load(db).await?;
    let volunteers = volunteers_of(db, &ids, full_phones).await?;
    Ok(list
        .into_iter()
        .filter_map(|p| {
            let elder = elders.get(&p.elder_id)?;
            let (count, last, next) = visits.get(&p.id).copied().unwrap_or((0, None, None));
            let active = p.start_date <= as_of && p.end_date.is_none_or(|end| end >= as_of);
            let visit = visit_state(p.start_date, p.frequency_days, last, as_of, grace);
            Some(PairingRow {
                id: p.id,
                elder_id: p.elder_id,
                elder_name: elder.name.clone(),
                elder_age: age_on(elder.birth_date, as_of),
                community: places.name(elder.community_id).unwrap_or_default(),
                address: elder.address.clone().unwrap_or_default(),
                categories: categories.get(&p.elder_id).cloned().unwrap_or_default(),
                volunteers: volunteers.get(&p.id).cloned().unwrap_or_default(),
                frequency_label: frequency_label(p.frequency_days),
                frequency_days: p.frequency_days,
                notes: p.notes,
                start_date: p.start_date,
                end_date: p.end_date,
                end_reason: p.end_reason,
                active,
                visit: if active { visit } else { VisitState { overdue: false, overdue_days: 0, label: "已结束".into(), ..visit } },
                visits: count,
                next_visit_on: next,
            })
        })
        .collect())
}

async fn volunteers_of<C: ConnectionTrait>(db: &C, pairing_ids: &[i32], full_phones: bool) -> Result<HashMap<i32, Vec<VolunteerRef>>> {
    let mut links = Vec::new();
    for chunk in pairing_ids.chunks(500) {
        links.extend(
            pairing_volunteer::Entity::find()
                .filter(pairing_volunteer::Column::PairingId.is_in(chunk.iter().copied()))
                .order_by_asc(pairing_volunteer::Column::Id)
                .all(db)
                .await?,
        );
    }
    let mut people: HashMap<i32, volunteer::Model> = HashMap::new();
    let ids: Vec<i32> = links.iter().map(|l| l.volunteer_id).collect();
    for chunk in ids.chunks(500) {
        people.extend(
            volunteer::Entity::find()
                .filter(volunteer::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|v| (v.id, v)),
        );
    }
    let mut out: HashMap<i32, Vec<VolunteerRef>> = HashMap::new();
    for l in links {
        if let Some(v) = people.get(&l.volunteer_id) {
            let phone = if full_phones { v.phone.clone() } else { crate::residents::mask_phone(&v.phone) };
            out.entry(l.pairing_id).or_default().push(VolunteerRef { id: v.id, number: v.number.clone(), name: v.name.clone(), phone });
        }
    }
    Ok(out)
}

/// Per pairing: the visits up to a day, the last one's day and the next visit it agreed.
type VisitSummary = HashMap<i32, (u32, Option<NaiveDate>, Option<NaiveDate>)>;

/// Each pairing's visits up to `as_of` and the last one's day, in one grouped query (the list's
/// cost does not grow with the visits kept).
async fn last_visits<C: ConnectionTrait>(db: &C, as_of: NaiveDate) -> Result<VisitSummary> {
    use sea_orm::{DbBackend, Statement};
    let backend = db.get_database_backend();
    let placeholder = if backend == DbBackend::Postgres { "$1" } else { "?" };
    let sql = format!(
        "SELECT pairing_id, COUNT(*), CAST(MAX(visited_on) AS TEXT) FROM visits WHERE visited_on <= {placeholder} GROUP BY pairing_id"
    );
    let mut out = VisitSummary::new();
    for row in db.query_all_raw(Statement::from_sql_and_values(backend, sql, [as_of.into()])).await? {
        let id: i32 = row.try_get_by_index(0)?;
        let count: i64 = row.try_get_by_index(1)?;
        let last: Option<String> = row.try_get_by_index(2)?;
        let last = last.and_then(|d| NaiveDate::parse_from_str(d.get(..10).unwrap_or(&d), "%Y-%m-%d").ok());
        out.insert(id, (u32::try_from(count).unwrap_or(u32::MAX), last, None));
    }
    Ok(out)
}

/// The next visit the last visit of each of `pairing_ids` agreed.
async fn add_agreed_visits<C: ConnectionTrait>(db: &C, summary: &mut VisitSummary, pairing_ids: &[i32], as_of: NaiveDate) -> Result<()> {
    for chunk in pairing_ids.chunks(500) {
        let Some(earliest) = chunk.iter().filter_map(|id| summary.get(id).and_then(|s| s.1)).min() else { continue };
        let agreed: Vec<(i32, NaiveDate, Option<NaiveDate>)> = visit::Entity::find()
            .select_only()
            .columns([visit::Column::PairingId, visit::Column::VisitedOn, visit::Column::NextVisitOn])
            .filter(visit::Column::PairingId.is_in(chunk.iter().copied()))
            .filter(visit::Column::NextVisitOn.is_not_null())
            .filter(visit::Column::VisitedOn.between(earliest, as_of))
            .order_by_asc(visit::Column::VisitedOn)
            .order_by_asc(visit::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        for (id, visited_on, next) in agreed {
            if let Some(entry) = summary.get_mut(&id).filter(|e| e.1 == Some(visited_on)) {
                entry.2 = next;
            }
        }
    }
    Ok(())
}

/// Elders to pair: residents of 60 and over in force today in one of [`SUGGESTED_CATEGORIES`]
/// with no pairing in force, 独居 first, the oldest first.
pub async fn suggest_elders(desk: &Desk, actor: &Actor) -> Result<Vec<ElderSuggestion>> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let db = desk.db();
    let today = desk.clock().today();
    let everyone = Query::select().column(resident::Column::Id).from(resident::Entity).to_owned();
    let held = categories_of(db, everyone, today).await?;
    let paired: std::collections::HashSet<i32> =
        pairing::Entity::find().filter(pairing::Column::EndDate.is_null()).all(db).await?.into_iter().map(|p| p.elder_id).collect();
    let candidates: Vec<i32> = held
        .iter()
        .filter(|(id, cats)| !paired.contains(id) && cats.iter().any(|c| SUGGESTED_CATEGORIES.contains(&c.as_str())))
        .map(|(id, _)| *id)
        .collect();
    let events = events_of(db, &candidates).await?;
    let places = PlaceIndex::load(db).await?;
    let mut out = Vec::new();
    for chunk in candidates.chunks(500) {
        for r in resident::Entity::find().filter(resident::Column::Id.is_in(chunk.iter().copied())).all(db).await? {
            let age = age_on(r.birth_date, today);
            let active = status_on(events.get(&r.id).map(Vec::as_slice).unwrap_or(&[]), today).0 == Status::Active;
            if !active || age.is_none_or(|a| a < ELDER_AGE) {
                continue;
            }
            out.push(ElderSuggestion {
                resident_id: r.id,
                name: r.name,
                age,
                community: places.name(r.community_id).unwrap_or_default(),
                categories: held.get(&r.id).cloned().unwrap_or_default(),
            });
        }
    }
    let rank = |s: &ElderSuggestion| SUGGESTED_CATEGORIES.iter().position(|c| s.categories.iter().any(|x| x == c)).unwrap_or(usize::MAX);
    out.sort_by_key(|s| (rank(s), std::cmp::Reverse(s.age), s.resident_id));
    Ok(out)
}
