//! Bookings as the screens and lists show them: who (name, community, categories), what (the
//! dishes) and the money, each read in one statement however long the day.

use super::{BookingInfo, DayQuery};
use crate::canteen::model::{BookingStatus, DinerType, Mode, Slot};
use crate::canteen::people;
use crate::clock::local;
use crate::db::entity::{booking, booking_item, diner, resident};
use crate::error::{Error, Result};
use crate::residents::search::categories_of;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::SelectStatement;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use std::collections::HashMap;

pub(crate) async fn day_bookings<C: ConnectionTrait>(db: &C, q: &DayQuery) -> Result<Vec<BookingInfo>> {
    let mut select = booking::Entity::find()
        .filter(booking::Column::CanteenId.eq(q.canteen_id))
        .filter(booking::Column::MealDate.eq(q.date))
        .order_by_asc(booking::Column::Id);
    if let Some(slot) = q.slot {
        select = select.filter(booking::Column::Slot.eq(slot.as_str()));
    }
    if !q.include_cancelled {
        select = select.filter(booking::Column::Status.ne(BookingStatus::Cancelled.as_str()));
    }
    let mut out = infos(db, select, q.date).await?;
    let slot_rank = |s: Slot| Slot::ALL.iter().position(|x| *x == s);
    let mode_rank = |m: Mode| Mode::ALL.iter().position(|x| *x == m);
    out.sort_by(|a, b| {
        slot_rank(a.slot).cmp(&slot_rank(b.slot)).then(mode_rank(a.mode).cmp(&mode_rank(b.mode))).then(a.card_number.cmp(&b.card_number))
    });
    Ok(out)
}

/// A booking as a day's 就餐名单 shows it.
#[derive(Debug, Clone)]
pub(crate) struct ListedMeal {
    pub mode: Mode,
    pub name: String,
    pub community: String,
    pub categories: Vec<String>,
    pub highlight: bool,
    pub meal: String,
    pub price: i64,
    pub subsidy: i64,
    pub payable: i64,
    /// Served (核销): only these count as 实收.
    pub served: bool,
}

/// What [`day_meals`] reads of a booking: the columns the list shows or sorts by.
#[derive(Debug, Clone, FromQueryResult)]
struct MealRow {
    id: i32,
    resident_id: i32,
    mode: Mode,
    price: i64,
    subsidy: i64,
    payable: i64,
    status: BookingStatus,
    card_number: Option<String>,
    name: Option<String>,
    community_id: Option<i32>,
}

/// The live bookings of one day and slot as the 就餐名单 shows them, in the order of
/// [`day_bookings`] (by mode, then card number). The same as [`day_bookings`] gives, but only
/// what the list shows is read: a list may hold thousands of bookings, and reading every column
/// of each was most of the time the list took.
pub(crate) async fn day_meals<C: ConnectionTrait>(db: &C, canteen_id: i32, date: NaiveDate, slot: Slot) -> Result<Vec<ListedMeal>> {
    use booking::Column as B;
    let select = booking::Entity::find()
        .filter(B::CanteenId.eq(canteen_id))
        .filter(B::MealDate.eq(date))
        .filter(B::Slot.eq(slot.as_str()))
        .filter(B::Status.ne(BookingStatus::Cancelled.as_str()))
        .order_by_asc(B::Id);
    let rows = select
        .clone()
        .select_only()
        .columns([B::Id, B::ResidentId, B::Mode, B::Price, B::Subsidy, B::Payable, B::Status])
        .column_as(diner::Column::CardNumber, "card_number")
        .column_as(resident::Column::Name, "name")
        .column_as(resident::Column::CommunityId, "community_id")
        .join(JoinType::LeftJoin, booking::Entity::belongs_to(diner::Entity).from(B::DinerId).to(diner::Column::Id).into())
        .join(JoinType::LeftJoin, booking::Entity::belongs_to(resident::Entity).from(B::ResidentId).to(resident::Column::Id).into())
        .into_model::<MealRow>()
        .all(db);
    let (rows, categories, communities, items) = tokio::try_join!(
        async { Ok::<_, Error>(rows.await?) },
        categories_of(db, ids_of(&select, B::ResidentId), date),
        people::community_names(db),
        portions(db, ids_of(&select, B::Id)),
    )?;
    let mode_rank = |m: Mode| Mode::ALL.iter().position(|x| *x == m);
    let mut out: Vec<(Option<usize>, String, ListedMeal)> = rows
        .into_iter()
        .map(|b| {
            let mode = b.mode;
            // A resident with no row (never so: bookings keep their residents) shows as nobody.
            let (name, community, categories) = match b.name {
                Some(name) => {
                    let community = b.community_id.and_then(|c| communities.get(&c).cloned()).unwrap_or_default();
                    // A resident's categories are the same in each of their bookings.
                    let held = categories.get(&b.resident_id).cloned().unwrap_or_default();
                    (name, community, held)
                }
                None => (String::new(), String::new(), Vec::new()),
            };
            let meal = meal_text(items.get(&b.id).map(Vec::as_slice).unwrap_or(&[]));
            let row = ListedMeal {
                mode,
                name,
                community,
                highlight: people::highlighted(&categories),
                categories,
                meal,
                price: b.price,
                subsidy: b.subsidy,
                payable: b.payable,
                served: b.status == BookingStatus::Served,
            };
            (mode_rank(mode), b.card_number.unwrap_or_default(), row)
        })
        .collect();
    // Stable: bookings of the same mode and card number stay in booking order.
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    Ok(out.into_iter().map(|(_, _, row)| row).collect())
}

