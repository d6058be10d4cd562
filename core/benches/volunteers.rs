//! Volunteers figures (release, in-process, SQLite file): the list of pairings not visited lately
//! over 1,000 pairings with a quarter of weekly visits each, and the hours report of 1,000
//! volunteers over a year of service entries (about 60 each). Run with
//! `cargo bench -p caredesk-core --bench volunteers`.
//!
//! The database is the 6,000-resident demo (its 26 pairings) plus pairings of every other elder of
//! 60 and over, written straight into the tables, up to 1,000 in all.

use caredesk_core::auth::{self, Actor};
use caredesk_core::db::entity::{pairing, pairing_volunteer, resident, service_entry, visit, volunteer};
use caredesk_core::residents::age::age_on;
use caredesk_core::settings::{self, SetupRequest};
use caredesk_core::volunteers::hours;
use caredesk_core::volunteers::model::{EntrySource, IdType, VisitWay, VolunteerStatus};
use caredesk_core::volunteers::pairings::{self, PairingFilter};
use caredesk_core::volunteers::registry::{self, VolunteerQuery};
use caredesk_core::{Clock, Desk, Location};
use chrono::{Duration as Days, NaiveDate};
use sea_orm::{EntityTrait, QueryOrder, Set};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-30T02:00:00Z";
const PAIRINGS: usize = 1000;
const RUNS: usize = 9;
const VOLUNTEERS: usize = 1000;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    rt.block_on(async {
        let clock = Clock::fixed(NOW.parse().expect("bench time"));
        let desk = Desk::open_with_clock(Location::SqliteFile(dir.path().join("volunteers.db")), clock).await.expect("open");
        let setup = SetupRequest {
            office_name: "中阳楼街道办事处".into(),
            admin_username: "admin".into(),
            password: "Passw0rd!".into(),
            password_confirm: "Passw0rd!".into(),
        };
        settings::initialize(&desk, setup).await.expect("set-up");
        let actor: Actor = auth::login(&desk, "admin", "Passw0rd!").await.expect("login").actor().clone();
        caredesk_core::demo::create(&desk, &actor, 6000, 2026).await.expect("demo");
        let db = desk.db_for_tests();
        let volunteer = registry::list_volunteers(&desk, &actor, VolunteerQuery::default()).await.expect("volunteers")[0].id;
        let paired: Vec<i32> = pairing::Entity::find().all(db).await.expect("pairings").into_iter().map(|p| p.elder_id).collect();
        let elders: Vec<resident::Model> = resident::Entity::find()
            .order_by_asc(resident::Column::Id)
            .all(db)
            .await
            .expect("residents")
            .into_iter()
            .filter(|r| age_on(r.birth_date, today).is_some_and(|a| a >= 60) && !paired.contains(&r.id))
            .take(PAIRINGS - paired.len())
            .collect();
        let now = NOW.parse().expect("now");
        for (n, elder) in elders.iter().enumerate() {
            let start = today - Days::days(120);
            // Every tenth pairing stopped being visited a month ago.
            let last = if n % 10 == 0 { today - Days::days(30) } else { today - Days::days((n % 5) as i64) };
            let p = pairing::Entity::insert(pairing::ActiveModel {
                elder_id: Set(elder.id),
                frequency_days: Set(7),
                start_date: Set(start),
                notes: Set(String::new()),
                last_visited_on: Set(Some(last)),
                next_visit_on: Set(None),
                visit_count: Set(13),
                created_at: Set(now),
                ..Default::default()
            })
            .exec(db)
            .await
            .expect("pairing")
            .last_insert_id;
            pairing_volunteer::Entity::insert(pairing_volunteer::ActiveModel {
                pairing_id: Set(p),
                volunteer_id: Set(volunteer),
                ..Default::default()
            })
            .exec(db)
            .await
            .expect("link");
            let visits: Vec<visit::ActiveModel> = (0..13)
                .map(|k| visit::ActiveModel {
                    pairing_id: Set(p),
                    visited_on: Set(last - Days::days(7 * k)),
                    duration_minutes: Set(40),
                    way: Set(VisitWay::Home),
                    health: Set(String::new()),
                    safety: Set(String::new()),
                    mood: Set(String::new()),
                    needs: Set(String::new()),
                    needs_help: Set(false),
                    health_worry: Set(false),
                    created_at: Set(now),
                    ..Default::default()
                })
                .collect();
            visit::Entity::insert_many(visits).exec(db).await.expect("visits");
        }
        let total = pairings::list_pairings(&desk, &actor, PairingFilter::Active, None).await.expect("list").len();
        let mut times = Vec::new();
        let mut overdue = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            overdue = pairings::list_pairings(&desk, &actor, PairingFilter::Overdue, None).await.expect("overdue").len();
            times.push(start.elapsed());
        }
        times.sort();
        println!(
            "{:<40} min {:>7.1} ms  median {:>7.1} ms  {overdue} of {total} pairings  ≤ 20 ms",
            "逾期未走访名单, 1,000 pairings",
            ms(times[0]),
            ms(times[RUNS / 2])
        );
        year_of_service(&desk, today, now).await;
        let from = today - Days::days(364);
        let mut times = Vec::new();
        let mut report = None;
        for _ in 0..RUNS {
            let start = Instant::now();
            report = Some(hours::hours_report(&desk, &actor, from, today).await.expect("hours"));
            times.push(start.elapsed());
        }
        times.sort();
        let report = report.expect("a report");
        println!(
            "{:<40} min {:>7.1} ms  median {:>7.1} ms  {} volunteers, {} h  ≤ 300 ms",
            "志愿服务时长统计, 1,000 volunteers, a year",
            ms(times[0]),
            ms(times[RUNS / 2]),
            report.rows.len(),
            report.total.hours
        );
        let mut times = Vec::new();
        for _ in 0..3 {
            let start = Instant::now();
            hours::hours_pdf(&desk, &actor, from, today).await.expect("pdf");
            times.push(start.elapsed());
        }
        times.sort();
        println!("{:<40} min {:>7.1} ms  median {:>7.1} ms", "the same as PDF", ms(times[0]), ms(times[1]));
    });
}

