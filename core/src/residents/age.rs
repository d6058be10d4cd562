//! Ages are computed on the date of the service, never stored: a resident turns 80 on a birthday,
//! and a subsidy for a meal on that day must see it.

use super::model::AgeGroup;
use chrono::{Datelike, NaiveDate};

/// Whole years completed on `on`; `None` before the birth date. Someone born on 29 February
/// completes a year on 1 March in years without that day.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < birth {
        return None;
    }
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// Every group the resident belongs to on `on` (the elderly groups overlap: 82 is 60+, 65+ and 80+).
pub fn age_groups(birth: NaiveDate, on: NaiveDate) -> Vec<AgeGroup> {
    let Some(age) = age_on(birth, on) else { return Vec::new() };
    AgeGroup::ALL
        .into_iter()
        .filter(|g| {
            let (from, to) = g.years();
            age >= from && to.is_none_or(|to| age < to)
        })
        .collect()
}

/// The latest birth date of someone who is at least `years` old on `on`.
pub fn born_on_or_before_for_age(years: u32, on: NaiveDate) -> NaiveDate {
    years_before(on, years)
}

/// The earliest birth date of someone who is at most `years` old on `on`.
pub fn born_after_for_max_age(years: u32, on: NaiveDate) -> NaiveDate {
    years_before(on, years.saturating_add(1)).succ_opt().unwrap_or(NaiveDate::MIN)
}

fn years_before(on: NaiveDate, years: u32) -> NaiveDate {
    let year = on.year() - i32::try_from(years).unwrap_or(i32::MAX / 2).min(on.year() - NaiveDate::MIN.year());
    NaiveDate::from_ymd_opt(year, on.month(), on.day())
        // 29 February in a year without it: a person born on 1 March is not yet that old.
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(age_on(d(1946, 11, 28), d(2026, 11, 27)), Some(79));
        assert_eq!(age_on(d(1946, 11, 28), d(2026, 11, 28)), Some(80));
        assert_eq!(age_on(d(2026, 11, 29), d(2026, 11, 28)), None);
        assert_eq!(age_on(d(2026, 11, 28), d(2026, 11, 28)), Some(0));
    }

    #[test]
    fn leap_day_birthdays_count_from_the_first_of_march() {
        assert_eq!(age_on(d(1964, 2, 29), d(2026, 2, 28)), Some(61));
        assert_eq!(age_on(d(1964, 2, 29), d(2026, 3, 1)), Some(62));
        assert_eq!(age_on(d(1964, 2, 29), d(2028, 2, 29)), Some(64));
    }

    #[test]
    fn groups_have_inclusive_lower_and_exclusive_upper_bounds() {
        let on = d(2026, 11, 28);
        assert_eq!(age_groups(d(2023, 11, 29), on), vec![AgeGroup::Infant]);
        assert_eq!(age_groups(d(2023, 11, 28), on), vec![AgeGroup::Preschool]);
        assert_eq!(age_groups(d(2012, 11, 28), on), Vec::<AgeGroup>::new());
        assert_eq!(age_groups(d(2012, 11, 29), on), vec![AgeGroup::SchoolAge]);
        assert_eq!(age_groups(d(1966, 11, 28), on), vec![AgeGroup::Elderly60]);
        assert_eq!(age_groups(d(1946, 11, 28), on), vec![AgeGroup::Elderly60, AgeGroup::Elderly65, AgeGroup::Elderly80]);
    }

    #[test]
    fn birth_date_bounds_agree_with_age_on() {
        let on = d(2026, 2, 28);
        for years in [0, 3, 60, 80] {
            let latest = born_on_or_before_for_age(years, on);
            assert_eq!(age_on(latest, on), Some(years));
            assert!(age_on(latest.succ_opt().unwrap(), on).is_none_or(|a| a < years));
            let earliest = born_after_for_max_age(years, on);
            assert_eq!(age_on(earliest, on), Some(years));
            assert_eq!(age_on(earliest.pred_opt().unwrap(), on), Some(years + 1));
        }
    }
}
