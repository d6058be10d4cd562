//! Check-up campaigns: the days, the station and the provider, who is targeted, what invitees are
//! told, and the time slots with their capacity.

use super::{HEALTH_STAFF, MANAGE_CHECKUPS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor};
use crate::clock::day_text;
use crate::db::entity::{
    campaign_slot, category_type, checkup_campaign, checkup_invitation, checkup_result, health_provider, health_station,
};
use crate::error::{Error, Result};
use crate::{validate, Desk};
use chrono::{NaiveDate, NaiveTime};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TryIntoModel};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Longest campaign, in days: a check-up drive at one station rarely runs longer than a month.
const MAX_DAYS: i64 = 31;
/// Most people one time slot can take.
const MAX_CAPACITY: i32 = 500;

/// Who a campaign is for. All parts that are set must hold on the campaign's first day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TargetRule {
    /// "65 and over"; none: any age.
    pub min_age: Option<u32>,
    /// Holding this category (e.g. 独居) on the first day.
    pub category_type_id: Option<i32>,
    /// No check-up yet in the calendar year of the first day.
    pub not_checked_this_year: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlotInput {
    /// An existing slot keeps its id (and its invitees); none for a new slot.
    pub id: Option<i32>,
    pub day: NaiveDate,
    /// "08:00"
    pub starts_at: String,
    pub ends_at: String,
    pub capacity: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignInput {
    pub name: String,
    pub station_id: i32,
    pub provider_id: i32,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub target: TargetRule,
    /// What to bring, printed on the invitation slip ("身份证、医保卡、既往病历").
    pub bring_note: String,
    /// Invitees are told to come fasting (glucose is measured fasting).
    pub fasting: bool,
    pub notes: Option<String>,
    pub slots: Vec<SlotInput>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlotInfo {
    pub id: i32,
    pub day: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub capacity: i32,
    /// Invitees given this slot.
    pub assigned: i32,
    /// "12月8日 08:00–09:00"
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignInfo {
    pub id: i32,
    pub name: String,
    pub station_id: i32,
    pub station_name: String,
    pub station_address: String,
    pub provider_id: i32,
    pub provider_name: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub target: TargetRule,
    /// "65岁及以上、本年度未体检"
    pub target_text: String,
    pub bring_note: String,
    pub fasting: bool,
    pub notes: Option<String>,
    pub slots: Vec<SlotInfo>,
    /// Places still free in all slots together.
    pub room: i32,
    pub invited: i32,
    pub signed_in: i32,
    pub checked: i32,
}

pub async fn list_campaigns(desk: &Desk, actor: &Actor) -> Result<Vec<CampaignInfo>> {
    current_user(desk, actor).await?;
    let rows = checkup_campaign::Entity::find()
        .order_by_desc(checkup_campaign::Column::FirstDay)
        .order_by_desc(checkup_campaign::Column::Id)
        .all(desk.db())
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        out.push(info(desk.db(), c).await?);
    }
    Ok(out)
}

pub async fn get_campaign(desk: &Desk, actor: &Actor, id: i32) -> Result<CampaignInfo> {
    current_user(desk, actor).await?;
    info(desk.db(), find_campaign(desk.db(), id).await?).await
}

/// Creates a campaign (`id` none) or changes one. A slot that has invitees cannot be removed or
/// made smaller than the number assigned to it.
pub async fn save_campaign(desk: &Desk, actor: &Actor, id: Option<i32>, input: CampaignInput) -> Result<CampaignInfo> {
    let user = authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let checked = check_input(&input)?;
    let txn = desk.begin_write().await?;
    health_station::Entity::find_by_id(input.station_id)
        .one(&txn)
        .await?
        .ok_or_else(|| Error::invalid("not_found", "stationId", "请选择健康服务站"))?;
    health_provider::Entity::find_by_id(input.provider_id)
        .one(&txn)
        .await?
        .ok_or_else(|| Error::invalid("not_found", "providerId", "请选择体检机构"))?;
    if let Some(cid) = input.target.category_type_id {
        category_type::Entity::find_by_id(cid)
            .one(&txn)
            .await?
            .ok_or_else(|| Error::invalid("not_found", "target.categoryTypeId", "所选类别不存在"))?;
    }
    let mut m: checkup_campaign::ActiveModel = match id {
        Some(id) => find_campaign(&txn, id).await?.into(),
        None => checkup_campaign::ActiveModel { created_at: Set(desk.clock().now()), created_by: Set(Some(user.id)), ..Default::default() },
    };
    m.name = Set(checked.name.clone());
    m.station_id = Set(input.station_id);
    m.provider_id = Set(input.provider_id);
    m.first_day = Set(input.first_day);
    m.last_day = Set(input.last_day);
    m.target_min_age = Set(input.target.min_age.map(|a| a as i32));
    m.target_category_type_id = Set(input.target.category_type_id);
    m.target_not_checked_this_year = Set(input.target.not_checked_this_year);
    m.bring_note = Set(checked.bring_note);
    m.fasting = Set(input.fasting);
    m.notes = Set(checked.notes);
    let saved = m.save(&txn).await?.try_into_model()?;
    save_slots(&txn, saved.id, &input.slots).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::CampaignSaved).on("checkup_campaign", saved.id).detail(checked.name)).await?;
    let shown = info(&txn, saved).await?;
    txn.commit().await?;
    Ok(shown)
}

