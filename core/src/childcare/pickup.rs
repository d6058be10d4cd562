//! Who may take a child home: the guardians from the registry and others the family names, each
//! 可接送, 仅紧急情况 or 禁止接送; temporary delegates on their days only. No minor picks a child
//! up: a resident under 18 on the day is refused, an outside contact needs the clerk's
//! confirmation that the person is an adult.

use super::enrolment::find_enrolment;
use super::model::{DelegatedHow, PickupStatus};
use super::{MANAGE, STAFF};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::clock::day_text;
use crate::db::entity::{childcare_card, childcare_pickup_person, resident, resident_relation};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::residents::model::RelationKind;
use crate::{validate, Desk};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

pub const ADULT_AGE: u32 = 18;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PickupPersonInput {
    /// A resident of the registry; None for an outside contact.
    #[serde(default)]
    pub resident_id: Option<i32>,
    /// For an outside contact (a resident's name comes from the registry).
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    /// 母亲, 外婆, 邻居 …
    pub relationship: String,
    pub status: PickupStatus,
    /// An outside contact: the clerk saw that the person is an adult.
    #[serde(default)]
    pub adult_confirmed: bool,
    /// A temporary delegate: the first and last day they may come.
    #[serde(default)]
    pub delegate_from: Option<NaiveDate>,
    #[serde(default)]
    pub delegate_to: Option<NaiveDate>,
    /// The guardian who authorised the delegate.
    #[serde(default)]
    pub delegated_by: Option<String>,
    #[serde(default)]
    pub delegated_how: Option<DelegatedHow>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PickupPerson {
    pub id: i32,
    pub enrolment_id: i32,
    pub resident_id: Option<i32>,
    pub name: String,
    pub phone: String,
    pub relationship: String,
    pub status: PickupStatus,
    pub status_label: String,
    pub adult_confirmed: bool,
    /// A photo is kept (`childcare_photo` shows it).
    pub has_photo: bool,
    pub delegate_from: Option<NaiveDate>,
    pub delegate_to: Option<NaiveDate>,
    pub delegated_by: Option<String>,
    pub delegated_how: Option<DelegatedHow>,
    /// The card in use (its id), if one was printed and not revoked.
    pub card_id: Option<i32>,
    pub active: bool,
}

pub async fn add_person(desk: &Desk, actor: &Actor, enrolment_id: i32, input: PickupPersonInput) -> Result<PickupPerson> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let txn = desk.begin_write().await?;
    find_enrolment(&txn, enrolment_id).await?;
    let checked = check(&txn, &input, desk.clock().today()).await?;
    let saved = childcare_pickup_person::ActiveModel {
        enrolment_id: Set(enrolment_id),
        created_at: Set(desk.clock().now()),
        created_by: Set(Some(actor.user_id())),
        active: Set(true),
        ..checked
    }
    .insert(&txn)
    .await?;
    let detail = format!("{}（{}，{}）", saved.name, saved.relationship, saved.status.label());
    audit::record_by(desk, &txn, actor, Entry::new(Action::PickupPersonSaved).on("childcare_enrolment", enrolment_id).detail(detail))
        .await?;
    txn.commit().await?;
    person(desk.db(), saved.id).await
}

pub async fn update_person(desk: &Desk, actor: &Actor, person_id: i32, input: PickupPersonInput) -> Result<PickupPerson> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let old = find_person(&txn, person_id).await?;
    let checked = check(&txn, &input, desk.clock().today()).await?;
    let mut m: childcare_pickup_person::ActiveModel = old.clone().into();
    m.resident_id = checked.resident_id;
    m.name = checked.name;
    m.phone = checked.phone;
    m.relationship = checked.relationship;
    m.status = checked.status;
    m.adult_confirmed = checked.adult_confirmed;
    m.delegate_from = checked.delegate_from;
    m.delegate_to = checked.delegate_to;
    m.delegated_by = checked.delegated_by;
    m.delegated_how = checked.delegated_how;
    let saved = m.update(&txn).await?;
    let detail = format!("{}（{}，{}）", saved.name, saved.relationship, saved.status.label());
    audit::record_by(desk, &txn, actor, Entry::new(Action::PickupPersonSaved).on("childcare_enrolment", old.enrolment_id).detail(detail))
        .await?;
    txn.commit().await?;
    person(desk.db(), person_id).await
}

/// Takes a person off the child's list (移出名单) or puts them back. A person off the list is
/// refused at sign-out like an unknown one; the record and its refusals stay.
pub async fn set_person_active(desk: &Desk, actor: &Actor, person_id: i32, active: bool) -> Result<PickupPerson> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let old = find_person(&txn, person_id).await?;
    if old.active != active {
        let mut m: childcare_pickup_person::ActiveModel = old.clone().into();
        m.active = Set(active);
        m.update(&txn).await?;
        let what = if active { "恢复到接送名单" } else { "移出接送名单" };
        let detail = format!("{}（{}）{what}", old.name, old.relationship);
        audit::record_by(
            desk,
            &txn,
            actor,
            Entry::new(Action::PickupPersonSaved).on("childcare_enrolment", old.enrolment_id).detail(detail),
        )
        .await?;
    }
    txn.commit().await?;
    person(desk.db(), person_id).await
}

