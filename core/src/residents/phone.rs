//! Residents' phone numbers: mainland mobiles and landlines with area code.
//!
//! Like ID numbers, phone numbers arrive typed by hand or pasted from Excel, so
//! the parser accepts many spellings of one number and stores a single form:
//!
//! * mobile: 11 digits starting with `1[3-9]`, stored as `13803561234`;
//! * landline: area code (`010` and `02x` have 3 digits, every other area code
//!   4 digits, always starting with `0`) plus a 7–8 digit local number that does
//!   not start with `0` (that would be a doubled trunk zero, or a mobile number
//!   with a `0` in front), stored as `0358-7221234`;
//! * extension: kept, stored after `转` as `0358-7221234转801` (1–6 digits).
//!   It is written as `转`, `分机`, `分机号`, `ext`/`ext.` or a trailing `-801`
//!   group. Dropping it would lose what the user typed, and `转` is how staff
//!   write and read extensions anyway. Mobiles cannot have one.
//!
//! Formatting that is accepted and dropped: full-width characters, spaces of any
//! kind, hyphens and dashes, parentheses, zero-width characters, a leading
//! `+86`, `0086` or `86` (a bare `86` only before a mobile number, where it
//! cannot be mistaken for part of the number), the `(0)` or missing trunk zero
//! of the international form `+86 358 7221234`, and Excel artefacts:
//! `13803561234.0` and `1.3803561234E+10`. Scientific notation is accepted only
//! when its mantissa still carries all 11 digits; `1.38036E+10` has lost
//! digits (padding with zeros would store a wrong number) and is refused with
//! code `phone_scientific`.
//!
//! Every other refusal is code `phone_invalid` on field `phone`, with a
//! Simplified-Chinese message saying what is wrong and showing each accepted
//! form.

use std::fmt;

use super::chars::{full_width_to_ascii, is_ascii_digits, is_invisible};
use crate::error::{Error, Result};

const FIELD: &str = "phone";

const ACCEPTED_FORMS: &str = "可以这样填写：手机号 11 位，如 13803561234；固定电话要带区号，\
     如 0358-7221234、010-12345678；有分机的写成 0358-7221234转801";

/// Separator between a landline and its extension in the stored form.
const EXTENSION_SEPARATOR: char = '转';

/// Words that introduce an extension; longer spellings first so they win ties.
const EXTENSION_MARKERS: [&str; 4] = ["分机号", "分机", "转", "ext"];

const MAX_EXTENSION_DIGITS: usize = 6;

/// Characters that show the cell holds more than one number.
const LIST_SEPARATORS: [char; 5] = ['/', '、', ',', ';', '|'];

const MOBILE_LENGTH: usize = 11;

/// A validated phone number in its normalised form.
///
/// Only [`parse_phone`] creates one, so holding one proves the number is
/// well-formed. `Debug` prints the masked form so logs never carry the number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// The normalised form to store: `13803561234` or `0358-7221234[转801]`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether SMS can reach this number (landlines always start with `0`).
    pub fn is_mobile(&self) -> bool {
        !self.0.starts_with('0')
    }

    /// Form safe to show in lists and exports: `138****5678`, `0358-****1234`.
    ///
    /// Landlines always get four asterisks, which also hides whether the local
    /// number has 7 or 8 digits; an extension is not personal and stays visible.
    pub fn masked(&self) -> String {
        match self.0.split_once('-') {
            Some((area, rest)) => mask_landline(area, rest),
            None => format!("{}****{}", head(&self.0, 3), tail(&self.0, 4)),
        }
    }
}

/// Masks a number as stored (already validated and normalised).
pub(crate) fn mask_stored(value: &str) -> String {
    Phone(value.to_string()).masked()
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Phone").field(&self.masked()).finish()
    }
}

/// Validates and normalises a phone number typed or imported by staff.
pub fn parse_phone(input: &str) -> Result<Phone> {
    let text = normalise_characters(input);
    if text.is_empty() {
        return Err(invalid_because("电话号码是空的"));
    }
    if let Some(digits) = excel_number_digits(&text)? {
        let groups = DigitGroups::single(digits);
        return resolve(&strip_country_code(groups)?, None);
    }
    reject_several_numbers(&text)?;
    let (main, extension) = split_extension(&text)?;
    let groups = strip_country_code(DigitGroups::read(main)?)?;
    resolve(&groups, extension)
}