struct CheckedInput {
    name: String,
    bring_note: String,
    notes: Option<String>,
}

fn check_input(input: &CampaignInput) -> Result<CheckedInput> {
    let name = validate::name(&input.name, "name", "活动名称", 60)?;
    let bring_note = validate::name(&input.bring_note, "bringNote", "携带物品", 100)?;
    let notes = validate::optional_text(&input.notes, "notes", "备注", 500)?;
    if input.last_day < input.first_day {
        return Err(Error::invalid("invalid_days", "lastDay", "结束日期不能早于开始日期"));
    }
    if (input.last_day - input.first_day).num_days() >= MAX_DAYS {
        return Err(Error::invalid("invalid_days", "lastDay", format!("一次体检活动最长 {MAX_DAYS} 天")));
    }
    if input.target.min_age.is_some_and(|a| a > 120) {
        return Err(Error::invalid("invalid_age", "target.minAge", "起始年龄应在 0–120 岁之间"));
    }
    if input.slots.is_empty() {
        return Err(Error::invalid("no_slot", "slots", "请至少设置一个时段"));
    }
    let mut seen = Vec::new();
    for s in &input.slots {
        let (from, to) = slot_times(s)?;
        if s.day < input.first_day || s.day > input.last_day {
            return Err(Error::invalid("slot_outside", "slots", format!("时段 {} 不在活动日期内", day_text(s.day))));
        }
        if !(1..=MAX_CAPACITY).contains(&s.capacity) {
            return Err(Error::invalid(
                "invalid_capacity",
                "slots",
                format!("{} 的名额应在 1–{MAX_CAPACITY} 人之间", slot_label(s.day, from, to)),
            ));
        }
        if seen.contains(&(s.day, from)) {
            return Err(Error::invalid("duplicate_slot", "slots", format!("{} 重复设置", slot_label(s.day, from, to))));
        }
        seen.push((s.day, from));
    }
    Ok(CheckedInput { name, bring_note, notes })
}

fn slot_times(s: &SlotInput) -> Result<(NaiveTime, NaiveTime)> {
    let parse = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
    let (Some(from), Some(to)) = (parse(&s.starts_at), parse(&s.ends_at)) else {
        return Err(Error::invalid("invalid_time", "slots", format!("{} 的时段时间应写成 08:00 这样的格式", day_text(s.day))));
    };
    if to <= from {
        return Err(Error::invalid(
            "invalid_time",
            "slots",
            format!("{} {} 的结束时间要晚于开始时间", day_text(s.day), s.starts_at.trim()),
        ));
    }
    Ok((from, to))
}

pub(crate) fn slot_label(day: NaiveDate, from: NaiveTime, to: NaiveTime) -> String {
    label_of(day, &from.format("%H:%M").to_string(), &to.format("%H:%M").to_string())
}

/// "12月8日 08:00–09:00"
fn label_of(day: NaiveDate, from: &str, to: &str) -> String {
    format!("{} {from}–{to}", day.format("%-m月%-d日"))
}

/// Replaces the campaign's slots by `slots`, keeping the ids (and invitees) of those given with
/// an id.
async fn save_slots<C: ConnectionTrait>(db: &C, campaign_id: i32, slots: &[SlotInput]) -> Result<()> {
    let existing = campaign_slot::Entity::find().filter(campaign_slot::Column::CampaignId.eq(campaign_id)).all(db).await?;
    let assigned = assigned_counts(db, campaign_id).await?;
    for old in &existing {
        let kept = slots.iter().find(|s| s.id == Some(old.id));
        let taken = assigned.get(&old.id).copied().unwrap_or(0);
        let label = format!("{} {}", day_text(old.day), old.starts_at);
        match kept {
            None if taken > 0 => {
                return Err(Error::invalid("slot_in_use", "slots", format!("时段 {label} 已安排 {taken} 人，请先把他们调到其他时段")));
            }
            Some(s) if s.capacity < taken => {
                return Err(Error::invalid("slot_in_use", "slots", format!("时段 {label} 已安排 {taken} 人，名额不能少于 {taken}")));
            }
            None => {
                campaign_slot::Entity::delete_by_id(old.id).exec(db).await?;
            }
            Some(_) => {}
        }
    }
    for s in slots {
        let (from, to) = slot_times(s)?;
        let mut m: campaign_slot::ActiveModel = match s.id {
            Some(id) => existing.iter().find(|o| o.id == id).cloned().ok_or(Error::NotFound { what: "时段" })?.into(),
            None => campaign_slot::ActiveModel { campaign_id: Set(campaign_id), ..Default::default() },
        };
        m.day = Set(s.day);
        m.starts_at = Set(from.format("%H:%M").to_string());
        m.ends_at = Set(to.format("%H:%M").to_string());
        m.capacity = Set(s.capacity);
        m.save(db).await?;
    }
    Ok(())
}

