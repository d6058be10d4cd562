//! The numbers check-up flags and follow-up dates are computed with. They are data, not code, so a
//! clinic can adjust them to its own guideline; every set notes where its numbers come from.
//! Blood pressure is in mmHg; glucose (mmol/L) and BMI (kg/m²) are in tenths, as integers, so that
//! boundaries such as 6.1 or 16.7 compare exactly.

use super::readings::tenths_text;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Lower bounds (inclusive) in mmHg. A grade applies from its systolic *or* its diastolic bound,
/// and the higher of the two grades counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct BpThresholds {
    pub high_normal_systolic: i32,
    pub high_normal_diastolic: i32,
    pub grade1_systolic: i32,
    pub grade1_diastolic: i32,
    pub grade2_systolic: i32,
    pub grade2_diastolic: i32,
    pub grade3_systolic: i32,
    pub grade3_diastolic: i32,
    /// A reading at or above either bound is not controlled (follow-up within the recheck days).
    pub uncontrolled_systolic: i32,
    pub uncontrolled_diastolic: i32,
    /// A reading at or above either bound is referred at once.
    pub urgent_systolic: i32,
    pub urgent_diastolic: i32,
}

impl Default for BpThresholds {
    fn default() -> Self {
        BpThresholds {
            high_normal_systolic: 120,
            high_normal_diastolic: 80,
            grade1_systolic: 140,
            grade1_diastolic: 90,
            grade2_systolic: 160,
            grade2_diastolic: 100,
            grade3_systolic: 180,
            grade3_diastolic: 110,
            uncontrolled_systolic: 140,
            uncontrolled_diastolic: 90,
            urgent_systolic: 180,
            urgent_diastolic: 110,
        }
    }
}

/// Glucose bounds in tenths of mmol/L (61 = 6.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct GlucoseThresholds {
    /// Fasting impaired (空腹血糖受损) from this value.
    pub fasting_impaired_x10: i32,
    /// Fasting diabetes range from this value; also "not controlled" for a fasting reading.
    pub fasting_diabetes_x10: i32,
    /// Random glucose high (and not controlled) from this value.
    pub random_high_x10: i32,
    /// Urgent referral at or above this value (fasting or random).
    pub urgent_high_x10: i32,
    /// Urgent referral at or below this value (fasting or random).
    pub urgent_low_x10: i32,
}

impl Default for GlucoseThresholds {
    fn default() -> Self {
        GlucoseThresholds {
            fasting_impaired_x10: 61,
            fasting_diabetes_x10: 70,
            random_high_x10: 111,
            urgent_high_x10: 167,
            urgent_low_x10: 39,
        }
    }
}

/// BMI bounds in tenths of kg/m² (Chinese adult standard WS/T 428-2013).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct BmiThresholds {
    /// Underweight below this value.
    pub underweight_below_x10: i32,
    /// Overweight from this value.
    pub overweight_from_x10: i32,
    /// Obese from this value.
    pub obese_from_x10: i32,
}

impl Default for BmiThresholds {
    fn default() -> Self {
        BmiThresholds { underweight_below_x10: 185, overweight_from_x10: 240, obese_from_x10: 280 }
    }
}

/// Follow-up intervals in days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct FollowupThresholds {
    /// A reading that is not controlled is rechecked within this many days.
    pub recheck_days: i32,
    /// Known hypertension/diabetes patients are followed up this many days apart (quarterly).
    pub routine_days: i32,
}

impl Default for FollowupThresholds {
    fn default() -> Self {
        FollowupThresholds { recheck_days: 14, routine_days: 90 }
    }
}

/// A whole set of thresholds. Missing parts of a stored set take the defaults (`serde(default)`),
/// so sets saved by an older build still load when a field is added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Thresholds {
    pub bp: BpThresholds,
    pub glucose: GlucoseThresholds,
    pub bmi: BmiThresholds,
    pub followup: FollowupThresholds,
    /// Where the numbers come from (guideline, edition), shown next to the flags.
    pub source: String,
}

/// The source noted on the default set.
pub const DEFAULT_SOURCE: &str = "国家基本公共卫生服务规范（第三版）；中国高血压防治指南（2018年修订版）；WS/T 428-2013 成人体重判定";

/// Longest interval accepted, so that adding it to a date can never overflow in practice.
const MAX_DAYS: i32 = 366;

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            bp: BpThresholds::default(),
            glucose: GlucoseThresholds::default(),
            bmi: BmiThresholds::default(),
            followup: FollowupThresholds::default(),
            source: DEFAULT_SOURCE.to_string(),
        }
    }
}

impl Thresholds {
    /// Refuses a set the rules cannot work with: bounds that do not increase, non-positive values,
    /// intervals outside 1–366 days, or no source. The field is the dotted camelCase path.
    pub fn check(&self) -> Result<()> {
        self.check_bp()?;
        self.check_glucose()?;
        self.check_bmi()?;
        self.check_followup()?;
        if self.source.trim().is_empty() {
            return Err(Error::invalid("required", "source", "请注明阈值的来源（依据的规范或指南）"));
        }
        Ok(())
    }

