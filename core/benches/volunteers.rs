//! Volunteers figures (release, in-process, SQLite file): the list of pairings not visited lately
//! over 1,000 pairings with a quarter of weekly visits each. Run with
//! `cargo bench -p caredesk-core --bench volunteers`.
//!
//! The database is the 6,000-resident demo (its 26 pairings) plus pairings of every other elder of
//! 60 and over, written straight into the tables, up to 1,000 in all.

use caredesk_core::auth::{self, Actor};
use caredesk_core::db::entity::{pairing, pairing_volunteer, resident, visit};
use caredesk_core::residents::age::age_on;
use caredesk_core::settings::{self, SetupRequest};
use caredesk_core::volunteers::model::VisitWay;
use caredesk_core::volunteers::pairings::{self, PairingFilter};
use caredesk_core::volunteers::registry::{self, VolunteerQuery};
use caredesk_core::{Clock, Desk, Location};
use chrono::{Duration as Days, NaiveDate};
use sea_orm::{EntityTrait, QueryOrder, Set};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-30T02:00:00Z";
const PAIRINGS: usize = 1000;
const RUNS: usize = 9;

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
    });
}
