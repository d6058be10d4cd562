//! The canteen on SQLite and PostgreSQL: set-up, menus, subsidy rules at age boundaries, bookings
//! and their cutoff, eligibility, tickets whose QR codes decode and verify, redemption once only,
//! the board and the day's list.

use crate::common;
use common::{day, id, pdftotext, qr_codes_on_page, today};

use caredesk_core::auth::audit::{self, AuditFilter};
use caredesk_core::auth::{Actor, Role};
use caredesk_core::canteen::board::board;
use caredesk_core::canteen::bookings::{self, BookingInput, CancelRequest, DayQuery, ItemInput};
use caredesk_core::canteen::checkin::{self, ScanOutcome};
use caredesk_core::canteen::diners::{self, DinerInput};
use caredesk_core::canteen::menu;
use caredesk_core::canteen::model::{DinerType, DishKind, Mode, Slot};
use caredesk_core::canteen::printing::{self, TicketRequest};
use caredesk_core::canteen::setup::{self, CanteenInput, DishInput, Prices};
use caredesk_core::canteen::subsidy::{self, SubsidyRuleInput};
use caredesk_core::communities::{self, CommunityKind, NewCommunity};
use caredesk_core::residents::categories::{self, NewCategoryPeriod};
use caredesk_core::residents::{self, ResidentInput, Status, StatusChange};
use caredesk_core::Desk;
use chrono::NaiveDate;

struct Canteen {
    admin: Actor,
    id: i32,
    set_meal: i32,
    soup: i32,
    community: i32,
}

/// 幸福食光 in 双桥社区, lunch bookings until 10:00, a set meal at 15 元 (12 元 for the elderly) and a
/// 2 元 soup, on the menu for today and the next days, and the subsidy rules of domain.md.
async fn canteen(desk: &Desk, admin: Actor) -> Canteen {
    let community =
        communities::add(desk, &admin, NewCommunity { parent_id: None, kind: CommunityKind::Community, name: "双桥社区".into() })
            .await
            .unwrap()
            .id;
    let c = setup::create_canteen(
        desk,
        &admin,
        CanteenInput {
            name: "幸福食光".into(),
            community_id: Some(community),
            address: "双桥路 8 号".into(),
            walk_ins_allowed: true,
            active: true,
            slots: vec![],
        },
    )
    .await
    .unwrap();
    let prices = |elderly, other| Prices { elderly, child: other, resident: other, staff: other };
    let dish = |name: &str, kind, p| DishInput { name: name.into(), kind, prices: p, tags: vec!["软食".into()], active: true };
    let set_meal = setup::save_dish(desk, &admin, c.id, None, dish("红烧鱼套餐", DishKind::SetMeal, prices(1200, 1500))).await.unwrap().id;
    let soup = setup::save_dish(desk, &admin, c.id, None, dish("紫菜蛋花汤", DishKind::Dish, prices(200, 200))).await.unwrap().id;
    for offset in 0..7 {
        let date = today() + chrono::Duration::days(offset);
        menu::set_menu(desk, &admin, c.id, date, Slot::Lunch, vec![set_meal, soup]).await.unwrap();
    }
    let rule = |name: &str, lo: Option<i32>, hi: Option<i32>, per_meal| SubsidyRuleInput {
        name: name.into(),
        age_min: lo,
        age_max: hi,
        category_type_id: None,
        valid_from: day(2026, 1, 1),
        valid_to: None,
        per_meal,
        per_day_cap: None,
        priority: 0,
        active: true,
    };
    subsidy::save_rule(desk, &admin, None, rule("60–74 岁", Some(60), Some(74), 100)).await.unwrap();
    subsidy::save_rule(desk, &admin, None, rule("75–84 岁", Some(75), Some(84), 500)).await.unwrap();
    subsidy::save_rule(desk, &admin, None, rule("85 岁及以上", Some(85), None, 800)).await.unwrap();
    Canteen { admin, id: c.id, set_meal, soup, community }
}

