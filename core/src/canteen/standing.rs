//! Standing orders (长期订餐): a diner's usual meal on chosen weekdays. They turn into ordinary
//! bookings day by day — for the coming week whenever an order is saved or resumed, for any day the
//! canteen's lists and tickets are printed for, and when staff open a day's bookings — so every
//! booking still gets its own price, subsidy and ticket.
//! A paused order books nothing from its pause day until its resume day; a booking cancelled by
//! hand is never re-created.

use super::bookings::{booked_already, check_active, check_eligible, insert, BookingInput, ItemInput};
use super::model::{weekday_bit, weekdays_text, BookingStatus, Mode, Slot};
use super::setup::{find_canteen, open_slot, slots_of, SlotSettings};
use super::{diners, people, BOOK_MEALS, STAFF};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor};
use crate::clock::day_text;
use crate::coded::coded_enum;
use crate::db::entity::{booking, canteen, diner, dish, standing_order};
use crate::error::{Error, Result};
use crate::residents::eligibility::{eligibility_many, Eligibility};
use crate::Desk;
use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// Days ahead that saving an order books at once, so tickets can be printed for the week.
const BOOK_AHEAD_DAYS: i64 = 7;

coded_enum! {
    /// Where a standing order stands today.
    StandingState, "state", "长期订餐状态" {
        Active => "active", "生效中";
        Paused => "paused", "暂停中";
        Ended => "ended", "已结束";
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StandingOrderInput {
    pub diner_id: i32,
    pub slot: Slot,
    /// Monday = 1, Tuesday = 2, Wednesday = 4 … Sunday = 64; 31 = working days.
    pub weekdays: i32,
    /// The meal booked each day: a set meal or dish that is on that day's menu.
    pub dish_id: i32,
    /// Empty: the diner's usual mode.
    pub mode: Option<Mode>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StandingOrderInfo {
    pub id: i32,
    pub diner_id: i32,
    pub name: String,
    pub card_number: String,
    pub slot: Slot,
    pub slot_label: String,
    pub weekdays: i32,
    /// "工作日", "周一、周三、周五"
    pub weekdays_label: String,
    pub dish_id: i32,
    pub dish_name: String,
    pub mode: Mode,
    pub mode_label: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub paused_from: Option<NaiveDate>,
    pub resume_on: Option<NaiveDate>,
    pub state: StandingState,
    /// "12月1日起暂停，12月3日恢复", "生效中", "已结束"
    pub state_label: String,
    pub active: bool,
}

/// A saved, resumed or ended order and the bookings it made.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StandingOrderSaved {
    pub order: StandingOrderInfo,
    pub filled: FillResult,
}

/// What turning orders into bookings did; days that could not be booked are explained.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FillResult {
    pub created: u32,
    /// "王秀英 12月1日午餐：所选菜品不在菜单上"
    pub skipped: Vec<String>,
}

pub async fn list(desk: &Desk, actor: &Actor, canteen_id: i32) -> Result<Vec<StandingOrderInfo>> {
    current_user(desk, actor).await?;
    let today = desk.clock().today();
    let diner_rows = diner::Entity::find().filter(diner::Column::CanteenId.eq(canteen_id)).all(desk.db()).await?;
    let ids: Vec<i32> = diner_rows.iter().map(|d| d.id).collect();
    let orders = standing_order::Entity::find().filter(standing_order::Column::DinerId.is_in(ids)).all(desk.db()).await?;
    infos(desk.db(), orders, &diner_rows, today).await
}

pub async fn save(desk: &Desk, actor: &Actor, id: Option<i32>, input: StandingOrderInput) -> Result<(StandingOrderInfo, FillResult)> {
    authorize_any(desk, actor, &STAFF, BOOK_MEALS).await?;
    let today = desk.clock().today();
    if input.weekdays & 0x7f == 0 || input.weekdays & !0x7f != 0 {
        return Err(Error::invalid("no_weekday", "weekdays", "请至少选择一天"));
    }
    if input.end_date.is_some_and(|e| e < input.start_date) {
        return Err(Error::invalid("date_range", "endDate", "结束日期不能早于开始日期"));
    }
    if id.is_none() && input.start_date < today {
        return Err(Error::invalid("date_past", "startDate", "开始日期不能早于今天"));
    }
    let txn = desk.begin_write().await?;
    let d = diners::find(&txn, input.diner_id).await?;
    let c = find_canteen(&txn, d.canteen_id).await?;
    open_slot(&txn, &c, input.slot).await?;
    let meal = dish::Entity::find_by_id(input.dish_id)
        .one(&txn)
        .await?
        .filter(|m| m.canteen_id == c.id && m.active)
        .ok_or_else(|| Error::invalid("unknown_dish", "dishId", "所选餐食不是本食堂在用的菜品，请重新选择"))?;
    let twin = standing_order::Entity::find()
        .filter(standing_order::Column::DinerId.eq(d.id))
        .filter(standing_order::Column::Slot.eq(input.slot.as_str()))
        .filter(standing_order::Column::Active.eq(true))
        .one(&txn)
        .await?;
    if twin.is_some_and(|t| Some(t.id) != id) {
        return Err(Error::conflict("slot", format!("该就餐人已有{}的长期订餐，请修改原订单", input.slot.label())));
    }
    let mode = input.mode.unwrap_or(d.default_mode);
    let mut m = match id {
        Some(id) => standing_order::ActiveModel::from(find(&txn, id).await?),
        None => standing_order::ActiveModel {
            created_at: Set(desk.clock().now()),
            created_by: Set(Some(actor.user_id())),
            active: Set(true),
            ..Default::default()
        },
    };
    m.diner_id = Set(d.id);
    m.slot = Set(input.slot);
    m.weekdays = Set(input.weekdays);
    m.dish_id = Set(meal.id);
    m.mode = Set(mode);
    m.start_date = Set(input.start_date);
    m.end_date = Set(input.end_date);
    let saved: standing_order::Model = sea_orm::TryIntoModel::try_into_model(m.save(&txn).await?)?;
    let name = people::load(&txn, &[d.resident_id], today).await?.remove(&d.resident_id).map(|p| p.name).unwrap_or_default();
    let detail = format!("{name}：{} {} {}", weekdays_text(saved.weekdays), input.slot.label(), meal.name);
    audit::record_by(desk, &txn, actor, Entry::new(Action::StandingOrderSaved).on("standing_order", saved.id).detail(detail)).await?;
    let filled = fill_range(&txn, desk, actor, c.id, today, today + Duration::days(BOOK_AHEAD_DAYS)).await?;
    let shown = infos(&txn, vec![saved], &[d], today).await?.remove(0);
    txn.commit().await?;
    Ok((shown, filled))
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PauseRequest {
    /// First day without meals.
    pub from: NaiveDate,
    /// The day meals start again; empty = paused until resumed by hand.
    pub resume_on: Option<NaiveDate>,
}

/// Pauses an order (hospital stay, visiting family) and cancels its bookings in the pause that are
/// not served yet and still before their cutoff.
pub async fn pause(desk: &Desk, actor: &Actor, id: i32, req: PauseRequest) -> Result<StandingOrderInfo> {
    authorize_any(desk, actor, &STAFF, BOOK_MEALS).await?;
    let today = desk.clock().today();
    if req.from < today {
        return Err(Error::invalid("date_past", "from", "暂停日期不能早于今天"));
    }
    if req.resume_on.is_some_and(|r| r <= req.from) {
        return Err(Error::invalid("date_range", "resumeOn", "恢复日期要晚于暂停日期"));
    }
    let txn = desk.begin_write().await?;
    let o = find(&txn, id).await?;
    let d = diners::find(&txn, o.diner_id).await?;
    let c = find_canteen(&txn, d.canteen_id).await?;
    let slot = open_slot(&txn, &c, o.slot).await?;
    let mut m = standing_order::ActiveModel::from(o.clone());
    m.paused_from = Set(Some(req.from));
    m.resume_on = Set(req.resume_on);
    let saved = m.update(&txn).await?;
    cancel_booked(&txn, desk, actor, &o, &slot, req.from, req.resume_on, "长期订餐暂停").await?;
    let name = people::load(&txn, &[d.resident_id], today).await?.remove(&d.resident_id).map(|p| p.name).unwrap_or_default();
    let until = req.resume_on.map(|r| format!("，{}恢复", day_text(r))).unwrap_or_default();
    let detail = format!("{name}：{}起暂停{until}", day_text(req.from));
    audit::record_by(desk, &txn, actor, Entry::new(Action::StandingOrderPaused).on("standing_order", id).detail(detail)).await?;
    let shown = infos(&txn, vec![saved], &[d], today).await?.remove(0);
    txn.commit().await?;
    Ok(shown)
}

/// Resumes a paused order from today.
pub async fn resume(desk: &Desk, actor: &Actor, id: i32) -> Result<(StandingOrderInfo, FillResult)> {
    set_state(desk, actor, id, true).await
}

/// Ends an order: it books nothing more, and its bookings not yet served are cancelled where still
/// before their cutoff.
pub async fn end(desk: &Desk, actor: &Actor, id: i32) -> Result<(StandingOrderInfo, FillResult)> {
    set_state(desk, actor, id, false).await
}

async fn set_state(desk: &Desk, actor: &Actor, id: i32, resume: bool) -> Result<(StandingOrderInfo, FillResult)> {
    authorize_any(desk, actor, &STAFF, BOOK_MEALS).await?;
    let today = desk.clock().today();
    let txn = desk.begin_write().await?;
    let o = find(&txn, id).await?;
    let d = diners::find(&txn, o.diner_id).await?;
    if !resume {
        let c = find_canteen(&txn, d.canteen_id).await?;
        if let Ok(slot) = open_slot(&txn, &c, o.slot).await {
            cancel_booked(&txn, desk, actor, &o, &slot, today, None, "长期订餐结束").await?;
        }
    }
    let mut m = standing_order::ActiveModel::from(o);
    if resume {
        m.paused_from = Set(None);
        m.resume_on = Set(None);
    } else {
        m.active = Set(false);
        m.end_date = Set(Some(today));
    }
    let saved = m.update(&txn).await?;
    let action = if resume { Action::StandingOrderSaved } else { Action::StandingOrderEnded };
    audit::record_by(
        desk,
        &txn,
        actor,
        Entry::new(action).on("standing_order", id).detail(if resume { "恢复长期订餐" } else { "结束长期订餐" }),
    )
    .await?;
    let filled = if resume {
        fill_range(&txn, desk, actor, d.canteen_id, today, today + Duration::days(BOOK_AHEAD_DAYS)).await?
    } else {
        FillResult::default()
    };
    let shown = infos(&txn, vec![saved], &[d], today).await?.remove(0);
    txn.commit().await?;
    Ok((shown, filled))
}

/// Cancels the order's bookings from `from` until before `until` that are not served and still
/// before their cutoff.
#[allow(clippy::too_many_arguments)]
async fn cancel_booked<C: ConnectionTrait>(
    db: &C,
    desk: &Desk,
    actor: &Actor,
    o: &standing_order::Model,
    slot: &SlotSettings,
    from: NaiveDate,
    until: Option<NaiveDate>,
    reason: &str,
) -> Result<()> {
    let (today, now) = (desk.clock().today(), desk.clock().now());
    let mut q = booking::Entity::find()
        .filter(booking::Column::StandingOrderId.eq(o.id))
        .filter(booking::Column::Status.eq(BookingStatus::Booked.as_str()))
        .filter(booking::Column::MealDate.gte(from.max(today)));
    if let Some(u) = until {
        q = q.filter(booking::Column::MealDate.lt(u));
    }
    for b in q.all(db).await? {
        if b.meal_date == today && slot.cutoff_passed(now) {
            continue;
        }
        let mut m = booking::ActiveModel::from(b);
        m.status = Set(BookingStatus::Cancelled);
        m.cancelled_at = Set(Some(now));
        m.cancelled_by = Set(Some(actor.user_id()));
        m.cancel_reason = Set(Some(reason.into()));
        m.update(db).await?;
    }
    Ok(())
}

async fn find<C: ConnectionTrait>(db: &C, id: i32) -> Result<standing_order::Model> {
    standing_order::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "长期订餐" })
}

