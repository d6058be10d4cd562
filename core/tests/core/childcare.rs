//! After-school care: programs, enrolment with the waiting list, who may pick a child up, and the
//! desk — each refusal rule, recorded; the roster and the cards printed.

use crate::common;
use common::{day, id, pdftotext, qr_codes_on_page, today};

use caredesk_core::auth::{Actor, Role};
use caredesk_core::childcare::desk::{self, AbsenceInput, DayState, DeskScan, SignOutInput};
use caredesk_core::childcare::enrolment::{self, EnrolInput};
use caredesk_core::childcare::model::{AbsenceReason, ArrivalMode, DelegatedHow, EnrolmentStatus, FeeStatus, PickupStatus, ProgramKind};
use caredesk_core::childcare::pickup::{self, PickupPersonInput};
use caredesk_core::childcare::programs::{self, ClosedDay, ProgramInput};
use caredesk_core::childcare::{cards, printing};
use caredesk_core::communities::{self, CommunityKind, NewCommunity};
use caredesk_core::residents::model::RelationKind;
use caredesk_core::residents::relations::{self, NewRelation};
use caredesk_core::residents::{self, ResidentInput, Status, StatusChange};
use caredesk_core::Desk;
use chrono::Duration;

pub(crate) struct Care {
    pub(crate) admin: Actor,
    pub(crate) community: i32,
    pub(crate) program: i32,
}

pub(crate) fn program_input(capacity: i32) -> ProgramInput {
    ProgramInput {
        name: "四点半课堂".into(),
        kind: ProgramKind::AfterSchool,
        community_id: None,
        place: "双桥社区党群服务中心二楼".into(),
        min_age: 6,
        max_age: 12,
        capacity,
        term_start: day(2026, 9, 1),
        term_end: day(2027, 1, 20),
        // Every day: today() is a Saturday.
        weekdays: 0x7f,
        starts_at: "16:30".into(),
        ends_at: "18:30".into(),
        missing_call_at: None,
        self_home_min_age: None,
        active: true,
        monthly_fee: 20_000,
        reduced_fee: 5_000,
        staff_ids: vec![],
        helper_ids: vec![],
    }
}

pub(crate) async fn care(desk: &Desk, admin: Actor, capacity: i32) -> Care {
    let community =
        communities::add(desk, &admin, NewCommunity { parent_id: None, kind: CommunityKind::Community, name: "双桥社区".into() })
            .await
            .unwrap()
            .id;
    let mut input = program_input(capacity);
    input.community_id = Some(community);
    let program = programs::save_program(desk, &admin, None, input).await.unwrap().id;
    Care { admin, community, program }
}

pub(crate) async fn resident(desk: &Desk, c: &Care, name: &str, birth: &str, seq: &str) -> i32 {
    let input = ResidentInput {
        name: name.into(),
        id_number: Some(id(birth, seq)),
        address: Some("双桥路 1 号".into()),
        community_id: Some(c.community),
        phone: Some("13803561234".into()),
        ..Default::default()
    };
    residents::create(desk, &c.admin, input).await.unwrap().id
}

pub(crate) fn enrol_input(resident_id: i32) -> EnrolInput {
    EnrolInput {
        resident_id,
        start_date: today(),
        end_date: None,
        consent_date: Some(today()),
        consent_by: Some("母亲 李梅".into()),
        school: "双桥小学".into(),
        class_name: "三年级二班".into(),
        allergies: "花生".into(),
        notes: String::new(),
        fee: FeeStatus::Free,
        self_home_permitted_on: None,
    }
}

pub(crate) fn outside(name: &str, relationship: &str, status: PickupStatus) -> PickupPersonInput {
    PickupPersonInput {
        resident_id: None,
        name: name.into(),
        phone: "13912345678".into(),
        relationship: relationship.into(),
        status,
        adult_confirmed: true,
        delegate_from: None,
        delegate_to: None,
        delegated_by: None,
        delegated_how: None,
    }
}

/// A child of 9 enrolled, whose mother (a resident) is her guardian in the registry.
pub(crate) async fn child_with_mother(desk: &Desk, c: &Care) -> (i32, i32) {
    let child = resident(desk, c, "张小雨", "20170305", "021").await;
    let mother = resident(desk, c, "李梅", "19880412", "042").await;
    let guardian = NewRelation {
        kind: RelationKind::Guardian,
        related_resident_id: Some(mother),
        contact_name: None,
        contact_phone: None,
        relationship: Some("母亲".into()),
        note: None,
    };
    relations::add(desk, &c.admin, child, guardian).await.unwrap();
    let e = enrolment::enrol(desk, &c.admin, c.program, enrol_input(child)).await.unwrap();
    (e.id, child)
}

