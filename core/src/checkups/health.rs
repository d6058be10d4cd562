//! A resident's health page: every check-up and follow-up, known conditions, open follow-ups and
//! the blood-pressure and glucose series for the trend charts. Roles without
//! [`super::VALUE_READERS`] see only that a check-up or follow-up took place, and when.

use super::followup_rules::{FollowupMethod, NewTask};
use super::followups::ConditionEntry;
use super::readings::GlucoseKind;
use super::results::{reading_of, threshold_versions, view, ResultView};
use super::{TaskStatus, VALUE_READERS};
use crate::auth::{current_user, Actor};
use crate::db::entity::{checkup_campaign, checkup_result, followup_record, followup_task, health_condition, health_station, resident};
use crate::error::{Error, Result};
use crate::Desk;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckupEntry {
    pub checked_on: NaiveDate,
    pub campaign: Option<String>,
    pub station: Option<String>,
    /// None for roles that may not see health values.
    pub result: Option<ResultView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowupEntry {
    pub followed_on: NaiveDate,
    pub method: FollowupMethod,
    pub method_label: String,
    /// "150/95"; None without values or without a reading.
    pub blood_pressure: Option<String>,
    /// "7.8（空腹）"
    pub glucose: Option<String>,
    pub outcome: Option<String>,
    pub next_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BpPoint {
    pub date: NaiveDate,
    pub systolic: i32,
    pub diastolic: i32,
    /// 体检 or 随访.
    pub source: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GlucosePoint {
    pub date: NaiveDate,
    /// mmol/L × 10.
    pub value_x10: i32,
    pub kind: GlucoseKind,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HealthPage {
    pub resident_id: i32,
    pub name: String,
    pub values_visible: bool,
    /// Newest first.
    pub checkups: Vec<CheckupEntry>,
    /// Newest first.
    pub followups: Vec<FollowupEntry>,
    pub conditions: Vec<ConditionEntry>,
    pub open_tasks: Vec<NewTask>,
    /// Oldest first, for the charts.
    pub bp_series: Vec<BpPoint>,
    pub glucose_series: Vec<GlucosePoint>,
}

pub async fn health_page(desk: &Desk, actor: &Actor, resident_id: i32) -> Result<HealthPage> {
    let user = current_user(desk, actor).await?;
    let visible = VALUE_READERS.contains(&user.role);
    let db = desk.db();
    let person = resident::Entity::find_by_id(resident_id).one(db).await?.ok_or(Error::NotFound { what: "居民" })?;
    let results = checkup_result::Entity::find()
        .filter(checkup_result::Column::ResidentId.eq(resident_id))
        .order_by_desc(checkup_result::Column::CheckedOn)
        .order_by_desc(checkup_result::Column::Id)
        .all(db)
        .await?;
    let records = followup_record::Entity::find()
        .filter(followup_record::Column::ResidentId.eq(resident_id))
        .order_by_desc(followup_record::Column::FollowedOn)
        .order_by_desc(followup_record::Column::Id)
        .all(db)
        .await?;
    let campaigns: HashMap<i32, String> = checkup_campaign::Entity::find().all(db).await?.into_iter().map(|c| (c.id, c.name)).collect();
    let stations: HashMap<i32, String> = health_station::Entity::find().all(db).await?.into_iter().map(|s| (s.id, s.name)).collect();
    let mut page = HealthPage {
        resident_id,
        name: person.name,
        values_visible: visible,
        checkups: Vec::new(),
        followups: Vec::new(),
        conditions: Vec::new(),
        open_tasks: Vec::new(),
        bp_series: Vec::new(),
        glucose_series: Vec::new(),
    };
    if visible {
        series(&mut page, &results, &records);
    }
    let versions = if visible { threshold_versions(db).await? } else { HashMap::new() };
    for r in results {
        page.checkups.push(CheckupEntry {
            checked_on: r.checked_on,
            campaign: r.campaign_id.and_then(|c| campaigns.get(&c).cloned()),
            station: r.station_id.and_then(|s| stations.get(&s).cloned()),
            result: visible.then(|| view(r, &versions, Vec::new())),
        });
    }
    page.followups = records.into_iter().filter_map(|r| followup_entry(r, visible)).collect();
    if visible {
        page.conditions = health_condition::Entity::find()
            .filter(health_condition::Column::ResidentId.eq(resident_id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| ConditionEntry { condition: c.condition, since: c.since })
            .collect();
        page.open_tasks = followup_task::Entity::find()
            .filter(followup_task::Column::ResidentId.eq(resident_id))
            .filter(followup_task::Column::Status.eq(TaskStatus::Open.as_str()))
            .order_by_asc(followup_task::Column::DueOn)
            .all(db)
            .await?
            .into_iter()
            .map(|t| NewTask { kind: t.kind, due_on: t.due_on, reason: t.reason })
            .collect();
    }
    Ok(page)
}

fn followup_entry(r: followup_record::Model, visible: bool) -> Option<FollowupEntry> {
    let method = r.method;
    let kind = r.glucose_kind;
    Some(FollowupEntry {
        followed_on: r.followed_on,
        method,
        method_label: method.label().into(),
        blood_pressure: if visible { r.systolic.zip(r.diastolic).map(|(s, d)| format!("{s}/{d}")) } else { None },
        glucose: if visible {
            r.glucose_x10.map(|g| format!("{}（{}）", super::readings::tenths_text(g), kind.map(|k| k.label()).unwrap_or_default()))
        } else {
            None
        },
        outcome: visible.then_some(r.outcome),
        next_on: r.next_on,
    })
}

/// The blood-pressure and glucose readings of check-ups and follow-ups, oldest first.
fn series(page: &mut HealthPage, results: &[checkup_result::Model], records: &[followup_record::Model]) {
    for r in results {
        let reading = reading_of(r);
        if let (Some(s), Some(d)) = (reading.systolic, reading.diastolic) {
            page.bp_series.push(BpPoint { date: r.checked_on, systolic: s, diastolic: d, source: "体检".into() });
        }
        if let (Some(g), Some(kind)) = (reading.glucose_x10, reading.glucose_kind) {
            page.glucose_series.push(GlucosePoint { date: r.checked_on, value_x10: g, kind, source: "体检".into() });
        }
    }
    for r in records {
        if let (Some(s), Some(d)) = (r.systolic, r.diastolic) {
            page.bp_series.push(BpPoint { date: r.followed_on, systolic: s, diastolic: d, source: "随访".into() });
        }
        let kind = r.glucose_kind;
        if let (Some(g), Some(kind)) = (r.glucose_x10, kind) {
            page.glucose_series.push(GlucosePoint { date: r.followed_on, value_x10: g, kind, source: "随访".into() });
        }
    }
    page.bp_series.sort_by_key(|p| p.date);
    page.glucose_series.sort_by_key(|p| p.date);
}