    fn check_bp(&self) -> Result<()> {
        let b = &self.bp;
        positive(b.high_normal_systolic, "bp.highNormalSystolic", "正常高值收缩压下限")?;
        positive(b.high_normal_diastolic, "bp.highNormalDiastolic", "正常高值舒张压下限")?;
        above(b.grade1_systolic, b.high_normal_systolic, "bp.grade1Systolic", "1级高血压收缩压下限", "正常高值收缩压下限", whole)?;
        above(b.grade2_systolic, b.grade1_systolic, "bp.grade2Systolic", "2级高血压收缩压下限", "1级高血压收缩压下限", whole)?;
        above(b.grade3_systolic, b.grade2_systolic, "bp.grade3Systolic", "3级高血压收缩压下限", "2级高血压收缩压下限", whole)?;
        above(b.grade1_diastolic, b.high_normal_diastolic, "bp.grade1Diastolic", "1级高血压舒张压下限", "正常高值舒张压下限", whole)?;
        above(b.grade2_diastolic, b.grade1_diastolic, "bp.grade2Diastolic", "2级高血压舒张压下限", "1级高血压舒张压下限", whole)?;
        above(b.grade3_diastolic, b.grade2_diastolic, "bp.grade3Diastolic", "3级高血压舒张压下限", "2级高血压舒张压下限", whole)?;
        positive(b.uncontrolled_systolic, "bp.uncontrolledSystolic", "控制不满意收缩压标准")?;
        positive(b.uncontrolled_diastolic, "bp.uncontrolledDiastolic", "控制不满意舒张压标准")?;
        above(b.urgent_systolic, b.uncontrolled_systolic, "bp.urgentSystolic", "紧急转诊收缩压标准", "控制不满意收缩压标准", whole)?;
        above(b.urgent_diastolic, b.uncontrolled_diastolic, "bp.urgentDiastolic", "紧急转诊舒张压标准", "控制不满意舒张压标准", whole)
    }

    fn check_glucose(&self) -> Result<()> {
        let g = &self.glucose;
        positive(g.urgent_low_x10, "glucose.urgentLowX10", "低血糖紧急转诊标准")?;
        above(
            g.fasting_impaired_x10,
            g.urgent_low_x10,
            "glucose.fastingImpairedX10",
            "空腹血糖受损下限",
            "低血糖紧急转诊标准",
            tenths_text,
        )?;
        above(
            g.fasting_diabetes_x10,
            g.fasting_impaired_x10,
            "glucose.fastingDiabetesX10",
            "空腹血糖糖尿病范围下限",
            "空腹血糖受损下限",
            tenths_text,
        )?;
        above(
            g.urgent_high_x10,
            g.fasting_diabetes_x10,
            "glucose.urgentHighX10",
            "高血糖紧急转诊标准",
            "空腹血糖糖尿病范围下限",
            tenths_text,
        )?;
        above(g.random_high_x10, g.urgent_low_x10, "glucose.randomHighX10", "随机血糖偏高标准", "低血糖紧急转诊标准", tenths_text)?;
        above(g.urgent_high_x10, g.random_high_x10, "glucose.urgentHighX10", "高血糖紧急转诊标准", "随机血糖偏高标准", tenths_text)
    }

    fn check_bmi(&self) -> Result<()> {
        let m = &self.bmi;
        positive(m.underweight_below_x10, "bmi.underweightBelowX10", "偏瘦标准")?;
        above(m.overweight_from_x10, m.underweight_below_x10, "bmi.overweightFromX10", "超重下限", "偏瘦标准", tenths_text)?;
        above(m.obese_from_x10, m.overweight_from_x10, "bmi.obeseFromX10", "肥胖下限", "超重下限", tenths_text)
    }

    fn check_followup(&self) -> Result<()> {
        days(self.followup.recheck_days, "followup.recheckDays", "复查间隔")?;
        days(self.followup.routine_days, "followup.routineDays", "常规随访间隔")
    }
}

fn positive(value: i32, field: &'static str, label: &str) -> Result<()> {
    if value > 0 {
        Ok(())
    } else {
        Err(Error::invalid("invalid_threshold", field, format!("{label}必须大于 0")))
    }
}

/// `value` must be strictly above `lower`: bounds that do not increase would make a class empty
/// or the order of the classes meaningless.
fn above(value: i32, lower: i32, field: &'static str, label: &str, lower_label: &str, show: fn(i32) -> String) -> Result<()> {
    if value > lower {
        Ok(())
    } else {
        Err(Error::invalid(
            "thresholds_not_increasing",
            field,
            format!("{label}（{}）必须高于{lower_label}（{}）", show(value), show(lower)),
        ))
    }
}

fn whole(value: i32) -> String {
    value.to_string()
}

fn days(value: i32, field: &'static str, label: &str) -> Result<()> {
    if (1..=MAX_DAYS).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid("invalid_threshold", field, format!("{label}应在 1–{MAX_DAYS} 天之间")))
    }
}