async fn resident(desk: &Desk, c: &Canteen, name: &str, birth: &str, seq: &str) -> i32 {
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

async fn diner(desk: &Desk, c: &Canteen, resident_id: i32) -> i32 {
    let input = DinerInput {
        resident_id,
        card_number: None,
        diner_type: None,
        default_mode: Mode::DineIn,
        route: None,
        delivery_address: None,
        notes: None,
        active: true,
    };
    diners::register(desk, &c.admin, c.id, input).await.unwrap().id
}

fn lunch(diner_id: i32, date: NaiveDate, dishes: &[i32]) -> BookingInput {
    BookingInput {
        diner_id,
        date,
        slot: Slot::Lunch,
        items: dishes.iter().map(|d| ItemInput { dish_id: *d, quantity: 1 }).collect(),
        mode: None,
        late: false,
    }
}

backend_test!(subsidy_follows_the_age_on_the_meal_date, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    // Turns 60 tomorrow, 75 tomorrow: the band changes between today's and tomorrow's meal.
    let turning_60 = diner(desk, &c, resident(desk, &c, "李建国", "19661129", "011").await).await;
    let turning_75 = diner(desk, &c, resident(desk, &c, "张桂兰", "19511129", "022").await).await;
    let tomorrow = today() + chrono::Duration::days(1);

    let b = bookings::book(desk, &c.admin, lunch(turning_60, today(), &[c.set_meal])).await.unwrap();
    // 59 today: not elderly by the registry's age either, so the 其他居民 price and no subsidy.
    assert_eq!((b.price, b.subsidy, b.payable, b.subsidy_rule.clone()), (1500, 0, 1500, None));
    assert_eq!(b.diner_type_label, "其他居民");
    let b = bookings::book(desk, &c.admin, lunch(turning_60, tomorrow, &[c.set_meal])).await.unwrap();
    assert_eq!((b.subsidy, b.payable, b.subsidy_rule.as_deref()), (100, 1400, Some("60–74 岁")));

    let q = bookings::quote(desk, &c.admin, lunch(turning_75, today(), &[c.set_meal, c.soup])).await.unwrap();
    let b = bookings::book(desk, &c.admin, lunch(turning_75, today(), &[c.set_meal, c.soup])).await.unwrap();
    assert_eq!(
        (q.price, q.subsidy, q.payable, q.subsidy_rule.clone()),
        (b.price, b.subsidy, b.payable, b.subsidy_rule.clone()),
        "the quote is what booking fixes"
    );
    assert_eq!(b.diner_type_label, "老年人");
    assert_eq!((b.price, b.subsidy, b.payable, b.subsidy_rule.as_deref()), (1400, 100, 1300, Some("60–74 岁")));
    assert_eq!(b.meal, "红烧鱼套餐×1、紫菜蛋花汤×1");
    let b = bookings::book(desk, &c.admin, lunch(turning_75, tomorrow, &[c.soup])).await.unwrap();
    // 5 元 rule, but never more than the 2 元 price: payable 0, not negative.
    assert_eq!((b.price, b.subsidy, b.payable, b.subsidy_rule.as_deref()), (200, 200, 0, Some("75–84 岁")));
});

backend_test!(category_rules_and_priority_and_daily_caps, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let types = categories::types(desk, &c.admin).await.unwrap();
    let dibao = types.iter().find(|t| t.name == "低保").unwrap().id;
    let r = resident(desk, &c, "赵淑珍", "19560301", "042").await;
    categories::add(
        desk,
        &c.admin,
        r,
        NewCategoryPeriod { category_type_id: dibao, start_date: day(2026, 1, 1), end_date: None, note: None },
    )
    .await
    .unwrap();
    subsidy::save_rule(
        desk,
        &c.admin,
        None,
        SubsidyRuleInput {
            name: "低保".into(),
            age_min: None,
            age_max: None,
            category_type_id: Some(dibao),
            valid_from: day(2026, 1, 1),
            valid_to: None,
            per_meal: 800,
            per_day_cap: Some(1000),
            priority: 10,
            active: true,
        },
    )
    .await
    .unwrap();
    let d = diner(desk, &c, r).await;
    let b = bookings::book(desk, &c.admin, lunch(d, today(), &[c.set_meal])).await.unwrap();
    assert_eq!((b.subsidy, b.subsidy_rule.as_deref()), (800, Some("低保")));
    // Dinner the same day: only 2 元 of the 10 元 daily cap is left.
    let mut settings = setup::get_canteen(desk, &c.admin, c.id).await.unwrap();
    settings.slots.iter_mut().for_each(|s| s.active = true);
    let input = CanteenInput {
        name: settings.name,
        community_id: settings.community_id,
        address: settings.address,
        walk_ins_allowed: true,
        active: true,
        slots: settings.slots,
    };
    setup::update_canteen(desk, &c.admin, c.id, input).await.unwrap();
    menu::set_menu(desk, &c.admin, c.id, today(), Slot::Dinner, vec![c.set_meal]).await.unwrap();
    let mut dinner = lunch(d, today(), &[c.set_meal]);
    dinner.slot = Slot::Dinner;
    let b = bookings::book(desk, &c.admin, dinner).await.unwrap();
    assert_eq!((b.price, b.subsidy, b.payable), (1200, 200, 1000));
});

