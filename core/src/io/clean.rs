//! Cell cleaning used by every importer: what a cell *means*, whatever way it was typed or stored.
//!
//! Spreadsheet cells carry noise the user cannot see: full-width digits from a Chinese input method,
//! U+3000 ideographic spaces, no-break spaces and zero-width characters from pasted web pages,
//! phone numbers stored as numbers (`13803561234.0`), ID numbers that Excel already rounded, dates
//! as serial numbers or in half a dozen written forms. These functions remove the noise once, the
//! same way for every importer; the rules of each field (ID checksum, phone forms) live with the
//! field in `crate::residents`.

use chrono::{Duration, NaiveDate};

use super::sheet::Cell;
use crate::error::{Error, Result};
use crate::residents::chars::{full_width_to_ascii, is_ascii_digits, is_invisible};
use crate::residents::id_number::parse_id_number;

/// Largest serial Excel knows: 9999-12-31.
const MAX_SERIAL: f64 = 2_958_465.0;

/// Numbers at or above this have more digits than Excel keeps (15 significant digits).
const EXCEL_PRECISE_LIMIT: f64 = 1e15;

/// Error code of the ID-number rules for a number Excel turned into scientific notation.
const ID_SCIENTIFIC: &str = "id_number_scientific";

/// Longest piece of a cell quoted back in a message.
const QUOTE_CHARS: usize = 30;

/// Display text of a cell: trims, full-width ASCII → half-width, removes invisible chars,
/// collapses runs of inner whitespace (incl. U+3000, NBSP) to one space. Number cells that are
/// integral print without ".0" (13803561234.0 → "13803561234"); others with the shortest repr.
/// Date cells → "YYYY-MM-DD". Empty / whitespace-only → None.
///
/// Numbers are first rounded to the 15 significant digits Excel shows, so a formula result stored
/// as `0.30000000000000004` reads `0.3`. A date cell with a time of day gets ` HH:MM` (and `:SS`);
/// a time-only cell is `HH:MM`. Booleans read `TRUE`/`FALSE` and error cells as Excel shows them
/// (`#N/A`), so a rule quoting the value shows the user what the sheet shows. Non-finite numbers
/// (which no spreadsheet stores) read as nothing.
pub fn text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(raw) | Cell::Error(raw) => clean_text(raw),
        Cell::Number(n) => number_text(*n),
        Cell::Date(serial) => date_text(*serial).or_else(|| number_text(*serial)),
        Cell::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
    }
}

/// Like text() but removes all whitespace (names "王 秀 英" → "王秀英", numbers "138 0356 1234").
pub fn compact(cell: &Cell) -> Option<String> {
    text(cell).map(|t| t.replace(' ', ""))
}

/// For ID-number columns: a Number cell ≥ 1e15 (or text in scientific notation like "1.10105E+17")
/// has lost digits in Excel and is refused with the very error the ID-number rules give for
/// scientific notation (code `id_number_scientific`, field `idNumber`), so typing and importing
/// read the same. Integral numbers < 1e15 (old 15-digit numbers stored as numbers) → digit string.
/// Else `Ok(compact(cell))`.
pub fn id_text(cell: &Cell) -> Result<Option<String>> {
    match cell {
        Cell::Number(n) if n.is_finite() && n.abs() >= EXCEL_PRECISE_LIMIT => {
            // What Excel shows for such a number is scientific notation; let the ID rules say so.
            match scientific_refusal(&format!("{:E}", n.abs())) {
                Some(refusal) => Err(refusal),
                None => Ok(compact(cell)),
            }
        }
        Cell::Number(n) if *n >= 0.0 && n.fract() == 0.0 => Ok(Some(format!("{}", *n as u64))),
        Cell::Text(_) => match compact(cell) {
            Some(id) => match scientific_refusal(&id) {
                Some(refusal) => Err(refusal),
                None => Ok(Some(id)),
            },
            None => Ok(None),
        },
        _ => Ok(compact(cell)),
    }
}

/// Dates: Excel serials (Number or Date cell, 1900 system incl. the 1900-02-29 bug: serial 60 is
/// invalid, 61 = 1900-03-01; accept 1..=2958465; a time of day is dropped), and text: 1950-03-02,
/// 1950/3/2, 1950.3.2, 1950年3月2日, 1950年03月02日, 19500302, "1950-03-02 00:00:00",
/// "1950-03-02T00:00:00", full-width digits. A Number cell holding 19500302 (typed without
/// separators) is read as that date too. Returns Ok(None) for empty, Err(message in Chinese,
/// e.g. "日期“1950-13-02”无法识别，请写成 1950-03-02") for anything else that is not a date.
pub fn date(cell: &Cell) -> std::result::Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => {
            if let Some(date) = yyyymmdd_number(*n) {
                return Ok(Some(date));
            }
            serial_date(*n).map(Some)
        }
        Cell::Date(serial) => serial_date(*serial).map(Some),
        Cell::Text(_) | Cell::Bool(_) | Cell::Error(_) => match text(cell) {
            None => Ok(None),
            Some(written) => parse_date_text(&written).map(Some).ok_or_else(|| unrecognised_date(&written)),
        },
    }
}

