//! What a reading means against a set of thresholds: blood-pressure grade, glucose class, BMI
//! class, whether it is controlled, and whether it needs urgent referral (and why, in words for
//! the top of the day's list).

use super::readings::{tenths_text, GlucoseKind, Reading};
use super::thresholds::{BmiThresholds, BpThresholds, GlucoseThresholds, Thresholds};
use crate::coded::coded_enum;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

coded_enum! {
    /// Ordered from lowest to highest, so grades compare with `max`.
    #[derive(PartialOrd, Ord)]
    BpGrade, "bpGrade", "血压分级" {
        Normal => "normal", "正常";
        HighNormal => "high_normal", "正常高值";
        Grade1 => "grade1", "1级高血压";
        Grade2 => "grade2", "2级高血压";
        Grade3 => "grade3", "3级高血压";
    }
}

coded_enum! {
    GlucoseClass, "glucoseClass", "血糖分类" {
        UrgentLow => "urgent_low", "低血糖（需紧急处理）";
        Normal => "normal", "正常";
        Impaired => "impaired", "空腹血糖受损";
        Diabetes => "diabetes", "糖尿病范围";
        RandomHigh => "random_high", "随机血糖偏高";
        UrgentHigh => "urgent_high", "血糖危急值";
    }
}

coded_enum! {
    BmiClass, "bmiClass", "体重分类" {
        Underweight => "underweight", "偏瘦";
        Normal => "normal", "正常";
        Overweight => "overweight", "超重";
        Obese => "obese", "肥胖";
    }
}

/// The flags of one reading; a class is `None` when its measure was not taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Flags {
    pub bp_grade: Option<BpGrade>,
    pub glucose_class: Option<GlucoseClass>,
    pub bmi_x10: Option<i32>,
    pub bmi_class: Option<BmiClass>,
    /// Systolic or diastolic at or above the "uncontrolled" bound (140/90 by default).
    pub bp_uncontrolled: bool,
    /// Fasting in the diabetes range or random at or above "random high" (urgent high included).
    pub glucose_uncontrolled: bool,
    pub urgent: bool,
    /// One sentence per reason for urgent referral; empty unless `urgent`.
    pub urgent_reasons: Vec<String>,
}

/// Classifies each measure that was taken; urgent reasons list blood pressure before glucose.
pub fn flags(reading: &Reading, t: &Thresholds) -> Flags {
    let bp = reading.systolic.zip(reading.diastolic);
    let glucose = reading.glucose_x10.zip(reading.glucose_kind);
    let bmi_x10 = reading.bmi_x10();
    let mut urgent_reasons = Vec::new();
    if let Some(reason) = bp.and_then(|(s, d)| bp_urgent_reason(s, d, &t.bp)) {
        urgent_reasons.push(reason);
    }
    if let Some(reason) = glucose.and_then(|(g, kind)| glucose_urgent_reason(g, kind, &t.glucose)) {
        urgent_reasons.push(reason);
    }
    Flags {
        bp_grade: bp.map(|(s, d)| bp_grade(s, d, &t.bp)),
        glucose_class: glucose.map(|(g, kind)| glucose_class(g, kind, &t.glucose)),
        bmi_x10,
        bmi_class: bmi_x10.map(|b| bmi_class(b, &t.bmi)),
        bp_uncontrolled: bp.is_some_and(|(s, d)| s >= t.bp.uncontrolled_systolic || d >= t.bp.uncontrolled_diastolic),
        glucose_uncontrolled: glucose.is_some_and(|(g, kind)| glucose_uncontrolled(g, kind, &t.glucose)),
        urgent: !urgent_reasons.is_empty(),
        urgent_reasons,
    }
}

