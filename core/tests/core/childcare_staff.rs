//! After-school care, second part: the program's staff and the 值班表, the photos shown at
//! sign-out, taking a person off the pick-up list, and the monthly fees.

use crate::childcare::{care, child_with_mother, enrol_input, outside, program_input, resident};
use crate::common;
use common::{day, pdftotext, today};

use caredesk_core::auth::{self, Role};
use caredesk_core::childcare::desk::{self, SignOutInput};
use caredesk_core::childcare::duty;
use caredesk_core::childcare::enrolment;
use caredesk_core::childcare::model::{ArrivalMode, FeeStatus, PickupStatus};
use caredesk_core::childcare::photos;
use caredesk_core::childcare::pickup;
use caredesk_core::childcare::printing;
use caredesk_core::childcare::programs::{self, ClosedDay};
use caredesk_core::childcare::reports;

/// The smallest PNG there is: 1×1, one transparent pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
    0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63,
    0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60,
    0x82,
];

backend_test!(only_childcare_staff_work_a_program_and_the_duty_grid_fills_evenly, |db| {
    let d = db.desk();
    let c = care(d, db.with_admin().await, 30).await;
    let chen = db.add_user(&c.admin, "chen", Role::Childcare).await;
    let li = db.add_user(&c.admin, "li", Role::Childcare).await;
    let cook = db.add_user(&c.admin, "cook", Role::Canteen).await;
    let gone = db.add_user(&c.admin, "gone", Role::Childcare).await;
    auth::set_disabled(d, &c.admin, gone.user_id(), true).await.unwrap();

    let mut input = program_input(30);
    input.community_id = Some(c.community);
    input.weekdays = 0x1f;
    input.staff_ids = vec![chen.user_id(), cook.user_id()];
    let e = programs::save_program(d, &c.admin, Some(c.program), input.clone()).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("staff_role", Some("staffIds")));
    input.staff_ids = vec![chen.user_id(), gone.user_id()];
    assert_eq!(programs::save_program(d, &c.admin, Some(c.program), input.clone()).await.unwrap_err().code(), "staff_disabled");
    assert!(programs::get_program(d, &c.admin, c.program).await.unwrap().staff.is_empty(), "nothing saved by the refusals");
    input.staff_ids = vec![chen.user_id(), li.user_id(), chen.user_id()];
    let saved = programs::save_program(d, &c.admin, Some(c.program), input.clone()).await.unwrap();
    let names: Vec<&str> = saved.staff.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["chen", "li"], "in the order named, once each");
    let candidates = duty::staff_candidates(d, &c.admin).await.unwrap();
    assert!(candidates.iter().all(|s| s.name != "cook" && s.name != "gone"), "{candidates:?}");

    // December 2026: 23 weekdays, one of them closed.
    let christmas = ClosedDay { day: day(2026, 12, 25), reason: "校园开放日".into() };
    programs::set_closed_days(d, &c.admin, c.program, vec![christmas]).await.unwrap();
    let month = duty::duty_month(d, &c.admin, c.program, "2026-12").await.unwrap();
    assert_eq!((month.month.as_str(), month.days.len(), month.unstaffed), ("2026年12月", 23, 22));
    assert_eq!(month.days.iter().find(|x| x.day == day(2026, 12, 25)).unwrap().closed_reason.as_deref(), Some("停托（校园开放日）"));

    let e = duty::set_duty(d, &c.admin, c.program, day(2026, 12, 5), vec![chen.user_id()]).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("not_open_day", Some("day")), "a Saturday");
    let e = duty::set_duty(d, &c.admin, c.program, day(2026, 12, 25), vec![chen.user_id()]).await.unwrap_err();
    assert_eq!(e.code(), "not_open_day", "a closed day");
    let e = duty::set_duty(d, &c.admin, c.program, day(2026, 12, 1), vec![cook.user_id()]).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("not_program_staff", Some("userIds")));
    assert!(e.to_string().contains("cook"), "{e}");
    assert_eq!(duty::set_duty(d, &cook, c.program, day(2026, 12, 1), vec![]).await.unwrap_err().code(), "forbidden");

    // By hand, then in turn: the hand-made day stays and the month ends even.
    let first = duty::set_duty(d, &chen, c.program, day(2026, 12, 1), vec![li.user_id(), chen.user_id()]).await.unwrap();
    assert_eq!(first.on_duty.len(), 2);
    assert!(db.last_audit(&c.admin).await.detail.unwrap_or_default().contains("2026年12月1日"), "the change is audited");
    let e = duty::fill_duty(d, &c.admin, c.program, "2026-12", 3).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_per_day", Some("perDay")));
    let filled = duty::fill_duty(d, &c.admin, c.program, "2026-12", 1).await.unwrap();
    assert_eq!(filled.unstaffed, 0);
    assert_eq!(filled.days.iter().find(|x| x.day == day(2026, 12, 1)).unwrap().on_duty.len(), 2, "kept as made by hand");
    let (a, b) = (filled.counts[0], filled.counts[1]);
    assert_eq!(a + b, 2 + 21);
    assert!(a.abs_diff(b) <= 1, "even: {a} and {b}");

    // 自动排班 plans from today: November's past days stay as they were.
    let november = duty::fill_duty(d, &c.admin, c.program, "2026-11", 1).await.unwrap();
    assert!(november.days.iter().filter(|x| x.day < today()).all(|x| x.on_duty.is_empty()), "the past is not invented");
    assert!(november.days.iter().filter(|x| x.day >= today() && x.open).all(|x| !x.on_duty.is_empty()));
    // A disabled user stays on the staff list but is no longer put on duty.
    auth::set_disabled(d, &c.admin, li.user_id(), true).await.unwrap();
    let e = duty::set_duty(d, &c.admin, c.program, day(2026, 11, 30), vec![li.user_id()]).await.unwrap_err();
    assert_eq!(e.code(), "not_program_staff");
    duty::set_duty(d, &c.admin, c.program, day(2026, 11, 30), vec![]).await.unwrap();
    let refilled = duty::fill_duty(d, &c.admin, c.program, "2026-11", 1).await.unwrap();
    let last = refilled.days.iter().find(|x| x.day == day(2026, 11, 30)).unwrap();
    assert_eq!(last.on_duty.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["chen"]);
    auth::set_disabled(d, &c.admin, li.user_id(), false).await.unwrap();

    let pdf = printing::duty(d, &c.admin, c.program, "2026-12").await.unwrap();
    let text = pdftotext(&pdf.bytes);
    for expected in ["2026年12月 托育值班表", "四点半课堂", "值班签字", "停托（校园开放日）", "本月值班天数", "chen、li", "0 天未排班"]
    {
        assert!(text.contains(expected), "{expected} in {text}");
    }

    // Li leaves the program: her days from today on are freed, the past ones stay as the record.
    let past = duty::set_duty(d, &c.admin, c.program, today() - chrono::Duration::days(3), vec![li.user_id()]).await.unwrap();
    assert_eq!(past.on_duty[0].name, "li");
    input.staff_ids = vec![chen.user_id()];
    programs::save_program(d, &c.admin, Some(c.program), input).await.unwrap();
    let after = duty::duty_month(d, &c.admin, c.program, "2026-12").await.unwrap();
    assert!(after.days.iter().all(|x| x.on_duty.iter().all(|s| s.name != "li")));
    assert!(after.unstaffed > 0);
    let november = duty::duty_month(d, &c.admin, c.program, "2026-11").await.unwrap();
    assert!(november.days.iter().any(|x| x.on_duty.iter().any(|s| s.name == "li")), "the past stays");
});

