//! Boundaries of the check-up rules: every threshold from the guideline, each plausibility range at
//! and just past its limits, and the follow-up schedule.

use super::*;
use crate::checkups::followup_rules::{is_controlled, tasks_after_reading, Condition, NewTask, PreviousControl, TaskKind};
use crate::checkups::readings::{bmi_x10, check_reading, round_tenths, tenths_text, GlucoseKind, Reading, ReadingInput};
use crate::checkups::thresholds::Thresholds;
use chrono::NaiveDate;

fn bp(systolic: i32, diastolic: i32) -> ReadingInput {
    ReadingInput { systolic: Some(systolic), diastolic: Some(diastolic), ..Default::default() }
}

fn glucose(value: f64, kind: GlucoseKind) -> ReadingInput {
    ReadingInput { glucose: Some(value), glucose_kind: Some(kind), ..Default::default() }
}

fn checked(input: &ReadingInput) -> Reading {
    check_reading(input).expect("a plausible reading")
}

fn flags_of(input: &ReadingInput) -> Flags {
    flags(&checked(input), &Thresholds::default())
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

/// The (code, field) of the refusal of `input`.
fn refusal(input: &ReadingInput) -> (&'static str, Option<&'static str>) {
    let e = check_reading(input).expect_err("refused");
    (e.code(), e.field())
}

// ---- blood pressure ----

#[test]
fn blood_pressure_grades_at_every_boundary() {
    use BpGrade::*;
    let cases = [
        (119, 79, Normal, false),
        (120, 80, HighNormal, false),
        (120, 70, HighNormal, false),
        (110, 80, HighNormal, false),
        (139, 89, HighNormal, false),
        (140, 90, Grade1, true),
        (140, 70, Grade1, true),
        (130, 90, Grade1, true),
        (159, 99, Grade1, true),
        (160, 100, Grade2, true),
        (179, 109, Grade2, true),
        (180, 110, Grade3, true),
        (150, 85, Grade1, true),
        (130, 95, Grade1, true),
        (165, 95, Grade2, true),
        (145, 105, Grade2, true),
    ];
    for (s, d, grade, uncontrolled) in cases {
        let f = flags_of(&bp(s, d));
        assert_eq!(f.bp_grade, Some(grade), "{s}/{d}");
        assert_eq!(f.bp_uncontrolled, uncontrolled, "{s}/{d} uncontrolled");
    }
}

#[test]
fn blood_pressure_urgent_from_180_or_110() {
    for (s, d, urgent) in [(179, 109, false), (180, 100, true), (170, 110, true), (180, 110, true), (185, 112, true)] {
        let f = flags_of(&bp(s, d));
        assert_eq!(f.urgent, urgent, "{s}/{d}");
        assert_eq!(f.urgent_reasons.len(), usize::from(urgent), "{s}/{d}");
        assert!(!is_controlled(&f), "{s}/{d} is not controlled");
    }
    let f = flags_of(&bp(185, 112));
    assert_eq!(f.bp_grade, Some(BpGrade::Grade3));
    assert_eq!(f.urgent_reasons, vec!["血压 185/112 mmHg，达到紧急转诊标准（≥180/110）".to_string()]);
}

#[test]
fn a_reading_without_measures_has_no_classes_and_is_controlled() {
    let f = flags_of(&ReadingInput { heart_rate: Some(72), ..Default::default() });
    assert_eq!((f.bp_grade, f.glucose_class, f.bmi_x10, f.bmi_class), (None, None, None, None));
    assert!(!f.urgent && f.urgent_reasons.is_empty());
    assert!(is_controlled(&f));
}

// ---- glucose ----

#[test]
fn fasting_glucose_classes_at_every_boundary() {
    use GlucoseClass::*;
    let cases = [
        (3.8, UrgentLow, true, false),
        (3.9, UrgentLow, true, false),
        (4.0, Normal, false, false),
        (6.0, Normal, false, false),
        (6.1, Impaired, false, false),
        (6.9, Impaired, false, false),
        (7.0, Diabetes, false, true),
        (16.6, Diabetes, false, true),
        (16.7, UrgentHigh, true, true),
        (20.0, UrgentHigh, true, true),
    ];
    for (value, class, urgent, uncontrolled) in cases {
        let f = flags_of(&glucose(value, GlucoseKind::Fasting));
        assert_eq!(f.glucose_class, Some(class), "{value}");
        assert_eq!(f.urgent, urgent, "{value} urgent");
        assert_eq!(f.glucose_uncontrolled, uncontrolled, "{value} uncontrolled");
    }
}

#[test]
fn random_glucose_has_no_fasting_ranges() {
    use GlucoseClass::*;
    let cases = [
        (3.9, UrgentLow, true, false),
        (4.0, Normal, false, false),
        (6.5, Normal, false, false),
        (7.5, Normal, false, false),
        (11.0, Normal, false, false),
        (11.1, RandomHigh, false, true),
        (16.6, RandomHigh, false, true),
        (16.7, UrgentHigh, true, true),
    ];
    for (value, class, urgent, uncontrolled) in cases {
        let f = flags_of(&glucose(value, GlucoseKind::Random));
        assert_eq!(f.glucose_class, Some(class), "{value}");
        assert_eq!(f.urgent, urgent, "{value} urgent");
        assert_eq!(f.glucose_uncontrolled, uncontrolled, "{value} uncontrolled");
    }
}

#[test]
fn urgent_glucose_reasons_quote_value_and_bound() {
    let high = flags_of(&glucose(16.7, GlucoseKind::Fasting));
    assert_eq!(high.urgent_reasons, vec!["空腹血糖 16.7 mmol/L，达到紧急转诊标准（≥16.7）".to_string()]);
    let low = flags_of(&glucose(3.9, GlucoseKind::Random));
    assert_eq!(low.urgent_reasons, vec!["随机血糖 3.9 mmol/L，低于或等于 3.9，达到紧急转诊标准".to_string()]);
    assert!(!is_controlled(&low), "a hypoglycaemia is not controlled");
    let both = flags_of(&ReadingInput { glucose: Some(2.5), glucose_kind: Some(GlucoseKind::Fasting), ..bp(190, 100) });
    assert_eq!(both.urgent_reasons.len(), 2);
    assert!(both.urgent_reasons[0].starts_with("血压 190/100"));
}

// ---- BMI ----

#[test]
fn bmi_classes_at_every_boundary() {
    let t = Thresholds::default();
    let cases = [
        (184, BmiClass::Underweight),
        (185, BmiClass::Normal),
        (239, BmiClass::Normal),
        (240, BmiClass::Overweight),
        (279, BmiClass::Overweight),
        (280, BmiClass::Obese),
    ];
    for (bmi, class) in cases {
        assert_eq!(bmi_class(bmi, &t.bmi), class, "{bmi}");
    }
}

#[test]
fn bmi_is_computed_from_height_and_weight_in_tenths() {
    assert_eq!(bmi_x10(1700, 650), 225); // 22.49…
    assert_eq!(bmi_x10(1600, 614), 240); // 23.98… rounds to 24.0
    assert_eq!(bmi_x10(1600, 472), 184); // 18.43…
    assert_eq!(bmi_x10(1600, 473), 185); // 18.47…
    assert_eq!(bmi_x10(1000, 245), 245); // exactly 24.5
    assert_eq!(bmi_x10(2000, 1000), 250);
    assert_eq!(bmi_x10(0, 650), 0);
    assert_eq!(bmi_x10(1700, -1), 0);
    let f = flags_of(&ReadingInput { height: Some(160.0), weight: Some(61.4), ..Default::default() });
    assert_eq!((f.bmi_x10, f.bmi_class), (Some(240), Some(BmiClass::Overweight)));
    let f = flags_of(&ReadingInput { height: Some(160.0), weight: Some(47.2), ..Default::default() });
    assert_eq!((f.bmi_x10, f.bmi_class), (Some(184), Some(BmiClass::Underweight)));
    let f = flags_of(&ReadingInput { height: Some(160.0), ..Default::default() });
    assert_eq!((f.bmi_x10, f.bmi_class), (None, None));
}

// ---- plausibility ----

#[test]
fn every_range_is_inclusive_and_refused_just_outside_on_its_field() {
    let ok = |input: ReadingInput| check_reading(&input).expect("accepted at the limit");
    let systolic_ok = [bp(60, 30), bp(260, 100)];
    let diastolic_ok = [bp(120, 30), bp(200, 160)];
    for input in systolic_ok.into_iter().chain(diastolic_ok) {
        ok(input);
    }
    assert_eq!(refusal(&bp(59, 40)), ("out_of_range", Some("systolic")));
    assert_eq!(refusal(&bp(261, 100)), ("out_of_range", Some("systolic")));
    assert_eq!(refusal(&bp(120, 29)), ("out_of_range", Some("diastolic")));
    assert_eq!(refusal(&bp(200, 161)), ("out_of_range", Some("diastolic")));

    let hr = |v| ReadingInput { heart_rate: Some(v), ..Default::default() };
    ok(hr(30));
    ok(hr(220));
    assert_eq!(refusal(&hr(29)), ("out_of_range", Some("heartRate")));
    assert_eq!(refusal(&hr(221)), ("out_of_range", Some("heartRate")));

    type Setter = fn(f64) -> ReadingInput;
    let decimals: [(&str, Setter, f64, f64); 4] = [
        ("glucose", |v| glucose(v, GlucoseKind::Fasting), 1.0, 35.0),
        ("height", |v| ReadingInput { height: Some(v), ..Default::default() }, 80.0, 220.0),
        ("weight", |v| ReadingInput { weight: Some(v), ..Default::default() }, 20.0, 200.0),
        ("waist", |v| ReadingInput { waist: Some(v), ..Default::default() }, 40.0, 200.0),
    ];
    for (field, make, min, max) in decimals {
        ok(make(min));
        ok(make(max));
        assert_eq!(refusal(&make(min - 0.1)), ("out_of_range", Some(field)), "{field} below");
        assert_eq!(refusal(&make(max + 0.1)), ("out_of_range", Some(field)), "{field} above");
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(refusal(&make(bad)), ("not_a_number", Some(field)), "{field} {bad}");
        }
    }
}

