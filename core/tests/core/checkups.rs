//! Check-ups on SQLite and PostgreSQL: a campaign proposes the eligible residents of its target
//! rule, invites them within slot capacity, signs them in by slip code; results are refused on
//! implausible fields, flagged, and schedule follow-ups by the rules; an urgent reading raises an
//! alert until a follow-up records the referral; values stay with 卫生 and 管理员.

use crate::common;
use common::{day, id, pdftotext, qr_codes_on_page, today};

use caredesk_core::auth::{Actor, Role};
use caredesk_core::checkups::campaigns::{self, CampaignInput, SlotInput, TargetRule};
use caredesk_core::checkups::flags::BpGrade;
use caredesk_core::checkups::followup_rules::{Condition, FollowupMethod, TaskKind};
use caredesk_core::checkups::followups::{self, ConditionEntry, FollowupInput};
use caredesk_core::checkups::health;
use caredesk_core::checkups::import;
use caredesk_core::checkups::invitations::{self, InvitationStatus};
use caredesk_core::checkups::printing;
use caredesk_core::checkups::readings::{GlucoseKind, ReadingInput};
use caredesk_core::checkups::results;
use caredesk_core::checkups::stations::{self, ProviderInput, ProviderKind, StationInput};
use caredesk_core::checkups::stats;
use caredesk_core::checkups::threshold_sets;
use caredesk_core::communities::{self, CommunityKind, NewCommunity};
use caredesk_core::residents::{self, ResidentInput, Status, StatusChange};
use caredesk_core::{Desk, Error};
use chrono::{Duration, NaiveDate};

struct Setup {
    admin: Actor,
    community: i32,
    station: i32,
    provider: i32,
}

async fn setup(desk: &Desk, admin: Actor) -> Setup {
    let community =
        communities::add(desk, &admin, NewCommunity { parent_id: None, kind: CommunityKind::Community, name: "双桥社区".into() })
            .await
            .unwrap()
            .id;
    let station = stations::save_station(
        desk,
        &admin,
        None,
        StationInput {
            name: "双桥社区健康服务站".into(),
            community_id: Some(community),
            address: "双桥路 10 号".into(),
            phone: None,
            active: true,
        },
    )
    .await
    .unwrap()
    .id;
    let provider = stations::save_provider(
        desk,
        &admin,
        None,
        ProviderInput {
            name: "中阳楼街道卫生院".into(),
            kind: ProviderKind::HealthCenter,
            doctors: "张医生、李医生".into(),
            phone: None,
            active: true,
        },
    )
    .await
    .unwrap()
    .id;
    Setup { admin, community, station, provider }
}

async fn resident(desk: &Desk, s: &Setup, name: &str, birth: &str, seq: &str) -> i32 {
    let input = ResidentInput {
        name: name.into(),
        id_number: Some(id(birth, seq)),
        address: Some("双桥路 1 号".into()),
        community_id: Some(s.community),
        phone: Some("13803561234".into()),
        ..Default::default()
    };
    residents::create(desk, &s.admin, input).await.unwrap().id
}

/// Today and tomorrow, one morning slot each with `capacity` places, for 65 and over not checked
/// this year.
fn campaign_input(s: &Setup, capacity: i32) -> CampaignInput {
    let slot = |d: NaiveDate| SlotInput { id: None, day: d, starts_at: "08:00".into(), ends_at: "10:00".into(), capacity };
    CampaignInput {
        name: "2026 年冬季老年人免费体检".into(),
        station_id: s.station,
        provider_id: s.provider,
        first_day: today(),
        last_day: today() + Duration::days(1),
        target: TargetRule { min_age: Some(65), category_type_id: None, not_checked_this_year: true },
        bring_note: "身份证、医保卡".into(),
        fasting: true,
        notes: None,
        slots: vec![slot(today()), slot(today() + Duration::days(1))],
    }
}

fn bp(systolic: i32, diastolic: i32) -> ReadingInput {
    ReadingInput { systolic: Some(systolic), diastolic: Some(diastolic), ..Default::default() }
}

fn field_of(e: &Error) -> Option<&'static str> {
    e.field()
}

