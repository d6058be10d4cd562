//! Canteen figures on SQLite files, in-process: the demo's generation time (2,000 residents with
//! the canteen), the day's 就餐名单 with 200 and with 5,000 rows (loading + PDF), 1,000 meal
//! tickets with QR codes, and redeeming a ticket at the counter (p50 / p95).
//! Run: `cargo bench -p caredesk-core --bench canteen` (needs the fonts from scripts/fonts.sh).
//!
//! The desks' clock stands at 09:00 Beijing time on 2026-11-30, so no booking cutoff interferes.
//! The 200-row list, the tickets (five days of 200) and the redeems run on the default demo
//! (2,000 residents, 240 diners); the 5,000-row list on a demo of 6,000 residents with every
//! active resident registered as a diner. Days beyond the demo's bookings are filled with direct
//! inserts.

use caredesk_core::auth::{self, Actor};
use caredesk_core::canteen::bookings::{self, BookingInfo, DayQuery};
use caredesk_core::canteen::checkin;
use caredesk_core::canteen::documents::{self, CanteenList, ListGroup, ListRow, TicketData};
use caredesk_core::canteen::ledger;
use caredesk_core::canteen::model::{BookingStatus, DinerType, DishKind, Mode, Slot};
use caredesk_core::canteen::printing::{self, TicketRequest};
use caredesk_core::canteen::setup::{self, CanteenInput};
use caredesk_core::canteen::tickets::{code_for, SECRET_KEY};
use caredesk_core::db::entity::{booking, booking_item, diner, dish, resident, setting};
use caredesk_core::print::page::PageMeta;
use caredesk_core::settings::{self, SetupRequest};
use caredesk_core::{Clock, Desk, Location};
use chrono::{DateTime, Duration as Days, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

/// 2026-11-30 09:00 Beijing time (a Monday).
const NOW: &str = "2026-11-30T01:00:00Z";
const DEMO_RUNS: usize = 3;
const RUNS: usize = 7;
const REDEEMS: usize = 200;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).saturating_sub(1).min(sorted.len() - 1)]
}

/// Times `runs` calls of `f`, returning the sorted times and the last result.
async fn timed<T, F: std::future::Future<Output = T>>(runs: usize, mut f: impl FnMut() -> F) -> (Vec<Duration>, T) {
    let mut times = Vec::with_capacity(runs);
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        out = Some(f().await);
        times.push(t.elapsed());
    }
    times.sort();
    (times, out.expect("at least one run"))
}

struct Figures(Vec<(String, String, String, String)>);

impl Figures {
    fn add(&mut self, what: &str, times: &[Duration], extra: String, target: &str) {
        let figure = format!("min {:>7.1} ms  median {:>7.1} ms", ms(times[0]), ms(percentile(times, 0.5)));
        self.0.push((what.into(), figure, extra, target.into()));
    }

    fn print(&self) {
        println!();
        println!("{} {} {} target", pad("canteen", 36), pad("time", 36), pad("", 28));
        for (what, figure, extra, target) in &self.0 {
            println!("{} {} {} {target}", pad(what, 36), pad(figure, 36), pad(extra, 28));
        }
    }
}

/// Pads to `width` terminal columns, counting CJK characters as two.
fn pad(text: &str, width: usize) -> String {
    let wide = |c: char| matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFF60);
    let used: usize = text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