backend_test!(bad_rules_are_refused_on_their_field, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let mut r = SubsidyRuleInput {
        name: "错误".into(),
        age_min: Some(80),
        age_max: Some(70),
        category_type_id: None,
        valid_from: day(2026, 1, 1),
        valid_to: None,
        per_meal: 100,
        per_day_cap: None,
        priority: 0,
        active: true,
    };
    let e = subsidy::save_rule(desk, &c.admin, None, r.clone()).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("age_range", Some("ageMax")));
    r.age_max = None;
    r.per_meal = 1_000_000;
    let e = subsidy::save_rule(desk, &c.admin, None, r.clone()).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_amount", Some("perMeal")));
    r.age_min = None;
    r.per_meal = 100;
    let e = subsidy::save_rule(desk, &c.admin, None, r).await.unwrap_err();
    assert_eq!(e.code(), "no_condition");
    assert_eq!(subsidy::list_rules(desk, &c.admin).await.unwrap().len(), 3);
    // Only admins edit rules: public money.
    let cook = db.add_user(&c.admin, "cook", Role::Canteen).await;
    let e = subsidy::save_rule(
        desk,
        &cook,
        Some(1),
        SubsidyRuleInput {
            name: "x".into(),
            age_min: Some(60),
            age_max: None,
            category_type_id: None,
            valid_from: today(),
            valid_to: None,
            per_meal: 100,
            per_day_cap: None,
            priority: 0,
            active: true,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "forbidden");
});

backend_test!(a_resident_who_may_not_receive_services_cannot_book_or_redeem, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let r = resident(desk, &c, "王秀英", "19491231", "002").await;
    let d = diner(desk, &c, r).await;
    let tomorrow = today() + chrono::Duration::days(1);
    let booked = bookings::book(desk, &c.admin, lunch(d, today(), &[c.set_meal])).await.unwrap();
    residents::change_status(desk, &c.admin, r, StatusChange { status: Status::Deceased, effective_date: today(), note: None })
        .await
        .unwrap();
    let before = db.count("bookings").await;
    let e = bookings::book(desk, &c.admin, lunch(d, tomorrow, &[c.set_meal])).await.unwrap_err();
    assert_eq!(e.code(), "not_eligible");
    assert!(e.to_string().contains("去世"), "{e}");
    assert_eq!(db.count("bookings").await, before);
    let e = checkin::serve(desk, &c.admin, booked.id).await.unwrap_err();
    assert_eq!(e.code(), "not_eligible");
});

backend_test!(bookings_close_at_the_cutoff_except_for_canteen_managers, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let d = diner(desk, &c, resident(desk, &c, "王秀英", "19491231", "002").await).await;
    let d2 = diner(desk, &c, resident(desk, &c, "刘德福", "19450505", "013").await).await;
    let social = db.add_user(&c.admin, "social", Role::SocialWorker).await;
    let cook = db.add_user(&c.admin, "cook", Role::Canteen).await;
    let early = bookings::book(desk, &social, lunch(d, today(), &[c.set_meal])).await.unwrap();
    db.clock.advance(chrono::Duration::minutes(1)); // 10:01, lunch bookings closed at 10:00

    let e = bookings::book(desk, &social, lunch(d2, today(), &[c.set_meal])).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("after_cutoff", Some("slot")));
    assert!(e.to_string().contains("10:00"), "{e}");
    let mut late = lunch(d2, today(), &[c.set_meal]);
    late.late = true;
    assert_eq!(bookings::book(desk, &social, late.clone()).await.unwrap_err().code(), "forbidden");
    let b = bookings::book(desk, &cook, late).await.unwrap();
    // Tomorrow is still open to everyone.
    bookings::book(desk, &social, lunch(d, today() + chrono::Duration::days(1), &[c.set_meal])).await.unwrap();

    let e = bookings::cancel(desk, &social, early.id, CancelRequest { reason: None, late: false }).await.unwrap_err();
    assert_eq!(e.code(), "after_cutoff");
    let e = bookings::cancel(desk, &social, early.id, CancelRequest { reason: None, late: true }).await.unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let cancelled = bookings::cancel(desk, &cook, early.id, CancelRequest { reason: Some("家属接走".into()), late: true }).await.unwrap();
    assert_eq!(cancelled.status_label, "已取消");
    assert_eq!(audited(desk, &c.admin, "booking_late").await, 1);
    assert_eq!(audited(desk, &c.admin, "booking_cancel").await, 1);
    // A cancelled booking frees the slot: the diner may book again (a manager, after the cutoff).
    let mut again = lunch(d, today(), &[c.soup]);
    again.late = true;
    bookings::book(desk, &cook, again).await.unwrap();
    let day =
        bookings::list_day(desk, &cook, DayQuery { canteen_id: c.id, date: today(), slot: None, include_cancelled: false, text: None })
            .await
            .unwrap();
    assert_eq!(day.iter().map(|x| x.id).filter(|x| *x == b.id).count(), 1);
    assert_eq!(day.len(), 2);
});