backend_test!(a_campaign_proposes_invites_within_capacity_and_signs_in_by_slip, |db| {
    let desk = db.desk();
    let s = setup(desk, db.with_admin().await).await;
    let old = resident(desk, &s, "王秀英", "19491231", "002").await;
    let turning_65_tomorrow = resident(desk, &s, "李建国", "19611129", "011").await;
    let just_65 = resident(desk, &s, "张桂兰", "19611128", "022").await;
    let deceased = resident(desk, &s, "赵海", "19400101", "031").await;
    let young = resident(desk, &s, "周丽", "19900101", "042").await;
    residents::change_status(
        desk,
        &s.admin,
        deceased,
        StatusChange { status: Status::Deceased, effective_date: day(2026, 10, 3), note: None },
    )
    .await
    .unwrap();
    let c = campaigns::save_campaign(desk, &s.admin, None, campaign_input(&s, 1)).await.unwrap();
    assert_eq!(c.target_text, "65岁及以上、本年度未体检");
    assert_eq!(c.room, 2);

    let proposed: Vec<i32> = invitations::propose(desk, &s.admin, c.id).await.unwrap().iter().map(|p| p.person.resident_id).collect();
    assert!(proposed.contains(&old) && proposed.contains(&just_65), "{proposed:?}");
    assert!(!proposed.contains(&turning_65_tomorrow), "64 on the first day");
    assert!(!proposed.contains(&deceased) && !proposed.contains(&young));

    // Two places in all: three people do not fit, and nobody is invited.
    let e = invitations::invite(desk, &s.admin, c.id, &[old, just_65, turning_65_tomorrow]).await.unwrap_err();
    assert_eq!((e.code(), field_of(&e)), ("no_room", Some("residentIds")));
    assert_eq!(db.count("checkup_invitations").await, 0);
    let e = invitations::invite(desk, &s.admin, c.id, &[old, deceased]).await.unwrap_err();
    assert_eq!(e.code(), "not_eligible");
    assert!(e.to_string().contains("赵海已于2026年10月3日去世"), "{e}");

    let r = invitations::invite(desk, &s.admin, c.id, &[old, just_65]).await.unwrap();
    assert_eq!((r.invited, r.already), (2, 0));
    assert_eq!(campaigns::get_campaign(desk, &s.admin, c.id).await.unwrap().room, 0, "both places taken");
    let rows = invitations::list(desk, &s.admin, c.id).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_ne!(rows[0].slot_id, rows[1].slot_id, "one place per slot");
    assert_eq!(rows[0].person.masked_id.len(), 18);
    assert!(rows[0].person.masked_id.contains("********"));
    // A full slot takes nobody more.
    let e = invitations::move_to_slot(desk, &s.admin, rows[0].id, rows[1].slot_id.unwrap()).await.unwrap_err();
    assert_eq!(e.code(), "slot_full");
    // A slot with invitees can neither go nor shrink below them.
    let mut smaller = campaign_input(&s, 1);
    smaller.slots.truncate(1);
    smaller.slots[0].id = Some(c.slots[0].id);
    let e = campaigns::save_campaign(desk, &s.admin, Some(c.id), smaller).await.unwrap_err();
    assert_eq!(e.code(), "slot_in_use");

    // The desk finds invitees by pinyin initials or name, as the residents search does.
    let found = invitations::find(desk, &s.admin, c.id, "wxy").await.unwrap();
    assert_eq!(found.iter().map(|r| r.person.resident_id).collect::<Vec<_>>(), vec![old]);
    assert_eq!(invitations::find(desk, &s.admin, c.id, "张桂兰").await.unwrap().len(), 1);
    assert!(invitations::find(desk, &s.admin, c.id, "周丽").await.unwrap().is_empty(), "not invited");
    // The slip's code signs in; an edited code is refused.
    let code = invitations::slip_code_of(desk, &s.admin, rows[0].id).await.unwrap();
    assert!(code.starts_with(&format!("CK1-{}-", rows[0].id)));
    let e = invitations::sign_in_by_slip(desk, &s.admin, c.id, &code.replace("CK1-", "CK1-9")).await.unwrap_err();
    assert_eq!(e.code(), "forged_slip");
    // Scanned right after a name search, the code follows the name still in the box.
    let signed = invitations::sign_in_by_slip(desk, &s.admin, c.id, &format!("wxy{code}")).await.unwrap();
    assert_eq!(signed.status, InvitationStatus::SignedIn);
    // A walk-in is signed in at once and takes no slot.
    let w = invitations::walk_in(desk, &s.admin, c.id, turning_65_tomorrow).await.unwrap();
    assert!(w.walk_in && w.slot_id.is_none() && w.signed_in_at.is_some());
    let e = invitations::walk_in(desk, &s.admin, c.id, deceased).await.unwrap_err();
    assert_eq!(e.code(), "not_eligible");
});

