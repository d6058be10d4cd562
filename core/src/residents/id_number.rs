//! Resident ID numbers (公民身份号码, GB 11643-1999).
//!
//! Staff type these numbers by hand or paste them from Excel sheets, so the
//! parser is forgiving about *formatting* and strict about *content*:
//!
//! * accepted and dropped: spaces of any kind (ASCII, U+3000, no-break space,
//!   tabs), hyphens and dashes, zero-width characters and byte-order marks that
//!   come along with copy-and-paste;
//! * accepted and normalised: full-width digits, full-width `Ｘ`/`ｘ`, lower-case
//!   `x` (stored as half-width upper-case);
//! * old 15-digit numbers are upgraded to 18 digits (`19` put before the year,
//!   check character computed);
//! * refused, each with a stable error code on field `idNumber` and a
//!   Simplified-Chinese message that says what is wrong and how to fix it:
//!   wrong length, disallowed characters, unknown province, impossible / future /
//!   pre-1890 birth date, wrong check character, and numbers that Excel turned
//!   into scientific notation.
//!
//! Checks run in the order characters → length → area → birth date → check
//! character, so the message points at the most specific fault first.
//!
//! The parser never reads the clock: callers pass `today`, which keeps it
//! deterministic and testable.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::chars::{full_width_to_ascii, is_ascii_digits, is_invisible};
use crate::error::{Error, Result};

const FIELD: &str = "idNumber";

/// Weights of GB 11643-1999 (ISO 7064 MOD 11-2) for the first 17 digits.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check character for each remainder 0..=10 of the weighted sum.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// First two digits of every province-level area code.
const PROVINCE_CODES: &[&str] = &[
    "11", "12", "13", "14", "15", // 华北
    "21", "22", "23", // 东北
    "31", "32", "33", "34", "35", "36", "37", // 华东
    "41", "42", "43", "44", "45", "46", // 中南
    "50", "51", "52", "53", "54", // 西南
    "61", "62", "63", "64", "65", // 西北
    "71", "81", "82", "83", "91", // 台湾、香港、澳门、台湾居民、国外
];

/// Birth dates before this year are refused as typos.
const EARLIEST_BIRTH_YEAR: i32 = 1890;

const CURRENT_LENGTH: usize = 18;
const LEGACY_LENGTH: usize = 15;

/// Sex as encoded by the parity of the sequence number (odd = male).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS, sea_orm::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// The word shown to staff in forms and messages.
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }

    /// The stable value stored in the database and sent over the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    /// The sex stored as `code` (the database's value, exactly).
    pub fn from_code(code: &str) -> Option<Sex> {
        [Sex::Male, Sex::Female].into_iter().find(|s| s.as_str() == code)
    }

    /// Accepts the stored value (`male`) or the word (`男`).
    pub fn parse(text: &str) -> Option<Sex> {
        match text.trim() {
            "male" | "男" | "M" | "m" => Some(Sex::Male),
            "female" | "女" | "F" | "f" => Some(Sex::Female),
            _ => None,
        }
    }

    fn from_sequence_digit(digit: u32) -> Self {
        if digit % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }
}

/// A validated, normalised 18-character ID number.
///
/// It can only be obtained from [`parse_id_number`], so holding one proves the
/// number passed every check; the birth date and sex are decoded once there.
/// `Debug` prints the masked form so that logs never carry the full number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdNumber {
    value: String,
    birth_date: NaiveDate,
    sex: Sex,
}

impl IdNumber {
    /// The normalised form to store: 18 half-width characters, upper-case `X`.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Birth date encoded in digits 7–14, used to pre-fill and cross-check forms.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// Sex encoded by the parity of digit 17, used to pre-fill and cross-check forms.
    pub fn sex(&self) -> Sex {
        self.sex
    }

    /// The 6-digit administrative area code where the number was issued.
    pub fn area_code(&self) -> &str {
        self.value.get(..6).unwrap_or("")
    }

    /// Form safe to show in lists, exports and logs: `110105********002X`.
    pub fn masked(&self) -> String {
        mask_stored(&self.value)
    }
}

/// Masks a number as stored (already validated and normalised).
pub(crate) fn mask_stored(value: &str) -> String {
    let head = value.get(..6).unwrap_or("");
    let tail = value.get(14..).unwrap_or("");
    format!("{head}********{tail}")
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IdNumber").field(&self.masked()).finish()
    }
}

/// Validates and normalises an ID number typed or imported by staff.
///
/// `today` bounds the birth date; pass the local date of the office, never a
/// date derived from the input.
pub fn parse_id_number(input: &str, today: NaiveDate) -> Result<IdNumber> {
    let text = input.trim();
    if looks_like_scientific_notation(text) {
        return Err(scientific_notation_error());
    }
    let cleaned = clean_characters(text)?;
    match cleaned.len() {
        CURRENT_LENGTH => parse_current(&cleaned, today),
        LEGACY_LENGTH => parse_legacy(&cleaned, today),
        other => Err(length_error(other)),
    }
}