/// The higher of the systolic and the diastolic grade.
pub fn bp_grade(systolic: i32, diastolic: i32, t: &BpThresholds) -> BpGrade {
    let by_systolic = grade_of(systolic, [t.high_normal_systolic, t.grade1_systolic, t.grade2_systolic, t.grade3_systolic]);
    let by_diastolic = grade_of(diastolic, [t.high_normal_diastolic, t.grade1_diastolic, t.grade2_diastolic, t.grade3_diastolic]);
    by_systolic.max(by_diastolic)
}

/// The highest grade whose lower bound `value` reaches.
fn grade_of(value: i32, bounds: [i32; 4]) -> BpGrade {
    const ABOVE_NORMAL: [BpGrade; 4] = [BpGrade::HighNormal, BpGrade::Grade1, BpGrade::Grade2, BpGrade::Grade3];
    bounds.iter().zip(ABOVE_NORMAL).rev().find(|(bound, _)| value >= **bound).map_or(BpGrade::Normal, |(_, g)| g)
}

/// Urgent bounds first (they apply to both kinds); random glucose has no fasting ranges.
pub fn glucose_class(glucose_x10: i32, kind: GlucoseKind, t: &GlucoseThresholds) -> GlucoseClass {
    if glucose_x10 <= t.urgent_low_x10 {
        return GlucoseClass::UrgentLow;
    }
    if glucose_x10 >= t.urgent_high_x10 {
        return GlucoseClass::UrgentHigh;
    }
    match kind {
        GlucoseKind::Random if glucose_x10 >= t.random_high_x10 => GlucoseClass::RandomHigh,
        GlucoseKind::Random => GlucoseClass::Normal,
        GlucoseKind::Fasting if glucose_x10 >= t.fasting_diabetes_x10 => GlucoseClass::Diabetes,
        GlucoseKind::Fasting if glucose_x10 >= t.fasting_impaired_x10 => GlucoseClass::Impaired,
        GlucoseKind::Fasting => GlucoseClass::Normal,
    }
}

fn glucose_uncontrolled(glucose_x10: i32, kind: GlucoseKind, t: &GlucoseThresholds) -> bool {
    match kind {
        GlucoseKind::Fasting => glucose_x10 >= t.fasting_diabetes_x10,
        GlucoseKind::Random => glucose_x10 >= t.random_high_x10,
    }
}

pub fn bmi_class(bmi_x10: i32, t: &BmiThresholds) -> BmiClass {
    if bmi_x10 < t.underweight_below_x10 {
        BmiClass::Underweight
    } else if bmi_x10 >= t.obese_from_x10 {
        BmiClass::Obese
    } else if bmi_x10 >= t.overweight_from_x10 {
        BmiClass::Overweight
    } else {
        BmiClass::Normal
    }
}

/// "血压 185/112 mmHg，达到紧急转诊标准（≥180/110）"
fn bp_urgent_reason(systolic: i32, diastolic: i32, t: &BpThresholds) -> Option<String> {
    (systolic >= t.urgent_systolic || diastolic >= t.urgent_diastolic)
        .then(|| format!("血压 {systolic}/{diastolic} mmHg，达到紧急转诊标准（≥{}/{}）", t.urgent_systolic, t.urgent_diastolic))
}

/// "空腹血糖 16.7 mmol/L，达到紧急转诊标准（≥16.7）", "随机血糖 3.9 mmol/L，低于或等于 3.9，达到紧急转诊标准"
fn glucose_urgent_reason(glucose_x10: i32, kind: GlucoseKind, t: &GlucoseThresholds) -> Option<String> {
    let value = format!("{}血糖 {} mmol/L", kind.label(), tenths_text(glucose_x10));
    if glucose_x10 >= t.urgent_high_x10 {
        Some(format!("{value}，达到紧急转诊标准（≥{}）", tenths_text(t.urgent_high_x10)))
    } else if glucose_x10 <= t.urgent_low_x10 {
        Some(format!("{value}，低于或等于 {}，达到紧急转诊标准", tenths_text(t.urgent_low_x10)))
    } else {
        None
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