backend_test!(programs_are_checked_and_closed_days_are_data, |db| {
    let desk = db.desk();
    let c = care(desk, db.with_admin().await, 30).await;
    let mut bad = program_input(30);
    bad.name = "童乐成长驿站".into();
    bad.min_age = 12;
    bad.max_age = 6;
    let e = programs::save_program(desk, &c.admin, None, bad.clone()).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_age_range", Some("minAge")));
    bad.min_age = 3;
    bad.ends_at = "16:00".into();
    assert_eq!(programs::save_program(desk, &c.admin, None, bad).await.unwrap_err().code(), "ends_before_start");
    let e = programs::save_program(desk, &c.admin, None, program_input(30)).await.unwrap_err();
    assert_eq!(e.field(), Some("name"), "a second 四点半课堂");
    let saved = programs::closed_days(desk, &c.admin, c.program).await.unwrap();
    assert!(saved.is_empty());
    let holiday = vec![ClosedDay { day: today(), reason: "校运会".into() }];
    programs::set_closed_days(desk, &c.admin, c.program, holiday).await.unwrap();
    let (e, _) = child_with_mother(desk, &c).await;
    let err = desk::sign_in(desk, &c.admin, e, ArrivalMode::Parent).await.unwrap_err();
    assert_eq!(err.code(), "program_closed");
    assert!(err.to_string().contains("校运会"), "{err}");
    let info = programs::get_program(desk, &c.admin, c.program).await.unwrap();
    assert_eq!((info.enrolled, info.waiting, info.kind_label.as_str()), (1, 0, "课后托管"));

    let cook = db.add_user(&c.admin, "cook", Role::Canteen).await;
    assert_eq!(programs::list_programs(desk, &cook).await.unwrap_err().code(), "forbidden", "children's data stays with 托育");
});

backend_test!(enrolment_checks_age_status_consent_and_keeps_a_waiting_list_in_order, |db| {
    let desk = db.desk();
    let c = care(desk, db.with_admin().await, 2).await;
    let toddler = resident(desk, &c, "王小宝", "20230101", "011").await;
    let e = enrolment::enrol(desk, &c.admin, c.program, enrol_input(toddler)).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("age_out_of_range", Some("residentId")));
    assert!(e.to_string().contains("只收 6–12 岁"), "{e}");

    let moved = resident(desk, &c, "赵小北", "20180101", "031").await;
    let change = StatusChange { status: Status::MovedOut, effective_date: today() - Duration::days(3), note: None };
    residents::change_status(desk, &c.admin, moved, change).await.unwrap();
    assert_eq!(enrolment::enrol(desk, &c.admin, c.program, enrol_input(moved)).await.unwrap_err().code(), "not_eligible");

    let a = resident(desk, &c, "孙一一", "20170101", "051").await;
    let mut no_consent = enrol_input(a);
    no_consent.consent_date = None;
    let e = enrolment::enrol(desk, &c.admin, c.program, no_consent).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("consent_required", Some("consentDate")));
    let mut reduced = enrol_input(a);
    reduced.fee = FeeStatus::Reduced;
    assert_eq!(enrolment::enrol(desk, &c.admin, c.program, reduced).await.unwrap_err().code(), "reduction_not_due");
    let before = db.count("childcare_enrolments").await;
    assert_eq!(before, 0, "nothing written by the refusals");

    let b = resident(desk, &c, "孙二二", "20170202", "061").await;
    let d = resident(desk, &c, "孙三三", "20170303", "071").await;
    let e = resident(desk, &c, "孙四四", "20170404", "081").await;
    let first = enrolment::enrol(desk, &c.admin, c.program, enrol_input(a)).await.unwrap();
    enrolment::enrol(desk, &c.admin, c.program, enrol_input(b)).await.unwrap();
    let third = enrolment::enrol(desk, &c.admin, c.program, enrol_input(d)).await.unwrap();
    let fourth = enrolment::enrol(desk, &c.admin, c.program, enrol_input(e)).await.unwrap();
    assert_eq!((third.status, third.waiting_position), (EnrolmentStatus::Waiting, Some(1)));
    assert_eq!(fourth.waiting_position, Some(2));
    assert_eq!(enrolment::enrol(desk, &c.admin, c.program, enrol_input(a)).await.unwrap_err().field(), Some("residentId"));

    // A place frees: the first on the waiting list takes it.
    enrolment::end_enrolment(desk, &c.admin, first.id, today(), "转学".into()).await.unwrap();
    let rows = enrolment::list_enrolments(desk, &c.admin, c.program).await.unwrap();
    let status = |id: i32| rows.iter().find(|r| r.id == id).map(|r| (r.status, r.waiting_position)).unwrap();
    assert_eq!(status(third.id), (EnrolmentStatus::Enrolled, None));
    assert_eq!(status(fourth.id), (EnrolmentStatus::Waiting, Some(1)));

    // A child who moves away leaves the program on that day.
    let change = StatusChange { status: Status::MovedOut, effective_date: today(), note: None };
    residents::change_status(desk, &c.admin, b, change).await.unwrap();
    let rows = enrolment::list_enrolments(desk, &c.admin, c.program).await.unwrap();
    let gone = rows.iter().find(|r| r.resident_id == b).unwrap();
    assert_eq!((gone.status, gone.end_date), (EnrolmentStatus::Ended, Some(today())));
    assert_eq!(status(fourth.id).0, EnrolmentStatus::Waiting, "before the change");
    assert_eq!(rows.iter().find(|r| r.id == fourth.id).unwrap().status, EnrolmentStatus::Enrolled);
});

