//! Counts for summaries: check-ups per station and month, the cumulative number of person-times,
//! and the share flagged. Counts only, no one's values, so the organisers may read them.

use super::flags::GlucoseClass;
use super::{HEALTH_STAFF, MANAGE_CHECKUPS};
use crate::auth::{authorize_any, Actor};
use crate::db::entity::{checkup_result, health_station};
use crate::error::{Error, Result};
use crate::Desk;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// One result's (station, checked on, 血压未控制, glucose class, urgent).
type ResultFlags = (Option<i32>, NaiveDate, bool, Option<GlucoseClass>, bool);

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StationMonth {
    /// "未指定服务站" for imported results without a station.
    pub station: String,
    /// "2026-11"
    pub month: String,
    pub checkups: u32,
    pub flagged: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckupCounts {
    pub year: i32,
    /// By station, then month.
    pub rows: Vec<StationMonth>,
    pub year_total: u32,
    pub year_flagged: u32,
    /// Flagged share of the year's check-ups, in per mille (0–1000), so the UI does no division.
    pub flagged_per_mille: u32,
    pub year_urgent: u32,
    /// Every check-up ever recorded (person-times).
    pub cumulative: u32,
}

/// The counts of `year`, and the cumulative total.
pub async fn counts(desk: &Desk, actor: &Actor, year: i32) -> Result<CheckupCounts> {
    authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Err(Error::invalid("invalid_year", "year", format!("年份“{year}”无效")));
    };
    let db = desk.db();
    let stations: HashMap<i32, String> = health_station::Entity::find().all(db).await?.into_iter().map(|s| (s.id, s.name)).collect();
    let columns = [
        checkup_result::Column::StationId,
        checkup_result::Column::CheckedOn,
        checkup_result::Column::BpUncontrolled,
        checkup_result::Column::GlucoseClass,
        checkup_result::Column::Urgent,
    ];
    let rows: Vec<ResultFlags> = checkup_result::Entity::find()
        .select_only()
        .columns(columns)
        .filter(checkup_result::Column::CheckedOn.between(first, last))
        .into_tuple()
        .all(db)
        .await?;
    let mut by: BTreeMap<(String, String), (u32, u32)> = BTreeMap::new();
    let (mut flagged_total, mut urgent_total) = (0, 0);
    for (station, day, bp_uncontrolled, glucose, urgent) in &rows {
        let name = station.and_then(|s| stations.get(&s).cloned()).unwrap_or_else(|| "未指定服务站".into());
        let flagged = *bp_uncontrolled || *urgent || glucose.is_some_and(|c| c != GlucoseClass::Normal);
        let e = by.entry((name, format!("{}-{:02}", day.year(), day.month()))).or_insert((0, 0));
        e.0 += 1;
        e.1 += u32::from(flagged);
        flagged_total += u32::from(flagged);
        urgent_total += u32::from(*urgent);
    }
    let cumulative =
        checkup_result::Entity::find().select_only().column_as(checkup_result::Column::Id.count(), "n").into_tuple::<i64>().one(db).await?;
    let total = rows.len() as u32;
    Ok(CheckupCounts {
        year,
        rows: by.into_iter().map(|((station, month), (checkups, flagged))| StationMonth { station, month, checkups, flagged }).collect(),
        year_total: total,
        year_flagged: flagged_total,
        flagged_per_mille: if total == 0 { 0 } else { (u64::from(flagged_total) * 1000 / u64::from(total)) as u32 },
        year_urgent: urgent_total,
        cumulative: cumulative.unwrap_or(0).max(0) as u32,
    })
}
