//! Volunteer activities and hours: sign-ups with their limits, sign-in/out by scan and by staff
//! with at most three pairs, confirmation putting the minutes on the record, minors' rules,
//! corrections as new entries, the hours report, and numbered proofs (unique with writers at once,
//! a reprint keeping its number).

use crate::common;
use crate::volunteers::{from_registry, living_alone, office, outside, pairing, resident, visit_on, Office};
use common::{day, id, pdftotext, today};

use caredesk_core::auth::{Actor, Role};
use caredesk_core::volunteers::activities::attendance::{self, AttendanceScan};
use caredesk_core::volunteers::activities::confirm::{self, EvaluationInput};
use caredesk_core::volunteers::activities::{self, signups, ActivityDetail, ActivityInput, NeedInput};
use caredesk_core::volunteers::hours;
use caredesk_core::volunteers::model::{ActivityStatus, EntrySource, Evaluation, HonourKind, IdType, VolunteerStatus};
use caredesk_core::volunteers::printing;
use caredesk_core::volunteers::proofs::{self, ProofInput};
use caredesk_core::volunteers::record::{self, CorrectionInput, HonourInput};
use caredesk_core::volunteers::settings::{self as volunteer_settings, VolunteerSettings};
use caredesk_core::volunteers::{pairings, registry, visits};
use caredesk_core::Desk;
use chrono::{Duration, NaiveDate};

fn activity_on(held_on: NaiveDate, people: i32) -> ActivityInput {
    ActivityInput {
        title: "助老理发义剪".into(),
        held_on,
        starts_at: "09:00".into(),
        ends_at: "11：30".into(),
        place: "党群服务中心".into(),
        organiser: "双桥社区居委会".into(),
        team_id: None,
        content: "为高龄老人免费理发".into(),
        minors_ok: false,
        needs: vec![NeedInput { id: None, role: "理发师".into(), people, starts_at: "09:00".into(), ends_at: "11:30".into() }],
    }
}

async fn adult(d: &Desk, o: &Office, name: &str, seq: &str) -> i32 {
    let r = resident(d, o, name, "19600312", seq).await;
    registry::save_volunteer(d, &o.admin, None, from_registry(r)).await.unwrap().id
}

async fn pupil(d: &Desk, o: &Office) -> i32 {
    let mut input = outside("刘小红", IdType::ResidentCard, &id("20150601", "023"));
    input.guardian_consent_on = Some(day(2026, 2, 20));
    input.guardian_consent_by = Some("母亲 张丽".into());
    registry::save_volunteer(d, &o.admin, None, input).await.unwrap().id
}

fn done(scan: AttendanceScan) -> (String, bool, ActivityDetail) {
    match scan {
        AttendanceScan::Done { message, signed_in, detail } => (message, signed_in, *detail),
        AttendanceScan::Matches { .. } => panic!("expected a sign-in or sign-out"),
    }
}

async fn sign_settings(d: &Desk, admin: &Actor) {
    let now = volunteer_settings::settings(d, admin).await.unwrap();
    let s = VolunteerSettings { proof_person_in_charge: "张建华".into(), proof_contact_phone: "0358-7221234".into(), ..now };
    let saved = volunteer_settings::save_settings(d, admin, s).await.unwrap();
    assert_eq!(saved.proof_contact_phone, "0358-7221234", "the phone is stored normalised");
}