// ---------------------------------------------------------------------------
// The number's structure.
// ---------------------------------------------------------------------------

enum Kind {
    Mobile(String),
    Landline { area: String, local: String },
}

impl Kind {
    fn into_phone(self, extension: Option<String>) -> Result<Phone> {
        match (self, extension) {
            (Kind::Mobile(digits), None) => Ok(Phone(digits)),
            (Kind::Mobile(_), Some(_)) => Err(invalid_because("手机号不能带分机")),
            (Kind::Landline { area, local }, extension) => {
                let mut normalised = format!("{area}-{local}");
                if let Some(extension) = extension {
                    normalised.push(EXTENSION_SEPARATOR);
                    normalised.push_str(&extension);
                }
                Ok(Phone(normalised))
            }
        }
    }
}

/// Decides between mobile and landline; the error is the reason in Chinese.
fn classify(digits: &str) -> std::result::Result<Kind, String> {
    match digits.as_bytes().first() {
        None => Err("电话号码里没有数字".to_string()),
        Some(b'1') => classify_mobile(digits),
        Some(b'0') => classify_landline(digits),
        Some(_) => Err(missing_prefix_reason(digits)),
    }
}

fn classify_mobile(digits: &str) -> std::result::Result<Kind, String> {
    if !digits.starts_with('1') {
        return Err("手机号应以 1 开头".to_string());
    }
    if digits.len() != MOBILE_LENGTH {
        return Err(format!("手机号应为 11 位，现在是 {} 位", digits.len()));
    }
    if !matches!(digits.as_bytes().get(1), Some(b'3'..=b'9')) {
        return Err("手机号的第二位应为 3–9".to_string());
    }
    Ok(Kind::Mobile(digits.to_string()))
}

fn classify_landline(digits: &str) -> std::result::Result<Kind, String> {
    if digits.starts_with("00") {
        return Err("00 开头的是国际号码，这里只能填写中国大陆的电话号码".to_string());
    }
    let (area, local) = digits.split_at(area_code_length(digits).min(digits.len()));
    if local.is_empty() {
        return Err(format!("只有区号 {area}，缺少电话号码"));
    }
    if !(7..=8).contains(&local.len()) {
        return Err(format!("固定电话区号 {area} 后面应为 7–8 位号码，现在是 {} 位", local.len()));
    }
    if local.starts_with('0') {
        return Err(format!("固定电话区号 {area} 后面的号码不能以 0 开头，请检查是否多写了 0"));
    }
    Ok(Kind::Landline { area: area.to_string(), local: local.to_string() })
}

/// `010` and `02x` are the 3-digit area codes; all others have 4 digits.
fn area_code_length(digits: &str) -> usize {
    if digits.starts_with("010") || digits.starts_with("02") {
        3
    } else {
        4
    }
}

fn missing_prefix_reason(digits: &str) -> String {
    match digits.len() {
        7..=8 => "固定电话缺少区号（如 0358）".to_string(),
        10..=11 => "电话号码应以 1（手机）或 0（固定电话区号）开头；如果是从 Excel 复制的固定电话，\
                    可能是 Excel 把区号开头的 0 去掉了，请把该列的单元格格式设为“文本”后重新录入"
            .to_string(),
        _ => "电话号码应以 1（手机）或 0（固定电话区号）开头".to_string(),
    }
}

/// Tries the digits as one number, then with a trailing `-801` group as extension.
fn resolve(groups: &DigitGroups, extension: Option<String>) -> Result<Phone> {
    let reason = match classify(&groups.concatenated()) {
        Ok(kind) => return kind.into_phone(extension),
        Err(reason) => reason,
    };
    match extension {
        None => landline_with_dash_extension(groups).ok_or_else(|| invalid_because(&reason)),
        Some(_) => Err(invalid_because(&reason)),
    }
}

fn landline_with_dash_extension(groups: &DigitGroups) -> Option<Phone> {
    let (last, rest) = groups.groups.split_last()?;
    if !last.after_dash || rest.is_empty() || last.digits.len() > MAX_EXTENSION_DIGITS {
        return None;
    }
    let number: String = rest.iter().map(|group| group.digits.as_str()).collect();
    match classify(&number).ok()? {
        landline @ Kind::Landline { .. } => landline.into_phone(Some(last.digits.clone())).ok(),
        Kind::Mobile(_) => None,
    }
}

