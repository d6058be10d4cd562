//! Where a canteen's day stands at a given moment: which meal can still be booked and which day
//! the printouts are for. The booking dialog and 打印中心 open on these, so a clerk after lunch's
//! cutoff is not offered lunch, and nobody prints yesterday's list by accident.

use super::model::Slot;
use super::setup::{get_canteen, SlotSettings};
use crate::auth::Actor;
use crate::clock::local;
use crate::error::Result;
use crate::Desk;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CanteenNow {
    pub today: NaiveDate,
    /// The next meal still open for booking: today's first slot before its cutoff, otherwise
    /// tomorrow's first slot. None when the canteen serves no slot or is closed.
    pub booking: Option<MealRef>,
    /// The service day printouts are for: today until its last slot has been served, then the
    /// next day.
    pub print_date: NaiveDate,
    /// The slot of `print_date` whose list is printed next: the first not yet served.
    pub print_slot: Option<Slot>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MealRef {
    pub date: NaiveDate,
    pub slot: Slot,
}

impl SlotSettings {
    /// Has today's booking cutoff of this slot passed at `now`? A cutoff that cannot be read
    /// counts as passed: better refuse a booking than take one the kitchen does not expect.
    pub(crate) fn cutoff_passed(&self, now: DateTime<Utc>) -> bool {
        local(now).time() > clock_time(&self.booking_cutoff).unwrap_or(NaiveTime::MIN)
    }

    /// Has today's serving of this slot ended at `now`?
    fn served_out(&self, now: DateTime<Utc>) -> bool {
        local(now).time() > clock_time(&self.serve_to).unwrap_or(NaiveTime::MIN)
    }
}

fn clock_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

pub async fn canteen_now(desk: &Desk, actor: &Actor, canteen_id: i32) -> Result<CanteenNow> {
    let canteen = get_canteen(desk, actor, canteen_id).await?;
    let open: Vec<&SlotSettings> = if canteen.active { canteen.slots.iter().filter(|s| s.active).collect() } else { Vec::new() };
    Ok(now_at(&open, desk.clock().now()))
}

/// [`canteen_now`] for the active slots `open`, in serving order, at `now`.
pub fn now_at(open: &[&SlotSettings], now: DateTime<Utc>) -> CanteenNow {
    let today = local(now).date_naive();
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
    let booking = open
        .iter()
        .find(|s| !s.cutoff_passed(now))
        .map(|s| MealRef { date: today, slot: s.slot })
        .or_else(|| open.first().map(|s| MealRef { date: tomorrow, slot: s.slot }));
    let (print_date, print_slot) = match open.iter().find(|s| !s.served_out(now)) {
        Some(s) => (today, Some(s.slot)),
        None => (if open.is_empty() { today } else { tomorrow }, open.first().map(|s| s.slot)),
    };
    CanteenNow { today, booking, print_date, print_slot }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canteen::setup::default_slots;
    use chrono::TimeZone;

    /// 2026-12-03 at `hh:mm` Beijing time.
    fn at(hh: u32, mm: u32) -> DateTime<Utc> {
        crate::clock::beijing().with_ymd_and_hms(2026, 12, 3, hh, mm, 0).single().expect("a time").with_timezone(&Utc)
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a day")
    }

    fn all_three() -> Vec<SlotSettings> {
        default_slots().into_iter().map(|s| SlotSettings { active: true, ..s }).collect()
    }

    fn meal(d: u32, slot: Slot) -> Option<MealRef> {
        Some(MealRef { date: day(d), slot })
    }

    #[test]
    fn booking_opens_on_the_next_slot_before_its_cutoff() {
        let slots = all_three();
        let open: Vec<&SlotSettings> = slots.iter().collect();
        assert_eq!(now_at(&open, at(6, 30)).booking, meal(3, Slot::Breakfast));
        assert_eq!(now_at(&open, at(7, 0)).booking, meal(3, Slot::Breakfast), "the cutoff minute itself is still open");
        assert_eq!(now_at(&open, at(7, 1)).booking, meal(3, Slot::Lunch));
        assert_eq!(now_at(&open, at(10, 30)).booking, meal(3, Slot::Dinner), "after lunch's cutoff: dinner, not lunch");
        assert_eq!(now_at(&open, at(16, 1)).booking, meal(4, Slot::Breakfast), "after the last cutoff: tomorrow's first");
    }

    #[test]
    fn a_lunch_only_canteen_offers_tomorrows_lunch_after_ten() {
        let slots = default_slots();
        let open: Vec<&SlotSettings> = slots.iter().filter(|s| s.active).collect();
        assert_eq!(now_at(&open, at(9, 59)).booking, meal(3, Slot::Lunch));
        assert_eq!(now_at(&open, at(10, 1)).booking, meal(4, Slot::Lunch));
    }

    #[test]
    fn printouts_are_for_today_until_its_last_slot_is_served() {
        let slots = all_three();
        let open: Vec<&SlotSettings> = slots.iter().collect();
        let morning = now_at(&open, at(9, 0));
        assert_eq!((morning.print_date, morning.print_slot), (day(3), Some(Slot::Lunch)));
        let evening = now_at(&open, at(18, 0));
        assert_eq!((evening.print_date, evening.print_slot), (day(3), Some(Slot::Dinner)));
        let night = now_at(&open, at(18, 31));
        assert_eq!((night.print_date, night.print_slot), (day(4), Some(Slot::Breakfast)));
        assert_eq!(night.today, day(3));
    }

    #[test]
    fn a_canteen_without_open_slots_books_nothing_and_prints_today() {
        let none = now_at(&[], at(12, 0));
        assert_eq!(none, CanteenNow { today: day(3), booking: None, print_date: day(3), print_slot: None });
    }
}