#[test]
fn range_messages_state_the_range() {
    let e = check_reading(&bp(300, 100)).unwrap_err();
    assert_eq!(e.to_string(), "收缩压应在 60–260 mmHg 之间");
    let e = check_reading(&glucose(40.0, GlucoseKind::Random)).unwrap_err();
    assert_eq!(e.to_string(), "血糖应在 1–35 mmol/L 之间");
    let e = check_reading(&ReadingInput { height: Some(f64::NAN), ..Default::default() }).unwrap_err();
    assert_eq!(e.to_string(), "身高不是有效的数字");
}

#[test]
fn blood_pressure_comes_in_pairs_with_the_diastolic_below() {
    let only_systolic = ReadingInput { systolic: Some(130), ..Default::default() };
    assert_eq!(refusal(&only_systolic), ("required", Some("diastolic")));
    let only_diastolic = ReadingInput { diastolic: Some(80), ..Default::default() };
    assert_eq!(refusal(&only_diastolic), ("required", Some("systolic")));
    assert_eq!(check_reading(&only_diastolic).unwrap_err().to_string(), "请同时填写收缩压和舒张压");
    assert_eq!(refusal(&bp(100, 100)), ("diastolic_not_below_systolic", Some("diastolic")));
    assert_eq!(refusal(&bp(90, 100)), ("diastolic_not_below_systolic", Some("diastolic")));
    assert_eq!(check_reading(&bp(100, 100)).unwrap_err().to_string(), "舒张压应低于收缩压");
    checked(&bp(100, 99));
}