/// Check character for the first 17 digits of an ID number.
///
/// Expects 17 ASCII digits; anything else yields a meaningless character
/// (non-digits are skipped) but never panics.
pub fn check_char(first17: &str) -> char {
    let sum: u32 = first17.chars().filter_map(|c| c.to_digit(10)).zip(WEIGHTS).map(|(digit, weight)| digit * weight).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// Confirms that a birth date and sex entered separately agree with the ID
/// number, so that a form cannot store two different truths about one person.
///
/// `None` means "not entered" and is not checked. The birth date is checked
/// first; only the first disagreement is reported.
pub fn check_consistency(id: &IdNumber, birth_date: Option<NaiveDate>, sex: Option<Sex>) -> Result<()> {
    if birth_date.is_some_and(|date| date != id.birth_date()) {
        return Err(Error::invalid(
            "birth_date_mismatch",
            "birthDate",
            format!("出生日期与身份证号不一致：身份证号中是 {}", chinese_date(id.birth_date())),
        ));
    }
    if sex.is_some_and(|entered| entered != id.sex()) {
        return Err(Error::invalid("sex_mismatch", "sex", format!("性别与身份证号不一致：身份证号显示为 {}", id.sex().label())));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Parsing steps. After `clean_characters` every string is ASCII, so the byte
// slicing below cannot split a character.
// ---------------------------------------------------------------------------

/// Where the birth date sits, so messages can point at the right digits.
#[derive(Clone, Copy)]
enum Layout {
    Current,
    Legacy,
}

impl Layout {
    fn date_positions(self) -> &'static str {
        match self {
            Layout::Current => "第 7–14 位",
            Layout::Legacy => "第 7–12 位",
        }
    }

    /// The date digits as the user typed them (legacy numbers lack the `19`).
    fn typed_date(self, yyyymmdd: &str) -> &str {
        match self {
            Layout::Current => yyyymmdd,
            Layout::Legacy => yyyymmdd.get(2..).unwrap_or(yyyymmdd),
        }
    }
}

fn parse_current(number: &str, today: NaiveDate) -> Result<IdNumber> {
    let (first17, check) = number.split_at(CURRENT_LENGTH - 1);
    reject_misplaced_x(first17)?;
    let (birth_date, sex) = validate_body(first17, today, Layout::Current)?;
    verify_check_char(first17, check)?;
    Ok(IdNumber { value: number.to_string(), birth_date, sex })
}

fn parse_legacy(number: &str, today: NaiveDate) -> Result<IdNumber> {
    reject_x_in_legacy(number)?;
    let (area, rest) = number.split_at(6);
    let first17 = format!("{area}19{rest}");
    let (birth_date, sex) = validate_body(&first17, today, Layout::Legacy)?;
    let value = format!("{first17}{}", check_char(&first17));
    Ok(IdNumber { value, birth_date, sex })
}

/// Validates area and birth date of the first 17 digits and decodes the sex.
fn validate_body(first17: &str, today: NaiveDate, layout: Layout) -> Result<(NaiveDate, Sex)> {
    check_area(&first17[..6])?;
    let birth_date = check_birth_date(&first17[6..14], today, layout)?;
    let sex_digit = first17.chars().last().and_then(|c| c.to_digit(10)).unwrap_or(0);
    Ok((birth_date, Sex::from_sequence_digit(sex_digit)))
}

/// Keeps digits and `X`, drops separators, refuses anything else.
fn clean_characters(text: &str) -> Result<String> {
    let mut cleaned = String::with_capacity(CURRENT_LENGTH);
    for (index, original) in text.chars().enumerate() {
        if is_ignorable(original) {
            continue;
        }
        match full_width_to_ascii(original) {
            digit @ '0'..='9' => cleaned.push(digit),
            'X' | 'x' => cleaned.push('X'),
            _ => return Err(character_error(original, index + 1)),
        }
    }
    Ok(cleaned)
}

fn reject_misplaced_x(first17: &str) -> Result<()> {
    match first17.find('X') {
        Some(index) => Err(invalid(
            "id_number_characters",
            format!("身份证号第 {} 位是 X：只有最后一位（校验位）可以是 X，其余都应是数字，请核对", index + 1),
        )),
        None => Ok(()),
    }
}

fn reject_x_in_legacy(number: &str) -> Result<()> {
    match number.find('X') {
        Some(index) => Err(invalid(
            "id_number_characters",
            format!("15 位的旧身份证号只能是数字，第 {} 位却是 X；请核对，或改填 18 位新号码", index + 1),
        )),
        None => Ok(()),
    }
}

fn check_area(area: &str) -> Result<()> {
    let province = &area[..2];
    if PROVINCE_CODES.contains(&province) {
        return Ok(());
    }
    Err(invalid(
        "id_number_area",
        format!(
            "身份证号前 6 位是地区码，“{area}”的前两位“{province}”不是有效的省级代码\
             （如 11 北京、44 广东），请核对前两位是否抄错"
        ),
    ))
}

fn check_birth_date(yyyymmdd: &str, today: NaiveDate, layout: Layout) -> Result<NaiveDate> {
    let positions = layout.date_positions();
    let Some(date) = calendar_date(yyyymmdd) else {
        return Err(birth_date_error(format!("身份证号{positions}是出生年月日，“{}”不是真实的日期，请核对", layout.typed_date(yyyymmdd))));
    };
    if date > today {
        return Err(birth_date_error(format!(
            "身份证号中的出生日期 {} 晚于今天（{}），请核对{positions}",
            chinese_date(date),
            chinese_date(today)
        )));
    }
    if date.year() < EARLIEST_BIRTH_YEAR {
        return Err(birth_date_error(format!(
            "身份证号中的出生日期 {} 早于 {EARLIEST_BIRTH_YEAR} 年，不可能是在世居民，请核对{positions}",
            chinese_date(date)
        )));
    }
    Ok(date)
}

fn verify_check_char(first17: &str, check: &str) -> Result<()> {
    let expected = check_char(first17);
    if check.starts_with(expected) {
        return Ok(());
    }
    let mut message = format!("身份证号校验位不对：最后一位应为 {expected}，请核对是否抄错");
    if check == "0" && first17.ends_with("00") {
        message.push_str(
            "。如果号码是从 Excel 复制来的、末尾三位都是 0，说明 Excel 把它存成了数字，\
             后几位已经丢失：请把该列的单元格格式设为“文本”，再重新录入完整的身份证号",
        );
    }
    Err(invalid("id_number_checksum", message))
}

// ---------------------------------------------------------------------------
// Excel scientific notation ("1.10105E+17"): the digits are gone for good.
// ---------------------------------------------------------------------------

fn looks_like_scientific_notation(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !is_ignorable(*c)).map(full_width_to_ascii).collect();
    let Some((mantissa, exponent)) = compact.split_once(['e', 'E']) else {
        return false;
    };
    is_decimal_mantissa(mantissa) && is_exponent(exponent)
}

fn is_decimal_mantissa(mantissa: &str) -> bool {
    match mantissa.split_once(['.', ',']) {
        Some((integer, fraction)) => is_ascii_digits(integer) && is_ascii_digits(fraction),
        None => is_ascii_digits(mantissa),
    }
}

fn is_exponent(exponent: &str) -> bool {
    is_ascii_digits(exponent.strip_prefix('+').unwrap_or(exponent))
}

// ---------------------------------------------------------------------------
// Small helpers.
// ---------------------------------------------------------------------------

/// Characters that carry no meaning in an ID number and are silently dropped.
fn is_ignorable(c: char) -> bool {
    c.is_whitespace() || is_dash(c) || is_invisible(c)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FF0D}')
}

