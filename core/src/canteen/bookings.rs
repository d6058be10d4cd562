//! Booking a meal and cancelling it. A booking fixes the price for the diner's type, the subsidy
//! and the rule that gave it, so later rule changes never rewrite what was booked or served.
//! Bookings close at the slot's cutoff; after it only a canteen manager may book or cancel, and
//! that is audited.

use super::model::{BookingStatus, DinerType, Mode, Slot};
use super::people;
use super::setup::{find_canteen, open_slot, SlotSettings};
use super::subsidy::{subsidy_for, Applied};
use super::{diners, menu, BOOK_MEALS, MANAGERS, STAFF};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor, Role};
use crate::clock::day_text;
use crate::db::entity::{booking, booking_item, canteen, diner, dish};
use crate::error::{Code, Error, Result};
use crate::residents::eligibility::{may_receive_service, Eligibility};
use crate::{validate, Desk};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Reading bookings with who, what and the money, for the day's screens and lists.
mod read;
pub(crate) use read::{day_bookings, day_meals, info_of, infos, ListedMeal};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemInput {
    pub dish_id: i32,
    pub quantity: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingInput {
    pub diner_id: i32,
    pub date: NaiveDate,
    pub slot: Slot,
    /// Dishes from that day's menu: a set meal, 小碗菜, or both.
    pub items: Vec<ItemInput>,
    /// Empty: the diner's usual mode.
    pub mode: Option<Mode>,
    /// A canteen manager books after the cutoff (audited).
    #[serde(default)]
    pub late: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingInfo {
    pub id: i32,
    pub canteen_id: i32,
    pub diner_id: i32,
    pub resident_id: i32,
    pub name: String,
    pub community: String,
    pub categories: Vec<String>,
    pub highlight: bool,
    /// The categories the counter calls attention to (独居, 失能, 半失能).
    pub highlight_categories: Vec<String>,
    pub card_number: String,
    pub date: NaiveDate,
    pub slot: Slot,
    pub slot_label: String,
    /// "红烧鱼套餐" or "番茄炒蛋×1、米饭×2"
    pub meal: String,
    pub mode: Mode,
    pub mode_label: String,
    pub route: Option<String>,
    pub address: Option<String>,
    pub diner_type_label: String,
    /// 分
    pub price: i64,
    pub subsidy: i64,
    pub payable: i64,
    pub subsidy_rule: Option<String>,
    pub status: BookingStatus,
    pub status_label: String,
    /// "11:42" when served.
    pub served_time: Option<String>,
    pub walk_in: bool,
    pub ticket_number: String,
}

pub async fn book(desk: &Desk, actor: &Actor, input: BookingInput) -> Result<BookingInfo> {
    let user = authorize_any(desk, actor, &STAFF, BOOK_MEALS).await?;
    let txn = desk.begin_write().await?;
    let d = diners::find(&txn, input.diner_id).await?;
    let c = find_canteen(&txn, d.canteen_id).await?;
    let slot = open_slot(&txn, &c, input.slot).await?;
    check_open(desk, &c, &slot, input.date, input.late, user.role.as_str())?;
    let created = insert(&txn, desk, actor, &c, &d, &input, &slot, false).await?;
    let (action, detail) = match input.late {
        true => (Action::BookingLate, format!("{}（补订，已过截止时间）", created.describe())),
        false => (Action::BookingAdded, created.describe()),
    };
    audit::record_by(desk, &txn, actor, Entry::new(action).on("booking", created.id).detail(detail)).await?;
    let shown = info_of(&txn, created, today_of(desk)).await?;
    txn.commit().await?;
    Ok(shown)
}

/// Checks the date and the cutoff: no past days; today only until the cutoff unless a manager
/// says so.
fn check_open(desk: &Desk, c: &canteen::Model, slot: &SlotSettings, date: NaiveDate, late: bool, role: &str) -> Result<()> {
    let today = desk.clock().today();
    if date < today {
        return Err(Error::invalid("date_past", "date", "不能为已经过去的日期订餐"));
    }
    if date > today + chrono::Duration::days(60) {
        return Err(Error::invalid("date_too_far", "date", "最多只能预订 60 天以内的餐"));
    }
    if date == today && slot.cutoff_passed(desk.clock().now()) {
        if !late {
            return Err(Error::invalid(
                Code::AfterCutoff.as_str(),
                "slot",
                format!("{}今天{}的订餐已于 {} 截止，如需补订请食堂管理员操作", c.name, slot.slot.label(), slot.booking_cutoff),
            ));
        }
        if !MANAGERS.iter().any(|r| r.as_str() == role) {
            return Err(Error::Forbidden { action: "截止后补订或取消", needed: role_words(&MANAGERS) });
        }
    }
    Ok(())
}

fn role_words(roles: &[Role]) -> String {
    roles.iter().map(|r| r.label()).collect::<Vec<_>>().join("或")
}

fn today_of(desk: &Desk) -> NaiveDate {
    desk.clock().today()
}

impl booking::Model {
    /// "王秀英 11月28日午餐" without personal data beyond the name, for audit lines.
    pub(crate) fn describe(&self) -> String {
        format!("预订 #{} {} {}", self.id, day_text(self.meal_date), self.slot.label())
    }
}

/// Writes one booking (booked, or served at once for a walk-in) with its items, price and subsidy.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    desk: &Desk,
    actor: &Actor,
    c: &canteen::Model,
    d: &diner::Model,
    input: &BookingInput,
    slot: &SlotSettings,
    walk_in: bool,
) -> Result<booking::Model> {
    check_active(c, d)?;
    check_eligible(may_receive_service(db, d.resident_id, input.date).await?)?;
    let clash = booking::Entity::find()
        .filter(booking::Column::DinerId.eq(d.id))
        .filter(booking::Column::MealDate.eq(input.date))
        .filter(booking::Column::Slot.eq(input.slot.as_str()))
        .filter(booking::Column::Status.ne(BookingStatus::Cancelled.as_str()))
        .one(db)
        .await?;
    if clash.is_some() {
        return Err(booked_already(input.date, input.slot));
    }
    if let Some(cap) = slot.capacity {
        let taken = live_count(db, c.id, input.date, input.slot).await?;
        if taken >= cap as u64 {
            return Err(Error::invalid("slot_full", "slot", format!("{}{}已订满（{cap} 份）", day_text(input.date), input.slot.label())));
        }
    }
    let Priced { items, diner_type, price, applied: Applied { rule_id, rule_name, amount }, resident } = priced(db, c.id, d, input).await?;
    let mode = input.mode.unwrap_or(d.default_mode);
    let (route, address) = match mode {
        Mode::Delivery => {
            let address = d.delivery_address.clone().or(resident.address.clone());
            if address.is_none() {
                return Err(Error::invalid("address_required", "mode", "送餐上门需要送餐地址，请先在就餐人中填写"));
            }
            (d.route.clone(), address)
        }
        _ => (None, None),
    };
    let now = desk.clock().now();
    let status = if walk_in { BookingStatus::Served } else { BookingStatus::Booked };
    let saved = booking::ActiveModel {
        canteen_id: Set(c.id),
        diner_id: Set(d.id),
        resident_id: Set(d.resident_id),
        meal_date: Set(input.date),
        slot: Set(input.slot),
        mode: Set(mode),
        route: Set(route),
        address: Set(address),
        diner_type: Set(diner_type),
        price: Set(price),
        subsidy: Set(amount),
        payable: Set(price - amount),
        subsidy_rule_id: Set(rule_id),
        subsidy_rule_name: Set(rule_name),
        status: Set(status),
        walk_in: Set(walk_in),
        standing_order_id: Set(None),
        created_at: Set(now),
        created_by: Set(Some(actor.user_id())),
        served_at: Set(walk_in.then_some(now)),
        served_by: Set(walk_in.then_some(actor.user_id())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (dish, qty) in &items {
        booking_item::ActiveModel {
            booking_id: Set(saved.id),
            dish_id: Set(dish.id),
            dish_name: Set(dish.name.clone()),
            quantity: Set(*qty),
            unit_price: Set(dish_price(dish, diner_type)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(saved)
}

/// The first checks of [`insert`]: the canteen and the diner are in use.
pub(crate) fn check_active(c: &canteen::Model, d: &diner::Model) -> Result<()> {
    if !c.active {
        return Err(Error::invalid("canteen_inactive", "canteenId", format!("{}已停用", c.name)));
    }
    if !d.active {
        return Err(Error::invalid("diner_inactive", "dinerId", "该就餐人已停用，请先在就餐人中启用"));
    }
    Ok(())
}

/// The next check of [`insert`]: the resident may receive services on the day.
pub(crate) fn check_eligible(eligible: Eligibility) -> Result<()> {
    if !eligible.allowed {
        return Err(Error::invalid("not_eligible", "dinerId", eligible.reason.unwrap_or_default()));
    }
    Ok(())
}

/// What [`insert`] says when the diner already has a live booking for the meal.
pub(crate) fn booked_already(date: NaiveDate, slot: Slot) -> Error {
    Error::conflict("slot", format!("已有{}{}的预订，请修改原预订", day_text(date), slot.label()))
}

struct Priced {
    items: Vec<(dish::Model, i32)>,
    diner_type: DinerType,
    price: i64,
    applied: Applied,
    resident: crate::db::entity::resident::Model,
}

/// The price for the diner's type and the subsidy the best rule gives, as booking would fix them.
async fn priced<C: ConnectionTrait>(db: &C, canteen_id: i32, d: &diner::Model, input: &BookingInput) -> Result<Priced> {
    let items = priced_items(db, canteen_id, input).await?;
    let diner_type = d.diner_type;
    let price: i64 = items.iter().map(|(dish, qty)| dish_price(dish, diner_type) * *qty as i64).sum();
    let resident = crate::residents::service::find(db, d.resident_id).await?;
    let earlier = subsidy_on_day(db, d.resident_id, input.date).await?;
    let applied = subsidy_for(db, &resident, input.date, price, earlier).await?;
    Ok(Priced { items, diner_type, price, applied, resident })
}

/// What a booking would cost, before it is made: the booking dialog shows it as dishes are picked.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub price: i64,
    pub subsidy: i64,
    pub payable: i64,
    pub subsidy_rule: Option<String>,
    pub diner_type_label: String,
}

pub async fn quote(desk: &Desk, actor: &Actor, input: BookingInput) -> Result<Quote> {
    current_user(desk, actor).await?;
    let d = diners::find(desk.db(), input.diner_id).await?;
    let p = priced(desk.db(), d.canteen_id, &d, &input).await?;
    Ok(Quote {
        price: p.price,
        subsidy: p.applied.amount,
        payable: p.price - p.applied.amount,
        subsidy_rule: p.applied.rule_name,
        diner_type_label: p.diner_type.label().into(),
    })
}

fn dish_price(d: &dish::Model, t: DinerType) -> i64 {
    match t {
        DinerType::Elderly => d.price_elderly,
        DinerType::Child => d.price_child,
        DinerType::Resident => d.price_resident,
        DinerType::Staff => d.price_staff,
    }
}

/// The chosen dishes, each on that day's menu, with sane quantities.
async fn priced_items<C: ConnectionTrait>(db: &C, canteen_id: i32, input: &BookingInput) -> Result<Vec<(dish::Model, i32)>> {
    if input.items.is_empty() {
        return Err(Error::invalid("no_items", "items", "请选择套餐或菜品"));
    }
    let offered = menu::offered(db, canteen_id, input.date, input.slot).await?;
    if offered.is_empty() {
        return Err(Error::invalid("no_menu", "items", format!("{}{}还没有菜单，请先排菜单", day_text(input.date), input.slot.label())));
    }
    let mut out: Vec<(dish::Model, i32)> = Vec::new();
    for item in &input.items {
        if !(1..=10).contains(&item.quantity) {
            return Err(Error::invalid("invalid_quantity", "items", "每样菜的份数应在 1 到 10 之间"));
        }
        let d = offered.iter().find(|d| d.id == item.dish_id).ok_or_else(|| {
            Error::invalid("not_on_menu", "items", format!("所选菜品不在{}{}的菜单上", day_text(input.date), input.slot.label()))
        })?;
        match out.iter_mut().find(|(x, _)| x.id == d.id) {
            Some((_, q)) => *q += item.quantity,
            None => out.push((d.clone(), item.quantity)),
        }
    }
    Ok(out)
}

async fn live_count<C: ConnectionTrait>(db: &C, canteen_id: i32, date: NaiveDate, slot: Slot) -> Result<u64> {
    Ok(booking::Entity::find()
        .filter(booking::Column::CanteenId.eq(canteen_id))
        .filter(booking::Column::MealDate.eq(date))
        .filter(booking::Column::Slot.eq(slot.as_str()))
        .filter(booking::Column::Status.ne(BookingStatus::Cancelled.as_str()))
        .count(db)
        .await?)
}

/// Subsidy the resident already receives on that day (live bookings, any canteen), for the cap.
async fn subsidy_on_day<C: ConnectionTrait>(db: &C, resident_id: i32, date: NaiveDate) -> Result<i64> {
    let rows = booking::Entity::find()
        .filter(booking::Column::ResidentId.eq(resident_id))
        .filter(booking::Column::MealDate.eq(date))
        .filter(booking::Column::Status.ne(BookingStatus::Cancelled.as_str()))
        .all(db)
        .await?;
    Ok(rows.iter().map(|b| b.subsidy).sum())
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CancelRequest {
    pub reason: Option<String>,
    /// A canteen manager cancels after the cutoff (audited).
    #[serde(default)]
    pub late: bool,
}

pub async fn cancel(desk: &Desk, actor: &Actor, booking_id: i32, req: CancelRequest) -> Result<BookingInfo> {
    let user = authorize_any(desk, actor, &STAFF, BOOK_MEALS).await?;
    let reason = validate::optional_text(&req.reason, "reason", "取消原因", 100)?;
    let txn = desk.begin_write().await?;
    let b = find(&txn, booking_id).await?;
    match b.status {
        BookingStatus::Served => return Err(Error::invalid("already_served", "bookingId", "这份餐已经核销，不能取消")),
        BookingStatus::Cancelled => return Err(Error::invalid("already_cancelled", "bookingId", "这份预订已经取消")),
        BookingStatus::Booked => {}
    }
    let c = find_canteen(&txn, b.canteen_id).await?;
    let slot = open_slot(&txn, &c, b.slot).await?;
    let today = desk.clock().today();
    let late = b.meal_date < today || (b.meal_date == today && slot.cutoff_passed(desk.clock().now()));
    if late {
        if !req.late {
            return Err(Error::invalid(
                Code::AfterCutoff.as_str(),
                "bookingId",
                format!(
                    "{}{}的订餐已于 {} 截止，截止后只能由食堂管理员取消",
                    day_text(b.meal_date),
                    slot.slot.label(),
                    slot.booking_cutoff
                ),
            ));
        }
        if !MANAGERS.iter().any(|r| r.as_str() == user.role.as_str()) {
            return Err(Error::Forbidden { action: "截止后补订或取消", needed: role_words(&MANAGERS) });
        }
    }
    let mut m = booking::ActiveModel::from(b.clone());
    m.status = Set(BookingStatus::Cancelled);
    m.cancelled_at = Set(Some(desk.clock().now()));
    m.cancelled_by = Set(Some(actor.user_id()));
    m.cancel_reason = Set(reason.clone());
    let saved = m.update(&txn).await?;
    let person = people::load(&txn, &[b.resident_id], b.meal_date).await?.remove(&b.resident_id);
    let detail = format!(
        "{} {}{}{}",
        person.map(|p| p.name).unwrap_or_default(),
        b.describe(),
        if late { "（截止后取消）" } else { "" },
        reason.map(|r| format!("：{r}")).unwrap_or_default()
    );
    audit::record_by(desk, &txn, actor, Entry::new(Action::BookingCancelled).on("booking", b.id).detail(detail)).await?;
    let shown = info_of(&txn, saved, today).await?;
    txn.commit().await?;
    Ok(shown)
}

pub(crate) async fn find<C: ConnectionTrait>(db: &C, id: i32) -> Result<booking::Model> {
    booking::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "预订" })
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayQuery {
    pub canteen_id: i32,
    pub date: NaiveDate,
    pub slot: Option<Slot>,
    /// Cancelled bookings are left out unless asked for.
    #[serde(default)]
    pub include_cancelled: bool,
    /// Only the bookings of diners whose name, pinyin (initials) or card number matches.
    #[serde(default)]
    #[ts(optional)]
    pub text: Option<String>,
}

/// One day's bookings, in slot order, then by mode, then by card number. When staff who book
/// open today or a later day, standing orders book their meals for it first.
pub async fn list_day(desk: &Desk, actor: &Actor, q: DayQuery) -> Result<Vec<BookingInfo>> {
    let user = current_user(desk, actor).await?;
    if q.date >= desk.clock().today() && STAFF.contains(&user.role) {
        let txn = desk.begin_write().await?;
        super::standing::book_due(&txn, desk, actor, q.canteen_id, q.date, q.date).await?;
        txn.commit().await?;
    }
    let all = day_bookings(desk.db(), &q).await?;
    match validate::filled(&q.text) {
        Some(text) => matching(desk.db(), all, text, q.date).await,
        None => Ok(all),
    }
}

/// The bookings whose diner's name contains `text`, whose pinyin key starts with it, or whose
/// card number it is (the 订餐 search and the counter's name search).
pub(crate) async fn matching<C: ConnectionTrait>(db: &C, all: Vec<BookingInfo>, text: &str, on: NaiveDate) -> Result<Vec<BookingInfo>> {
    // Pinyin keys are lower case, card numbers upper case.
    let needle = text.trim().to_lowercase();
    let ids: Vec<i32> = all.iter().map(|b| b.resident_id).collect();
    let people = people::load(db, &ids, on).await?;
    Ok(all.into_iter().filter(|b| people.get(&b.resident_id).is_some_and(|p| diners::matches_text(p, &b.card_number, &needle))).collect())
}