backend_test!(results_are_checked_flagged_and_schedule_follow_ups, |db| {
    let desk = db.desk();
    let s = setup(desk, db.with_admin().await).await;
    let a = resident(desk, &s, "王秀英", "19491231", "002").await;
    let b = resident(desk, &s, "张桂兰", "19500101", "022").await;
    let c = campaigns::save_campaign(desk, &s.admin, None, campaign_input(&s, 10)).await.unwrap();
    invitations::invite(desk, &s.admin, c.id, &[a, b]).await.unwrap();
    let rows = invitations::list(desk, &s.admin, c.id).await.unwrap();
    let inv = |r: i32| rows.iter().find(|x| x.person.resident_id == r).unwrap().id;

    // Implausible values are refused on their field and nothing is written.
    for (reading, field) in [
        (bp(261, 90), "systolic"),
        (bp(120, 120), "diastolic"),
        (ReadingInput { glucose: Some(35.1), glucose_kind: Some(GlucoseKind::Fasting), ..Default::default() }, "glucose"),
        (ReadingInput { height: Some(79.9), ..Default::default() }, "height"),
        (ReadingInput { weight: Some(200.1), ..Default::default() }, "weight"),
    ] {
        let e = results::save_result(desk, &s.admin, inv(a), reading).await.unwrap_err();
        assert_eq!(field_of(&e), Some(field), "{e}");
    }
    assert_eq!(db.count("checkup_results").await, 0);

    // 150/95: grade 1, a recheck within 14 days.
    let r = results::save_result(desk, &s.admin, inv(a), ReadingInput { height: Some(160.0), weight: Some(64.0), ..bp(150, 95) })
        .await
        .unwrap();
    assert_eq!(r.flags.bp_grade, Some(BpGrade::Grade1));
    assert_eq!(r.flags.bmi_x10, Some(250));
    assert_eq!(r.tasks.len(), 1);
    assert_eq!((r.tasks[0].kind, r.tasks[0].due_on), (TaskKind::Recheck, today() + Duration::days(14)));
    assert_eq!(r.threshold_version, "第 1 版");
    // Correcting the result replaces its open task.
    let r = results::save_result(desk, &s.admin, inv(a), bp(118, 76)).await.unwrap();
    assert!(r.tasks.is_empty());
    assert_eq!(db.count("followup_tasks").await, 0);
    assert_eq!(db.count("checkup_results").await, 1);

    // 185/112: urgent referral, on the home page until a follow-up records what was done.
    let u = results::save_result(desk, &s.admin, inv(b), bp(185, 112)).await.unwrap();
    assert!(u.flags.urgent);
    assert_eq!(u.tasks[0].kind, TaskKind::UrgentReferral);
    let alerts = followups::urgent_alerts(desk, &s.admin).await.unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].person.name, "张桂兰");
    assert!(alerts[0].reason.contains("185/112"), "{}", alerts[0].reason);
    let saved = followups::record(
        desk,
        &s.admin,
        FollowupInput {
            resident_id: b,
            task_id: Some(alerts[0].id),
            followed_on: today(),
            method: FollowupMethod::Clinic,
            reading: bp(150, 95),
            outcome: "已转诊至孝义市中心医院心内科".into(),
            next_on: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(saved.closed_task_id, Some(alerts[0].id));
    // The follow-up's own reading is uncontrolled right after an uncontrolled one: referral.
    assert_eq!(saved.next_tasks[0].kind, TaskKind::Referral);
    let alerts = followups::urgent_alerts(desk, &s.admin).await.unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].kind, TaskKind::Referral);
    let e = followups::record(
        desk,
        &s.admin,
        FollowupInput {
            resident_id: a,
            task_id: Some(alerts[0].id),
            followed_on: today(),
            method: FollowupMethod::Phone,
            reading: ReadingInput::default(),
            outcome: "电话随访".into(),
            next_on: None,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(&e), Some("taskId"));
    followups::record(
        desk,
        &s.admin,
        FollowupInput {
            resident_id: b,
            task_id: Some(alerts[0].id),
            followed_on: today(),
            method: FollowupMethod::Home,
            reading: bp(132, 84),
            outcome: "已陪同到医院就诊，调整用药".into(),
            next_on: Some(today() + Duration::days(30)),
        },
    )
    .await
    .unwrap();
    assert!(followups::urgent_alerts(desk, &s.admin).await.unwrap().is_empty());
    // Controlled and no known condition: only the agreed date remains.
    let open = followups::open_tasks(desk, &s.admin, Some(60)).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!((open[0].kind, open[0].due_on), (TaskKind::Recheck, today() + Duration::days(30)));
});

