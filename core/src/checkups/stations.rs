//! Health stations (健康服务站) where check-ups are held, and the providers (hospitals, clinics,
//! the 街道卫生院) whose doctors carry them out.

use super::{HEALTH_STAFF, MANAGE_CHECKUPS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor};
use crate::coded::coded_enum;
use crate::db::entity::{community, health_provider, health_station};
use crate::error::{Error, Result};
use crate::residents::places::PlaceIndex;
use crate::{validate, Desk};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TryIntoModel};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

coded_enum! {
    /// What kind of body a provider is.
    ProviderKind, "kind", "机构类型" {
        Hospital => "hospital", "医院";
        HealthCenter => "health_center", "卫生院";
        Clinic => "clinic", "诊所/卫生室";
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StationInput {
    pub name: String,
    pub community_id: Option<i32>,
    pub address: String,
    pub phone: Option<String>,
    #[serde(default = "in_use")]
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StationInfo {
    pub id: i32,
    pub name: String,
    pub community_id: Option<i32>,
    pub community_name: Option<String>,
    pub address: String,
    pub phone: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderInput {
    pub name: String,
    pub kind: ProviderKind,
    /// Doctors' names, separated by "、" or commas.
    pub doctors: String,
    pub phone: Option<String>,
    #[serde(default = "in_use")]
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderInfo {
    pub id: i32,
    pub name: String,
    pub kind: ProviderKind,
    pub kind_label: String,
    pub doctors: Vec<String>,
    pub phone: Option<String>,
    pub active: bool,
}

fn in_use() -> bool {
    true
}

pub async fn list_stations(desk: &Desk, actor: &Actor) -> Result<Vec<StationInfo>> {
    current_user(desk, actor).await?;
    let places = PlaceIndex::load(desk.db()).await?;
    let rows = health_station::Entity::find().order_by_asc(health_station::Column::Id).all(desk.db()).await?;
    Ok(rows.into_iter().map(|s| station_info(s, &places)).collect())
}

fn station_info(s: health_station::Model, places: &PlaceIndex) -> StationInfo {
    StationInfo {
        id: s.id,
        community_name: places.name(s.community_id),
        name: s.name,
        community_id: s.community_id,
        address: s.address,
        phone: s.phone,
        active: s.active,
    }
}

/// Adds a station (`id` none) or changes one.
pub async fn save_station(desk: &Desk, actor: &Actor, id: Option<i32>, input: StationInput) -> Result<StationInfo> {
    authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let name = validate::name(&input.name, "name", "服务站名称", 40)?;
    let address = validate::name(&input.address, "address", "地址", 100)?;
    let phone = validate::optional_text(&input.phone, "phone", "联系电话", 30)?;
    let txn = desk.begin_write().await?;
    if let Some(cid) = input.community_id {
        community::Entity::find_by_id(cid).one(&txn).await?.ok_or(Error::NotFound { what: "社区" })?;
    }
    let clash = health_station::Entity::find().filter(health_station::Column::Name.eq(name.clone())).one(&txn).await?;
    if clash.is_some_and(|s| Some(s.id) != id) {
        return Err(Error::conflict("name", format!("已有名为“{name}”的健康服务站")));
    }
    let mut m: health_station::ActiveModel = match id {
        Some(id) => health_station::Entity::find_by_id(id).one(&txn).await?.ok_or(Error::NotFound { what: "健康服务站" })?.into(),
        None => health_station::ActiveModel { created_at: Set(desk.clock().now()), ..Default::default() },
    };
    m.name = Set(name.clone());
    m.community_id = Set(input.community_id);
    m.address = Set(address);
    m.phone = Set(phone);
    m.active = Set(input.active);
    let saved = m.save(&txn).await?.try_into_model()?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::HealthStationSaved).on("health_station", saved.id).detail(name)).await?;
    let places = PlaceIndex::load(&txn).await?;
    txn.commit().await?;
    Ok(station_info(saved, &places))
}

pub async fn list_providers(desk: &Desk, actor: &Actor) -> Result<Vec<ProviderInfo>> {
    current_user(desk, actor).await?;
    let rows = health_provider::Entity::find().order_by_asc(health_provider::Column::Id).all(desk.db()).await?;
    Ok(rows.into_iter().map(provider_info).collect())
}

fn provider_info(p: health_provider::Model) -> ProviderInfo {
    let kind = p.kind;
    ProviderInfo {
        id: p.id,
        name: p.name,
        kind,
        kind_label: kind.label().into(),
        doctors: split_names(&p.doctors),
        phone: p.phone,
        active: p.active,
    }
}

/// Adds a provider (`id` none) or changes one.
pub async fn save_provider(desk: &Desk, actor: &Actor, id: Option<i32>, input: ProviderInput) -> Result<ProviderInfo> {
    authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let name = validate::name(&input.name, "name", "机构名称", 60)?;
    let doctors = split_names(&input.doctors);
    if let Some(long) = doctors.iter().find(|d| d.chars().count() > 20) {
        return Err(Error::invalid("invalid_doctor", "doctors", format!("医生姓名“{long}”过长，多位医生请用顿号分隔")));
    }
    let phone = validate::optional_text(&input.phone, "phone", "联系电话", 30)?;
    let txn = desk.begin_write().await?;
    let clash = health_provider::Entity::find().filter(health_provider::Column::Name.eq(name.clone())).one(&txn).await?;
    if clash.is_some_and(|p| Some(p.id) != id) {
        return Err(Error::conflict("name", format!("已有名为“{name}”的医疗机构")));
    }
    let mut m: health_provider::ActiveModel = match id {
        Some(id) => health_provider::Entity::find_by_id(id).one(&txn).await?.ok_or(Error::NotFound { what: "医疗机构" })?.into(),
        None => health_provider::ActiveModel { created_at: Set(desk.clock().now()), ..Default::default() },
    };
    m.name = Set(name.clone());
    m.kind = Set(input.kind);
    m.doctors = Set(doctors.join("、"));
    m.phone = Set(phone);
    m.active = Set(input.active);
    let saved = m.save(&txn).await?.try_into_model()?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::HealthProviderSaved).on("health_provider", saved.id).detail(name)).await?;
    txn.commit().await?;
    Ok(provider_info(saved))
}

/// "张医生、李医生, 王医生" → three names.
fn split_names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}
