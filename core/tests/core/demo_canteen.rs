//! `caredesk demo` also fills the canteen: 幸福食光 with dishes, diners and a month of bookings
//! that are exactly what booking through the app would have produced.

use crate::common;
use common::today;

use caredesk_core::canteen::board::board;
use caredesk_core::canteen::bookings::{self, BookingInput, CancelRequest, ItemInput};
use caredesk_core::canteen::model::{BookingStatus, Slot};
use caredesk_core::canteen::setup;
use caredesk_core::clock::local;
use caredesk_core::db::entity::{booking, booking_item, resident, resident_status_event};
use caredesk_core::demo;
use caredesk_core::residents::Status;
use chrono::{Duration, NaiveDate, NaiveTime};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

const RESIDENTS: u32 = 600;
/// A seed whose 600-resident demo has a diner who died during the booking month (on 2026-11-06),
/// so the eligibility check below has something to check.
const SEED: u64 = 45;

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

backend_test!(the_demo_fills_the_canteen, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let summary = demo::create(desk, &admin, RESIDENTS, SEED).await.unwrap();
    assert_eq!(summary.canteens, 1);
    assert_eq!(summary.dishes, 15);
    assert!(summary.standing_orders > 0, "regular diners have standing orders");
    assert!((50..=100).contains(&summary.diners), "about 240 × 600 / 2000 diners: {summary:?}");

    let canteens = setup::list_canteens(desk, &admin).await.unwrap();
    let [c] = canteens.as_slice() else { panic!("one canteen: {canteens:?}") };
    assert_eq!((c.name.as_str(), c.community_name.as_deref(), c.address.as_str()), ("幸福食光", Some("双桥社区"), "双桥社区服务中心一楼"));
    assert!(c.walk_ins_allowed);
    let slot = |s: Slot| c.slots.iter().find(|x| x.slot == s).unwrap().clone();
    assert!(!slot(Slot::Breakfast).active);
    let lunch = slot(Slot::Lunch);
    assert_eq!(
        (lunch.serve_from.as_str(), lunch.serve_to.as_str(), lunch.booking_cutoff.as_str(), lunch.capacity),
        ("11:00", "12:30", "10:00", Some(260))
    );
    let dinner = slot(Slot::Dinner);
    assert_eq!(
        (dinner.serve_from.as_str(), dinner.serve_to.as_str(), dinner.booking_cutoff.as_str(), dinner.capacity),
        ("17:00", "18:30", "16:00", Some(120))
    );

    let all = booking::Entity::find().order_by_asc(booking::Column::Id).all(desk.db_for_tests()).await.unwrap();
    assert_eq!(all.len() as u32, summary.bookings);
    let served = all.iter().filter(|b| b.status == BookingStatus::Served).count() as u32;
    assert_eq!(served, summary.served_meals);
    let mut items: HashMap<i32, Vec<booking_item::Model>> = HashMap::new();
    for i in booking_item::Entity::find().all(desk.db_for_tests()).await.unwrap() {
        items.entry(i.booking_id).or_default().push(i);
    }

    // Money: price = Σ unit price × quantity, payable = price − subsidy ≥ 0.
    for b in &all {
        let mine = items.get(&b.id).unwrap_or_else(|| panic!("booking {} has no items", b.id));
        assert_eq!(b.price, mine.iter().map(|i| i.unit_price * i.quantity as i64).sum::<i64>(), "booking {}", b.id);
        assert!(b.subsidy >= 0 && b.subsidy <= b.price, "booking {}", b.id);
        assert_eq!(b.payable, b.price - b.subsidy, "booking {}", b.id);
        assert_eq!(b.subsidy > 0, b.subsidy_rule_id.is_some(), "booking {}", b.id);
    }
    assert!(all.iter().any(|b| b.subsidy > 0), "some meals are subsidised");

    // Every past day has served meals, served during the slot's serving time (Beijing time);
    // today and later nothing is served yet.
    for offset in 1..=30 {
        let date = today() - Duration::days(offset);
        let lunch_served = all.iter().filter(|b| b.meal_date == date && b.slot == Slot::Lunch && b.status == BookingStatus::Served).count();
        assert!(lunch_served > 20, "{date}: {lunch_served} lunches served");
    }
    for b in all.iter().filter(|b| b.status == BookingStatus::Served) {
        let t = local(b.served_at.unwrap());
        assert_eq!(t.date_naive(), b.meal_date);
        let (from, to) = if b.slot == Slot::Lunch { (hm(11, 0), hm(12, 30)) } else { (hm(17, 0), hm(18, 30)) };
        assert!(t.time() >= from && t.time() <= to, "booking {} served at {t}", b.id);
    }
    assert!(all.iter().filter(|b| b.meal_date >= today()).all(|b| b.status == BookingStatus::Booked));
    assert!(all.iter().any(|b| b.meal_date == today() + Duration::days(6)));
    assert!(all.iter().any(|b| b.status == BookingStatus::Cancelled));

    // Nobody has a booking from the day they died or moved away.
    let events = resident_status_event::Entity::find().all(desk.db_for_tests()).await.unwrap();
    for e in events.iter().filter(|e| e.status != Status::Active) {
        let after: Vec<&booking::Model> =
            all.iter().filter(|b| b.resident_id == e.resident_id && b.meal_date >= e.effective_date).collect();
        assert!(after.is_empty(), "resident {} ({} on {}) has bookings {after:?}", e.resident_id, e.status.as_str(), e.effective_date);
    }
    // The diner who died this month ate until then and has no booking from that day on.
    let deceased = resident::Entity::find().filter(resident::Column::Status.eq("deceased")).all(desk.db_for_tests()).await.unwrap();
    let diner = deceased
        .iter()
        .find(|r| all.iter().any(|b| b.resident_id == r.id))
        .unwrap_or_else(|| panic!("seed {SEED} should give a diner who died during the month"));
    let died = diner.status_date.unwrap();
    assert!(died > today() - Duration::days(30) && died < today());
    assert!(all.iter().any(|b| b.resident_id == diner.id && b.meal_date < died && b.status == BookingStatus::Served));
    assert!(!all.iter().any(|b| b.resident_id == diner.id && b.meal_date >= died));

    // The board counts what the bookings say.
    for offset in [1, 7, 30] {
        let date = today() - Duration::days(offset);
        let day = board(desk, &admin, c.id, date).await.unwrap();
        for s in &day.slots {
            let served = all.iter().filter(|b| b.meal_date == date && b.slot == s.slot && b.status == BookingStatus::Served).count() as u32;
            let live =
                all.iter().filter(|b| b.meal_date == date && b.slot == s.slot && b.status != BookingStatus::Cancelled).count() as u32;
            assert_eq!((s.served, s.booked), (served, live), "{date} {}", s.label);
        }
    }

    // Booking through the app gives the same price and subsidy: cancel future bookings of
    // residents with one meal that day and book them again with the same dishes.
    let mut rebooked = 0;
    for b in all.iter().filter(|b| b.meal_date > today() && b.status == BookingStatus::Booked) {
        let same_day = all.iter().filter(|x| x.resident_id == b.resident_id && x.meal_date == b.meal_date).count();
        if same_day != 1 || rebooked >= 15 {
            continue;
        }
        bookings::cancel(desk, &admin, b.id, CancelRequest { reason: None, late: false }).await.unwrap();
        let again = bookings::book(
            desk,
            &admin,
            BookingInput {
                diner_id: b.diner_id,
                date: b.meal_date,
                slot: b.slot,
                items: items[&b.id].iter().map(|i| ItemInput { dish_id: i.dish_id, quantity: i.quantity }).collect(),
                mode: None,
                late: false,
            },
        )
        .await
        .unwrap();
        assert_eq!(
            (again.price, again.subsidy, again.subsidy_rule.as_ref()),
            (b.price, b.subsidy, b.subsidy_rule_name.as_ref()),
            "booking {}",
            b.id
        );
        assert_eq!(
            (again.mode.as_str(), again.route.as_ref(), again.address.as_ref()),
            (b.mode.as_str(), b.route.as_ref(), b.address.as_ref())
        );
        rebooked += 1;
    }
    assert_eq!(rebooked, 15);
});

