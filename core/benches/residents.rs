//! Residents registry figures on a SQLite file: filling 100,000 demo residents, the search box's
//! typical queries (p50 / p95 of the first page), and importing 10,000- and 100,000-row sheets
//! (parse, validate, commit) while a counter on another connection redeems meal tickets: how long
//! the import's write lock was held (a probe taking the lock every 2 ms) and how long each redeem
//! waited. Run: `cargo bench -p caredesk-core --bench residents`.

use caredesk_core::auth::{self, Actor};
use caredesk_core::canteen::{checkin, model::BookingStatus, tickets::code_of};
use caredesk_core::db::entity::booking;
use caredesk_core::residents::id_number::check_char;
use caredesk_core::residents::{self, import, ResidentQuery, Status};
use caredesk_core::settings::{self, SetupRequest};
use caredesk_core::{Desk, Location};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, SqliteTransactionMode, TransactionOptions, TransactionTrait};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const RESIDENTS: u32 = 100_000;
const IMPORT_SIZES: [u32; 2] = [10_000, 100_000];
const RUNS: usize = 60;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).saturating_sub(1).min(sorted.len() - 1)]
}

async fn signed_in_desk(path: &std::path::Path) -> (Desk, Actor) {
    let desk = Desk::open(Location::SqliteFile(path.to_path_buf())).await.expect("open");
    let setup = SetupRequest {
        office_name: "中阳楼街道办事处".into(),
        admin_username: "admin".into(),
        password: "Passw0rd!".into(),
        password_confirm: "Passw0rd!".into(),
    };
    settings::initialize(&desk, setup).await.expect("set-up");
    let actor = auth::login(&desk, "admin", "Passw0rd!").await.expect("login").actor().clone();
    (desk, actor)
}

async fn search_figures(desk: &Desk, actor: &Actor) {
    let page = |text: Option<&str>| ResidentQuery { text: text.map(String::from), page: 1, page_size: 20, ..Default::default() };
    let queries: Vec<(&str, ResidentQuery)> = vec![
        ("name substring 秀英", page(Some("秀英"))),
        ("surname 王", page(Some("王"))),
        ("pinyin initials wxy", page(Some("wxy"))),
        ("full pinyin zhangwei", page(Some("zhangwei"))),
        ("ID suffix 6941 (4)", page(Some("6941"))),
        ("ID suffix 20694X (6)", page(Some("20694X"))),
        ("phone suffix 5678", page(Some("5678"))),
        ("no text, in register, by pinyin", ResidentQuery { status: Some(Status::Active), ..page(None) }),
        ("80+ in one community", ResidentQuery { community_id: Some(1), age_min: Some(80), ..page(None) }),
        ("低保 on today", ResidentQuery { category_type_id: Some(5), ..page(None) }),
        ("wxy + 60+ + in register", ResidentQuery { age_min: Some(60), status: Some(Status::Active), ..page(Some("wxy")) }),
    ];
    println!("search, first page of 20 (count included), {RUNS} runs each:");
    let mut worst = Duration::ZERO;
    for (label, q) in &queries {
        let mut times = Vec::with_capacity(RUNS);
        let mut total = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            total = residents::search(desk, actor, q).await.expect("search").total;
            times.push(t.elapsed());
        }
        times.sort();
        let p95 = percentile(&times, 0.95);
        worst = worst.max(p95);
        println!("  {label:<34} p50 {:>6.1} ms   p95 {:>6.1} ms   ({total} matches)", ms(percentile(&times, 0.5)), ms(p95));
    }
    println!("search worst p95: {:.1} ms (target ≤ 20 ms)", ms(worst));
}

fn import_xlsx_rows(rows: u32) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "联系电话", "住址", "社区", "类别"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    for i in 0..rows {
        let birth = format!("19{:02}{:02}{:02}", 30 + i % 60, 1 + i % 12, 1 + i % 28);
        // 650102 (乌鲁木齐): a region the demo does not use; the sequence keeps numbers apart.
        let first17 = format!("{}{birth}{:03}", 650102 + i / 1000 % 97, i % 1000);
        let id = format!("{first17}{}", check_char(&first17));
        let r = i + 1;
        ws.write_string(r, 0, format!("导入{}", ["秀英", "建国", "桂兰", "志强"][(i % 4) as usize])).expect("cell");
        ws.write_string(r, 1, &id).expect("cell");
        ws.write_number(r, 2, 13_800_000_000.0 + i as f64).expect("cell");
        ws.write_string(r, 3, format!("欣园小区{}号楼", i % 30)).expect("cell");
        ws.write_string(r, 4, "双桥社区").expect("cell");
        if i % 10 == 0 {
            ws.write_string(r, 5, "独居").expect("cell");
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

/// While `importing`: takes and releases the write lock every 2 ms on a connection of its own,
/// returning the longest it had to wait (the longest the import held the lock).
fn lock_probe(path: std::path::PathBuf, importing: Arc<AtomicBool>) -> std::thread::JoinHandle<Duration> {
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async move {
            let desk = Desk::open(Location::SqliteFile(path)).await.expect("open");
            let immediate = TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
            let mut longest = Duration::ZERO;
            while importing.load(Ordering::SeqCst) {
                let t = Instant::now();
                let txn = desk.db_for_tests().begin_with_options(immediate).await.expect("lock");
                longest = longest.max(t.elapsed());
                txn.commit().await.expect("release");
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            desk.close().await;
            longest
        })
    })
}