// ---------------------------------------------------------------------------
// Reading the text.
// ---------------------------------------------------------------------------

/// A run of digits and whether a dash stood before it (a possible extension).
struct Group {
    digits: String,
    after_dash: bool,
}

/// The digit runs of the text, and whether it started with `+`.
#[derive(Default)]
struct DigitGroups {
    groups: Vec<Group>,
    international: bool,
}

impl DigitGroups {
    fn single(digits: String) -> Self {
        DigitGroups { groups: vec![Group { digits, after_dash: false }], international: false }
    }

    fn read(text: &str) -> Result<Self> {
        let mut read = DigitGroups::default();
        let mut in_group = false;
        let mut dash_seen = false;
        for c in text.chars() {
            match c {
                '0'..='9' if in_group => read.push_digit(c),
                '0'..='9' => {
                    read.groups.push(Group { digits: c.to_string(), after_dash: dash_seen });
                    in_group = true;
                    dash_seen = false;
                }
                '+' if read.groups.is_empty() && !read.international => read.international = true,
                '-' => (in_group, dash_seen) = (false, true),
                '(' | ')' => in_group = false,
                c if c.is_whitespace() => in_group = false,
                other => return Err(character_error(other)),
            }
        }
        Ok(read)
    }

    fn push_digit(&mut self, c: char) {
        if let Some(group) = self.groups.last_mut() {
            group.digits.push(c);
        }
    }

    fn concatenated(&self) -> String {
        self.groups.iter().map(|group| group.digits.as_str()).collect()
    }

    fn first_digits(&self) -> &str {
        self.groups.first().map_or("", |group| group.digits.as_str())
    }

    /// Removes `count` leading digits of the first group (they are known to be there).
    fn remove_leading(&mut self, count: usize) {
        if let Some(first) = self.groups.first_mut() {
            first.digits.drain(..count.min(first.digits.len()));
            if first.digits.is_empty() {
                self.groups.remove(0);
            }
        }
    }

    /// After `+86` a landline drops its leading `0`; put it back.
    fn restore_trunk_zero(&mut self) {
        let digits = self.concatenated();
        if digits.is_empty() || digits.starts_with('0') || classify_mobile(&digits).is_ok() {
            return;
        }
        if let Some(first) = self.groups.first_mut() {
            first.digits.insert(0, '0');
        }
    }
}

fn strip_country_code(mut groups: DigitGroups) -> Result<DigitGroups> {
    if groups.international {
        if !groups.first_digits().starts_with("86") {
            return Err(invalid_because("只能填写中国大陆的电话号码（国家代码 +86）"));
        }
        groups.remove_leading(2);
        groups.restore_trunk_zero();
    } else if groups.first_digits().starts_with("0086") {
        groups.remove_leading(4);
        groups.restore_trunk_zero();
    } else if is_bare_86_before_mobile(&groups.concatenated()) && groups.first_digits().starts_with("86") {
        groups.remove_leading(2);
    }
    Ok(groups)
}

fn is_bare_86_before_mobile(digits: &str) -> bool {
    digits.strip_prefix("86").is_some_and(|rest| classify_mobile(rest).is_ok())
}

/// Splits off an extension written with a marker word (`转801`, `ext. 801`).
fn split_extension(text: &str) -> Result<(&str, Option<String>)> {
    let lower = text.to_ascii_lowercase();
    let found =
        EXTENSION_MARKERS.iter().filter_map(|marker| lower.find(marker).map(|start| (start, marker.len()))).min_by_key(|(start, _)| *start);
    let Some((start, marker_length)) = found else {
        return Ok((text, None));
    };
    // `lower` has the same byte layout as `text`, so these are char boundaries.
    let main = text.get(..start).unwrap_or("");
    let rest = text.get(start + marker_length..).unwrap_or("");
    let extension = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | '-')).trim_end();
    if extension.is_empty() || extension.len() > MAX_EXTENSION_DIGITS || !extension.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid_because("分机号应为 1–6 位数字"));
    }
    Ok((main, Some(extension.to_string())))
}

