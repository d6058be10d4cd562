//! The 今日 board: booked and served meals per slot, and the money behind the served ones.

use super::bookings::{day_bookings, DayQuery};
use super::model::{BookingStatus, Slot};
use super::setup::{find_canteen, slots_of};
use crate::auth::{current_user, Actor};
use crate::error::Result;
use crate::Desk;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlotBoard {
    pub slot: Slot,
    pub label: String,
    pub serve_from: String,
    pub serve_to: String,
    pub booking_cutoff: String,
    pub capacity: Option<i32>,
    /// Live bookings (booked or served).
    pub booked: u32,
    pub served: u32,
    pub waiting: u32,
    pub delivery: u32,
    /// 分, served meals only.
    pub collected: i64,
    pub subsidy: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayBoard {
    pub canteen_id: i32,
    pub canteen_name: String,
    pub date: NaiveDate,
    pub slots: Vec<SlotBoard>,
}

pub async fn board(desk: &Desk, actor: &Actor, canteen_id: i32, date: NaiveDate) -> Result<DayBoard> {
    current_user(desk, actor).await?;
    let c = find_canteen(desk.db(), canteen_id).await?;
    let all = day_bookings(desk.db(), &DayQuery { canteen_id, date, slot: None, include_cancelled: false, text: None }).await?;
    let slots = slots_of(desk.db(), canteen_id)
        .await?
        .into_iter()
        .filter(|s| s.active)
        .map(|s| {
            let mine: Vec<_> = all.iter().filter(|b| b.slot == s.slot).collect();
            let served: Vec<_> = mine.iter().filter(|b| b.status == BookingStatus::Served).collect();
            SlotBoard {
                slot: s.slot,
                label: s.slot.label().into(),
                serve_from: s.serve_from,
                serve_to: s.serve_to,
                booking_cutoff: s.booking_cutoff,
                capacity: s.capacity,
                booked: mine.len() as u32,
                served: served.len() as u32,
                waiting: (mine.len() - served.len()) as u32,
                delivery: mine.iter().filter(|b| b.mode == super::model::Mode::Delivery).count() as u32,
                collected: served.iter().map(|b| b.payable).sum(),
                subsidy: served.iter().map(|b| b.subsidy).sum(),
            }
        })
        .collect();
    Ok(DayBoard { canteen_id, canteen_name: c.name, date, slots })
}