async fn check<C: ConnectionTrait>(db: &C, input: &PickupPersonInput, today: NaiveDate) -> Result<childcare_pickup_person::ActiveModel> {
    let relationship = validate::name(&input.relationship, "relationship", "与儿童关系", 20)?;
    let phone = input.phone.trim().to_string();
    let first_day = input.delegate_from.unwrap_or(today);
    let (resident_id, name) = match input.resident_id {
        Some(id) => {
            let r = resident::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "居民" })?;
            if age_on(r.birth_date, first_day).is_none_or(|a| a < ADULT_AGE) {
                return Err(Error::invalid(
                    "pickup_minor",
                    "residentId",
                    format!("{}在{}未满 {ADULT_AGE} 岁，不能接送儿童", r.name, day_text(first_day)),
                ));
            }
            (Some(id), r.name)
        }
        None => {
            let name = validate::name(&input.name, "name", "姓名", 40)?;
            if !input.adult_confirmed && input.status != PickupStatus::Barred {
                return Err(Error::invalid("adult_unconfirmed", "adultConfirmed", format!("请核实{name}已年满 {ADULT_AGE} 岁后勾选确认")));
            }
            (None, name)
        }
    };
    let is_delegate = input.delegate_from.is_some() || input.delegate_to.is_some();
    if is_delegate {
        let (Some(from), Some(to)) = (input.delegate_from, input.delegate_to) else {
            return Err(Error::invalid("delegate_days", "delegateTo", "临时委托请填写起止日期"));
        };
        if to < from {
            return Err(Error::invalid("delegate_days", "delegateTo", "委托结束日期不能早于开始日期"));
        }
        if validate::filled(&input.delegated_by).is_none() {
            return Err(Error::invalid("delegate_authoriser", "delegatedBy", "请填写授权的监护人"));
        }
        if input.delegated_how.is_none() {
            return Err(Error::invalid("delegate_how", "delegatedHow", "请选择授权方式（电话或书面）"));
        }
        if input.status != PickupStatus::Allowed {
            return Err(Error::invalid("delegate_status", "status", "临时委托人只能是“可接送”"));
        }
    }
    Ok(childcare_pickup_person::ActiveModel {
        resident_id: Set(resident_id),
        name: Set(name),
        phone: Set(phone),
        relationship: Set(relationship),
        status: Set(input.status),
        adult_confirmed: Set(input.adult_confirmed || resident_id.is_some()),
        delegate_from: Set(input.delegate_from),
        delegate_to: Set(input.delegate_to),
        delegated_by: Set(validate::optional_text(&input.delegated_by, "delegatedBy", "授权的监护人", 40)?),
        delegated_how: Set(input.delegated_how.filter(|_| is_delegate)),
        ..Default::default()
    })
}