backend_test!(hours_come_from_sign_in_and_out_at_most_three_pairs_and_go_on_the_record_when_confirmed, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let wang = adult(d, &o, "王建国", "011").await;
    let li = adult(d, &o, "李秀兰", "022").await;
    let a = activities::save_activity(d, &o.admin, None, activity_on(today(), 1)).await.unwrap();
    assert_eq!((a.ends_at.as_str(), a.needed, a.status), ("11:30", 1, ActivityStatus::Open));
    let need = a.needs[0].id;

    let bad = ActivityInput { ends_at: "08:00".into(), ..activity_on(today(), 1) };
    assert_eq!(activities::save_activity(d, &o.admin, None, bad).await.unwrap_err().field(), Some("endsAt"));
    let mut outside_hours = activity_on(today(), 1);
    outside_hours.needs[0].ends_at = "12:00".into();
    assert_eq!(activities::save_activity(d, &o.admin, None, outside_hours).await.unwrap_err().code(), "need_outside_activity");

    let detail = signups::sign_up(d, &o.admin, a.id, wang, Some(need)).await.unwrap();
    assert!(detail.activity.needs[0].full);
    let e = signups::sign_up(d, &o.admin, a.id, li, Some(need)).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("need_full", Some("needId")));
    assert!(e.to_string().contains("名额已满"), "{e}");
    assert_eq!(signups::sign_up(d, &o.admin, a.id, wang, Some(need)).await.unwrap_err().code(), "already_signed_up");
    assert_eq!(signups::sign_up(d, &o.admin, a.id, li, None).await.unwrap_err().code(), "need_required");

    // At the scan box (10:00): the sheet's QR signs in, the next scan signs out.
    let code = attendance::code_of(d, detail.signups[0].id).await.unwrap();
    let (message, signed_in, _) = done(attendance::scan(d, &o.admin, a.id, &code).await.unwrap());
    assert!(signed_in && message.contains("王建国 签到 10:00"), "{message}");
    db.clock.advance(Duration::minutes(90));
    let (message, signed_in, detail) = done(attendance::scan(d, &o.admin, a.id, &format!("王建国{code}")).await.unwrap());
    assert!(!signed_in && message.contains("本次 1小时30分"), "{message}");
    assert_eq!(detail.signups[0].minutes, 90);
    for _ in 0..2 {
        attendance::toggle(d, &o.admin, a.id, wang, caredesk_core::volunteers::model::AttendanceWay::Search).await.unwrap();
        db.clock.advance(Duration::minutes(10));
        attendance::toggle(d, &o.admin, a.id, wang, caredesk_core::volunteers::model::AttendanceWay::Search).await.unwrap();
    }
    let e = attendance::scan(d, &o.admin, a.id, &code).await.unwrap_err();
    assert_eq!(e.code(), "too_many_pairs", "a fourth sign-in");
    let forged = code.replace(&format!("-{}-", detail.signups[0].id), &format!("-{}-", detail.signups[0].id + 1));
    assert_eq!(attendance::scan(d, &o.admin, a.id, &forged).await.unwrap_err().code(), "signin_code_forged");

    // A name finds the sign-up; staff enter 李秀兰's times from the paper sheet (it signs her up).
    match attendance::scan(d, &o.admin, a.id, "wjg").await.unwrap() {
        AttendanceScan::Matches { signups } => assert_eq!(signups[0].name, "王建国"),
        AttendanceScan::Done { .. } => panic!("a name only lists"),
    }
    attendance::enter_pair(d, &o.admin, a.id, li, "09:00", "09:45").await.unwrap();
    let e = attendance::enter_pair(d, &o.admin, a.id, li, "09:30", "10:00").await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("pair_overlaps", Some("signedIn")));
    assert_eq!(attendance::enter_pair(d, &o.admin, a.id, li, "10:00", "23:00").await.unwrap_err().code(), "pair_in_future");
    let (_, _, detail) =
        done(attendance::toggle(d, &o.admin, a.id, li, caredesk_core::volunteers::model::AttendanceWay::Search).await.unwrap());
    let e = confirm::confirm_activity(d, &o.admin, a.id, vec![]).await.unwrap_err();
    assert_eq!(e.code(), "pairs_open");
    db.clock.advance(Duration::minutes(15));
    // She left without scanning: staff enter the sign-out (11:50 + 15 minutes).
    let open = detail.signups.iter().find(|s| s.volunteer_id == li).unwrap().pairs.iter().find(|p| p.minutes.is_none()).unwrap().id;
    assert_eq!(attendance::close_pair(d, &o.admin, open, "11:00").await.unwrap_err().code(), "out_before_in");
    attendance::close_pair(d, &o.admin, open, "12:05").await.unwrap();

    let viewer = db.add_user(&o.admin, "viewer", Role::Viewer).await;
    assert_eq!(confirm::confirm_activity(d, &viewer, a.id, vec![]).await.unwrap_err().code(), "forbidden");
    let evaluations = vec![EvaluationInput { volunteer_id: wang, evaluation: Evaluation::Excellent }];
    let confirmed = confirm::confirm_activity(d, &o.admin, a.id, evaluations).await.unwrap();
    assert_eq!(confirmed.activity.status, ActivityStatus::Confirmed);
    assert_eq!(confirmed.total_minutes, 110 + 60);
    let e = attendance::toggle(d, &o.admin, a.id, wang, caredesk_core::volunteers::model::AttendanceWay::Search).await.unwrap_err();
    assert_eq!(e.code(), "activity_confirmed", "times are fixed once confirmed");
    assert_eq!(confirm::confirm_activity(d, &o.admin, a.id, vec![]).await.unwrap_err().code(), "activity_confirmed");

    assert_eq!(activities::cancel_activity(d, &o.admin, a.id, "误建".into()).await.unwrap_err().code(), "activity_confirmed");
    // One place at a time: the same morning at another activity is refused, naming the first.
    let other =
        activities::save_activity(d, &o.admin, None, ActivityInput { title: "楼道清洁".into(), ..activity_on(today(), 3) }).await.unwrap();
    let e = attendance::enter_pair(d, &o.admin, other.id, wang, "10:30", "11:00").await.unwrap_err();
    assert_eq!(e.code(), "signed_in_elsewhere");
    assert!(e.to_string().contains("助老理发义剪"), "{e}");
    attendance::enter_pair(d, &o.admin, other.id, wang, "09:00", "09:50").await.expect("before the first sign-in");
    let moved = ActivityInput { title: "楼道清洁".into(), ..activity_on(today() - Duration::days(1), 3) };
    assert_eq!(activities::save_activity(d, &o.admin, Some(other.id), moved).await.unwrap_err().field(), Some("heldOn"));
    assert_eq!(activities::cancel_activity(d, &o.admin, other.id, "下雨".into()).await.unwrap_err().code(), "activity_has_hours");

    let r = record::service_record(d, &viewer, wang).await.unwrap();
    assert_eq!((r.total_minutes, r.total_hours.as_str()), (110, "1.8"));
    assert_eq!((r.entries[0].source, r.entries[0].evaluation_label.as_deref()), (EntrySource::Activity, Some("优秀")));
    assert_eq!(r.entries[0].content, "助老理发义剪：为高龄老人免费理发");

    let report = hours::hours_report(d, &viewer, today() - Duration::days(30), today()).await.unwrap();
    assert_eq!(report.rows.len(), 2);
    assert_eq!((report.total.activities, report.total.total_minutes), (2, 170));
    let pdf = pdftotext(&hours::hours_pdf(d, &viewer, today() - Duration::days(30), today()).await.unwrap().bytes);
    assert!(pdf.contains("王建国") && pdf.contains("2.8"), "{pdf}");
    let xlsx = hours::hours_xlsx(d, &viewer, today() - Duration::days(30), today()).await.unwrap();
    assert!(xlsx.starts_with(b"PK"));
    assert_eq!(hours::hours_report(d, &viewer, today(), today() - Duration::days(1)).await.unwrap_err().code(), "period_reversed");
});