fn calendar_date(yyyymmdd: &str) -> Option<NaiveDate> {
    let year = i32::try_from(digits_value(yyyymmdd.get(..4)?)).ok()?;
    let month = digits_value(yyyymmdd.get(4..6)?);
    let day = digits_value(yyyymmdd.get(6..8)?);
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Value of a short run of ASCII digits (at most 4 here, so no overflow).
fn digits_value(digits: &str) -> u32 {
    digits.chars().filter_map(|c| c.to_digit(10)).fold(0, |value, digit| value * 10 + digit)
}

fn chinese_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// Shows a refused character so the user can find it; invisible ones by code point.
fn describe_char(c: char) -> String {
    if c.is_control() {
        format!("不可见字符 U+{:04X}", u32::from(c))
    } else {
        format!("“{c}”")
    }
}

fn invalid(code: &'static str, message: impl Into<String>) -> Error {
    Error::invalid(code, FIELD, message)
}

fn character_error(c: char, position: usize) -> Error {
    invalid(
        "id_number_characters",
        format!("身份证号第 {position} 个字符{}不能用：身份证号只能由数字组成，最后一位可以是 X", describe_char(c)),
    )
}

fn length_error(length: usize) -> Error {
    let message = if length == 0 {
        "身份证号是空的：应填写 18 位身份证号（旧证 15 位）".to_string()
    } else {
        format!("身份证号应为 18 位（旧证 15 位），现在是 {length} 位，请核对是否多输或漏输")
    };
    invalid("id_number_length", message)
}

fn birth_date_error(message: String) -> Error {
    invalid("id_number_birth_date", message)
}

fn scientific_notation_error() -> Error {
    invalid(
        "id_number_scientific",
        "身份证号被 Excel 存成了数字，显示成了科学计数法（如 1.10105E+17），后几位数字已经丢失，无法还原。\
         请在 Excel 中把该列的单元格格式设为“文本”，再重新录入完整的身份证号后导入",
    )
}

#[cfg(test)]
#[path = "id_number_tests.rs"]
mod tests;

crate::coded::stored_as_text!(Sex, "性别");