/// The same seed gives the same canteen data.
#[tokio::test]
async fn the_same_seed_gives_the_same_bookings() {
    let mut seen = Vec::new();
    for _ in 0..2 {
        let db = common::TestDb::sqlite().await;
        let admin = db.with_admin().await;
        demo::create(db.desk(), &admin, 200, 7).await.unwrap();
        let rows: Vec<(i32, NaiveDate, Slot, i64, i64, BookingStatus)> = booking::Entity::find()
            .order_by_asc(booking::Column::Id)
            .all(db.desk().db_for_tests())
            .await
            .unwrap()
            .into_iter()
            .map(|b| (b.resident_id, b.meal_date, b.slot, b.price, b.subsidy, b.status))
            .collect();
        assert!(!rows.is_empty());
        seen.push(rows);
        db.finish().await;
    }
    assert_eq!(seen[0], seen[1]);
}

backend_test!(standing_orders_of_the_demo_already_booked_the_coming_days, |db| {
    use caredesk_core::canteen::bookings::{self, DayQuery};
    use caredesk_core::canteen::standing;
    let admin = db.with_admin().await;
    let desk = db.desk();
    demo::create(desk, &admin, RESIDENTS, SEED).await.unwrap();
    let c = setup::list_canteens(desk, &admin).await.unwrap().remove(0);
    let orders = standing::list(desk, &admin, c.id).await.unwrap();
    assert!(orders.iter().any(|o| o.weekdays_label == "工作日" && o.state == standing::StandingState::Active), "{orders:?}");
    // Monday: every active order's lunch is booked, so opening the day books nothing more.
    let monday = today() + chrono::Duration::days(2);
    let before = booking::Entity::find().all(desk.db_for_tests()).await.unwrap().len();
    let day =
        bookings::list_day(desk, &admin, DayQuery { canteen_id: c.id, date: monday, slot: None, include_cancelled: false, text: None })
            .await
            .unwrap();
    assert_eq!(booking::Entity::find().all(desk.db_for_tests()).await.unwrap().len(), before);
    for o in orders.iter().filter(|o| o.state == standing::StandingState::Active) {
        assert!(day.iter().any(|b| b.diner_id == o.diner_id && b.meal == "助老套餐（每日）"), "{} has Monday's lunch", o.name);
    }
});