backend_test!(known_conditions_bring_quarterly_follow_ups, |db| {
    let desk = db.desk();
    let s = setup(desk, db.with_admin().await).await;
    let a = resident(desk, &s, "王秀英", "19491231", "002").await;
    followups::set_conditions(desk, &s.admin, a, vec![ConditionEntry { condition: Condition::Hypertension, since: Some(day(2015, 3, 1)) }])
        .await
        .unwrap();
    let open = followups::open_tasks(desk, &s.admin, None).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!((open[0].kind, open[0].due_on), (TaskKind::RoutineHypertension, today()));
    let saved = followups::record(
        desk,
        &s.admin,
        FollowupInput {
            resident_id: a,
            task_id: Some(open[0].id),
            followed_on: today(),
            method: FollowupMethod::Clinic,
            reading: bp(128, 82),
            outcome: "血压控制满意，继续服药".into(),
            next_on: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(saved.next_tasks.len(), 1);
    assert_eq!((saved.next_tasks[0].kind, saved.next_tasks[0].due_on), (TaskKind::RoutineHypertension, today() + Duration::days(90)));
    let e = followups::record(
        desk,
        &s.admin,
        FollowupInput {
            resident_id: a,
            task_id: None,
            followed_on: today() + Duration::days(1),
            method: FollowupMethod::Clinic,
            reading: bp(128, 82),
            outcome: "x".into(),
            next_on: None,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(&e), Some("followedOn"));
});

backend_test!(health_values_stay_with_health_staff_and_admins, |db| {
    let desk = db.desk();
    let s = setup(desk, db.with_admin().await).await;
    let a = resident(desk, &s, "王秀英", "19491231", "002").await;
    let c = campaigns::save_campaign(desk, &s.admin, None, campaign_input(&s, 10)).await.unwrap();
    invitations::invite(desk, &s.admin, c.id, &[a]).await.unwrap();
    let inv = invitations::list(desk, &s.admin, c.id).await.unwrap()[0].id;
    let nurse = db.add_user(&s.admin, "nurse", Role::Health).await;
    let social = db.add_user(&s.admin, "social", Role::SocialWorker).await;
    let cook = db.add_user(&s.admin, "cook", Role::Canteen).await;

    results::save_result(desk, &nurse, inv, bp(185, 112)).await.unwrap();
    // A social worker organises the day but neither enters nor reads values or alerts.
    let rows = invitations::list(desk, &social, c.id).await.unwrap();
    assert_eq!(rows[0].status, InvitationStatus::Checked);
    assert!(matches!(results::save_result(desk, &social, inv, bp(120, 80)).await.unwrap_err(), Error::Forbidden { .. }));
    assert!(matches!(results::result_of_invitation(desk, &social, inv).await.unwrap_err(), Error::Forbidden { .. }));
    assert!(matches!(followups::open_tasks(desk, &social, None).await.unwrap_err(), Error::Forbidden { .. }));
    assert!(followups::urgent_alerts(desk, &social).await.unwrap().is_empty());
    assert_eq!(followups::urgent_alerts(desk, &nurse).await.unwrap().len(), 1);
    // The resident's 服务记录: the check-up for everyone, its values only for health staff.
    let resident_id = rows[0].person.resident_id;
    let for_nurse = caredesk_core::residents::services::services_of(desk, &nurse, resident_id).await.unwrap();
    assert_eq!(for_nurse.checkup_count, 1);
    assert!(for_nurse.values_visible && for_nurse.checkups[0].result.is_some() && for_nurse.meals.is_none());
    let for_social = caredesk_core::residents::services::services_of(desk, &social, resident_id).await.unwrap();
    assert_eq!(for_social.checkup_count, 1);
    assert!(!for_social.values_visible && for_social.checkups[0].result.is_none() && for_social.meals.is_some());
    // The canteen does not organise check-ups, and only an admin changes the thresholds.
    assert!(matches!(invitations::list(desk, &cook, c.id).await.unwrap_err(), Error::Forbidden { .. }));
    let current = threshold_sets::get_current(desk, &nurse).await.unwrap();
    assert!(matches!(threshold_sets::save(desk, &nurse, current.thresholds.clone()).await.unwrap_err(), Error::Forbidden { .. }));
    let mut stricter = current.thresholds.clone();
    stricter.bp.grade1_systolic = 130;
    stricter.bp.uncontrolled_systolic = 130;
    stricter.bp.high_normal_systolic = 115;
    let v2 = threshold_sets::save(desk, &s.admin, stricter).await.unwrap();
    assert_eq!(v2.version, "第 2 版");
    // A result saved now uses version 2; the earlier flags keep theirs.
    let r = results::save_result(desk, &nurse, inv, bp(135, 85)).await.unwrap();
    assert_eq!((r.flags.bp_grade, r.threshold_version.as_str()), (Some(BpGrade::Grade1), "第 2 版"));
});

backend_test!(printed_lists_hold_masked_people_slips_sign_in_and_task_lists_are_audited, |db| {
    let desk = db.desk();
    let s = setup(desk, db.with_admin().await).await;
    let a = resident(desk, &s, "王秀英", "19491231", "002").await;
    let b = resident(desk, &s, "刘𠇔华", "19500101", "022").await;
    let c = campaigns::save_campaign(desk, &s.admin, None, campaign_input(&s, 1)).await.unwrap();
    invitations::invite(desk, &s.admin, c.id, &[a, b]).await.unwrap();

    let list = printing::checkup_list(desk, &s.admin, c.id).await.unwrap();
    let text = pdftotext(&list.bytes);
    for expected in
        ["体检名单", "王秀英", "刘𠇔华", "双桥社区", "138****1234", "血压", "签字", "11月28日 08:00–10:00", "11月29日 08:00–10:00"]
    {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(!text.contains("13803561234"), "phones are masked");
    assert!(!text.contains(&id("19491231", "002")), "ID numbers are masked");
    // Each slot heads its group, once, with its head count; no 时段 column repeats it.
    for heading in ["11月28日 08:00–10:00（1 人）", "11月29日 08:00–10:00（1 人）"] {
        assert_eq!(text.matches(heading).count(), 1, "{heading} once in:\n{text}");
    }
    assert!(!text.contains("时段"), "{text}");
    // Sorted by slot: today's invitee before tomorrow's.
    let rows = invitations::list(desk, &s.admin, c.id).await.unwrap();
    assert!(text.find(&rows[0].person.name).unwrap() < text.find(&rows[1].person.name).unwrap());

    let slips = printing::invitation_slips(desk, &s.admin, c.id).await.unwrap();
    let text = pdftotext(&slips.bytes);
    assert!(text.contains("空腹") && text.contains("身份证、医保卡") && text.contains("双桥路 10 号"), "{text}");
    let codes = qr_codes_on_page(&slips.bytes, 1);
    assert_eq!(codes.len(), 2, "{codes:?}");
    let signed = invitations::sign_in_by_slip(desk, &s.admin, c.id, &codes[0]).await.unwrap();
    assert_eq!(signed.status, InvitationStatus::SignedIn);

    results::save_result(desk, &s.admin, rows[0].id, bp(185, 112)).await.unwrap();
    let list = printing::checkup_list(desk, &s.admin, c.id).await.unwrap();
    assert!(pdftotext(&list.bytes).contains(&format!("紧急转诊待处理：{}", rows[0].person.name)));
    let social = db.add_user(&s.admin, "social", Role::SocialWorker).await;
    let list = printing::checkup_list(desk, &social, c.id).await.unwrap();
    assert!(!pdftotext(&list.bytes).contains("紧急转诊"), "health data stays with health staff");
    let before = db.count("audit_log").await;
    let tasks = printing::followup_list(desk, &s.admin, None).await.unwrap();
    let text = pdftotext(&tasks.bytes);
    assert!(text.contains("紧急转诊") && !text.contains("【紧急】紧急转诊") && text.contains("185/112"), "{text}");
    // 电话 is a way of following up: the health worker gets the whole number, and the print says so.
    assert!(text.contains("13803561234") && text.contains("本单含居民完整电话"), "{text}");
    assert_eq!(db.count("audit_log").await, before + 1);
    let audited = db.last_audit(&s.admin).await;
    assert_eq!(audited.action, "followup_list_print");
    assert!(audited.detail.as_deref().unwrap_or("").contains("含完整电话"), "{audited:?}");
});

#[test]
fn each_page_of_slips_is_dated_by_its_own_slips() {
    use caredesk_core::checkups::documents::{invitation_slips, Slip};
    use caredesk_core::print::page::PageMeta;
    let slip = |n: usize, d: u32| Slip {
        name: format!("居民{n}"),
        campaign: "2026年冬季老年人免费体检".into(),
        day: day(2026, 11, d),
        when: format!("2026年11月{d}日 08:00–10:00"),
        station: "双桥社区卫生服务站".into(),
        address: "双桥路 10 号".into(),
        bring: "身份证、医保卡".into(),
        fasting: true,
        code: format!("CK1-{n:04}-ABCDEF"),
    };
    let slips: Vec<Slip> = (0..7).map(|n| slip(n, if n < 6 { 28 } else { 29 })).collect();
    let meta = PageMeta {
        office: "中阳楼街道办事处".into(),
        title: String::new(),
        date: "2026年11月28日".into(),
        printed_by: "张晓梅".into(),
        printed_at: "2026-11-27 09:00".into(),
    };
    let out = invitation_slips(&slips, &meta).unwrap();
    let text = pdftotext(&out.bytes);
    let pages: Vec<&str> = text.split('\x0c').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), 2, "six slips to a page");
    assert!(pages[0].contains("日期：2026年11月28日") && !pages[0].contains("29日"), "{}", pages[0]);
    assert!(pages[1].contains("日期：2026年11月29日"), "the second page is dated by its slip:\n{}", pages[1]);
    // A slip alone on its row reads as one text, in order, nothing cut.
    let flat: String = pages[1].split_whitespace().collect();
    assert!(flat.contains("您好！请于2026年11月29日08:00–10:00到双桥社区卫生服务站参加2026年冬季老年人免费体检。"), "{flat}");
    assert!(flat.contains("体检当天请空腹（早晨不进食、不喝含糖饮料），可少量饮水。"), "{flat}");
    assert_eq!(qr_codes_on_page(&out.bytes, 1).len(), 6);
}

backend_test!(the_task_list_gives_health_staff_full_phones_audited_and_says_how_overdue, |db| {
    let desk = db.desk();
    let s = setup(desk, db.with_admin().await).await;
    let a = resident(desk, &s, "王秀英", "19491231", "002").await;
    followups::set_conditions(desk, &s.admin, a, vec![ConditionEntry { condition: Condition::Hypertension, since: Some(day(2015, 3, 1)) }])
        .await
        .unwrap();
    let nurse = db.add_user(&s.admin, "nurse", Role::Health).await;
    let before = db.count("audit_log").await;
    let open = followups::open_tasks(desk, &nurse, None).await.unwrap();
    assert_eq!(open[0].phone.as_deref(), Some("13803561234"));
    assert_eq!((open[0].overdue, open[0].overdue_days), (false, 0));
    assert_eq!(db.count("audit_log").await, before + 1, "looking at full phones is recorded");
    assert_eq!(db.last_audit(&s.admin).await.action, "followup_tasks_view");

    desk.clock().advance(Duration::days(62));
    let open = followups::open_tasks(desk, &nurse, None).await.unwrap();
    assert_eq!((open[0].overdue, open[0].overdue_days), (true, 62));
    let text = pdftotext(&printing::followup_list(desk, &nurse, None).await.unwrap().bytes);
    assert!(text.contains("逾期 62 天"), "{text}");
    // The home page's alerts never carry phones.
    assert!(followups::urgent_alerts(desk, &nurse).await.unwrap().iter().all(|t| t.phone.is_none()));
});

backend_test!(hospital_sheets_import_good_rows_in_one_go_and_refuse_the_rest_on_their_column, |db| {
    let desk = db.desk();
    let s = setup(desk, db.with_admin().await).await;
    let a = resident(desk, &s, "王秀英", "19491231", "002").await;
    let b = resident(desk, &s, "张桂兰", "19500101", "022").await;
    let c = campaigns::save_campaign(desk, &s.admin, None, campaign_input(&s, 10)).await.unwrap();
    invitations::invite(desk, &s.admin, c.id, &[a]).await.unwrap();
    let csv = format!(
        "2026年冬季体检结果\n姓名,身份证号码,体检日期,血压,心率,空腹血糖,身高(cm),体重(kg),医生意见\n\
         王秀英,{},2026-11-28,185/112,80,6.1,160,64,建议转诊\n\
         张桂兰,{},2026/11/27,300/90,76,5.2,155,50,\n\
         张三,{},2026-11-27,120/80,70,,,,\n\
         李四,110101194001010011,2026-11-27,120/80,,,,,\n\
         王秀英,{},2026-12-01,120/80,,,,,\n",
        id("19491231", "002"),
        id("19500101", "022"),
        id("19500101", "022"),
        id("19491231", "002"),
    );
    let preview = import::preview(desk, &s.admin, "体检结果.csv", csv.as_bytes()).await.unwrap();
    assert_eq!((preview.counts.new, preview.counts.error), (1, 4), "{:?}", preview.rows);
    let errors: Vec<(u32, String, String)> =
        preview.rows.iter().flat_map(|r| r.errors.iter().map(move |e| (r.row, e.column.clone(), e.message.clone()))).collect();
    assert!(errors.iter().any(|(row, col, m)| *row == 4 && col == "血压" && m.contains("60–260")), "{errors:?}");
    assert!(errors.iter().any(|(row, col, m)| *row == 5 && col == "姓名" && m.contains("张桂兰")), "{errors:?}");
    assert!(errors.iter().any(|(row, col, _)| *row == 6 && col == "身份证号码"), "{errors:?}");
    assert!(errors.iter().any(|(row, col, m)| *row == 7 && col == "体检日期" && m.contains("晚于今天")), "{errors:?}");
    assert_eq!(db.count("checkup_results").await, 0, "a preview writes nothing");

    let done = import::commit(desk, &s.admin, "体检结果.csv", csv.as_bytes()).await.unwrap();
    assert_eq!((done.created, done.skipped), (1, 4));
    // The imported row joined the invitation of the campaign running that day, and is urgent.
    let inv = invitations::list(desk, &s.admin, c.id).await.unwrap()[0].id;
    let r = results::result_of_invitation(desk, &s.admin, inv).await.unwrap().expect("joined the invitation");
    assert_eq!((r.reading.systolic, r.reading.glucose_x10, r.flags.bmi_x10), (Some(185), Some(61), Some(250)));
    assert_eq!(followups::urgent_alerts(desk, &s.admin).await.unwrap().len(), 1);
    // Importing the same sheet again replaces that day's result rather than adding one.
    let again = import::commit(desk, &s.admin, "体检结果.csv", csv.as_bytes()).await.unwrap();
    assert_eq!((again.created, again.updated), (0, 1));
    assert_eq!(db.count("checkup_results").await, 1);
    let _ = b;
});

backend_test!(hospital_values_written_with_their_units_import_and_an_urgent_one_raises_the_alert, |db| {
    let desk = db.desk();
    let s = setup(desk, db.with_admin().await).await;
    resident(desk, &s, "王秀英", "19491231", "002").await;
    resident(desk, &s, "张桂兰", "19500101", "022").await;
    resident(desk, &s, "李建国", "19480303", "011").await;
    let csv = format!(
        "姓名,身份证号码,体检日期,血压,心率,空腹血糖,身高,体重,腰围\n\
         王秀英,{},2026-11-27,185/112mmHg,72次/分,6.1 mmol/L,160cm,64公斤,80厘米\n\
         张桂兰,{},2026-11-27,１２８／８２ｍｍＨｇ,76 bpm,５.２ｍｍｏｌ／Ｌ,155 厘米,50kg,78 cm\n\
         李建国,{},2026-11-27,130/85,七十二,,,,\n",
        id("19491231", "002"),
        id("19500101", "022"),
        id("19480303", "011"),
    );
    let preview = import::preview(desk, &s.admin, "医院结果.csv", csv.as_bytes()).await.unwrap();
    assert_eq!((preview.counts.new, preview.counts.error), (2, 1), "{:?}", preview.rows);
    let refused = &preview.rows.iter().find(|r| r.name == "李建国").unwrap().errors[0];
    assert_eq!(refused.column, "心率");
    assert!(refused.message.contains("七十二"), "{}", refused.message);
    assert!(followups::urgent_alerts(desk, &s.admin).await.unwrap().is_empty(), "nothing before 确认导入");

    let done = import::commit(desk, &s.admin, "医院结果.csv", csv.as_bytes()).await.unwrap();
    assert_eq!((done.created, done.skipped), (2, 1));
    let alerts = followups::urgent_alerts(desk, &s.admin).await.unwrap();
    assert_eq!(alerts.len(), 1, "185/112mmHg is urgent: {alerts:?}");
    assert!(format!("{alerts:?}").contains("王秀英"), "{alerts:?}");
});

backend_test!(the_health_page_shows_values_and_trends_only_to_health_staff, |db| {
    let desk = db.desk();
    let s = setup(desk, db.with_admin().await).await;
    let a = resident(desk, &s, "王秀英", "19491231", "002").await;
    let c = campaigns::save_campaign(desk, &s.admin, None, campaign_input(&s, 10)).await.unwrap();
    invitations::invite(desk, &s.admin, c.id, &[a]).await.unwrap();
    let inv = invitations::list(desk, &s.admin, c.id).await.unwrap()[0].id;
    results::save_result(desk, &s.admin, inv, ReadingInput { glucose: Some(7.8), glucose_kind: Some(GlucoseKind::Fasting), ..bp(150, 95) })
        .await
        .unwrap();
    followups::record(
        desk,
        &s.admin,
        FollowupInput {
            resident_id: a,
            task_id: None,
            followed_on: today(),
            method: FollowupMethod::Phone,
            reading: bp(138, 86),
            outcome: "已按时服药".into(),
            next_on: None,
        },
    )
    .await
    .unwrap();
    let page = health::health_page(desk, &s.admin, a).await.unwrap();
    assert!(page.values_visible);
    assert_eq!(page.checkups.len(), 1);
    assert_eq!(page.checkups[0].campaign.as_deref(), Some("2026 年冬季老年人免费体检"));
    assert_eq!(page.bp_series.iter().map(|p| (p.systolic, p.source.as_str())).collect::<Vec<_>>(), vec![(150, "体检"), (138, "随访")]);
    assert_eq!(page.glucose_series[0].value_x10, 78);
    assert_eq!(page.followups[0].blood_pressure.as_deref(), Some("138/86"));

    let social = db.add_user(&s.admin, "social", Role::SocialWorker).await;
    let page = health::health_page(desk, &social, a).await.unwrap();
    assert!(!page.values_visible);
    assert_eq!(page.checkups.len(), 1, "that a check-up took place is visible");
    assert!(page.checkups[0].result.is_none() && page.bp_series.is_empty() && page.glucose_series.is_empty());
    assert!(page.followups[0].blood_pressure.is_none() && page.followups[0].outcome.is_none());

    let counts = stats::counts(desk, &social, 2026).await.unwrap();
    assert_eq!((counts.year_total, counts.year_flagged, counts.flagged_per_mille, counts.cumulative), (1, 1, 1000, 1));
    assert_eq!(counts.rows[0].station, "双桥社区健康服务站");
    assert_eq!(counts.rows[0].month, "2026-11");
});