async fn signed_in_desk(path: &Path) -> (Desk, Actor) {
    let clock = Clock::fixed(NOW.parse().expect("bench time"));
    let desk = Desk::open_with_clock(Location::SqliteFile(path.to_path_buf()), clock).await.expect("open");
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

/// Registers every resident who is not yet a diner of the canteen (directly, in bulk).
async fn register_everyone(desk: &Desk, canteen_id: i32, now: DateTime<Utc>) -> Vec<diner::Model> {
    let db = desk.db_for_tests();
    let known: HashSet<i32> = diner::Entity::find().all(db).await.expect("diners").into_iter().map(|d| d.resident_id).collect();
    let people = resident::Entity::find()
        .filter(resident::Column::Status.eq("active"))
        .order_by_asc(resident::Column::Id)
        .all(db)
        .await
        .expect("residents");
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let rows: Vec<diner::ActiveModel> = people
        .iter()
        .filter(|r| !known.contains(&r.id))
        .enumerate()
        .map(|(i, r)| {
            let age = caredesk_core::residents::age::age_on(r.birth_date, today).unwrap_or(30);
            let kind = if age >= 60 {
                DinerType::Elderly
            } else if age < 14 {
                DinerType::Child
            } else {
                DinerType::Resident
            };
            let mode = match i % 10 {
                0 => Mode::Delivery,
                1..=3 => Mode::TakeAway,
                _ => Mode::DineIn,
            };
            diner::ActiveModel {
                canteen_id: Set(canteen_id),
                resident_id: Set(r.id),
                card_number: Set(format!("B{:05}", i + 1)),
                diner_type: Set(kind),
                default_mode: Set(mode),
                route: Set((mode == Mode::Delivery).then(|| ["一号线（双桥社区）", "二号线（振兴社区）"][i % 2].to_string())),
                delivery_address: Set(if mode == Mode::Delivery { r.address.clone() } else { None }),
                notes: Set(None),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
        })
        .collect();
    for chunk in rows.chunks(500) {
        diner::Entity::insert_many(chunk.to_vec()).exec(db).await.expect("insert diners");
    }
    diner::Entity::find()
        .filter(diner::Column::CanteenId.eq(canteen_id))
        .filter(diner::Column::Active.eq(true))
        .order_by_asc(diner::Column::Id)
        .all(db)
        .await
        .expect("diners")
}

/// `n` booked meals on `date` and `slot` for the first `n` of `diners` (a set meal, every third
/// one with a 小碗菜), written directly.
async fn fill(desk: &Desk, canteen_id: i32, diners: &[diner::Model], date: NaiveDate, slot: Slot, n: usize, now: DateTime<Utc>) {
    let db = desk.db_for_tests();
    let dishes =
        dish::Entity::find().filter(dish::Column::CanteenId.eq(canteen_id)).order_by_asc(dish::Column::Id).all(db).await.expect("dishes");
    let sets: Vec<&dish::Model> = dishes.iter().filter(|d| d.kind == DishKind::SetMeal).collect();
    let smalls: Vec<&dish::Model> = dishes.iter().filter(|d| d.kind == DishKind::Dish).collect();
    let price = |d: &dish::Model, t: &DinerType| match t {
        DinerType::Elderly => d.price_elderly,
        DinerType::Child => d.price_child,
        _ => d.price_resident,
    };
    let chosen: Vec<&diner::Model> = diners.iter().take(n).collect();
    assert_eq!(chosen.len(), n, "not enough diners");
    let rows: Vec<booking::ActiveModel> = chosen
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let set = sets[i % sets.len()];
            let total = price(set, &d.diner_type) + if i % 3 == 0 { price(smalls[i % smalls.len()], &d.diner_type) } else { 0 };
            let subsidy = if d.diner_type == DinerType::Elderly { [100, 500, 800][i % 3].min(total) } else { 0 };
            let delivery = d.default_mode == Mode::Delivery;
            booking::ActiveModel {
                canteen_id: Set(canteen_id),
                diner_id: Set(d.id),
                resident_id: Set(d.resident_id),
                meal_date: Set(date),
                slot: Set(slot),
                mode: Set(d.default_mode),
                route: Set(if delivery { d.route.clone() } else { None }),
                address: Set(if delivery { d.delivery_address.clone() } else { None }),
                diner_type: Set(d.diner_type),
                price: Set(total),
                subsidy: Set(subsidy),
                payable: Set(total - subsidy),
                subsidy_rule_id: Set(None),
                subsidy_rule_name: Set((subsidy > 0).then(|| "老年人助餐补贴".to_string())),
                status: Set(BookingStatus::Booked),
                walk_in: Set(false),
                standing_order_id: Set(None),
                created_at: Set(now),
                created_by: Set(None),
                cancelled_at: Set(None),
                cancelled_by: Set(None),
                cancel_reason: Set(None),
                served_at: Set(None),
                served_by: Set(None),
                ..Default::default()
            }
        })
        .collect();
    for chunk in rows.chunks(500) {
        booking::Entity::insert_many(chunk.to_vec()).exec(db).await.expect("insert bookings");
    }
    let ids: HashMap<i32, i32> = booking::Entity::find()
        .filter(booking::Column::CanteenId.eq(canteen_id))
        .filter(booking::Column::MealDate.eq(date))
        .filter(booking::Column::Slot.eq(slot.as_str()))
        .all(db)
        .await
        .expect("bookings")
        .into_iter()
        .map(|b| (b.diner_id, b.id))
        .collect();
    let mut items = Vec::new();
    for (i, d) in chosen.iter().enumerate() {
        let id = ids[&d.id];
        let set = sets[i % sets.len()];
        let mut add = |x: &dish::Model| {
            items.push(booking_item::ActiveModel {
                booking_id: Set(id),
                dish_id: Set(x.id),
                dish_name: Set(x.name.clone()),
                quantity: Set(1),
                unit_price: Set(price(x, &d.diner_type)),
                ..Default::default()
            })
        };
        add(set);
        if i % 3 == 0 {
            add(smalls[i % smalls.len()]);
        }
    }
    for chunk in items.chunks(500) {
        booking_item::Entity::insert_many(chunk.to_vec()).exec(db).await.expect("insert items");
    }
}

