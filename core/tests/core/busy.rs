//! A long import must not turn diners away: while a large residents sheet is imported on one
//! connection, meal tickets redeemed at the counter on another connection are all served, each
//! within a few seconds (the benchmark measures how long: `cargo bench --bench residents`).

use crate::common;

use caredesk_core::canteen::checkin;
use caredesk_core::canteen::model::BookingStatus;
use caredesk_core::canteen::tickets::code_of;
use caredesk_core::db::entity::booking;
use caredesk_core::residents::id_number::check_char;
use caredesk_core::residents::import;
use caredesk_core::{demo, Desk};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const IMPORT_ROWS: u32 = 6_000;
/// Far above what a redeem waits with short write locks (well under a second), far below the
/// busy timeout a long lock would exhaust.
const GENEROUS: Duration = Duration::from_secs(3);

/// New residents only, with ID numbers of a region the demo does not use.
fn big_sheet() -> Vec<u8> {
    let mut csv = String::from("姓名,身份证号,联系电话,住址,社区,类别\n");
    for i in 0..IMPORT_ROWS {
        let birth = format!("19{:02}{:02}{:02}", 30 + i % 60, 1 + i % 12, 1 + i % 28);
        let first17 = format!("650102{birth}{:03}", i % 1000);
        let category = if i % 10 == 0 { "独居" } else { "" };
        csv.push_str(&format!(
            "导入{},{first17}{},{},欣园小区{}号楼,双桥社区,{category}\n",
            ["秀英", "建国"][(i % 2) as usize],
            check_char(&first17),
            13_800_000_000u64 + i as u64,
            i % 30
        ));
    }
    csv.into_bytes()
}

backend_test!(tickets_are_redeemed_during_a_long_import, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    demo::create(desk, &admin, 400, 11).await.unwrap();
    let today = desk.clock().today();
    let booked = booking::Entity::find()
        .filter(booking::Column::MealDate.eq(today))
        .filter(booking::Column::Status.eq(BookingStatus::Booked.as_str()))
        .order_by_asc(booking::Column::Id)
        .all(desk.db_for_tests())
        .await
        .unwrap();
    assert!(booked.len() >= 20, "the demo books today's lunches: {}", booked.len());
    let mut codes = Vec::new();
    for b in &booked {
        codes.push(code_of(desk, b.id).await.unwrap());
    }

    // The counter is another connection pool on the same database, on a thread of its own, as
    // another window or PC is.
    let importing = Arc::new(AtomicBool::new(true));
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let counter = {
        let (location, clock, importing) = (db.location.clone(), db.clock.clone(), importing.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async move {
                let counter = Desk::open_with_clock(location, clock).await.unwrap();
                let clerk = common::sign_in(&counter, "admin", common::ADMIN_PASSWORD).await;
                ready_tx.send(()).unwrap();
                let mut waits = Vec::new();
                let mut codes = codes.iter();
                // One redeem after another for as long as the import runs (and at least ten).
                while importing.load(Ordering::SeqCst) || waits.len() < 10 {
                    let Some(code) = codes.next() else { break };
                    let t = Instant::now();
                    let served = checkin::redeem(&counter, &clerk, code).await;
                    waits.push((t.elapsed(), served.map(|b| b.status)));
                    tokio::time::sleep(Duration::from_millis(150)).await;
                }
                counter.close().await;
                waits
            })
        })
    };
    ready_rx.recv().unwrap();
    let imported = import::commit(desk, &admin, "大表.csv", &big_sheet()).await;
    importing.store(false, Ordering::SeqCst);
    let waits = counter.join().unwrap();
    assert_eq!(imported.unwrap().created, IMPORT_ROWS);
    eprintln!("{} redeems during the import, longest {:?}", waits.len(), waits.iter().map(|w| w.0).max());
    assert!(waits.len() >= 10, "{} redeems", waits.len());
    for (wait, served) in &waits {
        assert_eq!(served.as_ref().ok(), Some(&BookingStatus::Served), "{served:?}");
        assert!(*wait < GENEROUS, "a redeem waited {wait:?}");
    }
});
