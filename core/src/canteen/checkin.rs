//! The serving counter (核销): a scanned ticket code, or a name, pinyin or card number typed into
//! one box, marks a booked meal served. A meal is served once; the second scan says when it was.

use super::bookings::{self, info_of, BookingInfo, BookingInput, DayQuery};
use super::model::BookingStatus;
use super::people;
use super::setup::{find_canteen, open_slot};
use super::tickets::{read_code, secret, Scanned};
use super::{diners, BOOK_MEALS, STAFF};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::clock::{day_text, local};
use crate::db::entity::booking;
use crate::error::{Code, Error, Result};
use crate::residents::eligibility::may_receive_service;
use crate::Desk;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use ts_rs::TS;

/// What one entry at the counter did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ScanOutcome {
    /// A ticket was scanned and its meal is now served.
    Served { booking: Box<BookingInfo> },
    /// A name, pinyin or card number: today's bookings that match, for the clerk to pick.
    Matches { bookings: Vec<BookingInfo> },
}

/// One box for everything: a ticket code is redeemed at once; anything else searches today's
/// bookings of the canteen.
pub async fn scan(desk: &Desk, actor: &Actor, canteen_id: i32, text: &str) -> Result<ScanOutcome> {
    authorize_any(desk, actor, &STAFF, SERVE).await?;
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid("required", "text", "请扫描餐券，或输入姓名、拼音、卡号"));
    }
    let key = secret(desk.db()).await?;
    match read_code(&key, text) {
        Scanned::NotACode => search(desk, canteen_id, text).await.map(|bookings| ScanOutcome::Matches { bookings }),
        scanned => {
            redeem_scanned(desk, actor, Some(canteen_id), scanned).await.map(|booking| ScanOutcome::Served { booking: Box::new(booking) })
        }
    }
}

const SERVE: &str = "核销就餐";

/// Redeems a ticket code (the CLI's `canteen redeem`).
pub async fn redeem(desk: &Desk, actor: &Actor, code: &str) -> Result<BookingInfo> {
    authorize_any(desk, actor, &STAFF, SERVE).await?;
    let key = secret(desk.db()).await?;
    match read_code(&key, code) {
        Scanned::NotACode => Err(Error::invalid("not_a_ticket", "code", "这不是餐券上的二维码内容")),
        scanned => redeem_scanned(desk, actor, None, scanned).await,
    }
}

async fn redeem_scanned(desk: &Desk, actor: &Actor, canteen_id: Option<i32>, scanned: Scanned) -> Result<BookingInfo> {
    let Scanned::Ticket(id) = scanned else {
        return Err(forged());
    };
    let b = booking::Entity::find_by_id(id).one(desk.db()).await?.ok_or_else(forged)?;
    if canteen_id.is_some_and(|here| here != b.canteen_id) {
        let other = find_canteen(desk.db(), b.canteen_id).await?;
        return Err(Error::invalid("ticket_other_canteen", "code", format!("这是{}的餐券，不能在本食堂使用", other.name)));
    }
    serve_booking(desk, actor, b).await
}

fn forged() -> Error {
    Error::invalid("ticket_forged", "code", "餐券无法验证：可能被改动过，或不是本系统打印的。请核对身份后按姓名查找")
}

/// Marks a booking found by name or card served (the clerk picked it from the matches).
pub async fn serve(desk: &Desk, actor: &Actor, booking_id: i32) -> Result<BookingInfo> {
    authorize_any(desk, actor, &STAFF, SERVE).await?;
    let b = bookings::find(desk.db(), booking_id).await?;
    serve_booking(desk, actor, b).await
}

async fn serve_booking(desk: &Desk, actor: &Actor, b: booking::Model) -> Result<BookingInfo> {
    let today = desk.clock().today();
    let slot_label = b.slot.label();
    let name = people::load(desk.db(), &[b.resident_id], b.meal_date).await?.remove(&b.resident_id).map(|p| p.name).unwrap_or_default();
    match b.status {
        BookingStatus::Served => {
            let at = b.served_at.map(|t| local(t).format("%H:%M").to_string()).unwrap_or_default();
            let day = if b.meal_date == today { String::new() } else { day_text(b.meal_date) };
            return Err(Error::invalid(
                Code::TicketUsed.as_str(),
                "code",
                format!("{name}的{day}{slot_label}已于 {at} 核销，不能重复使用"),
            ));
        }
        BookingStatus::Cancelled => {
            return Err(Error::invalid(
                "ticket_cancelled",
                "code",
                format!("{name}{}{slot_label}的预订已取消，这张餐券作废", day_text(b.meal_date)),
            ));
        }
        BookingStatus::Booked => {}
    }
    if b.meal_date != today {
        return Err(Error::invalid(
            "ticket_wrong_day",
            "code",
            format!("这是{name}{}{slot_label}的餐券，只能在当天使用", day_text(b.meal_date)),
        ));
    }
    let eligible = may_receive_service(desk.db(), b.resident_id, today).await?;
    if !eligible.allowed {
        return Err(Error::invalid("not_eligible", "code", eligible.reason.unwrap_or_default()));
    }
    let txn = desk.begin_write().await?;
    // Guarded on the status, so two counters scanning the same ticket at once serve it once.
    let done = booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value(BookingStatus::Served.as_str()))
        .col_expr(booking::Column::ServedAt, Expr::value(desk.clock().now()))
        .col_expr(booking::Column::ServedBy, Expr::value(actor.user_id()))
        .filter(booking::Column::Id.eq(b.id))
        .filter(booking::Column::Status.eq(BookingStatus::Booked.as_str()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(Error::invalid(Code::TicketUsed.as_str(), "code", format!("{name}的{slot_label}刚刚已被核销，不能重复使用")));
    }
    let served = bookings::find(&txn, b.id).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::MealServed).on("booking", b.id).detail(format!("{name} {}", served.describe())))
        .await?;
    let shown = info_of(&txn, served, today).await?;
    txn.commit().await?;
    Ok(shown)
}

async fn search(desk: &Desk, canteen_id: i32, text: &str) -> Result<Vec<BookingInfo>> {
    let today = desk.clock().today();
    let q = DayQuery { canteen_id, date: today, slot: None, include_cancelled: false, text: None };
    let all = bookings::day_bookings(desk.db(), &q).await?;
    bookings::matching(desk.db(), all, text, today).await
}

/// A meal served without a booking, when the canteen allows walk-ins: booked and served at once.
pub async fn walk_in(desk: &Desk, actor: &Actor, input: BookingInput) -> Result<BookingInfo> {
    authorize_any(desk, actor, &STAFF, BOOK_MEALS).await?;
    let today = desk.clock().today();
    if input.date != today {
        return Err(Error::invalid("walk_in_today", "date", "现场就餐只能登记当天"));
    }
    let txn = desk.begin_write().await?;
    let d = diners::find(&txn, input.diner_id).await?;
    let c = find_canteen(&txn, d.canteen_id).await?;
    if !c.walk_ins_allowed {
        return Err(Error::invalid("walk_ins_off", "dinerId", format!("{}未开放无预订现场就餐，请先订餐", c.name)));
    }
    let slot = open_slot(&txn, &c, input.slot).await?;
    let created = bookings::insert(&txn, desk, actor, &c, &d, &input, &slot, true).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::WalkInServed).on("booking", created.id).detail(created.describe())).await?;
    let shown = info_of(&txn, created, today).await?;
    txn.commit().await?;
    Ok(shown)
}
