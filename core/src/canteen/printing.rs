//! The canteen's printouts, loaded from the database and drawn by [`super::documents`]: the day's
//! 就餐名单 per slot, meal tickets, the 厨房备餐单 and the 送餐路线单 (audited: it holds phones and
//! addresses).

use super::bookings::{day_bookings, day_meals, BookingInfo, DayQuery, ListedMeal};
use super::documents::{
    self, CanteenList, DeliveryRoute, DeliverySheet, DeliveryStop, KitchenDish, KitchenSheet, KitchenSlot, ListGroup, ListRow, TicketData,
};
use super::model::{BookingStatus, Mode, Slot};
use super::setup::{find_canteen, slots_of};
use super::tickets::{code_for, secret, ticket_number};
use super::{people, STAFF};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::clock::day_text;
use crate::db::entity::{booking, booking_item, dish};
use crate::error::{Error, Result};
use crate::print::{page_meta, PrintOutput};
use crate::Desk;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

const PRINT: &str = "打印食堂单据";
/// Tickets for at most this many days at once (a month and a bit).
const MAX_TICKET_DAYS: i64 = 35;

pub async fn canteen_list(desk: &Desk, actor: &Actor, canteen_id: i32, date: NaiveDate, slot: Slot) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &STAFF, PRINT).await?;
    let c = find_canteen(desk.db(), canteen_id).await?;
    fill_standing(desk, actor, canteen_id, date, date).await?;
    let mut rows = day_meals(desk.db(), canteen_id, date, slot).await?;
    let groups = Mode::ALL
        .iter()
        .map(|m| {
            let (ours, rest) = std::mem::take(&mut rows).into_iter().partition(|b| b.mode == *m);
            rows = rest;
            ListGroup { mode_label: m.label().into(), rows: ours.into_iter().map(list_row).collect() }
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    let data = CanteenList { canteen: c.name, date, slot_label: slot.label().into(), groups, urgent_note: None };
    let meta = page_meta(desk, &user, &format!("就餐名单（{}）", slot.label()), &day_text(date)).await?;
    documents::canteen_list(&data, &meta)
}

fn list_row(b: ListedMeal) -> ListRow {
    ListRow {
        categories: b.categories.join("、"),
        name: b.name,
        community: b.community,
        meal: b.meal,
        price: b.price,
        subsidy: b.subsidy,
        payable: b.payable,
        served: b.served,
        highlight: b.highlight,
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketRequest {
    pub canteen_id: i32,
    pub from: NaiveDate,
    /// Empty: the same day.
    pub to: Option<NaiveDate>,
    /// Empty: every diner with a booking.
    #[serde(default)]
    pub diner_ids: Vec<i32>,
}

/// Tickets for the booked (not yet served) meals of a day or a date range.
pub async fn meal_tickets(desk: &Desk, actor: &Actor, req: TicketRequest) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &STAFF, PRINT).await?;
    let to = req.to.unwrap_or(req.from);
    if to < req.from {
        return Err(Error::invalid("date_range", "to", "结束日期不能早于开始日期"));
    }
    if (to - req.from).num_days() >= MAX_TICKET_DAYS {
        return Err(Error::invalid("range_too_long", "to", format!("一次最多打印 {MAX_TICKET_DAYS} 天的餐券")));
    }
    let c = find_canteen(desk.db(), req.canteen_id).await?;
    fill_standing(desk, actor, req.canteen_id, req.from, to).await?;
    let mut select = booking::Entity::find()
        .filter(booking::Column::CanteenId.eq(req.canteen_id))
        .filter(booking::Column::MealDate.between(req.from, to))
        .filter(booking::Column::Status.eq(BookingStatus::Booked.as_str()))
        .order_by_asc(booking::Column::MealDate)
        .order_by_asc(booking::Column::Id);
    if !req.diner_ids.is_empty() {
        select = select.filter(booking::Column::DinerId.is_in(req.diner_ids.clone()));
    }
    let mut infos = super::bookings::infos(desk.db(), select, req.from).await?;
    if infos.is_empty() {
        return Err(Error::invalid("nothing_to_print", "from", "所选日期没有待使用的预订，没有餐券可打印"));
    }
    let key = secret(desk.db()).await?;
    let slot_rank = |s: Slot| Slot::ALL.iter().position(|x| *x == s);
    infos.sort_by(|a, b| a.date.cmp(&b.date).then(slot_rank(a.slot).cmp(&slot_rank(b.slot))).then(a.card_number.cmp(&b.card_number)));
    let tickets: Vec<TicketData> = infos
        .iter()
        .map(|b| TicketData {
            canteen: c.name.clone(),
            name: b.name.clone(),
            date: b.date,
            slot_label: b.slot_label.clone(),
            meal: b.meal.clone(),
            mode_label: b.mode_label.clone(),
            price: b.price,
            subsidy: b.subsidy,
            payable: b.payable,
            number: ticket_number(b.id),
            code: code_for(&key, b.id),
        })
        .collect();
    let about = if to == req.from { day_text(req.from) } else { format!("{} 至 {}", day_text(req.from), day_text(to)) };
    let meta = page_meta(desk, &user, "餐券", &about).await?;
    documents::meal_tickets(&tickets, &meta)
}

pub async fn kitchen_sheet(desk: &Desk, actor: &Actor, canteen_id: i32, date: NaiveDate) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &STAFF, PRINT).await?;
    let c = find_canteen(desk.db(), canteen_id).await?;
    fill_standing(desk, actor, canteen_id, date, date).await?;
    let live = booking::Entity::find()
        .filter(booking::Column::CanteenId.eq(canteen_id))
        .filter(booking::Column::MealDate.eq(date))
        .filter(booking::Column::Status.ne(BookingStatus::Cancelled.as_str()))
        .all(desk.db())
        .await?;
    let by_id: HashMap<i32, &booking::Model> = live.iter().map(|b| (b.id, b)).collect();
    let items = booking_item::Entity::find()
        .filter(booking_item::Column::BookingId.is_in(by_id.keys().copied().collect::<Vec<_>>()))
        .all(desk.db())
        .await?;
    let dishes: HashMap<i32, dish::Model> =
        dish::Entity::find().filter(dish::Column::CanteenId.eq(canteen_id)).all(desk.db()).await?.into_iter().map(|d| (d.id, d)).collect();
    let mut slots = Vec::new();
    for s in slots_of(desk.db(), canteen_id).await?.into_iter().filter(|s| s.active) {
        // dish id → portions by mode, in first-met order of the menu's dishes.
        let mut portions: BTreeMap<i32, [u32; 3]> = BTreeMap::new();
        for i in &items {
            let Some(b) = by_id.get(&i.booking_id).filter(|b| b.slot == s.slot) else { continue };
            let mode = b.mode;
            let at = Mode::ALL.iter().position(|m| *m == mode).unwrap_or(0);
            portions.entry(i.dish_id).or_default()[at] += i.quantity as u32;
        }
        let mut rows: Vec<KitchenDish> = portions
            .iter()
            .filter_map(|(id, n)| {
                let d = dishes.get(id)?;
                Some(KitchenDish {
                    name: d.name.clone(),
                    kind_label: d.kind.label().into(),
                    tags: super::setup::split_tags(&d.tags),
                    dine_in: n[0],
                    take_away: n[1],
                    delivery: n[2],
                })
            })
            .collect();
        rows.sort_by(|a, b| b.kind_label.cmp(&a.kind_label).then(a.name.cmp(&b.name)));
        let mut tags: BTreeMap<String, u32> = BTreeMap::new();
        for r in &rows {
            for t in &r.tags {
                *tags.entry(t.clone()).or_default() += r.dine_in + r.take_away + r.delivery;
            }
        }
        slots.push(KitchenSlot { slot_label: s.slot.label().into(), dishes: rows, tags: tags.into_iter().collect() });
    }
    let meta = page_meta(desk, &user, "厨房备餐单", &day_text(date)).await?;
    documents::kitchen_sheet(&KitchenSheet { canteen: c.name, date, slots }, &meta)
}