#[test]
fn glucose_needs_its_kind_and_a_lone_kind_is_dropped() {
    let no_kind = ReadingInput { glucose: Some(6.0), ..Default::default() };
    assert_eq!(refusal(&no_kind), ("required", Some("glucoseKind")));
    assert_eq!(check_reading(&no_kind).unwrap_err().to_string(), "请选择空腹或随机血糖");
    let lone_kind = ReadingInput { glucose_kind: Some(GlucoseKind::Random), ..Default::default() };
    assert_eq!(checked(&lone_kind).glucose_kind, None);
    assert!(checked(&lone_kind).is_empty());
}

#[test]
fn decimals_are_rounded_half_away_from_zero_to_tenths_before_the_range_check() {
    let r = checked(&ReadingInput {
        glucose: Some(6.05),
        glucose_kind: Some(GlucoseKind::Fasting),
        height: Some(172.45),
        weight: Some(65.04),
        waist: Some(88.0),
        ..Default::default()
    });
    assert_eq!((r.glucose_x10, r.height_x10, r.weight_x10, r.waist_x10), (Some(61), Some(1725), Some(650), Some(880)));
    for (typed, tenths) in [(0.05, 1), (1.05, 11), (2.15, 22), (8.45, 85), (16.65, 167), (80.05, 801), (219.95, 2200)] {
        assert_eq!(round_tenths(typed), f64::from(tenths), "{typed}");
    }
    // 0.96 is stored as 1.0, which is in range; 0.94 would be 0.9, which is not.
    assert_eq!(checked(&glucose(0.96, GlucoseKind::Fasting)).glucose_x10, Some(10));
    assert_eq!(refusal(&glucose(0.94, GlucoseKind::Fasting)), ("out_of_range", Some("glucose")));
    // 6.05 reaches "impaired" although 6.04 does not.
    assert_eq!(flags_of(&glucose(6.04, GlucoseKind::Fasting)).glucose_class, Some(GlucoseClass::Normal));
    assert_eq!(flags_of(&glucose(6.05, GlucoseKind::Fasting)).glucose_class, Some(GlucoseClass::Impaired));
}

