//! Wall-clock access and the office's calendar. The office works on Beijing time (UTC+8, no DST),
//! so calendar days and displayed times use that offset; stored timestamps are UTC.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc, Weekday};
use std::sync::{Arc, Mutex};

/// The clock a `Desk` reads. Tests replace it with a fixed, movable instant.
#[derive(Clone, Default)]
pub struct Clock {
    fixed: Option<Arc<Mutex<DateTime<Utc>>>>,
    /// A running clock that started at a chosen instant (end-to-end tests of the real app).
    shifted: Option<(DateTime<Utc>, std::time::Instant)>,
}

impl Clock {
    pub fn system() -> Self {
        Clock { fixed: None, shifted: None }
    }

    pub fn fixed(at: DateTime<Utc>) -> Self {
        Clock { fixed: Some(Arc::new(Mutex::new(at))), shifted: None }
    }

    /// The system clock, unless `CAREDESK_E2E_NOW` (an RFC 3339 instant) is set: then a clock that
    /// starts there and runs. End-to-end tests use it so that booking cutoffs and "today" do not
    /// depend on when CI happens to run.
    pub fn from_env() -> Self {
        match std::env::var("CAREDESK_E2E_NOW").ok().and_then(|t| t.parse::<DateTime<Utc>>().ok()) {
            Some(start) => Clock { fixed: None, shifted: Some((start, std::time::Instant::now())) },
            None => Clock::system(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        if let Some((start, since)) = &self.shifted {
            return *start + chrono::Duration::from_std(since.elapsed()).unwrap_or_default();
        }
        match &self.fixed {
            Some(at) => *at.lock().unwrap_or_else(|p| p.into_inner()),
            None => Utc::now(),
        }
    }

    /// Moves a fixed clock forward; a system clock ignores it.
    pub fn advance(&self, by: chrono::Duration) {
        if let Some(at) = &self.fixed {
            let mut at = at.lock().unwrap_or_else(|p| p.into_inner());
            *at += by;
        }
    }

    pub fn today(&self) -> NaiveDate {
        local(self.now()).date_naive()
    }
}

pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"))
}

pub fn local(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&beijing())
}

/// "2026年11月28日 星期六"
pub fn date_text(d: NaiveDate) -> String {
    let weekday = match d.weekday() {
        Weekday::Mon => "一",
        Weekday::Tue => "二",
        Weekday::Wed => "三",
        Weekday::Thu => "四",
        Weekday::Fri => "五",
        Weekday::Sat => "六",
        Weekday::Sun => "日",
    };
    format!("{} 星期{}", day_text(d), weekday)
}

/// "2026年10月3日" — dates inside sentences and on printouts.
pub fn day_text(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// "11月28日 14:05" — for messages such as a lock's end.
pub fn short_time_text(at: DateTime<Utc>) -> String {
    local(at).format("%-m月%-d日 %H:%M").to_string()
}

/// "14:05", Beijing time.
pub fn hm_text(at: DateTime<Utc>) -> String {
    local(at).format("%H:%M").to_string()
}

/// The instant of `time` on `day`, Beijing time.
pub fn at_beijing(day: NaiveDate, time: chrono::NaiveTime) -> DateTime<Utc> {
    let local = day.and_time(time);
    // Only the first hours of chrono's first day have no UTC instant: they stay as they are.
    local.checked_sub_signed(chrono::Duration::hours(8)).unwrap_or(local).and_utc()
}

/// Parses "2026-11" (also "2026年11月", "202611").
pub fn parse_month(text: &str) -> crate::Result<(NaiveDate, NaiveDate)> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let bad = || crate::Error::invalid("invalid_month", "month", format!("月份“{}”无效，请写成 2026-11", text.trim()));
    if digits.len() < 5 || digits.len() > 6 {
        return Err(bad());
    }
    let year: i32 = digits[..4].parse().map_err(|_| bad())?;
    let month: u32 = digits[4..].parse().map_err(|_| bad())?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
    let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    Ok((first, next.ok_or_else(bad)?.pred_opt().ok_or_else(bad)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_header_date_in_chinese() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(date_text(d), "2026年11月28日 星期六");
        let d = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(date_text(d), "2026年11月29日 星期日");
    }

    #[test]
    fn the_calendar_day_is_beijing_not_utc() {
        let late_utc = "2026-11-27T17:30:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(Clock::fixed(late_utc).today(), NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        assert_eq!(short_time_text(late_utc), "11月28日 01:30");
    }
}
