//! One set of measurements (blood pressure, heart rate, glucose, height, weight, waist) as typed,
//! and its checked form. Decimal measures are kept as integer tenths so that stored values and
//! threshold comparisons are exact; a value is rounded to one decimal before its range is checked,
//! so what is accepted is exactly what is stored.

use crate::coded::coded_enum;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

coded_enum! {
    /// Whether a glucose value was taken fasting; the ranges differ.
    GlucoseKind, "glucoseKind", "血糖类型" {
        Fasting => "fasting", "空腹";
        Random => "random", "随机";
    }
}

/// Longest note, in characters.
pub const NOTES_MAX_CHARS: usize = 500;

/// Measurements as the form sends them; every one may be left empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReadingInput {
    /// mmHg
    pub systolic: Option<i32>,
    /// mmHg
    pub diastolic: Option<i32>,
    /// Beats per minute.
    pub heart_rate: Option<i32>,
    /// mmol/L
    pub glucose: Option<f64>,
    /// Required when `glucose` is given.
    pub glucose_kind: Option<GlucoseKind>,
    /// cm
    pub height: Option<f64>,
    /// kg
    pub weight: Option<f64>,
    /// cm
    pub waist: Option<f64>,
    pub notes: Option<String>,
}

/// Checked measurements; decimal values in tenths (`glucose_x10` 67 = 6.7 mmol/L).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reading {
    pub systolic: Option<i32>,
    pub diastolic: Option<i32>,
    pub heart_rate: Option<i32>,
    pub glucose_x10: Option<i32>,
    /// Set exactly when `glucose_x10` is.
    pub glucose_kind: Option<GlucoseKind>,
    pub height_x10: Option<i32>,
    pub weight_x10: Option<i32>,
    pub waist_x10: Option<i32>,
    /// Trimmed; `None` when empty.
    pub notes: Option<String>,
}

impl Reading {
    /// No measurement at all (notes alone do not count).
    pub fn is_empty(&self) -> bool {
        self.systolic.is_none()
            && self.diastolic.is_none()
            && self.heart_rate.is_none()
            && self.glucose_x10.is_none()
            && self.height_x10.is_none()
            && self.weight_x10.is_none()
            && self.waist_x10.is_none()
    }

    /// The form values that give this reading back, for editing a stored record.
    pub fn to_input(&self) -> ReadingInput {
        let decimal = |v: Option<i32>| v.map(|t| f64::from(t) / 10.0);
        ReadingInput {
            systolic: self.systolic,
            diastolic: self.diastolic,
            heart_rate: self.heart_rate,
            glucose: decimal(self.glucose_x10),
            glucose_kind: self.glucose_kind,
            height: decimal(self.height_x10),
            weight: decimal(self.weight_x10),
            waist: decimal(self.waist_x10),
            notes: self.notes.clone(),
        }
    }

    /// BMI in tenths when both height and weight were measured.
    pub fn bmi_x10(&self) -> Option<i32> {
        Some(bmi_x10(self.height_x10?, self.weight_x10?))
    }
}

/// Refuses implausible values (most likely typing slips), each on its own field with the range.
pub fn check_reading(input: &ReadingInput) -> Result<Reading> {
    let systolic = whole(input.systolic, 60, 260, "systolic", "收缩压", "mmHg")?;
    let diastolic = whole(input.diastolic, 30, 160, "diastolic", "舒张压", "mmHg")?;
    check_bp_pair(systolic, diastolic)?;
    let heart_rate = whole(input.heart_rate, 30, 220, "heartRate", "心率", "次/分")?;
    let glucose_x10 = tenths(input.glucose, 1, 35, "glucose", "血糖", "mmol/L")?;
    // A kind without a value is dropped: the form may preselect one for an empty glucose box.
    let glucose_kind = match (glucose_x10, input.glucose_kind) {
        (Some(_), None) => return Err(Error::invalid("required", "glucoseKind", "请选择空腹或随机血糖")),
        (Some(_), kind) => kind,
        (None, _) => None,
    };
    Ok(Reading {
        systolic,
        diastolic,
        heart_rate,
        glucose_x10,
        glucose_kind,
        height_x10: tenths(input.height, 80, 220, "height", "身高", "cm")?,
        weight_x10: tenths(input.weight, 20, 200, "weight", "体重", "kg")?,
        waist_x10: tenths(input.waist, 40, 200, "waist", "腰围", "cm")?,
        notes: notes(&input.notes)?,
    })
}

