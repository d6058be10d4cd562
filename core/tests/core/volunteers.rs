//! Volunteers: the registry with its numbers and minors' consent, pairings with elders and their
//! refusals, the one definition of not visited lately, visits (a worry reaches the health staff),
//! an elder who leaves ending the pairing, and the printouts.

use crate::common;
use common::{day, id, pdftotext, today};

use caredesk_core::auth::{Actor, Role};
use caredesk_core::checkups::followup_rules::TaskKind;
use caredesk_core::checkups::followups;
use caredesk_core::communities::{self, CommunityKind, NewCommunity};
use caredesk_core::residents::categories::{self, NewCategoryPeriod};
use caredesk_core::residents::{self, ResidentInput, Status, StatusChange};
use caredesk_core::volunteers::model::{IdType, VisitWay, VolunteerStatus};
use caredesk_core::volunteers::pairings::{self, PairingFilter, PairingInput};
use caredesk_core::volunteers::printing;
use caredesk_core::volunteers::registry::{self, VolunteerInput, VolunteerQuery};
use caredesk_core::volunteers::settings::{self as volunteer_settings, VolunteerSettings};
use caredesk_core::volunteers::teams::{self, TeamInput};
use caredesk_core::volunteers::visits::{self, VisitInput};
use caredesk_core::Desk;
use chrono::{Duration, NaiveDate};

pub(crate) struct Office {
    pub admin: Actor,
    pub community: i32,
}

pub(crate) async fn office(desk: &Desk, admin: Actor) -> Office {
    let c = NewCommunity { parent_id: None, kind: CommunityKind::Community, name: "双桥社区".into() };
    let community = communities::add(desk, &admin, c).await.unwrap().id;
    Office { admin, community }
}

pub(crate) async fn resident(desk: &Desk, o: &Office, name: &str, birth: &str, seq: &str) -> i32 {
    let input = ResidentInput {
        name: name.into(),
        id_number: Some(id(birth, seq)),
        address: Some("双桥路 8 号 2 单元 301".into()),
        community_id: Some(o.community),
        phone: Some("13803561234".into()),
        ..Default::default()
    };
    residents::create(desk, &o.admin, input).await.unwrap().id
}

pub(crate) async fn living_alone(desk: &Desk, o: &Office, resident_id: i32) {
    let types = categories::types(desk, &o.admin).await.unwrap();
    let alone = types.iter().find(|t| t.name == "独居").unwrap().id;
    let period = NewCategoryPeriod { category_type_id: alone, start_date: day(2025, 1, 1), end_date: None, note: None };
    categories::add(desk, &o.admin, resident_id, period).await.unwrap();
}

pub(crate) fn from_registry(resident_id: i32) -> VolunteerInput {
    VolunteerInput {
        resident_id: Some(resident_id),
        name: String::new(),
        id_type: None,
        id_number: None,
        birth_date: None,
        phone: String::new(),
        skills: "理发、量血压".into(),
        availability: "周二、周四下午".into(),
        joined_on: day(2026, 3, 1),
        status: VolunteerStatus::Active,
        guardian_consent_on: None,
        guardian_consent_by: None,
        notes: String::new(),
        team_ids: vec![],
    }
}

pub(crate) fn outside(name: &str, id_type: IdType, number: &str) -> VolunteerInput {
    VolunteerInput {
        resident_id: None,
        name: name.into(),
        id_type: Some(id_type),
        id_number: Some(number.into()),
        phone: "13912345678".into(),
        ..from_registry(0)
    }
}

pub(crate) fn pairing(elder_id: i32, volunteer_ids: Vec<i32>, start: NaiveDate) -> PairingInput {
    PairingInput { elder_id, volunteer_ids, frequency_days: 7, start_date: start, notes: String::new() }
}

pub(crate) fn visit_on(visited_on: NaiveDate) -> VisitInput {
    VisitInput {
        volunteer_id: None,
        visited_on,
        duration_minutes: 45,
        way: VisitWay::Home,
        health: "血压偏高，自述头晕".into(),
        safety: "燃气灶已检查".into(),
        mood: "精神尚可".into(),
        needs: "想要助餐送餐".into(),
        needs_help: true,
        health_worry: false,
        next_visit_on: None,
    }
}