backend_test!(a_photo_is_kept_in_the_database_and_only_a_jpeg_or_png_of_a_sensible_size, |db| {
    let d = db.desk();
    let c = care(d, db.with_admin().await, 30).await;
    let (e, _) = child_with_mother(d, &c).await;
    let mother = pickup::list_persons(d, &c.admin, e).await.unwrap()[0].id;
    assert!(photos::photo(d, &c.admin, mother).await.unwrap().is_none());

    let err = photos::set_photo(d, &c.admin, mother, b"GIF89a....".to_vec()).await.unwrap_err();
    assert_eq!((err.code(), err.field()), ("photo_format", Some("photo")));
    let big = [&[0xFF, 0xD8, 0xFF][..], &vec![0u8; photos::MAX_PHOTO_BYTES]].concat();
    assert_eq!(photos::set_photo(d, &c.admin, mother, big).await.unwrap_err().code(), "photo_too_large");
    assert_eq!(db.count("childcare_photos").await, 0, "nothing kept by the refusals");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("妈妈.png");
    std::fs::write(&file, PNG).unwrap();
    let saved = photos::set_photo_from_file(d, &c.admin, mother, &file).await.unwrap();
    assert!(saved.has_photo);
    std::fs::remove_file(&file).unwrap();
    let url = photos::photo(d, &c.admin, mother).await.unwrap().unwrap();
    assert!(url.starts_with("data:image/png;base64,iVBORw0KGgo"), "{url}");
    let day = desk::desk_day(d, &c.admin, c.program, today()).await.unwrap();
    assert!(day.children[0].persons[0].has_photo, "the desk knows to show it after the file is gone");
    let missing = photos::set_photo_from_file(d, &c.admin, mother, &file).await.unwrap_err();
    assert_eq!(missing.code(), "io_error");

    let cook = db.add_user(&c.admin, "cook", Role::Canteen).await;
    assert_eq!(photos::photo(d, &cook, mother).await.unwrap_err().code(), "forbidden");
    let removed = photos::remove_photo(d, &c.admin, mother).await.unwrap();
    assert!(!removed.has_photo);
    assert_eq!(db.count("childcare_photos").await, 0);
    assert!(db.last_audit(&c.admin).await.detail.unwrap_or_default().contains("删除李梅的照片"));
});