backend_test!(no_minor_picks_up_and_delegates_need_days_and_an_authoriser, |db| {
    let desk = db.desk();
    let c = care(desk, db.with_admin().await, 30).await;
    let (e, _) = child_with_mother(desk, &c).await;
    let persons = pickup::list_persons(desk, &c.admin, e).await.unwrap();
    assert_eq!(persons.len(), 1, "the registry's guardian is copied");
    assert_eq!((persons[0].name.as_str(), persons[0].relationship.as_str(), persons[0].status), ("李梅", "母亲", PickupStatus::Allowed));

    let brother = resident(desk, &c, "张小山", "20100101", "091").await;
    let mut minor = outside("", "哥哥", PickupStatus::Allowed);
    minor.resident_id = Some(brother);
    let err = pickup::add_person(desk, &c.admin, e, minor).await.unwrap_err();
    assert_eq!((err.code(), err.field()), ("pickup_minor", Some("residentId")));
    let mut unconfirmed = outside("王阿姨", "邻居", PickupStatus::Allowed);
    unconfirmed.adult_confirmed = false;
    assert_eq!(pickup::add_person(desk, &c.admin, e, unconfirmed).await.unwrap_err().code(), "adult_unconfirmed");
    let mut delegate = outside("陈叔叔", "邻居", PickupStatus::Allowed);
    delegate.delegate_from = Some(today());
    delegate.delegate_to = Some(today());
    assert_eq!(pickup::add_person(desk, &c.admin, e, delegate.clone()).await.unwrap_err().field(), Some("delegatedBy"));
    delegate.delegated_by = Some("李梅".into());
    delegate.delegated_how = Some(DelegatedHow::Phone);
    pickup::add_person(desk, &c.admin, e, delegate).await.unwrap();
    assert_eq!(pickup::list_persons(desk, &c.admin, e).await.unwrap().len(), 2);
});