#[test]
fn notes_are_trimmed_and_limited() {
    let with = |text: &str| ReadingInput { notes: Some(text.to_string()), ..Default::default() };
    assert_eq!(checked(&with("  饭后两小时  ")).notes.as_deref(), Some("饭后两小时"));
    assert_eq!(checked(&with("   ")).notes, None);
    assert_eq!(checked(&with(&"测".repeat(500))).notes.map(|n| n.chars().count()), Some(500));
    assert_eq!(refusal(&with(&"测".repeat(501))), ("too_long", Some("notes")));
}

#[test]
fn a_checked_reading_gives_its_input_back() {
    let input = ReadingInput {
        systolic: Some(135),
        diastolic: Some(85),
        heart_rate: Some(70),
        glucose: Some(6.7),
        glucose_kind: Some(GlucoseKind::Fasting),
        height: Some(165.5),
        weight: Some(60.2),
        waist: Some(82.0),
        notes: Some("复测".into()),
    };
    let r = checked(&input);
    assert_eq!(r.to_input(), input);
    assert_eq!(checked(&r.to_input()), r);
    assert!(!r.is_empty());
}

#[test]
fn tenths_are_written_with_one_decimal() {
    assert_eq!(tenths_text(167), "16.7");
    assert_eq!(tenths_text(60), "6.0");
    assert_eq!(tenths_text(5), "0.5");
    assert_eq!(tenths_text(0), "0.0");
    assert_eq!(tenths_text(-5), "-0.5");
    assert_eq!(tenths_text(-123), "-12.3");
}