/// Both pressures or neither, and the diastolic below the systolic.
fn check_bp_pair(systolic: Option<i32>, diastolic: Option<i32>) -> Result<()> {
    const BOTH: &str = "请同时填写收缩压和舒张压";
    match (systolic, diastolic) {
        (Some(_), None) => Err(Error::invalid("required", "diastolic", BOTH)),
        (None, Some(_)) => Err(Error::invalid("required", "systolic", BOTH)),
        (Some(s), Some(d)) if d >= s => Err(Error::invalid("diastolic_not_below_systolic", "diastolic", "舒张压应低于收缩压")),
        _ => Ok(()),
    }
}

fn whole(value: Option<i32>, min: i32, max: i32, field: &'static str, label: &str, unit: &str) -> Result<Option<i32>> {
    match value {
        Some(v) if !(min..=max).contains(&v) => Err(out_of_range(field, label, min, max, unit)),
        v => Ok(v),
    }
}

/// A decimal value rounded to tenths, within `min`–`max` (whole units, inclusive).
fn tenths(value: Option<f64>, min: i32, max: i32, field: &'static str, label: &str, unit: &str) -> Result<Option<i32>> {
    let Some(v) = value else { return Ok(None) };
    if !v.is_finite() {
        return Err(Error::invalid("not_a_number", field, format!("{label}不是有效的数字")));
    }
    let t = round_tenths(v);
    if t < f64::from(min) * 10.0 || t > f64::from(max) * 10.0 {
        return Err(out_of_range(field, label, min, max, unit));
    }
    // In range, so the cast is exact.
    Ok(Some(t as i32))
}

/// `v` × 10 rounded half away from zero. A typed half such as 6.05 is stored in binary just below
/// 6.05, but the product × 10 rounds to exactly 60.5 (checked for every x.x5 up to 360), so it
/// rounds up as a person expects.
pub(super) fn round_tenths(v: f64) -> f64 {
    (v * 10.0).round()
}

fn out_of_range(field: &'static str, label: &str, min: i32, max: i32, unit: &str) -> Error {
    Error::invalid("out_of_range", field, format!("{label}应在 {min}–{max} {unit} 之间"))
}

fn notes(value: &Option<String>) -> Result<Option<String>> {
    let Some(text) = value.as_deref().map(str::trim).filter(|t| !t.is_empty()) else { return Ok(None) };
    let n = text.chars().count();
    if n > NOTES_MAX_CHARS {
        return Err(Error::invalid("too_long", "notes", format!("备注最多 {NOTES_MAX_CHARS} 个字，现在是 {n} 个")));
    }
    Ok(Some(text.to_string()))
}

/// BMI (weight in kg / height in m squared) in tenths, rounded half away from zero, from height
/// and weight in tenths. Integer arithmetic, so 24.0 is never computed as 23.999…; 0 when either
/// value is not positive (never the case for a checked reading).
pub fn bmi_x10(height_x10: i32, weight_x10: i32) -> i32 {
    if height_x10 <= 0 || weight_x10 <= 0 {
        return 0;
    }
    // kg/m² × 10 = (w/10) / (h/1000)² × 10 = w × 1 000 000 / h²
    let num = i64::from(weight_x10) * 1_000_000;
    let den = i64::from(height_x10) * i64::from(height_x10);
    let rounded = (2 * num + den) / (2 * den);
    i32::try_from(rounded).unwrap_or(i32::MAX)
}

/// A tenths value as a decimal with one place: 167 → "16.7", 60 → "6.0", -5 → "-0.5".
pub fn tenths_text(v: i32) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    format!("{sign}{}.{}", a / 10, a % 10)
}