backend_test!(the_desk_signs_in_and_hands_a_child_only_to_an_authorised_person, |db| {
    let d = db.desk();
    let c = care(d, db.with_admin().await, 30).await;
    let (e, _) = child_with_mother(d, &c).await;
    let mother = pickup::list_persons(d, &c.admin, e).await.unwrap()[0].id;
    let father = pickup::add_person(d, &c.admin, e, outside("张强", "父亲", PickupStatus::Barred)).await.unwrap();
    let mut tomorrow_only = outside("陈叔叔", "邻居", PickupStatus::Allowed);
    tomorrow_only.delegate_from = Some(today() + Duration::days(1));
    tomorrow_only.delegate_to = Some(today() + Duration::days(1));
    tomorrow_only.delegated_by = Some("李梅".into());
    tomorrow_only.delegated_how = Some(DelegatedHow::Written);
    let delegate = pickup::add_person(d, &c.admin, e, tomorrow_only).await.unwrap();

    // The cards: the child's and one per person who may come (not the barred father).
    let sheet = printing::cards(d, &c.admin, c.program).await.unwrap();
    let text = pdftotext(&sheet.bytes);
    assert!(text.contains("儿童签到卡") && text.contains("张小雨") && text.contains("李梅") && !text.contains("张强"), "{text}");
    assert!(!text.contains("110101"), "no ID numbers on cards");
    let codes = qr_codes_on_page(&sheet.bytes, 1);
    assert_eq!(codes.len(), 3, "{codes:?}");
    let persons = pickup::list_persons(d, &c.admin, e).await.unwrap();
    let mother_card = persons.iter().find(|p| p.id == mother).and_then(|p| p.card_id).unwrap();
    let mother_code = cards::code_of(d, mother_card).await.unwrap();
    let child_card = desk::desk_day(d, &c.admin, c.program, today()).await.unwrap().children[0].card_id.unwrap();
    let child_code = cards::code_of(d, child_card).await.unwrap();
    assert!(codes.contains(&mother_code) && codes.contains(&child_code));

    // 16:35: the child's card signs her in; a second scan is refused.
    db.clock.advance(Duration::hours(6) + Duration::minutes(35));
    match desk::scan(d, &c.admin, c.program, &child_code, ArrivalMode::Volunteer).await.unwrap() {
        DeskScan::SignedIn { child } => assert_eq!((child.state, child.arrived_at.as_deref()), (DayState::In, Some("16:35"))),
        other => panic!("{other:?}"),
    }
    assert_eq!(desk::scan(d, &c.admin, c.program, &child_code, ArrivalMode::Parent).await.unwrap_err().code(), "already_signed_in");
    let err = desk::close_day(d, &c.admin, c.program, today()).await.unwrap_err();
    assert_eq!(err.code(), "children_still_in");
    assert!(err.to_string().contains("张小雨"), "{err}");

    // Refusals, each recorded with who tried.
    let refusals_before = db.count("childcare_refusals").await;
    let by = |person: i32| SignOutInput { person_id: Some(person), alone: false, emergency: false };
    let err = desk::sign_out(d, &c.admin, e, by(father.id)).await.unwrap_err();
    assert_eq!((err.code(), err.field()), ("pickup_barred", Some("personId")));
    assert!(err.to_string().contains("禁止接送"), "{err}");
    assert_eq!(desk::sign_out(d, &c.admin, e, by(delegate.id)).await.unwrap_err().code(), "pickup_delegate_other_day");
    let alone = SignOutInput { person_id: None, alone: true, emergency: false };
    assert_eq!(desk::sign_out(d, &c.admin, e, alone).await.unwrap_err().code(), "self_home_not_permitted");
    assert_eq!(db.count("childcare_refusals").await, refusals_before + 3);
    let recorded = desk::refusals(d, &c.admin, e).await.unwrap();
    assert_eq!((recorded[2].who.as_str(), recorded[2].reason.as_str()), ("张强", "pickup_barred"));
    let mut forged = mother_code.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == '0' { '1' } else { '0' });
    assert_eq!(desk::scan(d, &c.admin, c.program, &forged, ArrivalMode::Parent).await.unwrap_err().code(), "card_forged");
    let still = desk::desk_day(d, &c.admin, c.program, today()).await.unwrap();
    assert_eq!(still.children[0].state, DayState::In, "nothing changed by the refusals");

    // 18:40: the mother's card signs her out, late.
    db.clock.advance(Duration::hours(2) + Duration::minutes(5));
    match desk::scan(d, &c.admin, c.program, &mother_code, ArrivalMode::Parent).await.unwrap() {
        DeskScan::SignedOut { child } => {
            assert_eq!((child.left_at.as_deref(), child.left_with.as_deref(), child.late), (Some("18:40"), Some("李梅"), true))
        }
        other => panic!("{other:?}"),
    }
    let closed = desk::close_day(d, &c.admin, c.program, today()).await.unwrap();
    assert!(closed.day_closed);
    let roster = printing::roster(d, &c.admin, c.program, today()).await.unwrap();
    let text = pdftotext(&roster.bytes);
    for expected in
        ["每日签到签退表", "四点半课堂", "张小雨", "16:35", "18:40（晚接）", "李梅", "志愿者从学校接", "双桥小学 三年级二班", "家长签字"]
    {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }

    // A lost card: revoked, the old code refused from then on, the new one works.
    let new_card = cards::revoke_card(d, &c.admin, mother_card).await.unwrap();
    assert_ne!(new_card, mother_card);
    assert_eq!(desk::scan(d, &c.admin, c.program, &mother_code, ArrivalMode::Parent).await.unwrap_err().code(), "card_revoked");
});