backend_test!(a_sign_in_sheet_prints_a_code_per_sign_up_and_a_called_off_activity_changes_nothing_more, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let wang = adult(d, &o, "王建国", "011").await;
    let a = activities::save_activity(d, &o.admin, None, activity_on(today() + Duration::days(3), 4)).await.unwrap();
    let detail = signups::sign_up(d, &o.admin, a.id, wang, Some(a.needs[0].id)).await.unwrap();
    let out = printing::activity_signin(d, &o.admin, a.id).await.unwrap();
    let text = pdftotext(&out.bytes);
    assert!(text.contains("志愿活动签到表") && text.contains("王建国") && text.contains("理发师"), "{text}");
    assert_eq!(
        attendance::toggle(d, &o.admin, a.id, wang, caredesk_core::volunteers::model::AttendanceWay::Scan).await.unwrap_err().code(),
        "not_activity_day"
    );
    // The need cannot drop below who signed up, nor go while someone is on it.
    let mut fewer = activity_on(a.held_on, 4);
    fewer.needs = vec![];
    assert_eq!(activities::save_activity(d, &o.admin, Some(a.id), fewer).await.unwrap_err().code(), "need_has_signups");
    signups::withdraw(d, &o.admin, detail.signups[0].id).await.unwrap();
    assert_eq!(activities::activity_row(d, &o.admin, a.id).await.unwrap().signed_up, 0);
    assert_eq!(signups::withdraw(d, &o.admin, detail.signups[0].id).await.unwrap_err().code(), "not_found", "withdrawn already");
    signups::sign_up(d, &o.admin, a.id, wang, Some(a.needs[0].id)).await.expect("a withdrawn volunteer may sign up again");
    let cancelled = activities::cancel_activity(d, &o.admin, a.id, "暴雨预警".into()).await.unwrap();
    assert_eq!((cancelled.status, cancelled.cancel_reason.as_deref()), (ActivityStatus::Cancelled, Some("暴雨预警")));
    assert_eq!(signups::sign_up(d, &o.admin, a.id, wang, None).await.unwrap_err().code(), "activity_cancelled");
});

