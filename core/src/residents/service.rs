//! The registry's actions on one resident: check an ID number as it is typed, create, edit, read,
//! record a move or a death, and reveal full values.

use super::age::age_on;
use super::detail::{self, ResidentDetail};
use super::id_number::{parse_id_number, Sex};
use super::input::{self, ResidentInput, Stored};
use super::model::Status;
use super::places::PlaceIndex;
use super::{mask_id, store};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor, Role};
use crate::db::entity::{resident, resident_status_event};
use crate::error::{Error, Result};
use crate::{validate, Desk};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) const KEEP_REGISTRY: &str = "维护居民档案";

/// What typing an ID number tells the form before saving.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdNumberCheck {
    /// Normalised (half-width, upper-case X, 15 digits upgraded to 18).
    pub id_number: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub sex_label: String,
    pub age: Option<u32>,
}

/// The values 与户主关系 accepts, head of household first, for the form's choices.
pub fn relations_to_head() -> Vec<String> {
    super::model::RELATIONS_TO_HEAD.iter().map(|r| r.to_string()).collect()
}

/// Validates an ID number as the user types it; any signed-in user.
pub async fn check_id_number(desk: &Desk, actor: &Actor, text: &str) -> Result<IdNumberCheck> {
    current_user(desk, actor).await?;
    let today = desk.clock().today();
    let id = parse_id_number(text, today)?;
    Ok(IdNumberCheck {
        id_number: id.as_str().to_string(),
        birth_date: id.birth_date(),
        sex: id.sex(),
        sex_label: id.sex().label().into(),
        age: age_on(id.birth_date(), today),
    })
}

pub async fn create(desk: &Desk, actor: &Actor, new: ResidentInput) -> Result<ResidentDetail> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let today = desk.clock().today();
    let checked = input::check(&new, today, None)?;
    let txn = desk.begin_write().await?;
    let places = PlaceIndex::load(&txn).await?;
    if let Some(id) = &checked.id_number {
        store::ensure_unique_id(&txn, &places, id.as_str(), None).await?;
    }
    let created = store::write(&txn, &places, &checked, None, desk.clock().now()).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::ResidentAdded).on("resident", created.id).detail(who(&created))).await?;
    let shown = detail::load(&txn, created.id, today).await?;
    txn.commit().await?;
    Ok(shown)
}

pub async fn update(desk: &Desk, actor: &Actor, id: i32, changed: ResidentInput) -> Result<ResidentDetail> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let today = desk.clock().today();
    let txn = desk.begin_write().await?;
    let existing = find(&txn, id).await?;
    let stored = Stored { id_number: existing.id_number.as_deref(), phone: existing.phone.as_deref() };
    let checked = input::check(&changed, today, Some(stored))?;
    let places = PlaceIndex::load(&txn).await?;
    if let Some(number) = &checked.id_number {
        store::ensure_unique_id(&txn, &places, number.as_str(), Some(id)).await?;
    }
    let before = existing.clone();
    let saved = store::write(&txn, &places, &checked, Some(existing), desk.clock().now()).await?;
    let entry = Entry::new(Action::ResidentUpdated).on("resident", id).detail(format!("{}：{}", who(&saved), changes(&before, &saved)));
    audit::record_by(desk, &txn, actor, entry).await?;
    let shown = detail::load(&txn, id, today).await?;
    txn.commit().await?;
    Ok(shown)
}

/// Names the fields an edit changed, without their (personal) values.
fn changes(before: &resident::Model, after: &resident::Model) -> String {
    let names = store::changed_fields(&before.into(), &after.into());
    if names.is_empty() {
        "无改动".into()
    } else {
        format!("修改了{}", names.join("、"))
    }
}

/// "王秀英（110105********002X）": enough to tell people apart in the audit log, nothing more.
pub(crate) fn who(r: &resident::Model) -> String {
    match &r.id_number {
        Some(id) => format!("{}（{}）", r.name, mask_id(id)),
        None => r.name.clone(),
    }
}