#[test]
fn not_visited_lately_is_the_frequency_plus_the_grace_days() {
    let start = day(2026, 11, 1);
    // Weekly with 3 days' grace: due on 11-08, overdue from 11-12.
    let on_time = pairings::visit_state(start, 7, None, day(2026, 11, 11), 3);
    assert_eq!((on_time.due_on, on_time.overdue, on_time.label.as_str()), (day(2026, 11, 8), false, "尚未走访"));
    let late = pairings::visit_state(start, 7, None, day(2026, 11, 12), 3);
    assert_eq!((late.overdue, late.overdue_days, late.label.as_str()), (true, 4, "从未走访，逾期 4 天"));
    let visited = pairings::visit_state(start, 7, Some(day(2026, 11, 20)), day(2026, 11, 30), 3);
    assert_eq!((visited.due_on, visited.overdue, visited.overdue_days), (day(2026, 11, 27), false, 0));
    let visited_late = pairings::visit_state(start, 7, Some(day(2026, 11, 20)), day(2026, 12, 1), 3);
    assert_eq!((visited_late.overdue, visited_late.label.as_str()), (true, "逾期 4 天"));
    assert!(!pairings::visit_state(start, 7, None, day(2026, 11, 12), 4).overdue, "a longer grace");
}

backend_test!(volunteers_get_numbers_in_order_and_a_minor_needs_consent, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let wang = resident(d, &o, "王建国", "19580312", "011").await;
    let team = teams::save_team(
        d,
        &o.admin,
        None,
        TeamInput { name: "银龄互助队".into(), leader_id: None, description: String::new(), active: true },
    )
    .await
    .unwrap();
    let mut input = from_registry(wang);
    input.team_ids = vec![team.id, team.id];
    let first = registry::save_volunteer(d, &o.admin, None, input.clone()).await.unwrap();
    assert_eq!((first.number.as_str(), first.name.as_str(), first.id_type_label.as_str()), ("ZY00001", "王建国", "居民身份证"));
    assert_eq!((first.masked_id.as_str(), first.phone.as_str(), first.teams.len()), ("110101********0111", "13803561234", 1));
    assert!(db.last_audit(&o.admin).await.detail.unwrap_or_default().contains("ZY00001"));
    let e = registry::save_volunteer(d, &o.admin, None, input).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("conflict", Some("residentId")));

    let e = registry::save_volunteer(d, &o.admin, None, outside("李华", IdType::ResidentCard, "110101199001011234")).await.unwrap_err();
    assert_eq!(e.field(), Some("idNumber"), "a bad check digit");
    let e = registry::save_volunteer(d, &o.admin, None, outside("Tom", IdType::Passport, "E12345678")).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("birth_date_required", Some("birthDate")));
    let mut passport = outside("Tom", IdType::Passport, "E12345678");
    passport.birth_date = Some(day(1990, 5, 1));
    let tom = registry::save_volunteer(d, &o.admin, None, passport).await.unwrap();
    assert_eq!((tom.number.as_str(), tom.masked_id.as_str()), ("ZY00002", "E1*****78"));
    // An edit without the number (the window only sees it masked) keeps the stored one.
    let mut edit = outside("Tom Lee", IdType::Passport, "");
    edit.id_number = None;
    let edited = registry::save_volunteer(d, &o.admin, Some(tom.id), edit).await.unwrap();
    assert_eq!((edited.name.as_str(), edited.masked_id.as_str(), edited.number.as_str()), ("Tom Lee", "E1*****78", "ZY00002"));

    // A pupil of 11: consent first.
    let pupil_id = id("20150601", "023");
    let e = registry::save_volunteer(d, &o.admin, None, outside("刘小红", IdType::ResidentCard, &pupil_id)).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("guardian_consent_required", Some("guardianConsentOn")));
    let mut consented = outside("刘小红", IdType::ResidentCard, &pupil_id);
    consented.guardian_consent_on = Some(day(2026, 2, 20));
    consented.guardian_consent_by = Some("母亲 张丽".into());
    let pupil = registry::save_volunteer(d, &o.admin, None, consented).await.unwrap();
    assert!(pupil.minor && pupil.age == Some(11));
    assert_eq!(db.count("volunteers").await, 3, "nothing written by the refusals");

    let moved = resident(d, &o, "赵一", "19600101", "031").await;
    let change = StatusChange { status: Status::MovedOut, effective_date: today() - Duration::days(1), note: None };
    residents::change_status(d, &o.admin, moved, change).await.unwrap();
    assert_eq!(registry::save_volunteer(d, &o.admin, None, from_registry(moved)).await.unwrap_err().code(), "not_eligible");

    let viewer = db.add_user(&o.admin, "viewer", Role::Viewer).await;
    let seen = registry::list_volunteers(d, &viewer, VolunteerQuery { text: Some("王".into()), ..Default::default() }).await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].phone, "138****1234", "readers see masked phones");
    let by_team = registry::list_volunteers(d, &o.admin, VolunteerQuery { team_id: Some(team.id), ..Default::default() }).await.unwrap();
    assert_eq!(by_team.len(), 1);
    assert_eq!(registry::save_volunteer(d, &viewer, None, from_registry(wang)).await.unwrap_err().code(), "forbidden");
    let cook = db.add_user(&o.admin, "cook", Role::Canteen).await;
    assert_eq!(registry::list_volunteers(d, &cook, VolunteerQuery::default()).await.unwrap_err().code(), "forbidden");
});