pub(crate) async fn info_of<C: ConnectionTrait>(db: &C, b: booking::Model, on: NaiveDate) -> Result<BookingInfo> {
    let mut v = infos(db, booking::Entity::find_by_id(b.id), on).await?;
    v.pop().ok_or(Error::NotFound { what: "预订" })
}

/// A booking as its info shows it: the booking's own columns that are shown, its diner's card
/// number and its resident's name and community, read in one query (a day's list can hold
/// thousands of bookings).
#[derive(Debug, Clone, FromQueryResult)]
struct Listed {
    id: i32,
    canteen_id: i32,
    diner_id: i32,
    resident_id: i32,
    meal_date: NaiveDate,
    slot: Slot,
    mode: Mode,
    route: Option<String>,
    address: Option<String>,
    diner_type: DinerType,
    price: i64,
    subsidy: i64,
    payable: i64,
    subsidy_rule_name: Option<String>,
    status: BookingStatus,
    served_at: Option<DateTime<Utc>>,
    walk_in: bool,
    card_number: Option<String>,
    name: Option<String>,
    community_id: Option<i32>,
}

/// The bookings of `select` (filtered and ordered by the caller) with who, what and the money,
/// people seen as on `on`. The bookings, their residents' categories and their items are read
/// at once, each in one statement (the other two select by `select` as a subquery).
pub(crate) async fn infos<C: ConnectionTrait>(db: &C, select: Select<booking::Entity>, on: NaiveDate) -> Result<Vec<BookingInfo>> {
    let (rows, categories, communities, items) = tokio::try_join!(
        listed(db, select.clone()),
        categories_of(db, ids_of(&select, booking::Column::ResidentId), on),
        people::community_names(db),
        portions(db, ids_of(&select, booking::Column::Id)),
    )?;
    Ok(assemble(rows, categories, communities, items))
}

/// A query of one column (`column`) of the bookings that `select` selects, unordered.
fn ids_of(select: &Select<booking::Entity>, column: booking::Column) -> SelectStatement {
    let mut query = select.clone().select_only().column(column).into_query();
    query.clear_order_by();
    query
}

fn assemble(
    rows: Vec<Listed>,
    categories: HashMap<i32, Vec<String>>,
    communities: HashMap<i32, String>,
    items: HashMap<i32, Vec<(String, i32)>>,
) -> Vec<BookingInfo> {
    rows.into_iter()
        .map(|b| {
            let held = categories.get(&b.resident_id).cloned().unwrap_or_default();
            let community = b.community_id.and_then(|c| communities.get(&c).cloned()).unwrap_or_default();
            let portions = items.get(&b.id).map(Vec::as_slice).unwrap_or(&[]);
            info(b, held, community, portions)
        })
        .collect()
}