/// Trims, maps full-width ASCII, drops invisible and control characters, collapses whitespace.
fn clean_text(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars().map(full_width_to_ascii) {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    (!out.is_empty()).then_some(out)
}

/// A number as Excel shows it in a General cell (15 significant digits), without exponent.
fn number_text(n: f64) -> Option<String> {
    if !n.is_finite() {
        return None;
    }
    let shown: f64 = format!("{n:.14e}").parse().unwrap_or(n);
    Some(if shown == 0.0 { "0".to_string() } else { shown.to_string() })
}

/// "YYYY-MM-DD", with " HH:MM[:SS]" when the serial has a time of day; "HH:MM[:SS]" below 1.
fn date_text(serial: f64) -> Option<String> {
    if !(0.0..MAX_SERIAL + 1.0).contains(&serial) {
        return None;
    }
    // Whole seconds, so 0.9999999 of a day carries into the next day instead of showing 24:00.
    let seconds = (serial * 86_400.0).round() as i64;
    let (days, second_of_day) = (seconds / 86_400, seconds % 86_400);
    let clock = clock_text(second_of_day);
    if days == 0 {
        return Some(clock.unwrap_or_else(|| "00:00".to_string()));
    }
    let day = if days == 60 { "1900-02-29".to_string() } else { serial_day(days)?.format("%Y-%m-%d").to_string() };
    Some(match clock {
        Some(clock) => format!("{day} {clock}"),
        None => day,
    })
}

fn clock_text(second_of_day: i64) -> Option<String> {
    if second_of_day == 0 {
        return None;
    }
    let (h, m, s) = (second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
    Some(if s == 0 { format!("{h:02}:{m:02}") } else { format!("{h:02}:{m:02}:{s:02}") })
}

/// The calendar day of an Excel serial day (1900 system, with its phantom 1900-02-29 = 60).
fn serial_day(days: i64) -> Option<NaiveDate> {
    let epoch = match days {
        1..=59 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        61..=2_958_465 => NaiveDate::from_ymd_opt(1899, 12, 30)?,
        _ => return None,
    };
    epoch.checked_add_signed(Duration::days(days))
}

fn serial_date(serial: f64) -> std::result::Result<NaiveDate, String> {
    let day = serial.floor();
    if day == 60.0 {
        return Err("日期数值 60 对应 1900-02-29，这一天并不存在（Excel 的历史遗留错误），请写成 1950-03-02 这样的日期".into());
    }
    if (1.0..=MAX_SERIAL).contains(&day) {
        if let Some(date) = serial_day(day as i64) {
            return Ok(date);
        }
    }
    Err(unrecognised_date(&number_text(serial).unwrap_or_else(|| serial.to_string())))
}

/// 19500302 typed into a cell that Excel then stored as a number.
fn yyyymmdd_number(n: f64) -> Option<NaiveDate> {
    if !(10_000_101.0..=99_991_231.0).contains(&n) || n.fract() != 0.0 {
        return None;
    }
    parse_date_text(&format!("{}", n as u64))
}

fn parse_date_text(written: &str) -> Option<NaiveDate> {
    let date_part = strip_time(written);
    let compact: String = date_part.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() == 8 && is_ascii_digits(&compact) {
        return ymd(&compact[..4], &compact[4..6], &compact[6..]);
    }
    if let Some((year, rest)) = compact.split_once('年') {
        let (month, day) = rest.split_once('月')?;
        let day = day.strip_suffix('日').or_else(|| day.strip_suffix('号')).unwrap_or(day);
        return ymd(year, month, day);
    }
    for separator in ['-', '/', '.'] {
        let mut parts = compact.split(separator);
        if let (Some(year), Some(month), Some(day), None) = (parts.next(), parts.next(), parts.next(), parts.next()) {
            return ymd(year, month, day);
        }
    }
    None
}

/// Drops a trailing time of day: "1950-03-02 00:00:00", "1950-03-02T08:30", "1950/3/2 0:00".
fn strip_time(written: &str) -> &str {
    match written.split_once([' ', 'T']) {
        Some((date, time)) if is_time(time.trim()) => date.trim_end(),
        _ => written,
    }
}

fn is_time(time: &str) -> bool {
    let time = time.strip_suffix('Z').unwrap_or(time);
    let mut parts = time.split(':');
    let (Some(hours), Some(minutes)) = (parts.next(), parts.next()) else {
        return false;
    };
    let seconds_ok = match (parts.next(), parts.next()) {
        (None, _) => true,
        (Some(seconds), None) => {
            let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, "0"));
            whole.len() == 2 && is_ascii_digits(whole) && is_ascii_digits(fraction)
        }
        _ => false,
    };
    (1..=2).contains(&hours.len()) && is_ascii_digits(hours) && minutes.len() == 2 && is_ascii_digits(minutes) && seconds_ok
}

/// A four-digit year and one- or two-digit month and day, as a real calendar date.
fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let short = |s: &str| (1..=2).contains(&s.len()) && is_ascii_digits(s);
    if year.len() != 4 || !is_ascii_digits(year) || !short(month) || !short(day) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    if year < 1000 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
}

fn unrecognised_date(written: &str) -> String {
    format!("日期“{}”无法识别，请写成 1950-03-02", quote(written))
}

/// A piece of user input short enough to quote in a message.
fn quote(written: &str) -> String {
    if written.chars().count() <= QUOTE_CHARS {
        written.to_string()
    } else {
        let head: String = written.chars().take(QUOTE_CHARS).collect();
        format!("{head}…")
    }
}

/// The ID-number rules' refusal of scientific notation, if that is what `shown` is.
///
/// Asking `parse_id_number` (which checks scientific notation before anything else and does not
/// use `today` for it) keeps one definition of "scientific notation" and one message.
fn scientific_refusal(shown: &str) -> Option<Error> {
    match parse_id_number(shown, NaiveDate::MAX) {
        Err(e) if e.code() == ID_SCIENTIFIC => Some(e),
        _ => None,
    }
}

#[cfg(test)]
#[path = "clean_tests.rs"]
mod tests;