pub(crate) async fn find<C: sea_orm::ConnectionTrait>(db: &C, id: i32) -> Result<resident::Model> {
    resident::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "居民" })
}

/// Any signed-in user; values masked.
pub async fn get(desk: &Desk, actor: &Actor, id: i32) -> Result<ResidentDetail> {
    current_user(desk, actor).await?;
    detail::load(desk.db(), id, desk.clock().today()).await
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub status: Status,
    /// The day it happened (moved out, died, moved back).
    pub effective_date: NaiveDate,
    pub note: Option<String>,
}

/// Records a move, a death or a return. History is kept: services on earlier dates stay valid.
pub async fn change_status(desk: &Desk, actor: &Actor, id: i32, change: StatusChange) -> Result<ResidentDetail> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let today = desk.clock().today();
    if change.effective_date > today {
        return Err(Error::invalid("date_in_future", "effectiveDate", "日期不能晚于今天：请在事情发生后再登记"));
    }
    let note = validate::optional_text(&change.note, "note", "说明", 200)?;
    let txn = desk.begin_write().await?;
    let r = find(&txn, id).await?;
    if change.effective_date < r.birth_date {
        return Err(Error::invalid("date_before_birth", "effectiveDate", "日期不能早于出生日期"));
    }
    resident_status_event::ActiveModel {
        resident_id: Set(id),
        status: Set(change.status),
        effective_date: Set(change.effective_date),
        note: Set(note.clone()),
        recorded_at: Set(desk.clock().now()),
        recorded_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // The current status is the latest event's, whatever order events are entered in.
    let events = super::eligibility::events_of(&txn, &[id]).await?.remove(&id).unwrap_or_default();
    let (current, since) = super::eligibility::status_on(&events, NaiveDate::MAX);
    let label = format!(
        "{}：{}（{}）{}",
        who(&r),
        change.status.label(),
        crate::clock::day_text(change.effective_date),
        note.map(|n| format!("，{n}")).unwrap_or_default()
    );
    let mut model = resident::ActiveModel::from(r);
    model.status = Set(current);
    model.status_date = Set(since.filter(|_| current != Status::Active));
    model.updated_at = Set(desk.clock().now());
    model.update(&txn).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::ResidentStatusChanged).on("resident", id).detail(label)).await?;
    let shown = detail::load(&txn, id, today).await?;
    txn.commit().await?;
    Ok(shown)
}

/// Full values, for the roles that need them; every reveal is audited.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevealedContact {
    pub id_number: Option<String>,
    pub phone: Option<String>,
    /// The phones of the resident's guardians, emergency contacts and pick-up persons, by relation.
    pub relation_phones: Vec<RevealedRelationPhone>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevealedRelationPhone {
    pub relation_id: i32,
    pub phone: String,
}

pub async fn reveal(desk: &Desk, actor: &Actor, id: i32) -> Result<RevealedContact> {
    authorize_any(desk, actor, &Role::REVEALERS, "查看完整证件号和电话").await?;
    let txn = desk.begin_write().await?;
    let r = find(&txn, id).await?;
    let relation_phones = relation_phones(&txn, id).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::ResidentRevealed).on("resident", id).detail(who(&r))).await?;
    txn.commit().await?;
    Ok(RevealedContact { id_number: r.id_number, phone: r.phone, relation_phones })
}

/// An outside contact's own phone, or the phone of the resident the relation points at.
async fn relation_phones<C: sea_orm::ConnectionTrait>(db: &C, id: i32) -> Result<Vec<RevealedRelationPhone>> {
    use crate::db::entity::resident_relation;
    use sea_orm::{ColumnTrait, QueryFilter};
    let relations = resident_relation::Entity::find().filter(resident_relation::Column::ResidentId.eq(id)).all(db).await?;
    let mut phones = Vec::new();
    for rel in relations {
        let phone = match rel.related_resident_id {
            Some(other) => find(db, other).await?.phone,
            None => rel.contact_phone,
        };
        if let Some(phone) = phone {
            phones.push(RevealedRelationPhone { relation_id: rel.id, phone });
        }
    }
    Ok(phones)
}