backend_test!(a_person_taken_off_the_list_is_refused_until_put_back, |db| {
    let d = db.desk();
    let c = care(d, db.with_admin().await, 30).await;
    let (e, _) = child_with_mother(d, &c).await;
    let aunt = pickup::add_person(d, &c.admin, e, outside("李芳", "姨妈", PickupStatus::Allowed)).await.unwrap();
    desk::sign_in(d, &c.admin, e, ArrivalMode::Parent).await.unwrap();
    let off = pickup::set_person_active(d, &c.admin, aunt.id, false).await.unwrap();
    assert!(!off.active);
    assert!(db.last_audit(&c.admin).await.detail.unwrap_or_default().contains("李芳（姨妈）移出接送名单"));
    let by_aunt = SignOutInput { person_id: Some(aunt.id), alone: false, emergency: false };
    let err = desk::sign_out(d, &c.admin, e, by_aunt.clone()).await.unwrap_err();
    assert_eq!(err.code(), "pickup_inactive");
    let calls = desk::desk_day(d, &c.admin, c.program, today()).await.unwrap();
    assert!(calls.children[0].persons.iter().any(|p| p.id == aunt.id && !p.active), "still listed, as inactive");
    pickup::set_person_active(d, &c.admin, aunt.id, true).await.unwrap();
    let out = desk::sign_out(d, &c.admin, e, by_aunt).await.unwrap();
    assert_eq!(out.left_with.as_deref(), Some("李芳"));
});

