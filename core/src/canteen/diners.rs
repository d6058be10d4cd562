//! Residents registered with a canteen: card number, diner type (which price they pay), how their
//! meals usually reach them, and the delivery route and address for 送餐上门.

use super::model::{DinerType, Mode};
use super::people::{self, Person};
use super::setup::find_canteen;
use super::{BOOK_MEALS, STAFF};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor};
use crate::db::entity::diner;
use crate::error::{Error, Result};
use crate::residents::service::who;
use crate::{validate, Desk};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DinerInput {
    pub resident_id: i32,
    /// Empty: the next free number (0001, 0002 …).
    pub card_number: Option<String>,
    /// Empty: 老年人 from 60, 儿童 under 14, otherwise 其他居民 (age today).
    pub diner_type: Option<DinerType>,
    pub default_mode: Mode,
    pub route: Option<String>,
    /// Empty: the resident's address.
    pub delivery_address: Option<String>,
    pub notes: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DinerRow {
    pub id: i32,
    pub canteen_id: i32,
    pub resident_id: i32,
    pub name: String,
    pub community: String,
    pub age: Option<u32>,
    pub categories: Vec<String>,
    /// 独居 or 失能: the counter pays attention.
    pub highlight: bool,
    pub highlight_categories: Vec<String>,
    pub card_number: String,
    pub diner_type: DinerType,
    pub diner_type_label: String,
    pub default_mode: Mode,
    pub default_mode_label: String,
    pub route: Option<String>,
    pub delivery_address: Option<String>,
    pub notes: Option<String>,
    pub active: bool,
}

pub async fn list(desk: &Desk, actor: &Actor, canteen_id: i32, text: Option<String>) -> Result<Vec<DinerRow>> {
    current_user(desk, actor).await?;
    let rows = diner::Entity::find().filter(diner::Column::CanteenId.eq(canteen_id)).all(desk.db()).await?;
    let today = desk.clock().today();
    let ids: Vec<i32> = rows.iter().map(|d| d.resident_id).collect();
    let people = people::load(desk.db(), &ids, today).await?;
    let needle = validate::filled(&text).map(|t| t.to_lowercase());
    let mut out: Vec<(String, DinerRow)> = rows
        .into_iter()
        .filter_map(|d| {
            let p = people.get(&d.resident_id)?;
            if needle.as_deref().is_some_and(|n| !matches_text(p, &d.card_number, n)) {
                return None;
            }
            Some((p.search_text.clone(), row(d, p)))
        })
        .collect();
    out.sort_by(|a, b| b.1.active.cmp(&a.1.active).then(a.0.cmp(&b.0)));
    Ok(out.into_iter().map(|(_, r)| r).collect())
}

/// Name part, pinyin (full or initials, from the start of a reading) or exact card number.
pub(crate) fn matches_text(p: &Person, card: &str, needle: &str) -> bool {
    p.name.contains(needle) || card.eq_ignore_ascii_case(needle) || p.search_text.contains(&format!("|{needle}"))
}

pub async fn register(desk: &Desk, actor: &Actor, canteen_id: i32, input: DinerInput) -> Result<DinerRow> {
    authorize_any(desk, actor, &STAFF, BOOK_MEALS).await?;
    save(desk, actor, canteen_id, None, input).await
}

pub async fn update(desk: &Desk, actor: &Actor, diner_id: i32, input: DinerInput) -> Result<DinerRow> {
    authorize_any(desk, actor, &STAFF, BOOK_MEALS).await?;
    let existing = find(desk.db(), diner_id).await?;
    if existing.resident_id != input.resident_id {
        return Err(Error::invalid("resident_fixed", "residentId", "就餐人对应的居民不能更换，请为另一位居民新登记"));
    }
    save(desk, actor, existing.canteen_id, Some(existing), input).await
}

async fn save(desk: &Desk, actor: &Actor, canteen_id: i32, existing: Option<diner::Model>, input: DinerInput) -> Result<DinerRow> {
    let today = desk.clock().today();
    let route = validate::optional_text(&input.route, "route", "送餐路线", 30)?;
    let address = validate::optional_text(&input.delivery_address, "deliveryAddress", "送餐地址", 100)?;
    let notes = validate::optional_text(&input.notes, "notes", "备注", 200)?;
    let card = match validate::filled(&input.card_number) {
        Some(c) => Some(card_number(c)?),
        None => None,
    };
    let txn = desk.begin_write().await?;
    find_canteen(&txn, canteen_id).await?;
    let person =
        people::load(&txn, &[input.resident_id], today).await?.remove(&input.resident_id).ok_or(Error::NotFound { what: "居民" })?;
    if existing.is_none() {
        let eligible = crate::residents::eligibility::may_receive_service(&txn, input.resident_id, today).await?;
        if !eligible.allowed {
            return Err(Error::invalid("not_eligible", "residentId", eligible.reason.unwrap_or_default()));
        }
        let twice = diner::Entity::find()
            .filter(diner::Column::CanteenId.eq(canteen_id))
            .filter(diner::Column::ResidentId.eq(input.resident_id))
            .one(&txn)
            .await?;
        if let Some(d) = twice {
            return Err(Error::conflict("residentId", format!("{}已登记为本食堂就餐人，卡号 {}", person.name, d.card_number)));
        }
    }
    let card = match card {
        Some(c) => c,
        None => match &existing {
            Some(d) => d.card_number.clone(),
            None => next_card_number(&txn, canteen_id).await?,
        },
    };
    let holder = diner::Entity::find()
        .filter(diner::Column::CanteenId.eq(canteen_id))
        .filter(diner::Column::CardNumber.eq(card.clone()))
        .one(&txn)
        .await?;
    if holder.is_some_and(|h| Some(h.id) != existing.as_ref().map(|e| e.id)) {
        return Err(Error::conflict("cardNumber", format!("卡号 {card} 已被本食堂其他就餐人使用")));
    }
    if input.default_mode == Mode::Delivery && address.is_none() && person.address.is_none() {
        return Err(Error::invalid("address_required", "deliveryAddress", "送餐上门需要送餐地址"));
    }
    let diner_type = input.diner_type.unwrap_or_else(|| default_type(person.age));
    let now = desk.clock().now();
    let mut m = match existing {
        Some(d) => diner::ActiveModel::from(d),
        None => diner::ActiveModel {
            canteen_id: Set(canteen_id),
            resident_id: Set(input.resident_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    m.card_number = Set(card.clone());
    m.diner_type = Set(diner_type);
    m.default_mode = Set(input.default_mode);
    m.route = Set(route);
    m.delivery_address = Set(address);
    m.notes = Set(notes);
    m.active = Set(input.active);
    m.updated_at = Set(now);
    let saved: diner::Model = sea_orm::TryIntoModel::try_into_model(m.save(&txn).await?)?;
    let detail = format!("{}，卡号 {}，{}", who(&person.model), card, diner_type.label());
    audit::record_by(desk, &txn, actor, Entry::new(Action::DinerSaved).on("diner", saved.id).detail(detail)).await?;
    txn.commit().await?;
    Ok(row(saved, &person))
}

fn default_type(age: Option<u32>) -> DinerType {
    match age {
        Some(a) if a >= 60 => DinerType::Elderly,
        Some(a) if a < 14 => DinerType::Child,
        _ => DinerType::Resident,
    }
}

/// Card numbers are what a card reader or a clerk types: letters and digits, up to 20.
fn card_number(text: &str) -> Result<String> {
    let c: String = text.trim().chars().map(crate::residents::chars::full_width_to_ascii).collect::<String>().to_uppercase();
    if c.is_empty() || c.chars().count() > 20 || !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-') {
        return Err(Error::invalid("invalid_card", "cardNumber", "卡号只能包含字母、数字和短横线，最多 20 位"));
    }
    Ok(c)
}

async fn next_card_number<C: ConnectionTrait>(db: &C, canteen_id: i32) -> Result<String> {
    let numbers = diner::Entity::find().filter(diner::Column::CanteenId.eq(canteen_id)).all(db).await?;
    let next = numbers.iter().filter_map(|d| d.card_number.parse::<u32>().ok()).max().unwrap_or(0) + 1;
    Ok(format!("{next:04}"))
}

pub(crate) async fn find<C: ConnectionTrait>(db: &C, id: i32) -> Result<diner::Model> {
    diner::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "就餐人" })
}

pub(crate) fn row(d: diner::Model, p: &Person) -> DinerRow {
    let diner_type = d.diner_type;
    let mode = d.default_mode;
    DinerRow {
        id: d.id,
        canteen_id: d.canteen_id,
        resident_id: d.resident_id,
        name: p.name.clone(),
        community: p.community.clone(),
        age: p.age,
        categories: p.categories.clone(),
        highlight: p.highlighted(),
        highlight_categories: p.highlighted_categories(),
        card_number: d.card_number,
        diner_type,
        diner_type_label: diner_type.label().into(),
        default_mode: mode,
        default_mode_label: mode.label().into(),
        route: d.route,
        delivery_address: d.delivery_address,
        notes: d.notes,
        active: d.active,
    }
}