/// Invitees per slot of a campaign.
pub(crate) async fn assigned_counts<C: ConnectionTrait>(db: &C, campaign_id: i32) -> Result<HashMap<i32, i32>> {
    let rows = checkup_invitation::Entity::find().filter(checkup_invitation::Column::CampaignId.eq(campaign_id)).all(db).await?;
    let mut counts = HashMap::new();
    for slot in rows.iter().filter_map(|i| i.slot_id) {
        *counts.entry(slot).or_insert(0) += 1;
    }
    Ok(counts)
}

pub(crate) async fn find_campaign<C: ConnectionTrait>(db: &C, id: i32) -> Result<checkup_campaign::Model> {
    checkup_campaign::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "体检活动" })
}

/// The campaign's slots in time order, with how many are assigned to each.
pub(crate) async fn slots_of<C: ConnectionTrait>(db: &C, campaign_id: i32) -> Result<Vec<SlotInfo>> {
    let assigned = assigned_counts(db, campaign_id).await?;
    let rows = campaign_slot::Entity::find()
        .filter(campaign_slot::Column::CampaignId.eq(campaign_id))
        .order_by_asc(campaign_slot::Column::Day)
        .order_by_asc(campaign_slot::Column::StartsAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let label = label_of(s.day, &s.starts_at, &s.ends_at);
            SlotInfo {
                id: s.id,
                day: s.day,
                assigned: assigned.get(&s.id).copied().unwrap_or(0),
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                capacity: s.capacity,
                label,
            }
        })
        .collect())
}

async fn info<C: ConnectionTrait>(db: &C, c: checkup_campaign::Model) -> Result<CampaignInfo> {
    let station = health_station::Entity::find_by_id(c.station_id).one(db).await?;
    let provider = health_provider::Entity::find_by_id(c.provider_id).one(db).await?;
    let category = match c.target_category_type_id {
        Some(id) => category_type::Entity::find_by_id(id).one(db).await?.map(|t| t.name),
        None => None,
    };
    let target = TargetRule {
        min_age: c.target_min_age.map(|a| a.max(0) as u32),
        category_type_id: c.target_category_type_id,
        not_checked_this_year: c.target_not_checked_this_year,
    };
    let invitations = checkup_invitation::Entity::find().filter(checkup_invitation::Column::CampaignId.eq(c.id));
    let invited = invitations.clone().count(db).await? as i32;
    let signed_in = invitations.filter(checkup_invitation::Column::SignedInAt.is_not_null()).count(db).await? as i32;
    let checked = checkup_result::Entity::find().filter(checkup_result::Column::CampaignId.eq(c.id)).count(db).await? as i32;
    let slots = slots_of(db, c.id).await?;
    Ok(CampaignInfo {
        id: c.id,
        target_text: target_text(&target, category.as_deref()),
        target,
        name: c.name,
        station_id: c.station_id,
        station_name: station.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        station_address: station.map(|s| s.address).unwrap_or_default(),
        provider_id: c.provider_id,
        provider_name: provider.map(|p| p.name).unwrap_or_default(),
        first_day: c.first_day,
        last_day: c.last_day,
        bring_note: c.bring_note,
        fasting: c.fasting,
        notes: c.notes,
        room: slots.iter().map(|s| (s.capacity - s.assigned).max(0)).sum(),
        slots,
        invited,
        signed_in,
        checked,
    })
}

/// "65岁及以上、独居、本年度未体检", or "全体居民".
pub fn target_text(t: &TargetRule, category: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(age) = t.min_age {
        parts.push(format!("{age}岁及以上"));
    }
    if let Some(c) = category {
        parts.push(c.to_string());
    }
    if t.not_checked_this_year {
        parts.push("本年度未体检".to_string());
    }
    if parts.is_empty() {
        "全体居民".into()
    } else {
        parts.join("、")
    }
}