/// How many audit rows record `action`.
async fn audited(desk: &Desk, admin: &Actor, action: &str) -> u64 {
    let filter = AuditFilter { user_id: None, action: Some(action.into()), from: None, to: None, page: 1, page_size: 100 };
    audit::list(desk, admin, &filter).await.unwrap().total as u64
}

backend_test!(tickets_decode_to_codes_that_redeem_once, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let people = [("王秀英", "19491231", "002"), ("李䶮", "19500101", "011"), ("陈𠇔生", "19520202", "033")];
    let mut booked = Vec::new();
    for (name, birth, seq) in people {
        let d = diner(desk, &c, resident(desk, &c, name, birth, seq).await).await;
        booked.push(bookings::book(desk, &c.admin, lunch(d, today(), &[c.set_meal])).await.unwrap());
    }
    let tomorrow_booking =
        bookings::book(desk, &c.admin, lunch(booked_diner(&booked, 0), today() + chrono::Duration::days(1), &[c.soup])).await.unwrap();

    let out = printing::meal_tickets(desk, &c.admin, TicketRequest { canteen_id: c.id, from: today(), to: None, diner_ids: vec![] })
        .await
        .unwrap();
    let text = pdftotext(&out.bytes);
    for name in ["王秀英", "李䶮", "陈𠇔生", "幸福食光", "红烧鱼套餐"] {
        assert!(text.contains(name), "{name} missing in:\n{text}");
    }
    assert!(!text.contains("110101"), "no ID numbers on tickets");
    let codes = qr_codes_on_page(&out.bytes, 1);
    assert_eq!(codes.len(), 3, "{codes:?}");

    // Each decoded code redeems its own booking, once.
    let first = checkin::redeem(desk, &c.admin, &codes[0]).await.unwrap();
    assert!(booked.iter().any(|b| b.id == first.id));
    assert_eq!(first.status_label, "已核销");
    assert_eq!(first.served_time.as_deref(), Some("10:00"));
    db.clock.advance(chrono::Duration::minutes(5));
    let e = checkin::redeem(desk, &c.admin, &codes[0]).await.unwrap_err();
    assert_eq!(e.code(), "ticket_used");
    assert!(e.to_string().contains("已于 10:00 核销"), "{e}");

    // An edited code is refused; so is a made-up one.
    let edited = codes[1].replacen(&format!("-{}-", code_id(&codes[1])), &format!("-{}-", code_id(&codes[1]) + 1), 1);
    assert_eq!(checkin::redeem(desk, &c.admin, &edited).await.unwrap_err().code(), "ticket_forged");
    assert_eq!(checkin::redeem(desk, &c.admin, "CD1-1-0000000000000000").await.unwrap_err().code(), "ticket_forged");
    assert_eq!(checkin::redeem(desk, &c.admin, "王秀英").await.unwrap_err().code(), "not_a_ticket");

    // Tomorrow's ticket is refused today; a cancelled booking's ticket is void.
    let tickets = printing::meal_tickets(
        desk,
        &c.admin,
        TicketRequest { canteen_id: c.id, from: today() + chrono::Duration::days(1), to: None, diner_ids: vec![] },
    )
    .await
    .unwrap();
    let tomorrow_code = qr_codes_on_page(&tickets.bytes, 1);
    assert_eq!(tomorrow_code.len(), 1);
    assert_eq!(code_id(&tomorrow_code[0]), tomorrow_booking.id);
    let e = checkin::redeem(desk, &c.admin, &tomorrow_code[0]).await.unwrap_err();
    assert_eq!(e.code(), "ticket_wrong_day");
    bookings::cancel(desk, &c.admin, tomorrow_booking.id, CancelRequest { reason: None, late: false }).await.unwrap();
    assert_eq!(checkin::redeem(desk, &c.admin, &tomorrow_code[0]).await.unwrap_err().code(), "ticket_cancelled");

    // Scanning at the counter does the same; a name searches today's bookings instead.
    match checkin::scan(desk, &c.admin, c.id, &codes[1]).await.unwrap() {
        ScanOutcome::Served { booking } => assert_eq!(booking.status_label, "已核销"),
        other => panic!("{other:?}"),
    }
    match checkin::scan(desk, &c.admin, c.id, "wxy").await.unwrap() {
        ScanOutcome::Matches { bookings } => assert_eq!(bookings.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["王秀英"]),
        other => panic!("{other:?}"),
    }

    let b = board(desk, &c.admin, c.id, today()).await.unwrap();
    let lunch_board = b.slots.iter().find(|s| s.slot == Slot::Lunch).unwrap();
    assert_eq!((lunch_board.booked, lunch_board.served, lunch_board.waiting), (3, 2, 1));
    let served: Vec<_> =
        bookings::list_day(desk, &c.admin, DayQuery { canteen_id: c.id, date: today(), slot: None, include_cancelled: false, text: None })
            .await
            .unwrap()
            .into_iter()
            .filter(|b| b.status_label == "已核销")
            .collect();
    assert_eq!(lunch_board.collected, served.iter().map(|b| b.payable).sum::<i64>());

    // Every booking and every meal served is in the audit log, as the README says.
    assert_eq!(audited(desk, &c.admin, "booking_add").await, 4);
    assert_eq!(audited(desk, &c.admin, "meal_serve").await, 2);
    assert_eq!(audited(desk, &c.admin, "booking_cancel").await, 1);
});