backend_test!(minors_join_only_activities_for_minors_under_the_age_line, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let child = pupil(d, &o).await;
    let plain = activities::save_activity(d, &o.admin, None, activity_on(today(), 5)).await.unwrap();
    let e = signups::sign_up(d, &o.admin, plain.id, child, Some(plain.needs[0].id)).await.unwrap_err();
    assert_eq!(e.code(), "minor_not_allowed");
    assert!(e.to_string().contains("未满 14 周岁"), "{e}");
    let mut show = activity_on(today(), 5);
    show.minors_ok = true;
    show.title = "敬老院慰问演出".into();
    let show = activities::save_activity(d, &o.admin, None, show).await.unwrap();
    signups::sign_up(d, &o.admin, show.id, child, Some(show.needs[0].id)).await.unwrap();
    let e = activities::save_activity(d, &o.admin, Some(show.id), activity_on(today(), 5)).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("minors_signed_up", Some("minorsOk")));
    // The office lowers the line to 10: the pupil of 11 may then join any activity.
    let now = volunteer_settings::settings(d, &o.admin).await.unwrap();
    volunteer_settings::save_settings(d, &o.admin, VolunteerSettings { minor_activity_age: 10, ..now.clone() }).await.unwrap();
    signups::sign_up(d, &o.admin, plain.id, child, Some(plain.needs[0].id)).await.unwrap();
    let e = volunteer_settings::save_settings(d, &o.admin, VolunteerSettings { minor_activity_age: 30, ..now }).await.unwrap_err();
    assert_eq!(e.field(), Some("minorActivityAge"));
    // A paused volunteer takes part in nothing.
    let wang = adult(d, &o, "王建国", "011").await;
    let r = registry::volunteer_row(d, &o.admin, wang).await.unwrap();
    let resident_id = r.resident_id;
    let paused =
        caredesk_core::volunteers::registry::VolunteerInput { status: VolunteerStatus::Paused, ..from_registry(resident_id.unwrap()) };
    registry::save_volunteer(d, &o.admin, Some(wang), paused).await.unwrap();
    assert_eq!(signups::sign_up(d, &o.admin, plain.id, wang, Some(plain.needs[0].id)).await.unwrap_err().code(), "volunteer_not_active");
});