fn reject_several_numbers(text: &str) -> Result<()> {
    if text.contains(LIST_SEPARATORS) {
        return Err(invalid_because("一次只能填写一个电话号码"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Excel artefacts: "13803561234.0" and "1.3803561234E+10".
// ---------------------------------------------------------------------------

/// The digits of a number that Excel stored as a number, if the text is one.
///
/// Refuses scientific notation whose mantissa no longer carries all 11 digits.
fn excel_number_digits(text: &str) -> Result<Option<String>> {
    if let Some(integer) = strip_zero_fraction(text) {
        return Ok(Some(integer.to_string()));
    }
    match ScientificNotation::read(text) {
        None => Ok(None),
        Some(number) => number.all_eleven_digits().map(Some).ok_or_else(scientific_error),
    }
}

fn strip_zero_fraction(text: &str) -> Option<&str> {
    let (integer, fraction) = text.split_once('.')?;
    let zeros = !fraction.is_empty() && fraction.bytes().all(|b| b == b'0');
    (is_ascii_digits(integer) && zeros).then_some(integer)
}

struct ScientificNotation<'a> {
    integer: &'a str,
    fraction: &'a str,
    exponent: usize,
}

impl<'a> ScientificNotation<'a> {
    fn read(text: &'a str) -> Option<Self> {
        let (mantissa, exponent) = text.split_once(['e', 'E'])?;
        let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
        if !is_ascii_digits(exponent) || exponent.len() > 3 {
            return None;
        }
        let (integer, fraction) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
        if !is_ascii_digits(integer) || !(fraction.is_empty() || is_ascii_digits(fraction)) {
            return None;
        }
        Some(ScientificNotation { integer, fraction, exponent: exponent.parse().ok()? })
    }

    /// The 11 digits, if the mantissa spells out all of them.
    fn all_eleven_digits(&self) -> Option<String> {
        let complete = self.fraction.len() == self.exponent
            && self.integer.len() + self.fraction.len() == MOBILE_LENGTH
            && !self.integer.starts_with('0');
        complete.then(|| format!("{}{}", self.integer, self.fraction))
    }
}

// ---------------------------------------------------------------------------
// Small helpers.
// ---------------------------------------------------------------------------

/// Half-width characters, one kind of dash and space, no invisible characters, trimmed.
fn normalise_characters(input: &str) -> String {
    let normalised: String = input.chars().filter(|c| !is_invisible(*c)).map(to_half_width).collect();
    normalised.trim().to_string()
}

fn to_half_width(c: char) -> char {
    match c {
        '\u{3000}' | '\u{00A0}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => full_width_to_ascii(c),
    }
}

fn mask_landline(area: &str, rest: &str) -> String {
    let (local, extension) = rest.split_once(EXTENSION_SEPARATOR).unwrap_or((rest, ""));
    let mut masked = format!("{area}-****{}", tail(local, 4));
    if !extension.is_empty() {
        masked.push(EXTENSION_SEPARATOR);
        masked.push_str(extension);
    }
    masked
}

/// First `count` bytes of an ASCII string (the whole string if shorter).
fn head(text: &str, count: usize) -> &str {
    text.get(..count).unwrap_or(text)
}

/// Last `count` bytes of an ASCII string (the whole string if shorter).
fn tail(text: &str, count: usize) -> &str {
    text.get(text.len().saturating_sub(count)..).unwrap_or(text)
}

fn invalid_because(reason: &str) -> Error {
    Error::invalid("phone_invalid", FIELD, format!("{reason}。{ACCEPTED_FORMS}"))
}

fn character_error(c: char) -> Error {
    let shown = if c.is_control() { format!("不可见字符 U+{:04X}", u32::from(c)) } else { format!("“{c}”") };
    invalid_because(&format!("电话号码里有不能用的字符{shown}"))
}

fn scientific_error() -> Error {
    Error::invalid(
        "phone_scientific",
        FIELD,
        "电话号码被 Excel 存成了数字，显示成了科学计数法（如 1.38036E+10），部分数字已经丢失，无法还原。\
         请在 Excel 中把该列的单元格格式设为“文本”，再重新录入完整的电话号码后导入",
    )
}

#[cfg(test)]
#[path = "phone_tests.rs"]
mod tests;