// A coded column holding a value this build does not know (written by a newer build, or by hand) is
// an error that names the value, the column and the row — never shown as some default meal.
backend_test!(an_unknown_stored_code_is_an_error_naming_value_column_and_row, |db| {
    use caredesk_core::canteen::bookings::DayQuery;
    use sea_orm::ConnectionTrait;
    let admin = db.with_admin().await;
    let desk = db.desk();
    demo::create(desk, &admin, RESIDENTS, SEED).await.unwrap();
    let b = booking::Entity::find().filter(booking::Column::MealDate.eq(today())).one(desk.db_for_tests()).await.unwrap().unwrap();
    let sql = format!("UPDATE bookings SET slot = 'brunch' WHERE id = {}", b.id);
    desk.db_for_tests().execute_unprepared(&sql).await.unwrap();
    let cancelling = bookings::cancel(desk, &admin, b.id, CancelRequest { reason: None, late: true }).await.unwrap_err();
    let listing = bookings::list_day(
        desk,
        &admin,
        DayQuery { canteen_id: b.canteen_id, date: today(), slot: None, include_cancelled: true, text: None },
    )
    .await
    .unwrap_err();
    for err in [cancelling, listing] {
        assert_eq!(err.code(), "unknown_stored_value");
        let message = err.to_string();
        assert!(message.contains("餐别“brunch”") && message.contains("slot 列") && message.contains(&format!("id {}", b.id)), "{message}");
    }
});