backend_test!(absences_are_recorded_ahead_and_three_missed_days_are_flagged, |db| {
    let d = db.desk();
    let c = care(d, db.with_admin().await, 30).await;
    let child = resident(d, &c, "刘小星", "20150606", "101").await;
    let mut input = enrol_input(child);
    input.start_date = today() - Duration::days(5);
    input.self_home_permitted_on = Some(today() - Duration::days(5));
    let e = enrolment::enrol(d, &c.admin, c.program, input).await.unwrap().id;
    let day = desk::desk_day(d, &c.admin, c.program, today()).await.unwrap();
    assert_eq!((day.children[0].absence_streak, day.children[0].flagged), (5, true));
    assert!(day.children[0].may_go_alone, "11 years old with written permission");

    let tomorrow = today() + Duration::days(1);
    let absence = AbsenceInput { date: tomorrow, reason: AbsenceReason::Sick, by: "母亲".into() };
    desk::record_absence(d, &c.admin, e, absence).await.unwrap();
    let next = desk::desk_day(d, &c.admin, c.program, tomorrow).await.unwrap();
    assert_eq!((next.children[0].state, next.children[0].absence_label.as_deref()), (DayState::Absent, Some("病假")));

    db.clock.advance(Duration::hours(7));
    desk::sign_in(d, &c.admin, e, ArrivalMode::OnOwn).await.unwrap();
    let alone = SignOutInput { person_id: None, alone: true, emergency: false };
    let out = desk::sign_out(d, &c.admin, e, alone).await.unwrap();
    assert_eq!((out.left_with.as_deref(), out.late), (Some("自行回家"), false));
});

backend_test!(the_demo_runs_two_programs_with_children_their_pickup_persons_and_a_month_of_attendance, |db| {
    let admin = db.with_admin().await;
    let d = db.desk();
    let summary = caredesk_core::demo::create(d, &admin, 600, 45).await.unwrap();
    assert_eq!(summary.childcare_programs, 2);
    assert!(summary.childcare_children >= 10, "{summary:?}");
    let programs = programs::list_programs(d, &admin).await.unwrap();
    assert_eq!(programs.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["四点半课堂", "童乐成长驿站"]);
    let mut attended = 0;
    for p in &programs {
        for e in enrolment::list_enrolments(d, &admin, p.id).await.unwrap() {
            assert!(e.age.is_some_and(|a| (p.min_age..=p.max_age).contains(&(a as i32))), "{} is {:?} in {}", e.name, e.age, p.name);
        }
        let yesterday = desk::desk_day(d, &admin, p.id, today() - Duration::days(1)).await.unwrap();
        assert!(yesterday.children.iter().all(|c| c.persons.iter().all(|x| x.adult_confirmed)));
        attended += yesterday.children.iter().filter(|c| c.state == DayState::Left).count();
    }
    assert!(attended > 0, "children came and were picked up");
});

