//! The one answer every module asks before it books, tickets, subsidises or invites someone:
//! may this resident receive a service on this date? Not from the day of moving out or death on,
//! even when the record was entered late — subsidies paid for deceased elders are a real audit
//! finding.

use super::model::Status;
use crate::clock::day_text;
use crate::db::entity::{resident, resident_status_event};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Eligibility {
    pub allowed: bool,
    /// Why not, in words for staff ("王秀英已于2026年10月3日去世").
    pub reason: Option<String>,
}

/// The status in force on `on`, from the status history (latest event on or before that day).
pub fn status_on(events: &[(Status, NaiveDate)], on: NaiveDate) -> (Status, Option<NaiveDate>) {
    events
        .iter()
        .filter(|(_, from)| *from <= on)
        .max_by_key(|(_, from)| *from)
        .map_or((Status::Active, None), |(s, from)| (*s, Some(*from)))
}

pub(crate) fn judge(name: &str, events: &[(Status, NaiveDate)], on: NaiveDate) -> Eligibility {
    match status_on(events, on) {
        (Status::Active, _) => Eligibility { allowed: true, reason: None },
        (status, since) => {
            let when = since.map(day_text).unwrap_or_default();
            let what = match status {
                Status::Deceased => "去世",
                _ => "迁出",
            };
            Eligibility { allowed: false, reason: Some(format!("{name}已于{when}{what}，不能再接受服务")) }
        }
    }
}

/// Status events of many residents, oldest first, in one query.
pub(crate) async fn events_of<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<HashMap<i32, Vec<(Status, NaiveDate)>>> {
    let mut by_resident: HashMap<i32, Vec<(Status, NaiveDate)>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = resident_status_event::Entity::find()
            .filter(resident_status_event::Column::ResidentId.is_in(chunk.iter().copied()))
            .order_by_asc(resident_status_event::Column::EffectiveDate)
            .order_by_asc(resident_status_event::Column::Id)
            .all(db)
            .await?;
        for e in rows {
            by_resident.entry(e.resident_id).or_default().push((e.status, e.effective_date));
        }
    }
    Ok(by_resident)
}

/// May resident `id` receive a service on `on`? Every module calls this (or [`eligibility_many`]).
pub async fn may_receive_service<C: ConnectionTrait>(db: &C, id: i32, on: NaiveDate) -> Result<Eligibility> {
    let r = resident::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "居民" })?;
    let events = events_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    Ok(judge(&r.name, &events, on))
}

/// The same answer for many residents on one date (daily lists, subsidy runs).
pub async fn eligibility_many<C: ConnectionTrait>(db: &C, ids: &[i32], on: NaiveDate) -> Result<HashMap<i32, Eligibility>> {
    let mut names: HashMap<i32, String> = HashMap::new();
    for chunk in ids.chunks(500) {
        let select = resident::Entity::find().select_only().columns([resident::Column::Id, resident::Column::Name]);
        names.extend(select.filter(resident::Column::Id.is_in(chunk.iter().copied())).into_tuple::<(i32, String)>().all(db).await?);
    }
    let events = events_of(db, ids).await?;
    Ok(names
        .into_iter()
        .map(|(id, name)| {
            let e = events.get(&id).map(Vec::as_slice).unwrap_or(&[]);
            (id, judge(&name, e, on))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn refused_from_the_day_of_death_on_not_before() {
        let events = [(Status::Deceased, d(10, 3))];
        assert!(judge("王秀英", &events, d(10, 2)).allowed);
        let e = judge("王秀英", &events, d(10, 3));
        assert!(!e.allowed);
        assert_eq!(e.reason.as_deref(), Some("王秀英已于2026年10月3日去世，不能再接受服务"));
    }

    #[test]
    fn moving_back_restores_eligibility_from_that_day() {
        let events = [(Status::MovedOut, d(3, 1)), (Status::Active, d(6, 1))];
        assert!(judge("李", &events, d(2, 28)).allowed);
        assert!(!judge("李", &events, d(5, 31)).allowed);
        assert!(judge("李", &events, d(6, 1)).allowed);
    }
}