/// While `importing`: redeems one ticket every 50 ms on a connection of its own; (waits, failures).
fn counter(path: std::path::PathBuf, codes: Vec<String>, importing: Arc<AtomicBool>) -> std::thread::JoinHandle<(Vec<Duration>, u32)> {
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async move {
            let desk = Desk::open(Location::SqliteFile(path)).await.expect("open");
            let clerk = auth::login(&desk, "admin", "Passw0rd!").await.expect("login").actor().clone();
            let (mut waits, mut failed) = (Vec::new(), 0);
            for code in &codes {
                if !importing.load(Ordering::SeqCst) {
                    break;
                }
                let t = Instant::now();
                match checkin::redeem(&desk, &clerk, code).await {
                    Ok(_) => waits.push(t.elapsed()),
                    Err(e) => {
                        eprintln!("redeem failed: {e} [{}]", e.code());
                        failed += 1;
                    }
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            desk.close().await;
            (waits, failed)
        })
    })
}

async fn import_figures(path: &std::path::Path, rows: u32) {
    let (desk, actor) = signed_in_desk(path).await;
    // 2,000 demo residents: a canteen with today's booked lunches to redeem during the import.
    caredesk_core::demo::create(&desk, &actor, 2_000, 1).await.expect("demo");
    let today = desk.clock().today();
    let booked = booking::Entity::find()
        .filter(booking::Column::MealDate.eq(today))
        .filter(booking::Column::Status.eq(BookingStatus::Booked.as_str()))
        .all(desk.db_for_tests())
        .await
        .expect("bookings");
    let mut codes = Vec::new();
    for b in &booked {
        codes.push(code_of(&desk, b.id).await.expect("code"));
    }
    let bytes = import_xlsx_rows(rows);
    let t = Instant::now();
    let preview = import::preview(&desk, &actor, "bench.xlsx", &bytes).await.expect("preview");
    let preview_time = t.elapsed();
    assert_eq!(preview.counts.new, rows, "every row imports: {:?}", preview.rows.iter().find(|r| !r.errors.is_empty()));

    let importing = Arc::new(AtomicBool::new(true));
    let probe = lock_probe(path.to_path_buf(), importing.clone());
    let counter = counter(path.to_path_buf(), codes, importing.clone());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let t = Instant::now();
    let result = import::commit(&desk, &actor, "bench.xlsx", &bytes).await.expect("commit");
    let commit_time = t.elapsed();
    importing.store(false, Ordering::SeqCst);
    let lock = probe.join().expect("probe");
    let (mut waits, failed) = counter.join().expect("counter");
    waits.sort();
    println!(
        "import {rows} rows (.xlsx {} KB): preview {:.2} s; confirm {:.2} s in all for {} new residents, write lock held {:.2} s \
         (target ≤ {} s); {} tickets redeemed meanwhile: p50 {:.0} ms, longest {:.0} ms, {failed} failed",
        bytes.len() / 1024,
        preview_time.as_secs_f64(),
        commit_time.as_secs_f64(),
        result.created,
        lock.as_secs_f64(),
        if rows <= 10_000 { "0.5" } else { "5" },
        waits.len(),
        waits.get(waits.len() / 2).map_or(0.0, |d| ms(*d)),
        waits.last().map_or(0.0, |d| ms(*d)),
    );
    desk.close().await;
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    rt.block_on(async {
        let (desk, actor) = signed_in_desk(&dir.path().join("bench.db")).await;
        let t = Instant::now();
        let s = caredesk_core::demo::create(&desk, &actor, RESIDENTS, 2026).await.expect("demo");
        println!("demo: {} residents in {} households written in {:.1} s", s.residents, s.households, t.elapsed().as_secs_f64());
        search_figures(&desk, &actor).await;
        desk.close().await;

        for rows in IMPORT_SIZES {
            import_figures(&dir.path().join(format!("import-{rows}.db")), rows).await;
        }
    });
}