backend_test!(numbers_stay_unique_with_writers_at_once, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let save = |n: u32| {
        let admin = o.admin.clone();
        async move {
            let mut input = outside(&format!("志愿者{n}"), IdType::Other, &format!("NO-{n:04}"));
            input.birth_date = Some(day(1985, 1, 1));
            registry::save_volunteer(d, &admin, None, input).await.map(|v| v.number).unwrap()
        }
    };
    // Four writers at once: on PostgreSQL four transactions race for the counter's row.
    let (a, b, c, e) = tokio::join!(save(1), save(2), save(3), save(4));
    let mut numbers = vec![a, b, c, e];
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers, ["ZY00001", "ZY00002", "ZY00003", "ZY00004"]);
});

backend_test!(pairings_are_with_elders_by_adult_active_volunteers_one_at_a_time, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let elder = resident(d, &o, "孙秀英", "19400211", "042").await;
    living_alone(d, &o, elder).await;
    let young = resident(d, &o, "钱多多", "19900101", "051").await;
    let v = registry::save_volunteer(d, &o.admin, None, from_registry(resident(d, &o, "王建国", "19580312", "011").await)).await.unwrap();

    let suggested = pairings::suggest_elders(d, &o.admin).await.unwrap();
    assert_eq!(suggested.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["孙秀英"]);
    assert_eq!(suggested[0].categories, ["独居"]);

    let e = pairings::save_pairing(d, &o.admin, None, pairing(young, vec![v.id], day(2026, 11, 1))).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("not_elder", Some("elderId")));
    let e = pairings::save_pairing(d, &o.admin, None, pairing(elder, vec![], day(2026, 11, 1))).await.unwrap_err();
    assert_eq!(e.field(), Some("volunteerIds"));
    let mut pupil = outside("刘小红", IdType::ResidentCard, &id("20150601", "023"));
    pupil.guardian_consent_on = Some(day(2026, 2, 20));
    pupil.guardian_consent_by = Some("母亲 张丽".into());
    let pupil = registry::save_volunteer(d, &o.admin, None, pupil).await.unwrap();
    let e = pairings::save_pairing(d, &o.admin, None, pairing(elder, vec![pupil.id], day(2026, 11, 1))).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("volunteer_too_young", Some("volunteerIds")));
    let mut paused = outside("周六", IdType::Other, "X-1");
    paused.birth_date = Some(day(1980, 1, 1));
    paused.status = VolunteerStatus::Paused;
    let paused = registry::save_volunteer(d, &o.admin, None, paused).await.unwrap();
    assert_eq!(
        pairings::save_pairing(d, &o.admin, None, pairing(elder, vec![paused.id], day(2026, 11, 1))).await.unwrap_err().code(),
        "volunteer_not_active"
    );
    assert_eq!(db.count("pairings").await, 0, "nothing written by the refusals");

    let p = pairings::save_pairing(d, &o.admin, None, pairing(elder, vec![v.id], day(2026, 11, 1))).await.unwrap();
    assert_eq!(
        (p.frequency_label.as_str(), p.volunteers[0].name.as_str(), p.address.as_str()),
        ("每周", "王建国", "双桥路 8 号 2 单元 301")
    );
    let e = pairings::save_pairing(d, &o.admin, None, pairing(elder, vec![v.id], day(2026, 11, 1))).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("conflict", Some("elderId")));
    assert!(pairings::suggest_elders(d, &o.admin).await.unwrap().is_empty(), "a paired elder is no longer suggested");
    // An edit keeps the elder, and starts no later than the first visit.
    let other_elder = resident(d, &o, "周桂兰", "19450505", "062").await;
    let e = pairings::save_pairing(d, &o.admin, Some(p.id), pairing(other_elder, vec![v.id], day(2026, 11, 1))).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("elder_fixed", Some("elderId")));
    visits::record_visit(d, &o.admin, p.id, visit_on(day(2026, 11, 10))).await.unwrap();
    let e = pairings::save_pairing(d, &o.admin, Some(p.id), pairing(elder, vec![v.id], day(2026, 11, 12))).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("start_after_visits", Some("startDate")));
    let mut fortnightly = pairing(elder, vec![v.id], day(2026, 11, 1));
    fortnightly.frequency_days = 14;
    fortnightly.notes = "老人耳背，请大声说话".into();
    let edited = pairings::save_pairing(d, &o.admin, Some(p.id), fortnightly).await.unwrap();
    assert_eq!((edited.frequency_label.as_str(), edited.notes.as_str(), edited.visits), ("每两周", "老人耳背，请大声说话", 1));
    let e = pairings::end_pairing(d, &o.admin, p.id, day(2026, 11, 5), "搬去女儿家".into()).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("end_before_visit", Some("endDate")));
    assert_eq!(registry::volunteer_row(d, &o.admin, v.id).await.unwrap().pairings, 1);
});