#[test]
fn the_ui_speaks_camel_case_and_codes() {
    let input: ReadingInput =
        serde_json::from_str(r#"{"systolic":150,"diastolic":95,"heartRate":80,"glucose":7.2,"glucoseKind":"fasting"}"#).expect("json");
    assert_eq!(input.heart_rate, Some(80));
    assert_eq!(input.glucose_kind, Some(GlucoseKind::Fasting));
    let f = flags_of(&input);
    let json = serde_json::to_value(&f).expect("json");
    assert_eq!(json["bpGrade"], "grade1");
    assert_eq!(json["glucoseClass"], "diabetes");
    assert_eq!(json["bpUncontrolled"], true);
    assert_eq!(BpGrade::Grade1.label(), "1级高血压");
    assert_eq!(GlucoseKind::parse("随机").expect("label"), GlucoseKind::Random);
}

// ---- thresholds ----

#[test]
fn default_thresholds_are_consistent_and_name_their_source() {
    let t = Thresholds::default();
    t.check().expect("defaults pass");
    assert!(t.source.contains("国家基本公共卫生服务规范"));
    assert_eq!((t.bp.grade1_systolic, t.bp.grade1_diastolic, t.glucose.urgent_high_x10, t.followup.recheck_days), (140, 90, 167, 14));
}

#[test]
fn thresholds_refuse_bounds_that_do_not_increase() {
    let mut t = Thresholds::default();
    t.bp.grade1_systolic = 120; // not above high-normal 120
    let e = t.check().unwrap_err();
    assert_eq!((e.code(), e.field()), ("thresholds_not_increasing", Some("bp.grade1Systolic")));
    assert_eq!(e.to_string(), "1级高血压收缩压下限（120）必须高于正常高值收缩压下限（120）");

    let mut t = Thresholds::default();
    t.bp.grade3_diastolic = 95;
    assert_eq!(t.check().unwrap_err().field(), Some("bp.grade3Diastolic"));

    let mut t = Thresholds::default();
    t.bp.urgent_systolic = 140;
    assert_eq!(t.check().unwrap_err().field(), Some("bp.urgentSystolic"));

    let mut t = Thresholds::default();
    t.glucose.fasting_diabetes_x10 = 60;
    let e = t.check().unwrap_err();
    assert_eq!(e.field(), Some("glucose.fastingDiabetesX10"));
    assert_eq!(e.to_string(), "空腹血糖糖尿病范围下限（6.0）必须高于空腹血糖受损下限（6.1）");

    let mut t = Thresholds::default();
    t.glucose.random_high_x10 = 170;
    assert_eq!(t.check().unwrap_err().field(), Some("glucose.urgentHighX10"));

    let mut t = Thresholds::default();
    t.bmi.obese_from_x10 = 240;
    assert_eq!(t.check().unwrap_err().field(), Some("bmi.obeseFromX10"));
}

#[test]
fn thresholds_refuse_non_positive_days_and_a_missing_source() {
    for (recheck, routine, field) in [
        (0, 90, "followup.recheckDays"),
        (-14, 90, "followup.recheckDays"),
        (14, 0, "followup.routineDays"),
        (14, 367, "followup.routineDays"),
    ] {
        let mut t = Thresholds::default();
        t.followup.recheck_days = recheck;
        t.followup.routine_days = routine;
        assert_eq!(t.check().unwrap_err().field(), Some(field), "{recheck}/{routine}");
    }
    let mut t = Thresholds::default();
    t.bp.high_normal_systolic = 0;
    assert_eq!(t.check().unwrap_err().field(), Some("bp.highNormalSystolic"));
    let t = Thresholds { source: "  ".into(), ..Thresholds::default() };
    assert_eq!(t.check().unwrap_err().field(), Some("source"));
}

#[test]
fn thresholds_are_data() {
    let mut t = Thresholds { source: "某诊所自定标准".into(), ..Thresholds::default() };
    t.bp.high_normal_diastolic = 70;
    t.bp.grade1_systolic = 130;
    t.bp.grade1_diastolic = 80;
    t.check().expect("a consistent custom set");
    let r = checked(&bp(132, 78));
    assert_eq!(flags(&r, &Thresholds::default()).bp_grade, Some(BpGrade::HighNormal));
    assert_eq!(flags(&r, &t).bp_grade, Some(BpGrade::Grade1));
    assert_eq!(flags(&checked(&bp(125, 80)), &t).bp_grade, Some(BpGrade::Grade1));

    t.followup.recheck_days = 7;
    let f = flags(&checked(&bp(150, 95)), &t);
    let tasks = tasks_after_reading(day("2026-03-01"), &f, &[], PreviousControl::default(), &t);
    assert_eq!(tasks[0].due_on, day("2026-03-08"));
}

#[test]
fn stored_thresholds_missing_fields_take_the_defaults() {
    let t: Thresholds = serde_json::from_str(r#"{"bp":{"grade1Systolic":135},"source":"自定"}"#).expect("json");
    assert_eq!(t.bp.grade1_systolic, 135);
    assert_eq!(t.bp.grade2_systolic, 160);
    assert_eq!(t.glucose, Thresholds::default().glucose);
    let round: Thresholds = serde_json::from_value(serde_json::to_value(Thresholds::default()).expect("json")).expect("json");
    assert_eq!(round, Thresholds::default());
}

// ---- follow-up scheduling ----

fn schedule(input: &ReadingInput, conditions: &[Condition], previous: PreviousControl) -> Vec<NewTask> {
    let t = Thresholds::default();
    tasks_after_reading(day("2026-03-01"), &flags(&checked(input), &t), conditions, previous, &t)
}

const BP_BEFORE: PreviousControl = PreviousControl { bp_uncontrolled: true, glucose_uncontrolled: false };
const GLUCOSE_BEFORE: PreviousControl = PreviousControl { bp_uncontrolled: false, glucose_uncontrolled: true };
const BOTH: [Condition; 2] = [Condition::Hypertension, Condition::Diabetes];

#[test]
fn urgent_is_only_an_urgent_referral_today() {
    for previous in [PreviousControl::default(), BP_BEFORE] {
        let tasks = schedule(&bp(185, 112), &BOTH, previous);
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].kind, TaskKind::UrgentReferral);
        assert_eq!(tasks[0].due_on, day("2026-03-01"));
        assert_eq!(tasks[0].reason, "血压 185/112 mmHg，达到紧急转诊标准（≥180/110）");
    }
    let tasks = schedule(&glucose(3.5, GlucoseKind::Fasting), &[Condition::Diabetes], PreviousControl::default());
    assert_eq!(tasks.iter().map(|t| t.kind).collect::<Vec<_>>(), vec![TaskKind::UrgentReferral]);
}