backend_test!(fees_are_data_of_the_program_and_the_month_report_counts_them, |db| {
    let d = db.desk();
    let c = care(d, db.with_admin().await, 30).await;
    let mut input = program_input(30);
    input.community_id = Some(c.community);
    input.reduced_fee = 30_000;
    let e = programs::save_program(d, &c.admin, Some(c.program), input.clone()).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_fee", Some("reducedFee")));
    input.reduced_fee = 5_000;
    input.monthly_fee = 50_000_000;
    assert_eq!(programs::save_program(d, &c.admin, Some(c.program), input.clone()).await.unwrap_err().field(), Some("monthlyFee"));

    let child = resident(d, &c, "刘小星", "20170606", "101").await;
    let mut paying = enrol_input(child);
    paying.fee = FeeStatus::Monthly;
    paying.start_date = day(2026, 11, 2);
    let row = enrolment::enrol(d, &c.admin, c.program, paying).await.unwrap();
    assert_eq!((row.fee_label.as_str(), row.monthly_fee), ("按月收费", 20_000));
    let free = resident(d, &c, "刘小月", "20180707", "121").await;
    let mut free_input = enrol_input(free);
    free_input.start_date = day(2026, 11, 2);
    enrolment::enrol(d, &c.admin, c.program, free_input).await.unwrap();
    let report = reports::month_report(d, &c.admin, c.program, "2026-11").await.unwrap();
    assert!(report.charges);
    assert_eq!((report.rows[0].fee, report.rows[1].fee, report.total.fee), (20_000, 0, 20_000));
    let text = pdftotext(&reports::month_pdf(d, &c.admin, c.program, "2026-11").await.unwrap().bytes);
    assert!(text.contains("月费（元）") && text.contains("200.00"), "{text}");
    // A month before anyone was enrolled charges nothing.
    assert_eq!(reports::month_report(d, &c.admin, c.program, "2026-10").await.unwrap().total.fee, 0);

    // A free program takes no fee.
    input.monthly_fee = 0;
    input.reduced_fee = 0;
    programs::save_program(d, &c.admin, Some(c.program), input).await.unwrap();
    let other = resident(d, &c, "刘小阳", "20190808", "141").await;
    let mut wrong = enrol_input(other);
    wrong.fee = FeeStatus::Monthly;
    let e = enrolment::enrol(d, &c.admin, c.program, wrong).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("program_is_free", Some("fee")));
    let report = reports::month_report(d, &c.admin, c.program, "2026-11").await.unwrap();
    assert!(!report.charges);
    let text = pdftotext(&reports::month_pdf(d, &c.admin, c.program, "2026-11").await.unwrap().bytes);
    assert!(!text.contains("月费"), "no fee column for a free program");
});

backend_test!(adult_volunteers_help_at_a_program_and_a_pupil_does_not, |db| {
    use caredesk_core::childcare::helpers;
    use caredesk_core::volunteers::model::{IdType, VolunteerStatus};
    use caredesk_core::volunteers::registry::{self, VolunteerInput};
    let d = db.desk();
    let c = care(d, db.with_admin().await, 30).await;
    let volunteer = |name: &str, number: &str, birth: chrono::NaiveDate, status: VolunteerStatus| VolunteerInput {
        resident_id: None,
        name: name.into(),
        id_type: Some(IdType::Other),
        id_number: Some(number.into()),
        birth_date: Some(birth),
        phone: "13912345678".into(),
        skills: String::new(),
        availability: String::new(),
        joined_on: day(2026, 3, 1),
        status,
        guardian_consent_on: Some(day(2026, 3, 1)),
        guardian_consent_by: Some("母亲".into()),
        notes: String::new(),
        team_ids: vec![],
    };
    let adult =
        registry::save_volunteer(d, &c.admin, None, volunteer("陈老师", "A-1", day(1990, 1, 1), VolunteerStatus::Active)).await.unwrap();
    let pupil =
        registry::save_volunteer(d, &c.admin, None, volunteer("小明", "A-2", day(2015, 1, 1), VolunteerStatus::Active)).await.unwrap();
    let away =
        registry::save_volunteer(d, &c.admin, None, volunteer("周阿姨", "A-3", day(1970, 1, 1), VolunteerStatus::Paused)).await.unwrap();
    let carer = db.add_user(&c.admin, "carer", Role::Childcare).await;
    let offered = helpers::helper_candidates(d, &carer).await.unwrap();
    assert_eq!(offered.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["陈老师"], "托育 staff see the adults in 在册 only");

    let mut input = program_input(30);
    input.community_id = Some(c.community);
    for (who, code) in [(pupil.id, "未满 18 岁"), (away.id, "暂停")] {
        input.helper_ids = vec![adult.id, who];
        let e = programs::save_program(d, &c.admin, Some(c.program), input.clone()).await.unwrap_err();
        assert_eq!((e.code(), e.field()), ("helper_not_allowed", Some("helperIds")));
        assert!(e.to_string().contains(code), "{e}");
    }
    input.helper_ids = vec![adult.id];
    let saved = programs::save_program(d, &carer, Some(c.program), input).await.unwrap();
    assert_eq!(saved.helpers.iter().map(|h| (h.name.as_str(), h.number.as_str())).collect::<Vec<_>>(), [("陈老师", adult.number.as_str())]);
});