fn booked_diner(booked: &[bookings::BookingInfo], n: usize) -> i32 {
    booked[n].diner_id
}

/// The booking id inside a ticket code `CD1-<id>-<mac>`.
fn code_id(code: &str) -> i32 {
    code.split('-').nth(1).unwrap().parse().unwrap()
}

backend_test!(the_day_list_prints_every_booking_with_totals, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let mut expected_payable = 0;
    for (n, (name, birth)) in [("王秀英", "19491231"), ("李建国", "19661129"), ("张桂兰", "19401129")].iter().enumerate() {
        let d = diner(desk, &c, resident(desk, &c, name, birth, &format!("0{}{}", n, n * 2 + 1)).await).await;
        expected_payable += bookings::book(desk, &c.admin, lunch(d, today(), &[c.set_meal])).await.unwrap().payable;
    }
    let out = printing::canteen_list(desk, &c.admin, c.id, today(), Slot::Lunch).await.unwrap();
    let text = pdftotext(&out.bytes);
    for needle in ["就餐名单", "王秀英", "李建国", "张桂兰", "堂食", "合计：3 人"] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
    let yuan = format!("{}.{:02}", expected_payable / 100, expected_payable % 100);
    assert!(text.contains(&yuan), "total payable {yuan} missing in:\n{text}");
    let kitchen = pdftotext(&printing::kitchen_sheet(desk, &c.admin, c.id, today()).await.unwrap().bytes);
    assert!(kitchen.contains("红烧鱼套餐") && kitchen.contains("软食"), "{kitchen}");
});