backend_test!(a_visit_clears_the_overdue_mark_and_a_health_worry_reaches_the_health_staff, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let elder = resident(d, &o, "孙秀英", "19400211", "042").await;
    let v = registry::save_volunteer(d, &o.admin, None, from_registry(resident(d, &o, "王建国", "19580312", "011").await)).await.unwrap();
    let other =
        registry::save_volunteer(d, &o.admin, None, from_registry(resident(d, &o, "李大海", "19620101", "071").await)).await.unwrap();
    // Weekly from 11-01; today() is 11-28: never visited, 20 days late.
    let p = pairings::save_pairing(d, &o.admin, None, pairing(elder, vec![v.id], day(2026, 11, 1))).await.unwrap();
    assert_eq!((p.visit.overdue, p.visit.overdue_days), (true, 20));
    let overdue = pairings::list_pairings(d, &o.admin, PairingFilter::Overdue, None).await.unwrap();
    assert_eq!(overdue.len(), 1);

    let e = visits::record_visit(d, &o.admin, p.id, visit_on(today() + Duration::days(1))).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("visit_in_future", Some("visitedOn")));
    let e = visits::record_visit(d, &o.admin, p.id, visit_on(day(2026, 10, 30))).await.unwrap_err();
    assert_eq!(e.code(), "visit_outside_pairing");
    let mut stranger = visit_on(today());
    stranger.volunteer_id = Some(other.id);
    assert_eq!(visits::record_visit(d, &o.admin, p.id, stranger).await.unwrap_err().field(), Some("volunteerId"));
    let mut long = visit_on(today());
    long.duration_minutes = 4500;
    assert_eq!(visits::record_visit(d, &o.admin, p.id, long).await.unwrap_err().field(), Some("durationMinutes"));
    let mut unexplained = visit_on(today());
    unexplained.health_worry = true;
    unexplained.health = String::new();
    assert_eq!(visits::record_visit(d, &o.admin, p.id, unexplained).await.unwrap_err().code(), "worry_unexplained");
    assert_eq!(db.count("visits").await, 0);

    let mut worry = visit_on(today() - Duration::days(2));
    worry.volunteer_id = Some(v.id);
    worry.health_worry = true;
    worry.next_visit_on = Some(today() + Duration::days(5));
    let saved = visits::record_visit(d, &o.admin, p.id, worry).await.unwrap();
    assert_eq!((saved.by.as_str(), saved.way_label.as_str()), ("王建国", "上门"));
    assert!(saved.followup_task_id.is_some());
    let after = pairings::pairing_row(d, &o.admin, p.id).await.unwrap();
    assert_eq!((after.visit.overdue, after.visits, after.visit.last_visited_on), (false, 1, Some(today() - Duration::days(2))));
    assert_eq!(after.next_visit_on, Some(today() + Duration::days(5)));
    assert!(pairings::list_pairings(d, &o.admin, PairingFilter::Overdue, None).await.unwrap().is_empty(), "the mark clears");
    let before = pairings::list_pairings(d, &o.admin, PairingFilter::Overdue, Some(today() - Duration::days(3))).await.unwrap();
    assert_eq!((before.len(), before[0].visits), (1, 0), "as of a day before the visit it was still overdue");

    let viewer = db.add_user(&o.admin, "viewer", Role::Viewer).await;
    let seen = visits::visits_of(d, &viewer, p.id).await.unwrap();
    assert_eq!((seen[0].health.as_str(), seen[0].mood.as_str()), ("", "精神尚可"), "health findings stay with those who keep the pairings");
    let doctor = db.add_user(&o.admin, "doctor", Role::Health).await;
    let tasks = followups::open_tasks(d, &doctor, Some(7)).await.unwrap();
    let task = tasks.iter().find(|t| t.kind == TaskKind::VisitConcern).expect("a task for the health staff");
    assert!(task.reason.contains("血压偏高"), "{}", task.reason);
    assert_eq!(task.person.name, "孙秀英");

    // A longer grace is the office's choice; only an administrator sets it.
    let social = db.add_user(&o.admin, "social", Role::SocialWorker).await;
    let grace = VolunteerSettings { visit_grace_days: 10, ..volunteer_settings::settings(d, &social).await.unwrap() };
    assert_eq!(grace.minor_activity_age, 14, "the default age line for minors' activities");
    assert_eq!(volunteer_settings::save_settings(d, &social, grace.clone()).await.unwrap_err().code(), "forbidden");
    assert_eq!(
        volunteer_settings::save_settings(d, &o.admin, VolunteerSettings { visit_grace_days: 31, ..grace.clone() })
            .await
            .unwrap_err()
            .field(),
        Some("visitGraceDays")
    );
    volunteer_settings::save_settings(d, &o.admin, grace).await.unwrap();
    assert_eq!(volunteer_settings::settings(d, &social).await.unwrap().visit_grace_days, 10);
});