/// Does the order want a meal on `date`?
pub fn wants(o: &standing_order::Model, date: NaiveDate) -> bool {
    let paused = o.paused_from.is_some_and(|p| p <= date) && o.resume_on.is_none_or(|r| date < r);
    o.active && o.start_date <= date && o.end_date.is_none_or(|e| date <= e) && o.weekdays & weekday_bit(date) != 0 && !paused
}

/// Books the orders' meals for each day from `from` to `to` that does not have them yet. Days
/// already past, or today after the cutoff, are left alone.
pub(crate) async fn fill_range<C: ConnectionTrait>(
    db: &C,
    desk: &Desk,
    actor: &Actor,
    canteen_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<FillResult> {
    let c = find_canteen(db, canteen_id).await?;
    let orders = active_orders(db, canteen_id).await?;
    fill_days(db, desk, actor, c, orders, from, to, true).await
}

/// Books what [`fill_range`] books, for callers that only need the meals booked (a day's lists,
/// tickets and bookings) and not why an order booked nothing. Printing a list calls it every
/// time, and usually every order has its meal already: that is found with one query of the
/// orders' diners' bookings, and nothing else is read. Orders whose diners booked the meal by
/// hand are passed over (for them [`fill_range`] only explains why it books nothing).
pub(crate) async fn book_due<C: ConnectionTrait>(
    db: &C,
    desk: &Desk,
    actor: &Actor,
    canteen_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<()> {
    let c = find_canteen(db, canteen_id).await?;
    let orders = active_orders(db, canteen_id).await?;
    let first = from.max(desk.clock().today());
    let wanted: Vec<(&standing_order::Model, NaiveDate)> =
        first.iter_days().take_while(|d| *d <= to).flat_map(|d| orders.iter().filter(move |o| wants(o, d)).map(move |o| (o, d))).collect();
    if wanted.is_empty() {
        return Ok(());
    }
    // A live booking of the meal by the order's diner (made by the order or by hand) leaves the
    // order nothing to book; anything else goes the whole way.
    let booked = booked_meals(db, first, to).await?;
    let open = |(o, d): &(&standing_order::Model, NaiveDate)| !booked.contains(&(o.diner_id, *d, o.slot));
    if !wanted.iter().any(open) {
        return Ok(());
    }
    fill_days(db, desk, actor, c, orders, from, to, false).await.map(|_| ())
}

/// [`fill_range`] for the active `orders` of canteen `c`; `explain`: whether to say why orders
/// book nothing (see [`FillResult::skipped`]), which only orders whose diners booked by hand
/// need to have checked.
#[allow(clippy::too_many_arguments)]
async fn fill_days<C: ConnectionTrait>(
    db: &C,
    desk: &Desk,
    actor: &Actor,
    c: canteen::Model,
    orders: Vec<standing_order::Model>,
    from: NaiveDate,
    to: NaiveDate,
    explain: bool,
) -> Result<FillResult> {
    let today = desk.clock().today();
    let canteen_id = c.id;
    let mut result = FillResult::default();
    if orders.is_empty() {
        return Ok(result);
    }
    let mut diner_rows = Vec::with_capacity(orders.len());
    for chunk in orders.chunks(500) {
        diner_rows.extend(diner::Entity::find().filter(diner::Column::Id.is_in(chunk.iter().map(|o| o.diner_id))).all(db).await?);
    }
    let done = done_days(db, canteen_id, &orders, from, to).await?;
    let slots = slots_of(db, c.id).await?;
    let booked = booked_meals(db, from, to).await?;
    let mut date = from.max(today);
    while date <= to {
        let mut due: Vec<Due> = Vec::new();
        for o in orders.iter().filter(|o| wants(o, date) && !done.contains(&(o.id, date))) {
            let slot_kind = o.slot;
            let Some(slot) = slots.iter().find(|s| s.slot == slot_kind && s.active) else { continue };
            if date == today && slot.cutoff_passed(desk.clock().now()) {
                continue;
            }
            let Some(d) = diner_rows.iter().find(|d| d.id == o.diner_id) else { continue };
            let by_hand = booked.contains(&(d.id, date, slot_kind));
            if explain || !by_hand {
                due.push(Due { order: o, slot_kind, slot, diner: d, by_hand });
            }
        }
        // The eligibility of those who booked by hand, read for all of them at once.
        let by_hand: Vec<i32> = due.iter().filter(|x| x.by_hand).map(|x| x.diner.resident_id).collect();
        let eligible = if by_hand.is_empty() { HashMap::new() } else { eligibility_many(db, &by_hand, date).await? };
        for x in due {
            let known = eligible.get(&x.diner.resident_id).filter(|_| x.by_hand);
            match book_for(db, desk, actor, &c, &x, date, known).await {
                Ok(b) => {
                    let mut m = booking::ActiveModel::from(b);
                    m.standing_order_id = Set(Some(x.order.id));
                    m.update(db).await?;
                    result.created += 1;
                }
                // A booking made by hand for the same meal is the diner's choice: nothing to say.
                Err(Error::Conflict { .. }) => {}
                Err(e @ Error::Invalid { .. }) => {
                    let d = x.diner;
                    let name = people::load(db, &[d.resident_id], date).await?.remove(&d.resident_id).map(|p| p.name).unwrap_or_default();
                    result.skipped.push(format!("{name} {}{}：{e}", day_text(date), x.slot_kind.label()));
                }
                Err(e) => return Err(e),
            }
        }
        date += Duration::days(1);
    }
    Ok(result)
}

/// An order's meal to book on a day, and whether its diner has booked that meal by hand.
struct Due<'a> {
    order: &'a standing_order::Model,
    slot_kind: Slot,
    slot: &'a SlotSettings,
    diner: &'a diner::Model,
    by_hand: bool,
}

/// Books the order's meal on `date`. For a diner who booked the meal by hand (with `eligible`
/// read for them) the answer is the one `insert` would give, without trying: its checks of the
/// canteen, the diner and the resident, then that the meal is booked already.
async fn book_for<C: ConnectionTrait>(
    db: &C,
    desk: &Desk,
    actor: &Actor,
    c: &canteen::Model,
    x: &Due<'_>,
    date: NaiveDate,
    eligible: Option<&Eligibility>,
) -> Result<booking::Model> {
    if let Some(e) = eligible {
        check_active(c, x.diner)?;
        check_eligible(e.clone())?;
        return Err(booked_already(date, x.slot_kind));
    }
    let input = BookingInput {
        diner_id: x.diner.id,
        date,
        slot: x.slot_kind,
        items: vec![ItemInput { dish_id: x.order.dish_id, quantity: 1 }],
        mode: Some(x.order.mode),
        late: false,
    };
    insert(db, desk, actor, c, x.diner, &input, x.slot, false).await
}

/// (order, day) of the bookings the orders made from `from` to `to`: any booking an order ever
/// made for a day, even cancelled, means "done" for that day. (The orders book at their diner's
/// canteen: the canteen's day index finds them.)
async fn done_days<C: ConnectionTrait>(
    db: &C,
    canteen_id: i32,
    orders: &[standing_order::Model],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashSet<(i32, NaiveDate)>> {
    Ok(booking::Entity::find()
        .select_only()
        .columns([booking::Column::StandingOrderId, booking::Column::MealDate])
        .filter(booking::Column::CanteenId.eq(canteen_id))
        .filter(booking::Column::StandingOrderId.is_in(orders.iter().map(|o| o.id)))
        .filter(booking::Column::MealDate.between(from, to))
        .into_tuple::<(Option<i32>, NaiveDate)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(order, date)| Some((order?, date)))
        .collect())
}

/// The active standing orders of a canteen's diners, oldest first. Each order's diner is looked
/// up by its key (a canteen may have thousands of diners and no standing orders, and printing its
/// lists should not read them all).
async fn active_orders<C: ConnectionTrait>(db: &C, canteen_id: i32) -> Result<Vec<standing_order::Model>> {
    Ok(standing_order::Entity::find()
        .filter(Expr::exists(order_diner_in(canteen_id)))
        .filter(standing_order::Column::Active.eq(true))
        .order_by_asc(standing_order::Column::Id)
        .all(db)
        .await?)
}

/// `SELECT 1 FROM diners WHERE diners.id = standing_orders.diner_id AND diners.canteen_id = ?`
fn order_diner_in(canteen_id: i32) -> SelectStatement {
    use sea_orm::sea_query::ExprTrait;
    Query::select()
        .expr(Expr::val(1))
        .from(diner::Entity)
        .and_where(Expr::col((diner::Entity, diner::Column::Id)).equals((standing_order::Entity, standing_order::Column::DinerId)))
        .and_where(Expr::col((diner::Entity, diner::Column::CanteenId)).eq(canteen_id))
        .to_owned()
}

fn diners_with_orders() -> SelectStatement {
    Query::select()
        .column(standing_order::Column::DinerId)
        .from(standing_order::Entity)
        .and_where(standing_order::Column::Active.eq(true))
        .to_owned()
}

/// (diner, date, slot) of the live bookings from `from` to `to` of diners with active orders:
/// where `insert` would find the meal booked already.
async fn booked_meals<C: ConnectionTrait>(db: &C, from: NaiveDate, to: NaiveDate) -> Result<HashSet<(i32, NaiveDate, Slot)>> {
    Ok(booking::Entity::find()
        .select_only()
        .columns([booking::Column::DinerId, booking::Column::MealDate, booking::Column::Slot])
        .filter(booking::Column::DinerId.in_subquery(diners_with_orders()))
        .filter(booking::Column::MealDate.between(from, to))
        .filter(booking::Column::Status.ne(BookingStatus::Cancelled.as_str()))
        .into_tuple::<(i32, NaiveDate, Slot)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Books the standing orders of a canteen for the days from `from` to `to` (at most a month).
pub async fn fill(desk: &Desk, actor: &Actor, canteen_id: i32, from: NaiveDate, to: NaiveDate) -> Result<FillResult> {
    authorize_any(desk, actor, &STAFF, BOOK_MEALS).await?;
    if to < from || (to - from).num_days() > 31 {
        return Err(Error::invalid("date_range", "to", "一次最多为 31 天生成长期订餐"));
    }
    let txn = desk.begin_write().await?;
    let r = fill_range(&txn, desk, actor, canteen_id, from, to).await?;
    txn.commit().await?;
    Ok(r)
}

async fn infos<C: ConnectionTrait>(
    db: &C,
    orders: Vec<standing_order::Model>,
    diner_rows: &[diner::Model],
    today: NaiveDate,
) -> Result<Vec<StandingOrderInfo>> {
    let resident_ids: Vec<i32> = diner_rows.iter().map(|d| d.resident_id).collect();
    let people = people::load(db, &resident_ids, today).await?;
    let dish_ids: Vec<i32> = orders.iter().map(|o| o.dish_id).collect();
    let dishes: Vec<dish::Model> = dish::Entity::find().filter(dish::Column::Id.is_in(dish_ids)).all(db).await?;
    Ok(orders
        .into_iter()
        .filter_map(|o| {
            let d = diner_rows.iter().find(|d| d.id == o.diner_id)?;
            let slot = o.slot;
            let mode = o.mode;
            let (state, state_label) = state_of(&o, today);
            Some(StandingOrderInfo {
                id: o.id,
                diner_id: d.id,
                name: people.get(&d.resident_id).map(|p| p.name.clone()).unwrap_or_default(),
                card_number: d.card_number.clone(),
                slot,
                slot_label: slot.label().into(),
                weekdays: o.weekdays,
                weekdays_label: weekdays_text(o.weekdays),
                dish_id: o.dish_id,
                dish_name: dishes.iter().find(|x| x.id == o.dish_id).map(|x| x.name.clone()).unwrap_or_default(),
                mode,
                mode_label: mode.label().into(),
                start_date: o.start_date,
                end_date: o.end_date,
                paused_from: o.paused_from,
                resume_on: o.resume_on,
                state,
                state_label,
                active: o.active,
            })
        })
        .collect())
}

/// Ended once inactive or past its end date; paused while a pause is set and its resume day has
/// not come (a pause that starts later already shows, so staff see it is planned).
fn state_of(o: &standing_order::Model, today: NaiveDate) -> (StandingState, String) {
    if !o.active || o.end_date.is_some_and(|e| e < today) {
        return (StandingState::Ended, StandingState::Ended.label().into());
    }
    match (o.paused_from, o.resume_on) {
        (Some(p), Some(r)) if today < r => (StandingState::Paused, format!("{}起暂停，{}恢复", short(p), short(r))),
        (Some(p), None) => (StandingState::Paused, format!("{}起暂停", short(p))),
        _ => (StandingState::Active, StandingState::Active.label().into()),
    }
}

fn short(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}月{}日", d.month(), d.day())
}
