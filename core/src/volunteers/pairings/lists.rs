//! The pairing lists: every list and printout reads its rows here, with each pairing's visits as
//! of a day — kept on the pairing for today, counted from the visits for a day past.

use super::{end_departed, find_pairing, frequency_label, visit_state, PairingRow, VisitState, VolunteerRef};
use crate::auth::{authorize_any, Actor};
use crate::db::entity::{pairing, pairing_volunteer, resident, visit, volunteer};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::residents::places::PlaceIndex;
use crate::residents::search::categories_of;
use crate::volunteers::settings::grace_days;
use crate::volunteers::{READERS, VIEW, WRITERS};
use crate::Desk;
use chrono::NaiveDate;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

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