/// The bookings of `select` as [`Listed`] rows.
async fn listed<C: ConnectionTrait>(db: &C, select: Select<booking::Entity>) -> Result<Vec<Listed>> {
    use booking::Column as B;
    let shown = [
        B::Id,
        B::CanteenId,
        B::DinerId,
        B::ResidentId,
        B::MealDate,
        B::Slot,
        B::Mode,
        B::Route,
        B::Address,
        B::DinerType,
        B::Price,
        B::Subsidy,
        B::Payable,
        B::SubsidyRuleName,
        B::Status,
        B::ServedAt,
        B::WalkIn,
    ];
    Ok(select
        .select_only()
        .columns(shown)
        .column_as(diner::Column::CardNumber, "card_number")
        .column_as(resident::Column::Name, "name")
        .column_as(resident::Column::CommunityId, "community_id")
        .join(JoinType::LeftJoin, booking::Entity::belongs_to(diner::Entity).from(B::DinerId).to(diner::Column::Id).into())
        .join(JoinType::LeftJoin, booking::Entity::belongs_to(resident::Entity).from(B::ResidentId).to(resident::Column::Id).into())
        .into_model()
        .all(db)
        .await?)
}

/// (dish name, quantity) of the items of the bookings that `bookings` (a query of booking ids)
/// selects, per booking in the order added.
async fn portions<C: ConnectionTrait>(db: &C, bookings: SelectStatement) -> Result<HashMap<i32, Vec<(String, i32)>>> {
    let columns = [booking_item::Column::BookingId, booking_item::Column::DishName, booking_item::Column::Quantity];
    let select = booking_item::Entity::find()
        .select_only()
        .columns(columns)
        .filter(booking_item::Column::BookingId.in_subquery(bookings))
        .order_by_asc(booking_item::Column::Id);
    let mut items: HashMap<i32, Vec<(String, i32)>> = HashMap::new();
    for (booking_id, dish, quantity) in select.into_tuple::<(i32, String, i32)>().all(db).await? {
        items.entry(booking_id).or_default().push((dish, quantity));
    }
    Ok(items)
}

/// "红烧鱼套餐", or "番茄炒蛋×1、米饭×2" when several dishes or portions (`items`: dish name and
/// quantity).
fn meal_text(items: &[(String, i32)]) -> String {
    if let [(dish, 1)] = items {
        return dish.clone();
    }
    items.iter().map(|(dish, quantity)| format!("{dish}×{quantity}")).collect::<Vec<_>>().join("、")
}

fn info(b: Listed, categories: Vec<String>, community: String, items: &[(String, i32)]) -> BookingInfo {
    let (slot, mode, status) = (b.slot, b.mode, b.status);
    // A resident with no row (never so: bookings keep their residents) shows as nobody.
    let (name, community, categories) = match b.name {
        Some(name) => (name, community, categories),
        None => (String::new(), String::new(), Vec::new()),
    };
    BookingInfo {
        id: b.id,
        canteen_id: b.canteen_id,
        diner_id: b.diner_id,
        resident_id: b.resident_id,
        name,
        community,
        highlight: people::highlighted(&categories),
        highlight_categories: people::highlighted_categories(&categories),
        categories,
        card_number: b.card_number.unwrap_or_default(),
        date: b.meal_date,
        slot,
        slot_label: slot.label().into(),
        meal: meal_text(items),
        mode,
        mode_label: mode.label().into(),
        route: b.route,
        address: b.address,
        diner_type_label: b.diner_type.label().into(),
        price: b.price,
        subsidy: b.subsidy,
        payable: b.payable,
        subsidy_rule: b.subsidy_rule_name,
        status,
        status_label: status.label().into(),
        served_time: b.served_at.map(|t| local(t).format("%H:%M").to_string()),
        walk_in: b.walk_in,
        ticket_number: crate::canteen::tickets::ticket_number(b.id),
    }
}
