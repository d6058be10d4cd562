//! When the next follow-up is due after a reading, from a check-up or from a follow-up visit
//! (国家基本公共卫生服务规范: hypertension and diabetes patients at least quarterly; a reading that is
//! not controlled within 2 weeks; two in a row not controlled → referral; urgent values → urgent
//! referral now). Pure: the caller stores the tasks.
//!
//! "Two in a row" is counted per measure: a second uncontrolled blood pressure after an
//! uncontrolled blood pressure is a referral, but an uncontrolled glucose after an uncontrolled
//! blood pressure is only a recheck. Hence [`PreviousControl`] has one flag per measure; the caller
//! sets each from the resident's previous reading *of that measure*.

use super::flags::{Flags, GlucoseClass};
use super::readings::tenths_text;
use super::thresholds::Thresholds;
use crate::coded::coded_enum;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

coded_enum! {
    TaskKind, "kind", "随访任务类型" {
        UrgentReferral => "urgent_referral", "紧急转诊";
        Recheck => "recheck", "复查随访";
        RoutineHypertension => "routine_hypertension", "高血压季度随访";
        RoutineDiabetes => "routine_diabetes", "糖尿病季度随访";
        Referral => "referral", "转诊";
        VisitConcern => "visit_concern", "走访发现健康问题";
    }
}

coded_enum! {
    /// A chronic condition under management.
    Condition, "condition", "慢病类型" {
        Hypertension => "hypertension", "高血压";
        Diabetes => "diabetes", "糖尿病";
    }
}

coded_enum! {
    FollowupMethod, "method", "随访方式" {
        Clinic => "clinic", "门诊";
        Home => "home", "家庭";
        Phone => "phone", "电话";
    }
}

/// Whether the resident's previous reading of each measure was not controlled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviousControl {
    pub bp_uncontrolled: bool,
    pub glucose_uncontrolled: bool,
}

/// A follow-up task to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewTask {
    pub kind: TaskKind,
    pub due_on: NaiveDate,
    /// Why, in words for the task list.
    pub reason: String,
}

/// Not urgent and neither blood pressure nor glucose above the "uncontrolled" bounds. A reading
/// without those measures counts as controlled (there is nothing to act on).
pub fn is_controlled(flags: &Flags) -> bool {
    !flags.urgent && !flags.bp_uncontrolled && !flags.glucose_uncontrolled
}

/// The tasks a reading taken `on` calls for, the most pressing rule first and alone:
/// urgent → urgent referral today; uncontrolled twice in a row (same measure) → referral today;
/// uncontrolled → recheck within the recheck days; otherwise a routine follow-up for each known
/// condition after the routine days.
pub fn tasks_after_reading(
    on: NaiveDate,
    flags: &Flags,
    conditions: &[Condition],
    previous: PreviousControl,
    t: &Thresholds,
) -> Vec<NewTask> {
    if flags.urgent {
        return vec![NewTask { kind: TaskKind::UrgentReferral, due_on: on, reason: urgent_reason(flags) }];
    }
    let repeated = repeated_measures(flags, previous);
    if !repeated.is_empty() {
        let reason = format!("连续两次{}控制不满意，需转诊", repeated.join("、"));
        return vec![NewTask { kind: TaskKind::Referral, due_on: on, reason }];
    }
    let uncontrolled = uncontrolled_measures(flags, t);
    if !uncontrolled.is_empty() {
        let days = t.followup.recheck_days;
        let reason = format!("{}控制不满意，{days} 天内复查", uncontrolled.join("、"));
        return vec![NewTask { kind: TaskKind::Recheck, due_on: after(on, days), reason }];
    }
    routine_tasks(on, conditions, t)
}

fn urgent_reason(flags: &Flags) -> String {
    if flags.urgent_reasons.is_empty() {
        "达到紧急转诊标准".to_string()
    } else {
        flags.urgent_reasons.join("；")
    }
}

/// The measures not controlled now and last time.
fn repeated_measures(flags: &Flags, previous: PreviousControl) -> Vec<&'static str> {
    let mut out = Vec::new();
    if flags.bp_uncontrolled && previous.bp_uncontrolled {
        out.push("血压");
    }
    if flags.glucose_uncontrolled && previous.glucose_uncontrolled {
        out.push("血糖");
    }
    out
}

/// "血压（≥140/90 mmHg）", "空腹血糖（≥7.0 mmol/L）", "随机血糖（≥11.1 mmol/L）"
fn uncontrolled_measures(flags: &Flags, t: &Thresholds) -> Vec<String> {
    let mut out = Vec::new();
    if flags.bp_uncontrolled {
        out.push(format!("血压（≥{}/{} mmHg）", t.bp.uncontrolled_systolic, t.bp.uncontrolled_diastolic));
    }
    if flags.glucose_uncontrolled {
        let g = &t.glucose;
        out.push(match flags.glucose_class {
            Some(GlucoseClass::RandomHigh) => format!("随机血糖（≥{} mmol/L）", tenths_text(g.random_high_x10)),
            _ => format!("空腹血糖（≥{} mmol/L）", tenths_text(g.fasting_diabetes_x10)),
        });
    }
    out
}

/// One routine task per known condition, in a fixed order, duplicates ignored.
fn routine_tasks(on: NaiveDate, conditions: &[Condition], t: &Thresholds) -> Vec<NewTask> {
    Condition::ALL.iter().filter(|c| conditions.contains(c)).map(|c| routine_task(*c, on, t)).collect()
}

/// The routine follow-up of a known condition, due the routine days after `on`.
pub fn routine_task(condition: Condition, on: NaiveDate, t: &Thresholds) -> NewTask {
    let days = t.followup.routine_days;
    let kind = match condition {
        Condition::Hypertension => TaskKind::RoutineHypertension,
        Condition::Diabetes => TaskKind::RoutineDiabetes,
    };
    NewTask { kind, due_on: after(on, days), reason: format!("{}患者常规随访（每 {days} 天）", condition.label()) }
}

/// `on` plus `days`; a negative count (refused by [`Thresholds::check`]) counts as 0, and a date
/// past the calendar's end stays at its last day rather than failing.
fn after(on: NaiveDate, days: i32) -> NaiveDate {
    let days = u64::try_from(days).unwrap_or(0);
    on.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}
