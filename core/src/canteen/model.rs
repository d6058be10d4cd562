//! The canteen's vocabulary: meal slots, service modes, diner types, dish kinds and booking
//! states, each with the code stored in the database and the word staff read.

use crate::coded::coded_enum;
use chrono::{Datelike, NaiveDate};

coded_enum! {
    /// 餐别.
    Slot, "slot", "餐别" {
        Breakfast => "breakfast", "早餐";
        Lunch => "lunch", "午餐";
        Dinner => "dinner", "晚餐";
    }
}

coded_enum! {
    /// How a meal reaches the diner.
    Mode, "mode", "就餐方式" {
        DineIn => "dine_in", "堂食";
        TakeAway => "take_away", "自取";
        Delivery => "delivery", "送餐上门";
    }
}

coded_enum! {
    /// Which of a dish's prices a diner pays.
    DinerType, "dinerType", "就餐人类型" {
        Elderly => "elderly", "老年人";
        Child => "child", "儿童";
        Resident => "resident", "其他居民";
        Staff => "staff", "工作人员";
    }
}

coded_enum! {
    /// 小碗菜 are ordered one by one; a 套餐 is a whole meal.
    DishKind, "kind", "菜品类型" {
        Dish => "dish", "小碗菜";
        SetMeal => "set_meal", "套餐";
    }
}

coded_enum! {
    BookingStatus, "status", "预订状态" {
        Booked => "booked", "已预订";
        Served => "served", "已核销";
        Cancelled => "cancelled", "已取消";
    }
}

/// Standard serving times and booking cutoffs a new canteen starts with ("HH:MM", Beijing time);
/// only lunch is open at first.
pub const DEFAULT_SLOT_TIMES: [(Slot, &str, &str, &str); 3] =
    [(Slot::Breakfast, "07:00", "08:30", "07:00"), (Slot::Lunch, "11:00", "12:30", "10:00"), (Slot::Dinner, "17:00", "18:30", "16:00")];

/// Weekdays of a standing order as a bitmask: Monday = 1, Tuesday = 2 … Sunday = 64.
pub fn weekday_bit(date: NaiveDate) -> i32 {
    1 << date.weekday().num_days_from_monday()
}

/// "周一、周三、周五"
pub fn weekdays_text(mask: i32) -> String {
    const NAMES: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let days: Vec<&str> = (0..7).filter(|d| mask & (1 << d) != 0).map(|d| NAMES[d]).collect();
    match mask & 0x7f {
        0x1f => "工作日".into(),
        0x7f => "每天".into(),
        _ => days.join("、"),
    }
}

/// Parses "HH:MM" (also "H:MM" and the full-width colon) for slot times.
pub fn parse_time(text: &str, field: &'static str, what: &str) -> crate::Result<chrono::NaiveTime> {
    let t = text.trim().replace('：', ":");
    chrono::NaiveTime::parse_from_str(&t, "%H:%M")
        .map_err(|_| crate::Error::invalid("invalid_time", field, format!("{what}“{}”无效，请写成 10:00 这样的时间", text.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_read_as_staff_say_them() {
        assert_eq!(weekdays_text(0x1f), "工作日");
        assert_eq!(weekdays_text(0x7f), "每天");
        assert_eq!(weekdays_text(1 | 4 | 16), "周一、周三、周五");
        let saturday = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(weekday_bit(saturday), 32);
    }

    #[test]
    fn times_accept_full_width_colons_and_refuse_nonsense() {
        assert_eq!(parse_time("10：00", "cutoff", "截止时间").unwrap(), chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap());
        assert!(parse_time("25:00", "cutoff", "截止时间").is_err());
    }
}