#[test]
fn an_uncontrolled_reading_is_rechecked_within_14_days() {
    let tasks = schedule(&bp(150, 95), &[Condition::Hypertension], PreviousControl::default());
    assert_eq!(tasks.len(), 1);
    assert_eq!((tasks[0].kind, tasks[0].due_on), (TaskKind::Recheck, day("2026-03-15")));
    assert_eq!(tasks[0].reason, "血压（≥140/90 mmHg）控制不满意，14 天内复查");
    // Also for someone not yet known to have hypertension (found at a check-up).
    let tasks = schedule(&bp(150, 95), &[], PreviousControl::default());
    assert_eq!((tasks[0].kind, tasks[0].due_on), (TaskKind::Recheck, day("2026-03-15")));
    let tasks = schedule(&glucose(12.0, GlucoseKind::Random), &BOTH, PreviousControl::default());
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].reason, "随机血糖（≥11.1 mmol/L）控制不满意，14 天内复查");
}

#[test]
fn uncontrolled_twice_in_a_row_for_the_same_measure_is_a_referral() {
    let tasks = schedule(&bp(150, 95), &[Condition::Hypertension], BP_BEFORE);
    assert_eq!(tasks.len(), 1, "no recheck next to the referral");
    assert_eq!((tasks[0].kind, tasks[0].due_on), (TaskKind::Referral, day("2026-03-01")));
    assert_eq!(tasks[0].reason, "连续两次血压控制不满意，需转诊");
    let tasks = schedule(&glucose(7.5, GlucoseKind::Fasting), &[Condition::Diabetes], GLUCOSE_BEFORE);
    assert_eq!(tasks[0].kind, TaskKind::Referral);
    // A different measure uncontrolled last time is not "in a row".
    let tasks = schedule(&bp(150, 95), &BOTH, GLUCOSE_BEFORE);
    assert_eq!(tasks[0].kind, TaskKind::Recheck);
    let tasks = schedule(&glucose(7.5, GlucoseKind::Fasting), &BOTH, BP_BEFORE);
    assert_eq!(tasks[0].kind, TaskKind::Recheck);
    // Controlled now after uncontrolled before: back to routine.
    let tasks = schedule(&bp(125, 82), &[Condition::Hypertension], BP_BEFORE);
    assert_eq!(tasks[0].kind, TaskKind::RoutineHypertension);
}

#[test]
fn controlled_known_conditions_get_routine_follow_ups_after_90_days() {
    let tasks = schedule(&bp(125, 82), &[Condition::Hypertension], PreviousControl::default());
    assert_eq!(tasks.len(), 1);
    assert_eq!((tasks[0].kind, tasks[0].due_on), (TaskKind::RoutineHypertension, day("2026-05-30")));
    assert_eq!(tasks[0].reason, "高血压患者常规随访（每 90 天）");

    let controlled = ReadingInput { glucose: Some(6.5), glucose_kind: Some(GlucoseKind::Fasting), ..bp(130, 80) };
    let tasks = schedule(&controlled, &[Condition::Diabetes, Condition::Hypertension, Condition::Diabetes], PreviousControl::default());
    let kinds: Vec<_> = tasks.iter().map(|t| (t.kind, t.due_on)).collect();
    assert_eq!(kinds, vec![(TaskKind::RoutineHypertension, day("2026-05-30")), (TaskKind::RoutineDiabetes, day("2026-05-30"))]);

    assert!(schedule(&bp(125, 82), &[], PreviousControl::default()).is_empty(), "no condition, nothing to follow");
}
