//! What the detail page shows about one resident: profile (masked), household, status history,
//! categories over time, relations, ages and whether services may be given today.

use super::age::{age_groups, age_on};
use super::eligibility::{judge, Eligibility};
use super::id_number::Sex;
use super::model::{NoIdReason, RelationKind, Status};
use super::places::PlaceIndex;
use super::{mask_id, mask_phone};
use crate::db::entity::{category_type, household, resident, resident_category, resident_relation, resident_status_event};
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentDetail {
    pub id: i32,
    pub name: String,
    pub sex: Sex,
    pub sex_label: String,
    /// Masked (`110105********002X`); full values come only from `reveal`.
    pub id_number_masked: Option<String>,
    pub no_id_reason: Option<NoIdReason>,
    pub no_id_reason_label: Option<String>,
    pub birth_date: NaiveDate,
    /// Age today; `None` for a birth date after today.
    pub age: Option<u32>,
    pub age_group_labels: Vec<String>,
    pub phone_masked: Option<String>,
    pub address: Option<String>,
    pub community_id: Option<i32>,
    pub community_name: Option<String>,
    pub grid_id: Option<i32>,
    pub grid_name: Option<String>,
    pub compound_id: Option<i32>,
    pub compound_name: Option<String>,
    pub household: Option<HouseholdInfo>,
    pub relation_to_head: Option<String>,
    pub status: Status,
    pub status_label: String,
    pub status_date: Option<NaiveDate>,
    pub status_history: Vec<StatusEventInfo>,
    pub notes: Option<String>,
    pub categories: Vec<CategoryPeriod>,
    pub relations: Vec<RelationInfo>,
    pub eligibility_today: Eligibility,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdInfo {
    pub id: i32,
    pub code: Option<String>,
    pub address: String,
    pub members: Vec<HouseholdMember>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdMember {
    pub resident_id: i32,
    pub name: String,
    pub relation_to_head: Option<String>,
    pub status_label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusEventInfo {
    pub status: Status,
    pub status_label: String,
    pub effective_date: NaiveDate,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryPeriod {
    pub id: i32,
    pub category_type_id: i32,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// In force today.
    pub current: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RelationInfo {
    pub id: i32,
    pub kind: RelationKind,
    pub kind_label: String,
    /// Set when the person is a resident too.
    pub related_resident_id: Option<i32>,
    pub name: String,
    pub phone_masked: Option<String>,
    pub relationship: Option<String>,
    pub note: Option<String>,
}

pub(crate) async fn load<C: ConnectionTrait>(db: &C, id: i32, today: NaiveDate) -> Result<ResidentDetail> {
    let r = resident::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "居民" })?;
    let places = PlaceIndex::load(db).await?;
    let events = resident_status_event::Entity::find()
        .filter(resident_status_event::Column::ResidentId.eq(id))
        .order_by_asc(resident_status_event::Column::EffectiveDate)
        .order_by_asc(resident_status_event::Column::Id)
        .all(db)
        .await?;
    let household = match r.household_id {
        Some(hid) => household_info(db, hid).await?,
        None => None,
    };
    let status_pairs: Vec<(Status, NaiveDate)> = events.iter().filter_map(|e| Some(e.status).map(|s| (s, e.effective_date))).collect();
    let status = r.status;
    let sex = r.sex;
    let no_id_reason = r.no_id_reason;
    Ok(ResidentDetail {
        id: r.id,
        sex_label: sex.label().into(),
        sex,
        id_number_masked: r.id_number.as_deref().map(mask_id),
        no_id_reason_label: no_id_reason.map(|n| n.label().to_string()),
        no_id_reason,
        birth_date: r.birth_date,
        age: age_on(r.birth_date, today),
        age_group_labels: age_groups(r.birth_date, today).iter().map(|g| g.label().to_string()).collect(),
        phone_masked: r.phone.as_deref().map(mask_phone),
        address: r.address.clone(),
        community_id: r.community_id,
        community_name: places.name(r.community_id),
        grid_id: r.grid_id,
        grid_name: places.name(r.grid_id),
        compound_id: r.compound_id,
        compound_name: places.name(r.compound_id),
        household,
        relation_to_head: r.relation_to_head.clone(),
        status_label: status.label().into(),
        status,
        status_date: r.status_date,
        status_history: events
            .into_iter()
            .map(|e| {
                let s = e.status;
                StatusEventInfo {
                    status: s,
                    status_label: s.label().into(),
                    effective_date: e.effective_date,
                    note: e.note,
                    recorded_at: e.recorded_at,
                }
            })
            .collect(),
        notes: r.notes.clone(),
        categories: categories_of(db, id, today).await?,
        relations: relations_of(db, id).await?,
        eligibility_today: judge(&r.name, &status_pairs, today),
        name: r.name,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

async fn household_info<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<HouseholdInfo>> {
    let Some(h) = household::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    let members = resident::Entity::find()
        .filter(resident::Column::HouseholdId.eq(id))
        .order_by_asc(resident::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| HouseholdMember {
            resident_id: m.id,
            status_label: m.status.label().into(),
            name: m.name,
            relation_to_head: m.relation_to_head,
        })
        .collect();
    Ok(Some(HouseholdInfo { id: h.id, code: h.code, address: h.address, members }))
}

async fn categories_of<C: ConnectionTrait>(db: &C, id: i32, today: NaiveDate) -> Result<Vec<CategoryPeriod>> {
    let names: HashMap<i32, String> = category_type::Entity::find().all(db).await?.into_iter().map(|t| (t.id, t.name)).collect();
    Ok(resident_category::Entity::find()
        .filter(resident_category::Column::ResidentId.eq(id))
        .order_by_desc(resident_category::Column::StartDate)
        .order_by_desc(resident_category::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CategoryPeriod {
            id: c.id,
            category_type_id: c.category_type_id,
            name: names.get(&c.category_type_id).cloned().unwrap_or_default(),
            current: c.start_date <= today && c.end_date.is_none_or(|e| e >= today),
            start_date: c.start_date,
            end_date: c.end_date,
            note: c.note,
        })
        .collect())
}

async fn relations_of<C: ConnectionTrait>(db: &C, id: i32) -> Result<Vec<RelationInfo>> {
    let rows = resident_relation::Entity::find()
        .filter(resident_relation::Column::ResidentId.eq(id))
        .order_by_asc(resident_relation::Column::Id)
        .all(db)
        .await?;
    let related_ids: Vec<i32> = rows.iter().filter_map(|r| r.related_resident_id).collect();
    let related: HashMap<i32, resident::Model> =
        resident::Entity::find().filter(resident::Column::Id.is_in(related_ids)).all(db).await?.into_iter().map(|m| (m.id, m)).collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let kind = r.kind;
            let person = r.related_resident_id.and_then(|id| related.get(&id));
            RelationInfo {
                id: r.id,
                kind,
                kind_label: kind.label().into(),
                related_resident_id: r.related_resident_id,
                name: person.map(|p| p.name.clone()).or(r.contact_name.clone()).unwrap_or_default(),
                phone_masked: person.and_then(|p| p.phone.clone()).or(r.contact_phone.clone()).as_deref().map(mask_phone),
                relationship: r.relationship,
                note: r.note,
            }
        })
        .collect())
}