/// The child's guardians from the registry become persons who may pick up (可接送), once, at
/// enrolment; an adult guardian outside the registry counts as confirmed (a guardian is an adult).
pub(crate) async fn copy_guardians<C: ConnectionTrait>(db: &C, desk: &Desk, actor: &Actor, enrolment_id: i32, child_id: i32) -> Result<()> {
    let today = desk.clock().today();
    let relations = resident_relation::Entity::find()
        .filter(resident_relation::Column::ResidentId.eq(child_id))
        .filter(resident_relation::Column::Kind.eq(RelationKind::Guardian.as_str()))
        .order_by_asc(resident_relation::Column::Id)
        .all(db)
        .await?;
    for rel in relations {
        let (resident_id, name, phone) = match rel.related_resident_id {
            Some(id) => {
                let Some(r) = resident::Entity::find_by_id(id).one(db).await? else { continue };
                if age_on(r.birth_date, today).is_none_or(|a| a < ADULT_AGE) {
                    continue;
                }
                (Some(id), r.name, r.phone.or(rel.contact_phone).unwrap_or_default())
            }
            None => (None, rel.contact_name.unwrap_or_default(), rel.contact_phone.unwrap_or_default()),
        };
        if name.trim().is_empty() {
            continue;
        }
        childcare_pickup_person::ActiveModel {
            enrolment_id: Set(enrolment_id),
            resident_id: Set(resident_id),
            name: Set(name),
            phone: Set(phone),
            relationship: Set(rel.relationship.unwrap_or_else(|| RelationKind::Guardian.label().to_string())),
            status: Set(PickupStatus::Allowed),
            adult_confirmed: Set(true),
            active: Set(true),
            created_at: Set(desk.clock().now()),
            created_by: Set(Some(actor.user_id())),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub async fn list_persons(desk: &Desk, actor: &Actor, enrolment_id: i32) -> Result<Vec<PickupPerson>> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    persons_of(desk.db(), enrolment_id).await
}

pub(crate) async fn persons_of<C: ConnectionTrait>(db: &C, enrolment_id: i32) -> Result<Vec<PickupPerson>> {
    let cards = unrevoked_cards(db, &[enrolment_id]).await?;
    Ok(persons_with_cards(db, &[enrolment_id], &cards).await?.remove(&enrolment_id).unwrap_or_default())
}

/// The cards not revoked of these enrolments: the children's own and their persons'.
pub(crate) async fn unrevoked_cards<C: ConnectionTrait>(db: &C, enrolment_ids: &[i32]) -> Result<Vec<childcare_card::Model>> {
    let mut out = Vec::new();
    for chunk in enrolment_ids.chunks(500) {
        out.extend(
            childcare_card::Entity::find()
                .filter(childcare_card::Column::EnrolmentId.is_in(chunk.iter().copied()))
                .filter(childcare_card::Column::RevokedAt.is_null())
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

/// The persons of many enrolments, each with the newest of `cards` that is theirs.
pub(crate) async fn persons_with_cards<C: ConnectionTrait>(
    db: &C,
    enrolment_ids: &[i32],
    cards: &[childcare_card::Model],
) -> Result<HashMap<i32, Vec<PickupPerson>>> {
    let mut card_of: HashMap<i32, i32> = HashMap::new();
    for c in cards {
        if let Some(person) = c.pickup_person_id {
            let newest = card_of.entry(person).or_insert(c.id);
            *newest = (*newest).max(c.id);
        }
    }
    let mut out: HashMap<i32, Vec<PickupPerson>> = HashMap::new();
    for chunk in enrolment_ids.chunks(500) {
        let rows = childcare_pickup_person::Entity::find()
            .filter(childcare_pickup_person::Column::EnrolmentId.is_in(chunk.iter().copied()))
            .order_by_asc(childcare_pickup_person::Column::Id)
            .all(db)
            .await?;
        let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
        let photos = super::photos::with_photo(db, &ids).await?;
        for p in rows {
            let (card, has_photo) = (card_of.get(&p.id).copied(), photos.contains(&p.id));
            out.entry(p.enrolment_id).or_default().push(row(p, card, has_photo));
        }
    }
    Ok(out)
}

pub(crate) async fn person<C: ConnectionTrait>(db: &C, id: i32) -> Result<PickupPerson> {
    let p = find_person(db, id).await?;
    persons_of(db, p.enrolment_id).await?.into_iter().find(|x| x.id == id).ok_or(Error::NotFound { what: "接送人" })
}

pub(crate) async fn find_person<C: ConnectionTrait>(db: &C, id: i32) -> Result<childcare_pickup_person::Model> {
    childcare_pickup_person::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "接送人" })
}

fn row(p: childcare_pickup_person::Model, card_id: Option<i32>, has_photo: bool) -> PickupPerson {
    PickupPerson {
        id: p.id,
        enrolment_id: p.enrolment_id,
        resident_id: p.resident_id,
        name: p.name,
        phone: p.phone,
        relationship: p.relationship,
        status_label: p.status.label().into(),
        status: p.status,
        adult_confirmed: p.adult_confirmed,
        has_photo,
        delegate_from: p.delegate_from,
        delegate_to: p.delegate_to,
        delegated_by: p.delegated_by,
        delegated_how: p.delegated_how,
        card_id,
        active: p.active,
    }
}

/// Why `p` may not take the child home on `day`, if they may not. `emergency` is the clerk saying
/// that today is an emergency (a 仅紧急情况 person is then allowed).
pub(crate) fn refusal(p: &childcare_pickup_person::Model, day: NaiveDate, emergency: bool) -> Option<(&'static str, String)> {
    if !p.active {
        return Some(("pickup_inactive", format!("{}已不在接送名单中", p.name)));
    }
    match p.status {
        PickupStatus::Barred => return Some(("pickup_barred", format!("{}被设为“禁止接送”，不能接走孩子", p.name))),
        PickupStatus::EmergencyOnly if !emergency => {
            return Some(("pickup_emergency_only", format!("{}仅在紧急情况下可接送：请先联系监护人确认", p.name)))
        }
        _ => {}
    }
    if !p.adult_confirmed {
        return Some(("pickup_adult_unconfirmed", format!("{}未确认为成年人，不能接送", p.name)));
    }
    if let (Some(from), Some(to)) = (p.delegate_from, p.delegate_to) {
        if day < from || day > to {
            let days = if from == to { day_text(from) } else { format!("{} 至 {}", day_text(from), day_text(to)) };
            return Some(("pickup_delegate_other_day", format!("{}的临时委托只在{}有效", p.name, days)));
        }
    }
    None
}