/// Volunteers up to 1,000, each with about 60 services over the year before `today`.
async fn year_of_service(desk: &Desk, today: NaiveDate, now: chrono::DateTime<chrono::Utc>) {
    let db = desk.db_for_tests();
    let existing = volunteer::Entity::find().all(db).await.expect("volunteers").len();
    let extra: Vec<volunteer::ActiveModel> = (existing..VOLUNTEERS)
        .map(|n| volunteer::ActiveModel {
            number: Set(format!("ZY{:05}", n + 1)),
            name: Set(format!("志愿者{n}")),
            id_type: Set(IdType::Other),
            id_number: Set(Some(format!("B-{n:05}"))),
            phone: Set("13912345678".into()),
            birth_date: Set(NaiveDate::from_ymd_opt(1970, 1, 1)),
            skills: Set(String::new()),
            availability: Set(String::new()),
            joined_on: Set(today - Days::days(400)),
            status: Set(VolunteerStatus::Active),
            notes: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    for chunk in extra.chunks(200) {
        volunteer::Entity::insert_many(chunk.to_vec()).exec(db).await.expect("volunteers");
    }
    let ids: Vec<i32> = volunteer::Entity::find().all(db).await.expect("volunteers").into_iter().map(|v| v.id).collect();
    let entries: Vec<service_entry::ActiveModel> = ids
        .iter()
        .flat_map(|&v| {
            (0..60).map(move |k| service_entry::ActiveModel {
                volunteer_id: Set(v),
                served_on: Set(today - Days::days((k * 6 + v as i64 % 6) % 365)),
                source: Set(EntrySource::Activity),
                minutes: Set(90 + (k as i32 % 5) * 15),
                content: Set("社区服务".into()),
                created_at: Set(now),
                ..Default::default()
            })
        })
        .collect();
    for chunk in entries.chunks(2000) {
        service_entry::Entity::insert_many(chunk.to_vec()).exec(db).await.expect("entries");
    }
}