backend_test!(capacity_menus_and_diners_are_checked, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let mut settings = setup::get_canteen(desk, &c.admin, c.id).await.unwrap();
    settings.slots.iter_mut().filter(|s| s.slot == Slot::Lunch).for_each(|s| s.capacity = Some(1));
    let input = CanteenInput {
        name: settings.name,
        community_id: settings.community_id,
        address: settings.address,
        walk_ins_allowed: false,
        active: true,
        slots: settings.slots.clone(),
    };
    setup::update_canteen(desk, &c.admin, c.id, input).await.unwrap();
    let r1 = resident(desk, &c, "王秀英", "19491231", "002").await;
    let d1 = diner(desk, &c, r1).await;
    let d2 = diner(desk, &c, resident(desk, &c, "李建国", "19661129", "011").await).await;
    bookings::book(desk, &c.admin, lunch(d1, today(), &[c.set_meal])).await.unwrap();
    let e = bookings::book(desk, &c.admin, lunch(d2, today(), &[c.set_meal])).await.unwrap_err();
    assert_eq!(e.code(), "slot_full");
    let e = bookings::book(desk, &c.admin, lunch(d1, today(), &[c.soup])).await.unwrap_err();
    assert_eq!(e.code(), "conflict");

    // Dishes must be on that day's menu; a day without a menu says so.
    let far = today() + chrono::Duration::days(20);
    assert_eq!(bookings::book(desk, &c.admin, lunch(d2, far, &[c.set_meal])).await.unwrap_err().code(), "no_menu");
    menu::set_menu(desk, &c.admin, c.id, far, Slot::Lunch, vec![c.soup]).await.unwrap();
    assert_eq!(bookings::book(desk, &c.admin, lunch(d2, far, &[c.set_meal])).await.unwrap_err().code(), "not_on_menu");
    assert_eq!(
        bookings::book(desk, &c.admin, lunch(d2, today() - chrono::Duration::days(1), &[c.soup])).await.unwrap_err().code(),
        "date_past"
    );

    // Walk-ins only where the canteen allows them.
    let walk = lunch(d2, today(), &[c.soup]);
    assert_eq!(checkin::walk_in(desk, &c.admin, walk).await.unwrap_err().code(), "walk_ins_off");

    // Card numbers are given in order and never shared; a resident registers once per canteen.
    let rows = diners::list(desk, &c.admin, c.id, None).await.unwrap();
    let mut cards: Vec<&str> = rows.iter().map(|r| r.card_number.as_str()).collect();
    cards.sort();
    assert_eq!(cards, ["0001", "0002"]);
    assert_eq!(rows.iter().find(|r| r.id == d1).unwrap().diner_type, DinerType::Elderly);
    let again = DinerInput {
        resident_id: r1,
        card_number: Some("0002".into()),
        diner_type: None,
        default_mode: Mode::DineIn,
        route: None,
        delivery_address: None,
        notes: None,
        active: true,
    };
    assert_eq!(diners::register(desk, &c.admin, c.id, again).await.unwrap_err().code(), "conflict");
    assert_eq!(diners::list(desk, &c.admin, c.id, Some("lj".into())).await.unwrap().len(), 1);
    assert_eq!(diners::list(desk, &c.admin, c.id, Some("0001".into())).await.unwrap().len(), 1);

    // Copying last week fills only empty day-slots.
    let next_week = today() + chrono::Duration::days(7);
    let copied = menu::copy_last_week(desk, &c.admin, c.id, next_week).await.unwrap();
    assert!(copied.filled >= 1, "{copied:?}");
    let viewer = db.add_user(&c.admin, "viewer", Role::Viewer).await;
    assert_eq!(bookings::book(desk, &viewer, lunch(d2, next_week, &[c.soup])).await.unwrap_err().code(), "forbidden");
});