backend_test!(a_correction_is_a_new_entry_and_a_proof_keeps_its_number_on_reprint, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let elder = resident(d, &o, "孙秀英", "19400101", "041").await;
    living_alone(d, &o, elder).await;
    let wang = adult(d, &o, "王建国", "011").await;
    let p = pairings::save_pairing(d, &o.admin, None, pairing(elder, vec![wang], today() - Duration::days(20))).await.unwrap();
    let mut v = visit_on(today() - Duration::days(2));
    v.volunteer_id = Some(wang);
    v.needs_help = false;
    visits::record_visit(d, &o.admin, p.id, v).await.unwrap();
    let r = record::service_record(d, &o.admin, wang).await.unwrap();
    assert_eq!((r.entries.len(), r.entries[0].minutes, r.entries[0].content.as_str()), (1, 45, "结对走访（上门）"));
    let entry = r.entries[0].id;

    let viewer = db.add_user(&o.admin, "viewer", Role::Viewer).await;
    let ask = CorrectionInput { new_minutes: 60, reason: "走访时长记错，实际一小时".into(), requested_by: "本人".into() };
    assert_eq!(record::correct_entry(d, &viewer, entry, ask.clone()).await.unwrap_err().code(), "forbidden");
    let blank = CorrectionInput { reason: " ".into(), ..ask.clone() };
    assert_eq!(record::correct_entry(d, &o.admin, entry, blank).await.unwrap_err().field(), Some("reason"));
    let r = record::correct_entry(d, &o.admin, entry, ask.clone()).await.unwrap();
    assert_eq!((r.entries[0].minutes, r.entries[0].original_minutes, r.total_minutes), (60, 45, 60));
    let c = &r.entries[0].corrections[0];
    assert_eq!((c.old_minutes, c.new_minutes, c.requested_by.as_str()), (45, 60, "本人"));
    assert_eq!(db.count("service_entries").await, 2, "the correction is a new entry");
    assert_eq!(record::correct_entry(d, &o.admin, entry, ask).await.unwrap_err().code(), "correction_same");
    let lower = CorrectionInput { new_minutes: 50, reason: "核对走访记录表".into(), requested_by: "队长 李强".into() };
    let r = record::correct_entry(d, &o.admin, c.id, lower).await.expect("correcting a correction corrects the service");
    assert_eq!((r.entries[0].minutes, r.entries[0].corrections.len(), r.entries[0].corrections[1].old_minutes), (50, 2, 60));
    let honour = HonourInput {
        kind: HonourKind::Training,
        on_date: today() - Duration::days(10),
        title: "探访关爱服务培训".into(),
        issuer: "区志愿服务联合会".into(),
        notes: String::new(),
    };
    assert_eq!(record::add_honour(d, &o.admin, wang, honour).await.unwrap().honours[0].kind_label, "培训");

    let report = hours::hours_report(d, &viewer, today() - Duration::days(7), today()).await.unwrap();
    let row = &report.rows[0];
    assert_eq!((row.visits, row.visit_minutes, row.corrected_minutes, row.total_minutes), (1, 45, 5, 50));

    let period = ProofInput { volunteer_id: wang, from: today() - Duration::days(30), to: today() };
    let e = proofs::issue_proof(d, &o.admin, period.clone()).await.unwrap_err();
    assert_eq!(e.code(), "proof_signatory_missing");
    sign_settings(d, &o.admin).await;
    let first = proofs::issue_proof(d, &o.admin, period.clone()).await.unwrap();
    assert_eq!((first.proof.number.as_str(), first.proof.hours.as_str(), first.proof.services), ("ZYZM-2026-0001", "0.8", 1));
    let text = pdftotext(&first.pdf.bytes);
    for wanted in ["志愿服务证明", "ZYZM-2026-0001", "王建国", "ZY00001", "110101********", "0.8", "张建华", "0358-7221234", "盖章"]
    {
        assert!(text.contains(wanted), "{wanted} missing in:\n{text}");
    }
    // A later correction does not change a proof already issued.
    let more = CorrectionInput { new_minutes: 90, reason: "补记陪同时间".into(), requested_by: "本人".into() };
    record::correct_entry(d, &o.admin, entry, more).await.unwrap();
    let again = proofs::reprint_proof(d, &o.admin, first.proof.id).await.unwrap();
    assert_eq!((again.proof.number.as_str(), again.proof.hours.as_str(), again.proof.reprints), ("ZYZM-2026-0001", "0.8", 1));
    assert!(pdftotext(&again.pdf.bytes).contains("补打"));
    let second = proofs::issue_proof(d, &o.admin, period).await.unwrap();
    assert_eq!((second.proof.number.as_str(), second.proof.hours.as_str()), ("ZYZM-2026-0002", "1.5"));
    assert_eq!(proofs::list_proofs(d, &viewer, Some(wang)).await.unwrap().len(), 2);
    let empty = ProofInput { volunteer_id: wang, from: day(2026, 1, 1), to: day(2026, 1, 31) };
    assert_eq!(proofs::issue_proof(d, &o.admin, empty).await.unwrap_err().code(), "no_service_in_period");
    assert_eq!(db.count("volunteer_proofs").await, 2, "refusals write nothing");
});

backend_test!(proof_numbers_stay_unique_with_writers_at_once, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let elder = resident(d, &o, "孙秀英", "19400101", "041").await;
    let wang = adult(d, &o, "王建国", "011").await;
    let p = pairings::save_pairing(d, &o.admin, None, pairing(elder, vec![wang], today() - Duration::days(20))).await.unwrap();
    let mut v = visit_on(today() - Duration::days(1));
    v.volunteer_id = Some(wang);
    visits::record_visit(d, &o.admin, p.id, v).await.unwrap();
    sign_settings(d, &o.admin).await;
    let issue = || {
        let admin = o.admin.clone();
        async move {
            let input = ProofInput { volunteer_id: wang, from: today() - Duration::days(7), to: today() };
            proofs::issue_proof(d, &admin, input).await.unwrap().proof.number
        }
    };
    // Four writers at once: on PostgreSQL four transactions race for the year's counter.
    let (a, b, c, e) = tokio::join!(issue(), issue(), issue(), issue());
    let mut numbers = vec![a, b, c, e];
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers, ["ZYZM-2026-0001", "ZYZM-2026-0002", "ZYZM-2026-0003", "ZYZM-2026-0004"]);
});