backend_test!(an_elder_who_moves_away_ends_the_pairing_that_day, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let elder = resident(d, &o, "孙秀英", "19400211", "042").await;
    let v = registry::save_volunteer(d, &o.admin, None, from_registry(resident(d, &o, "王建国", "19580312", "011").await)).await.unwrap();
    let p = pairings::save_pairing(d, &o.admin, None, pairing(elder, vec![v.id], day(2026, 11, 1))).await.unwrap();
    let moved_on = today() - Duration::days(4);
    residents::change_status(d, &o.admin, elder, StatusChange { status: Status::MovedOut, effective_date: moved_on, note: None })
        .await
        .unwrap();
    let viewer = db.add_user(&o.admin, "viewer", Role::Viewer).await;
    let audits = db.count("audit_log").await;
    pairings::list_pairings(d, &viewer, PairingFilter::Active, None).await.unwrap();
    assert_eq!(db.count("audit_log").await, audits, "a reader's look writes nothing");
    assert!(pairings::list_pairings(d, &o.admin, PairingFilter::Active, None).await.unwrap().is_empty());
    let ended = pairings::pairing_row(d, &o.admin, p.id).await.unwrap();
    assert_eq!((ended.end_date, ended.end_reason.as_deref(), ended.active), (Some(moved_on), Some("居民档案：迁出"), false));
    assert!(!ended.visit.overdue, "an ended pairing is not overdue");
    assert_eq!(visits::record_visit(d, &o.admin, p.id, visit_on(today())).await.unwrap_err().code(), "visit_outside_pairing");
    let e = pairings::end_pairing(d, &o.admin, p.id, today(), "重复结束".into()).await.unwrap_err();
    assert_eq!(e.code(), "pairing_ended");
});