async fn ticket_secret(desk: &Desk) -> Vec<u8> {
    let hex =
        setting::Entity::find_by_id(SECRET_KEY.to_string()).one(desk.db_for_tests()).await.expect("secret").expect("secret row").value;
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")).collect()
}

fn meta(title: &str) -> PageMeta {
    PageMeta {
        office: "中阳楼街道办事处".into(),
        title: title.into(),
        date: "2026年12月8日".into(),
        printed_by: "admin".into(),
        printed_at: "2026-11-30 09:00".into(),
    }
}

/// The list's data as `printing::canteen_list` builds it from the day's bookings.
fn list_data(rows: &[BookingInfo], date: NaiveDate) -> CanteenList {
    let groups = Mode::ALL
        .iter()
        .map(|m| ListGroup {
            mode_label: m.label().into(),
            rows: rows
                .iter()
                .filter(|b| b.mode == *m)
                .map(|b| ListRow {
                    name: b.name.clone(),
                    community: b.community.clone(),
                    categories: b.categories.join("、"),
                    meal: b.meal.clone(),
                    price: b.price,
                    subsidy: b.subsidy,
                    payable: b.payable,
                    served: b.status == caredesk_core::canteen::model::BookingStatus::Served,
                    highlight: b.highlight,
                })
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    CanteenList { canteen: "幸福食光".into(), date, slot_label: "午餐".into(), groups, urgent_note: None }
}

/// Where a list's time goes: loading the day's bookings, and drawing the PDF from them.
async fn list_breakdown(
    figures: &mut Figures,
    desk: &Desk,
    actor: &Actor,
    canteen_id: i32,
    date: NaiveDate,
    label: &str,
) -> Vec<BookingInfo> {
    let q = || DayQuery { canteen_id, date, slot: Some(Slot::Lunch), include_cancelled: false, text: None };
    let (times, rows) = timed(5, || bookings::list_day(desk, actor, q())).await;
    let rows = rows.expect("day");
    figures.add(&format!("  {label}: load bookings"), &times, format!("{} rows", rows.len()), "");
    let data = list_data(&rows, date);
    let (times, _) = timed(5, || async { documents::canteen_list(&data, &meta("就餐名单（午餐）")).expect("pdf") }).await;
    figures.add(&format!("  {label}: draw PDF"), &times, String::new(), "");
    rows
}

/// The canteen's active diners, oldest first.
async fn active_diners(desk: &Desk, canteen_id: i32) -> Vec<diner::Model> {
    diner::Entity::find()
        .filter(diner::Column::CanteenId.eq(canteen_id))
        .filter(diner::Column::Active.eq(true))
        .order_by_asc(diner::Column::Id)
        .all(desk.db_for_tests())
        .await
        .expect("diners")
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let now: DateTime<Utc> = NOW.parse().expect("bench time");
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let mut figures = Figures(Vec::new());
    rt.block_on(async {
        // The demo, as `caredesk demo` runs it (each run on a new file).
        let mut times = Vec::new();
        let mut summary = None;
        for run in 0..DEMO_RUNS {
            let (desk, actor) = signed_in_desk(&dir.path().join(format!("demo-{run}.db"))).await;
            let t = Instant::now();
            summary = Some(caredesk_core::demo::create(&desk, &actor, 2000, 2026).await.expect("demo"));
            times.push(t.elapsed());
            desk.close().await;
        }
        times.sort();
        let s = summary.expect("a demo");
        figures.add("demo, 2,000 residents + canteen", &times, format!("{} bookings, {} diners", s.bookings, s.diners), "—");

        // The default demo: 200 lunches a day on five days after the demo's bookings.
        let (desk, actor) = signed_in_desk(&dir.path().join("demo.db")).await;
        caredesk_core::demo::create(&desk, &actor, 2000, 2026).await.expect("demo");
        let c = setup::list_canteens(&desk, &actor).await.expect("canteens").remove(0);
        let diners = active_diners(&desk, c.id).await;
        let first = today + Days::days(8);
        for n in 0..5 {
            fill(&desk, c.id, &diners, first + Days::days(n), Slot::Lunch, 200, now).await;
        }
        let t = Instant::now();
        printing::canteen_list(&desk, &actor, c.id, first, Slot::Lunch).await.expect("list");
        println!("set-up: first 就餐名单 of the process (loads the fonts) {:.0} ms", ms(t.elapsed()));
        let (times, out) = timed(RUNS, || printing::canteen_list(&desk, &actor, c.id, first, Slot::Lunch)).await;
        let out = out.expect("list");
        let kb = out.bytes.len() as f64 / 1024.0;
        figures.add("就餐名单 200 rows", &times, format!("{} pages, {kb:.0} KB", out.pages), "≤ 25 ms; PDF ≤ 80 KB");
        list_breakdown(&mut figures, &desk, &actor, c.id, first, "200 rows").await;

        let request = || TicketRequest { canteen_id: c.id, from: first, to: Some(first + Days::days(4)), diner_ids: vec![] };
        let (times, out) = timed(5, || printing::meal_tickets(&desk, &actor, request())).await;
        let out = out.expect("tickets");
        figures.add("餐券 1,000 with QR (5 days × 200)", &times, format!("{} pages, {} KB", out.pages, out.bytes.len() / 1024), "≤ 300 ms");
        let secret = ticket_secret(&desk).await;
        let mut rows = Vec::new();
        for n in 0..5 {
            let q =
                DayQuery { canteen_id: c.id, date: first + Days::days(n), slot: Some(Slot::Lunch), include_cancelled: false, text: None };
            rows.extend(bookings::list_day(&desk, &actor, q).await.expect("day"));
        }
        let tickets: Vec<TicketData> = rows
            .iter()
            .map(|b| TicketData {
                canteen: c.name.clone(),
                name: b.name.clone(),
                date: b.date,
                slot_label: b.slot_label.clone(),
                meal: b.meal.clone(),
                mode_label: b.mode_label.clone(),
                price: b.price,
                subsidy: b.subsidy,
                payable: b.payable,
                number: b.ticket_number.clone(),
                code: code_for(&secret, b.id),
            })
            .collect();
        let (times, _) = timed(5, || async { documents::meal_tickets(&tickets, &meta("餐券")).expect("pdf") }).await;
        figures.add("  餐券: draw PDF (QR included)", &times, format!("{} tickets", tickets.len()), "");

        // Redeeming today's tickets (the demo's bookings for today), as the counter does.
        let todays = booking::Entity::find()
            .filter(booking::Column::MealDate.eq(today))
            .filter(booking::Column::Status.eq("booked"))
            .order_by_asc(booking::Column::Id)
            .all(desk.db_for_tests())
            .await
            .expect("today");
        let codes: Vec<String> = todays.iter().take(REDEEMS).map(|b| code_for(&secret, b.id)).collect();
        let mut times = Vec::new();
        for code in &codes {
            let t = Instant::now();
            checkin::redeem(&desk, &actor, code).await.expect("redeem");
            times.push(t.elapsed());
        }
        times.sort();
        let p = |q| ms(percentile(&times, q));
        let redeems = (
            format!("redeem (核销), {} tickets", codes.len()),
            format!("p50 {:>7.1} ms  p95 {:>8.1} ms", p(0.5), p(0.95)),
            format!("min {:.1} ms, max {:.1} ms", ms(times[0]), ms(*times.last().expect("a redeem"))),
            "≤ 50 ms".to_string(),
        );

        // The monthly subsidy claim over the month's served meals (the demo's November).
        let (times, claim) = timed(RUNS, || ledger::monthly_claim(&desk, &actor, c.id, "2026-11")).await;
        let claim = claim.expect("claim");
        let about = format!("{} served meals, {} rows", claim.served_meals, claim.rows.len());
        figures.add("补贴申领表 2026-11: data", &times, about, "≤ 200 ms");
        let (times, out) = timed(RUNS, || ledger::monthly_claim_pdf(&desk, &actor, c.id, "2026-11")).await;
        let out = out.expect("claim pdf");
        figures.add("补贴申领表 2026-11: PDF", &times, format!("{} pages, {} KB", out.pages, out.bytes.len() / 1024), "≤ 200 ms");
        let (times, out) = timed(RUNS, || ledger::monthly_claim_xlsx(&desk, &actor, c.id, "2026-11")).await;
        figures.add("补贴申领表 2026-11: XLSX", &times, format!("{} KB", out.expect("claim xlsx").len() / 1024), "≤ 200 ms");
        desk.close().await;

        // 5,000 lunches on one day: every active resident of a 6,000-resident demo is a diner.
        let (desk, actor) = signed_in_desk(&dir.path().join("big.db")).await;
        caredesk_core::demo::create(&desk, &actor, 6000, 2026).await.expect("demo");
        let c = setup::list_canteens(&desk, &actor).await.expect("canteens").remove(0);
        let mut slots = c.slots.clone();
        for s in slots.iter_mut().filter(|s| s.slot == Slot::Lunch) {
            s.capacity = Some(5000);
        }
        let input = CanteenInput {
            name: c.name.clone(),
            community_id: c.community_id,
            address: c.address.clone(),
            walk_ins_allowed: true,
            active: true,
            slots,
        };
        setup::update_canteen(&desk, &actor, c.id, input).await.expect("capacity");
        let diners = register_everyone(&desk, c.id, now).await;
        let day = today + Days::days(9);
        fill(&desk, c.id, &diners, day, Slot::Lunch, 5000, now).await;
        let (times, out) = timed(5, || printing::canteen_list(&desk, &actor, c.id, day, Slot::Lunch)).await;
        let out = out.expect("list");
        figures.add("就餐名单 5,000 rows", &times, format!("{} pages, {} KB", out.pages, out.bytes.len() / 1024), "≤ 300 ms");
        list_breakdown(&mut figures, &desk, &actor, c.id, day, "5,000 rows").await;
        fill(&desk, c.id, &diners, day + Days::days(1), Slot::Lunch, 200, now).await;
        list_breakdown(&mut figures, &desk, &actor, c.id, day + Days::days(1), &format!("200 rows, {} diners", diners.len())).await;
        desk.close().await;
        figures.0.push(redeems);
    });
    figures.print();
}