/// Holds full phones and addresses for the courier, so every print is audited.
pub async fn delivery_sheet(desk: &Desk, actor: &Actor, canteen_id: i32, date: NaiveDate) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &STAFF, PRINT).await?;
    let c = find_canteen(desk.db(), canteen_id).await?;
    fill_standing(desk, actor, canteen_id, date, date).await?;
    let all = day_bookings(desk.db(), &DayQuery { canteen_id, date, slot: None, include_cancelled: false, text: None }).await?;
    let deliveries: Vec<&BookingInfo> = all.iter().filter(|b| b.mode == Mode::Delivery).collect();
    let ids: Vec<i32> = deliveries.iter().map(|b| b.resident_id).collect();
    let people = people::load(desk.db(), &ids, date).await?;
    let mut routes: Vec<DeliveryRoute> = Vec::new();
    for b in &deliveries {
        let route = b.route.clone().unwrap_or_else(|| "未分配路线".into());
        let stop = DeliveryStop {
            name: b.name.clone(),
            address: b.address.clone().unwrap_or_default(),
            phone: people.get(&b.resident_id).and_then(|p| p.phone.clone()).unwrap_or_default(),
            slot_label: b.slot_label.clone(),
            meal: b.meal.clone(),
            payable: b.payable,
            note: if b.highlight { b.categories.join("、") } else { String::new() },
        };
        match routes.iter_mut().find(|r| r.route == route) {
            Some(r) => r.stops.push(stop),
            None => routes.push(DeliveryRoute { route, stops: vec![stop] }),
        }
    }
    routes.sort_by(|a, b| (a.route == "未分配路线").cmp(&(b.route == "未分配路线")).then(a.route.cmp(&b.route)));
    let meta = page_meta(desk, &user, "送餐路线单", &day_text(date)).await?;
    let out = documents::delivery_sheet(&DeliverySheet { canteen: c.name.clone(), date, routes }, &meta)?;
    let detail = format!("{} {}，{} 户", c.name, day_text(date), deliveries.len());
    let txn = sea_orm::TransactionTrait::begin(desk.db()).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::DeliverySheetPrinted).on("canteen", canteen_id).detail(detail)).await?;
    txn.commit().await?;
    Ok(out)
}

/// Standing orders book their meals before a day's papers are made (days already past are left
/// as they are).
async fn fill_standing(desk: &Desk, actor: &Actor, canteen_id: i32, from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < desk.clock().today() {
        return Ok(());
    }
    let txn = sea_orm::TransactionTrait::begin(desk.db()).await?;
    super::standing::book_due(&txn, desk, actor, canteen_id, from, to).await?;
    txn.commit().await?;
    Ok(())
}