backend_test!(the_lists_print_with_the_overdue_marked_and_the_call_list_audited, |db| {
    let d = db.desk();
    let o = office(d, db.with_admin().await).await;
    let late = resident(d, &o, "孙秀英", "19400211", "042").await;
    let fine = resident(d, &o, "周桂兰", "19450505", "062").await;
    let v = registry::save_volunteer(d, &o.admin, None, from_registry(resident(d, &o, "王建国", "19580312", "011").await)).await.unwrap();
    let p1 = pairings::save_pairing(d, &o.admin, None, pairing(late, vec![v.id], day(2026, 11, 1))).await.unwrap();
    let p2 = pairings::save_pairing(d, &o.admin, None, pairing(fine, vec![v.id], day(2026, 11, 1))).await.unwrap();
    visits::record_visit(d, &o.admin, p2.id, visit_on(today() - Duration::days(1))).await.unwrap();
    assert!(p1.visit.overdue);

    let text = pdftotext(&printing::pairings(d, &o.admin, None).await.unwrap().bytes);
    for expected in ["结对帮扶名单", "孙秀英", "【逾期 20 天】", "周桂兰", "正常", "从未走访", "逾期未走访 1 户"]
    {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let list = printing::overdue(d, &o.admin, None).await.unwrap();
    let text = pdftotext(&list.bytes);
    assert!(text.contains("孙秀英") && !text.contains("周桂兰") && text.contains("王建国 13803561234"), "{text}");
    assert!(db.last_audit(&o.admin).await.detail.unwrap_or_default().contains("含电话"));
    let forms = printing::visit_forms(d, &o.admin).await.unwrap();
    assert_eq!(forms.pages, 2, "one page per paired elder");
    let text = pdftotext(&forms.bytes);
    assert!(text.contains("走访记录表") && text.contains("双桥路 8 号") && text.contains("□上门") && text.contains("志愿者签字"), "{text}");
    assert!(forms.unprintable.is_empty(), "{:?}", forms.unprintable);
});

backend_test!(the_demo_has_the_three_teams_paired_solitary_elders_and_a_few_overdue, |db| {
    let admin = db.with_admin().await;
    let d = db.desk();
    let summary = caredesk_core::demo::create(d, &admin, 2000, 5).await.unwrap();
    assert_eq!((summary.volunteer_teams, summary.pairings), (3, 26), "{summary:?}");
    assert!((100..=120).contains(&summary.volunteers), "{summary:?}");
    let teams = teams::list_teams(d, &admin).await.unwrap();
    assert_eq!(teams.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["银龄互助队", "红领巾志愿服务队", "党员先锋岗"]);
    assert!(teams.iter().all(|t| t.leader_name.is_some()));
    let pairs = pairings::list_pairings(d, &admin, PairingFilter::Active, None).await.unwrap();
    assert_eq!(pairs.len(), 26);
    assert!(pairs.iter().all(|p| p.categories.iter().any(|c| c == "独居") && p.elder_age.is_some_and(|a| a >= 60)));
    let overdue = pairs.iter().filter(|p| p.visit.overdue).count();
    assert!((1..=6).contains(&overdue), "a few overdue: {overdue}");
    let people = registry::list_volunteers(d, &admin, VolunteerQuery::default()).await.unwrap();
    assert!(people.iter().filter(|v| v.minor).all(|v| v.guardian_consent_on.is_some()), "every pupil has consent");
    // The app's next number follows the demo's.
    let mut input = outside("新志愿者", IdType::Other, "N-1");
    input.birth_date = Some(day(1990, 1, 1));
    let next = registry::save_volunteer(d, &admin, None, input).await.unwrap();
    assert_eq!(next.number, format!("ZY{:05}", summary.volunteers + 1));

    // Ten activities with their hours on the record, one coming; the hours report agrees with them.
    use caredesk_core::volunteers::activities::{self, ActivityFilter};
    use caredesk_core::volunteers::model::ActivityStatus;
    let held = activities::list_activities(d, &admin, ActivityFilter::default()).await.unwrap();
    assert_eq!(summary.volunteer_activities, 11);
    assert_eq!(held.iter().filter(|a| a.status == ActivityStatus::Confirmed).count(), 10);
    assert!(held.iter().any(|a| a.minors_ok && a.team_name.as_deref() == Some("红领巾志愿服务队")));
    let report = caredesk_core::volunteers::hours::hours_report(d, &admin, today() - Duration::days(90), today()).await.unwrap();
    assert_eq!(report.total.activity_minutes, summary.volunteer_minutes);
    assert!(report.total.visits > 100 && report.total.visit_minutes > 0, "{:?}", report.total);
    let top = &report.rows.iter().max_by_key(|r| r.total_minutes).unwrap();
    let record = caredesk_core::volunteers::record::service_record(d, &admin, top.volunteer_id).await.unwrap();
    assert_eq!(record.total_minutes, top.total_minutes, "the record and the report count alike");
});