backend_test!(the_monthly_claim_counts_served_meals_and_reconciles_to_the_fen, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let diners = [
        diner(desk, &c, resident(desk, &c, "王秀英", "19491231", "002").await).await, // 76: 5 元
        diner(desk, &c, resident(desk, &c, "李建国", "19600101", "011").await).await, // 66: 1 元
        diner(desk, &c, resident(desk, &c, "张桂兰", "19360505", "022").await).await, // 90: 8 元
        diner(desk, &c, resident(desk, &c, "刘小明", "19900101", "031").await).await, // 36: none
    ];
    // Book three days ahead, then live through them serving at the counter.
    let mut ids = Vec::new();
    for offset in 0..3 {
        for d in diners {
            let date = today() + chrono::Duration::days(offset);
            ids.push((offset, bookings::book(desk, &c.admin, lunch(d, date, &[c.set_meal, c.soup])).await.unwrap()));
        }
    }
    let mut served_subsidy = 0;
    let mut served_collected = 0;
    for offset in 0..3 {
        for (n, (_, b)) in ids.iter().filter(|(o, _)| *o == offset).enumerate() {
            match n {
                // One meal a day is never collected, one cancelled on the last day: neither counts.
                3 if offset == 1 => {}
                2 if offset == 2 => {
                    bookings::cancel(desk, &c.admin, b.id, CancelRequest { reason: None, late: true }).await.unwrap();
                }
                _ => {
                    let s = checkin::serve(desk, &c.admin, b.id).await.unwrap();
                    served_subsidy += s.subsidy;
                    served_collected += s.payable;
                }
            }
        }
        db.clock.advance(chrono::Duration::days(1));
    }
    let claim = caredesk_core::canteen::ledger::monthly_claim(desk, &c.admin, c.id, "2026-11").await.unwrap();
    assert_eq!(claim.served_meals, 10);
    assert_eq!(claim.subsidy, served_subsidy);
    assert_eq!(claim.collected, served_collected);
    assert_eq!(claim.rows.iter().map(|r| r.subsidy).sum::<i64>(), claim.subsidy);
    assert_eq!(claim.rules.iter().map(|r| r.subsidy).sum::<i64>(), claim.subsidy);
    assert_eq!(claim.rules.iter().map(|r| r.meals).sum::<u32>(), claim.subsidised_meals);
    let rule = |name: &str| claim.rules.iter().find(|r| r.rule == name).map(|r| (r.meals, r.subsidy));
    assert_eq!(rule("75–84 岁"), Some((3, 1500)));
    assert_eq!(rule("60–74 岁"), Some((3, 300)));
    assert_eq!(rule("85 岁及以上"), Some((2, 1600)));
    assert!(claim.rows.iter().all(|r| r.id_number.contains("********")), "ID numbers are masked");
    let dec = caredesk_core::canteen::ledger::day_summary(desk, &c.admin, c.id, today()).await.unwrap();
    assert_eq!(dec.meals, 4);
    assert_eq!(dec.lines.iter().map(|l| l.subsidy).sum::<i64>(), dec.subsidy);

    let pdf = caredesk_core::canteen::ledger::monthly_claim_pdf(desk, &c.admin, c.id, "2026-11").await.unwrap();
    let text = pdftotext(&pdf.bytes);
    let total = format!("{}.{:02}", claim.subsidy / 100, claim.subsidy % 100);
    for needle in ["助餐补贴申领表", "王秀英", "张桂兰", "75–84 岁", "按补贴规则汇总", total.as_str()] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
    assert!(!text.contains("刘小明"), "no subsidy, not on the claim");
    let xlsx = caredesk_core::canteen::ledger::monthly_claim_xlsx(desk, &c.admin, c.id, "2026-11").await.unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = calamine::Reader::worksheet_range(&mut book, "补贴申领表").unwrap();
    use calamine::DataType;
    let last = sheet.rows().next_back().unwrap().to_vec();
    assert_eq!(last[1].to_string(), "合计");
    assert_eq!(last[6].get_float().map(|f| (f * 100.0).round() as i64), Some(claim.subsidy));
});

backend_test!(standing_orders_book_each_day_and_pause, |db| {
    use caredesk_core::canteen::standing::{self, PauseRequest, StandingOrderInput};
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let d = diner(desk, &c, resident(desk, &c, "王秀英", "19491231", "002").await).await;
    let monday = day(2026, 11, 30);
    let thursday = day(2026, 12, 3);
    menu::set_menu(desk, &c.admin, c.id, thursday, Slot::Lunch, vec![c.soup]).await.unwrap();
    let input = StandingOrderInput {
        diner_id: d,
        slot: Slot::Lunch,
        weekdays: 0x1f,
        dish_id: c.set_meal,
        mode: None,
        start_date: today(),
        end_date: None,
    };
    let (order, filled) = standing::save(desk, &c.admin, None, input.clone()).await.unwrap();
    assert_eq!(order.weekdays_label, "工作日");
    // Saturday today: Monday to Friday of next week, except Thursday whose menu lacks the meal.
    assert_eq!(filled.created, 4, "{filled:?}");
    assert_eq!(filled.skipped.len(), 1);
    assert!(filled.skipped[0].contains("王秀英") && filled.skipped[0].contains("12月3日"), "{:?}", filled.skipped);
    assert_eq!(standing::save(desk, &c.admin, None, input).await.unwrap_err().code(), "conflict");

    let admin = &c.admin;
    let canteen_id = c.id;
    let live_on = |date: NaiveDate| async move {
        bookings::list_day(desk, admin, DayQuery { canteen_id, date, slot: None, include_cancelled: false, text: None })
            .await
            .unwrap()
            .len()
    };
    assert_eq!(live_on(monday).await, 1);
    // A booking cancelled by hand stays cancelled, even when the day is opened again.
    let b =
        bookings::list_day(desk, &c.admin, DayQuery { canteen_id: c.id, date: monday, slot: None, include_cancelled: false, text: None })
            .await
            .unwrap();
    bookings::cancel(desk, &c.admin, b[0].id, CancelRequest { reason: Some("住院".into()), late: false }).await.unwrap();
    assert_eq!(live_on(monday).await, 0);

    // Paused Tuesday, back Wednesday: Tuesday's booking is cancelled, Wednesday's stays.
    let paused = standing::pause(desk, &c.admin, order.id, PauseRequest { from: day(2026, 12, 1), resume_on: Some(day(2026, 12, 2)) })
        .await
        .unwrap();
    assert_eq!(paused.state_label, "12月1日起暂停，12月2日恢复");
    assert_eq!(paused.state, standing::StandingState::Paused);
    assert_eq!(live_on(day(2026, 12, 1)).await, 0);
    assert_eq!(live_on(day(2026, 12, 2)).await, 1);
    // Printing a later day's tickets books it first (the menu for 12月7日 was never set: skipped).
    menu::set_menu(desk, &c.admin, c.id, day(2026, 12, 7), Slot::Lunch, vec![c.set_meal]).await.unwrap();
    let t = printing::meal_tickets(desk, &c.admin, TicketRequest { canteen_id: c.id, from: day(2026, 12, 7), to: None, diner_ids: vec![] })
        .await
        .unwrap();
    assert_eq!(t.pages, 1);
    let (ended, _) = standing::end(desk, &c.admin, order.id).await.unwrap();
    assert_eq!((ended.state, ended.state_label.as_str()), (standing::StandingState::Ended, "已结束"));
    // Ending cancels what the order had booked ahead; Wednesday's meal is gone.
    assert_eq!(live_on(day(2026, 12, 2)).await, 0);
});

