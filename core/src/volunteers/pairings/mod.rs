//! 结对帮扶: volunteers paired with an elder from the registry, to visit every so many days.
//! "Not visited lately" is defined here once — [`visit_state`]: the pairing's frequency plus the
//! office's grace days after the last visit (or the start) — and the home page, the volunteers
//! page and every printout call it.

mod lists;
pub use lists::{list_pairings, pairing_row, PairingFilter};

use super::registry::find_volunteer;
use super::{MANAGE, PAIRING_MIN_AGE, WRITERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::clock::day_text;
use crate::db::entity::{pairing, pairing_volunteer, resident, resident_status_event, visit};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::residents::eligibility::{events_of, may_receive_service, status_on};
use crate::residents::model::Status;
use crate::residents::places::PlaceIndex;
use crate::residents::search::categories_of;
use crate::{validate, Desk};
use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

fn frequency_label(days: i32) -> String {
    match days {
        7 => "每周".into(),
        14 => "每两周".into(),
        30 => "每月".into(),
        1 => "每天".into(),
        n => format!("每 {n} 天"),
    }
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