backend_test!(the_monthly_attendance_counts_open_days_absences_and_late_pickups, |db| {
    let d = db.desk();
    let c = care(d, db.with_admin().await, 30).await;
    // Mondays to Fridays; 11-02 … 11-27 has 20 of them, one a closed day.
    let mut weekdays = program_input(30);
    weekdays.weekdays = 0x1f;
    programs::save_program(d, &c.admin, Some(c.program), weekdays).await.unwrap();
    programs::set_closed_days(d, &c.admin, c.program, vec![ClosedDay { day: day(2026, 11, 11), reason: "校运会".into() }]).await.unwrap();
    let child = resident(d, &c, "刘小星", "20170606", "101").await;
    let mut input = enrol_input(child);
    input.start_date = day(2026, 11, 2);
    let e = enrolment::enrol(d, &c.admin, c.program, input).await.unwrap().id;
    let sick = AbsenceInput { date: day(2026, 11, 30), reason: AbsenceReason::Sick, by: "母亲".into() };
    desk::record_absence(d, &c.admin, e, sick).await.unwrap();

    let report = caredesk_core::childcare::reports::month_report(d, &c.admin, c.program, "2026-11").await.unwrap();
    assert_eq!((report.month.as_str(), report.open_days), ("2026年11月", 20), "21 weekdays less the closed day");
    let row = &report.rows[0];
    // today() is 11-28: the 19 open days before it were due; none attended, none excused; 11-30 is ahead.
    assert_eq!((row.due_days, row.attended, row.unexcused, row.sick, row.rate_permille), (19, 0, 19, 0, 0));
    let pdf = caredesk_core::childcare::reports::month_pdf(d, &c.admin, c.program, "2026-11").await.unwrap();
    let text = pdftotext(&pdf.bytes);
    assert!(text.contains("2026年11月 月度出勤表") && text.contains("刘小星") && text.contains("0.0%"), "{text}");
    let xlsx = caredesk_core::childcare::reports::month_xlsx(d, &c.admin, c.program, "2026-11").await.unwrap();
    assert!(xlsx.starts_with(b"PK"), "an .xlsx is a zip");
    assert_eq!(caredesk_core::childcare::reports::month_report(d, &c.admin, c.program, "11月").await.unwrap_err().code(), "invalid_month");
});

backend_test!(after_the_call_time_the_desk_lists_who_to_call_and_prints_it_audited, |db| {
    let d = db.desk();
    let c = care(d, db.with_admin().await, 30).await;
    let (e, _) = child_with_mother(d, &c).await;
    pickup::add_person(d, &c.admin, e, outside("张强", "父亲", PickupStatus::Barred)).await.unwrap();
    let morning = desk::desk_day(d, &c.admin, c.program, today()).await.unwrap();
    assert!(!morning.missing_call && morning.to_call.is_empty(), "10:00: before the call time");
    db.clock.advance(Duration::hours(7) + Duration::minutes(5));
    let late = desk::desk_day(d, &c.admin, c.program, today()).await.unwrap();
    assert!(late.missing_call);
    assert_eq!(late.to_call.len(), 1);
    let contacts: Vec<(&str, &str)> = late.to_call[0].contacts.iter().map(|x| (x.name.as_str(), x.phone.as_str())).collect();
    assert_eq!(contacts, [("李梅", "13803561234")], "the barred father is never offered");
    let before = db.count("audit_log").await;
    let pdf = printing::call_list(d, &c.admin, c.program, today()).await.unwrap();
    let text = pdftotext(&pdf.bytes);
    assert!(text.contains("张小雨") && text.contains("13803561234") && !text.contains("13912345678"), "{text}");
    assert_eq!(db.count("audit_log").await, before + 1);
    assert_eq!(db.last_audit(&c.admin).await.action, "childcare_call_list_print");
});

backend_test!(more_places_move_the_waiting_list_up_and_the_day_closes_only_when_it_has_come, |db| {
    let d = db.desk();
    let c = care(d, db.with_admin().await, 1).await;
    let a = resident(d, &c, "孙一一", "20170101", "051").await;
    let b = resident(d, &c, "孙二二", "20170202", "061").await;
    let first = enrolment::enrol(d, &c.admin, c.program, enrol_input(a)).await.unwrap();
    let second = enrolment::enrol(d, &c.admin, c.program, enrol_input(b)).await.unwrap();
    assert_eq!(second.status, EnrolmentStatus::Waiting);
    let e = enrolment::end_enrolment(d, &c.admin, first.id, today() - Duration::days(1), "转学".into()).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("end_before_start", Some("on")));

    let mut bigger = program_input(2);
    bigger.community_id = Some(c.community);
    programs::save_program(d, &c.admin, Some(c.program), bigger).await.unwrap();
    assert_eq!(enrolment::enrolment(d, &c.admin, second.id).await.unwrap().status, EnrolmentStatus::Enrolled);
    assert_eq!(programs::get_program(d, &c.admin, c.program).await.unwrap().enrolled, 2);

    let tomorrow = today() + Duration::days(1);
    assert_eq!(desk::close_day(d, &c.admin, c.program, tomorrow).await.unwrap_err().code(), "day_not_over");
    assert!(desk::close_day(d, &c.admin, c.program, today()).await.unwrap().day_closed);
    let late = desk::sign_in(d, &c.admin, first.id, ArrivalMode::Parent).await.unwrap_err();
    assert_eq!(late.code(), "day_closed");
});