backend_test!(the_day_s_bookings_are_found_by_name_pinyin_or_card, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let mut booked = Vec::new();
    for (name, birth, seq) in [("王秀英", "19491231", "002"), ("王建国", "19500101", "011"), ("李桂兰", "19520202", "022")] {
        let d = diner(desk, &c, resident(desk, &c, name, birth, seq).await).await;
        booked.push(bookings::book(desk, &c.admin, lunch(d, today(), &[c.set_meal])).await.unwrap());
    }
    let c = &c;
    let find = |text: &str| {
        let q = DayQuery { canteen_id: c.id, date: today(), slot: None, include_cancelled: false, text: Some(text.into()) };
        async move { bookings::list_day(desk, &c.admin, q).await.unwrap().into_iter().map(|b| b.name).collect::<Vec<_>>() }
    };
    assert_eq!(find("王").await, ["王秀英", "王建国"]);
    assert_eq!(find("wxy").await, ["王秀英"]);
    assert_eq!(find("LGL").await, ["李桂兰"], "initials in any case");
    assert_eq!(find(&booked[1].card_number).await, ["王建国"]);
    assert!(find("zzz").await.is_empty());
    assert_eq!(find("  ").await.len(), 3, "an empty search lists the whole day");
});

backend_test!(a_residents_service_record_shows_meals_by_month_for_those_who_may_see_them, |db| {
    let desk = db.desk();
    let c = canteen(desk, db.with_admin().await).await;
    let r = resident(desk, &c, "王秀英", "19491231", "002").await;
    let d = diner(desk, &c, r).await;
    let served = bookings::book(desk, &c.admin, lunch(d, today(), &[c.set_meal])).await.unwrap();
    checkin::serve(desk, &c.admin, served.id).await.unwrap();
    bookings::book(desk, &c.admin, lunch(d, today() + chrono::Duration::days(1), &[c.soup])).await.unwrap();
    let next_month = bookings::book(desk, &c.admin, lunch(d, today() + chrono::Duration::days(5), &[c.soup])).await.unwrap();
    let cancel = CancelRequest { reason: None, late: false };
    bookings::cancel(desk, &c.admin, next_month.id, cancel).await.unwrap();

    let record = residents::services::services_of(desk, &c.admin, r).await.unwrap();
    let meals = record.meals.expect("the administrator sees meals");
    // today() is 2026-11-28: the 5th day after falls in December, listed first.
    assert_eq!(meals.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(), ["2026-12", "2026-11"]);
    let november = &meals[1];
    assert_eq!((november.served, november.booked, november.cancelled), (1, 1, 0));
    assert_eq!((november.subsidy, november.collected), (served.subsidy, served.payable), "实收 counts only the served meal");
    assert_eq!(meals[0].cancelled, 1);
    assert_eq!(record.checkup_count, 0);

    // A health worker does not see the canteen's records.
    let nurse = db.add_user(&c.admin, "nurse", Role::Health).await;
    assert!(residents::services::services_of(desk, &nurse, r).await.unwrap().meals.is_none());
});
