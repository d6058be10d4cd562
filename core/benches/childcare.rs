//! After-school care figures (release, in-process, SQLite file): the daily 签到签退表 of a program
//! with 200 children, and a sign-out at the desk (p95 over 200). Run with
//! `cargo bench -p caredesk-core --bench childcare`.
//!
//! The database is the 6,000-resident demo and a program into which 200 of its children are
//! enrolled through the app's own calls, each with the demo household's adults as pick-up persons.

use caredesk_core::auth::{self, Actor};
use caredesk_core::childcare::desk::{self, SignOutInput};
use caredesk_core::childcare::enrolment::{self, EnrolInput};
use caredesk_core::childcare::model::PickupStatus;
use caredesk_core::childcare::model::{ArrivalMode, FeeStatus, ProgramKind};
use caredesk_core::childcare::pickup::{self, PickupPersonInput};
use caredesk_core::childcare::printing;
use caredesk_core::childcare::programs::{self, ProgramInput};
use caredesk_core::childcare::reports;
use caredesk_core::db::entity::{childcare_attendance, resident};
use caredesk_core::residents::age::age_on;
use caredesk_core::settings::{self, SetupRequest};
use caredesk_core::{Clock, Desk, Location};
use chrono::{Datelike, NaiveDate};
use sea_orm::{EntityTrait, QueryOrder, Set};
use std::time::{Duration, Instant};

/// Monday 2026-11-30, 16:40 Beijing time: the program is open and children are arriving.
const NOW: &str = "2026-11-30T08:40:00Z";
const CHILDREN: usize = 200;
const RUNS: usize = 7;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    rt.block_on(async {
        let clock = Clock::fixed(NOW.parse().expect("bench time"));
        let desk = Desk::open_with_clock(Location::SqliteFile(dir.path().join("childcare.db")), clock).await.expect("open");
        let setup = SetupRequest {
            office_name: "中阳楼街道办事处".into(),
            admin_username: "admin".into(),
            password: "Passw0rd!".into(),
            password_confirm: "Passw0rd!".into(),
        };
        settings::initialize(&desk, setup).await.expect("set-up");
        let actor: Actor = auth::login(&desk, "admin", "Passw0rd!").await.expect("login").actor().clone();
        caredesk_core::demo::create(&desk, &actor, 6000, 2026).await.expect("demo");

        let program = programs::save_program(
            &desk,
            &actor,
            None,
            ProgramInput {
                name: "基准测试托管班".into(),
                kind: ProgramKind::AfterSchool,
                community_id: None,
                place: "党群服务中心".into(),
                min_age: 3,
                max_age: 15,
                capacity: CHILDREN as i32,
                term_start: NaiveDate::from_ymd_opt(2026, 9, 1).expect("date"),
                term_end: NaiveDate::from_ymd_opt(2027, 1, 20).expect("date"),
                weekdays: 0x1f,
                starts_at: "16:30".into(),
                ends_at: "18:30".into(),
                missing_call_at: None,
                self_home_min_age: None,
                active: true,
                monthly_fee: 0,
                reduced_fee: 0,
                staff_ids: vec![],
                helper_ids: vec![],
            },
        )
        .await
        .expect("program")
        .id;
        let people = resident::Entity::find().order_by_asc(resident::Column::Id).all(desk.db_for_tests()).await.expect("residents");
        let mut enrolled = Vec::new();
        for r in people.iter().filter(|r| age_on(r.birth_date, today).is_some_and(|a| (3..=15).contains(&a))) {
            let input = EnrolInput {
                resident_id: r.id,
                // From the first Monday of the month, for the monthly report's 20 open days.
                start_date: NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
                end_date: None,
                consent_date: Some(today),
                consent_by: Some("母亲".into()),
                school: "双桥小学".into(),
                class_name: "三年级二班".into(),
                allergies: String::new(),
                notes: String::new(),
                fee: FeeStatus::Free,
                self_home_permitted_on: None,
            };
            let Ok(e) = enrolment::enrol(&desk, &actor, program, input).await else { continue };
            let guardian = PickupPersonInput {
                resident_id: None,
                name: "李梅".into(),
                phone: "13912345678".into(),
                relationship: "母亲".into(),
                status: PickupStatus::Allowed,
                adult_confirmed: true,
                delegate_from: None,
                delegate_to: None,
                delegated_by: None,
                delegated_how: None,
            };
            let p = pickup::add_person(&desk, &actor, e.id, guardian).await.expect("guardian");
            enrolled.push((e.id, p.id));
            if enrolled.len() == CHILDREN {
                break;
            }
        }
        assert_eq!(enrolled.len(), CHILDREN, "the demo has {CHILDREN} children to enrol");
        for (e, _) in &enrolled {
            desk::sign_in(&desk, &actor, *e, ArrivalMode::Parent).await.expect("sign in");
        }

        printing::roster(&desk, &actor, program, today).await.expect("first roster (loads the fonts)");
        let mut times = Vec::new();
        let mut pages = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            pages = printing::roster(&desk, &actor, program, today).await.expect("roster").pages;
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{:<40} min {:>7.1} ms  median {:>7.1} ms  {pages} pages        ≤ 50 ms",
            "签到签退表, 200 children",
            ms(times[0]),
            ms(times[RUNS / 2])
        );

        // The month's attendance before today, written in bulk: every child on every open day.
        let mut rows = Vec::new();
        for (e, person) in &enrolled {
            for day in NaiveDate::from_ymd_opt(2026, 11, 2).expect("date").iter_days().take_while(|d| *d < today) {
                if day.weekday().number_from_monday() > 5 {
                    continue;
                }
                let at = |h: u32, m: u32| day.and_hms_opt(h, m, 0).expect("time").and_utc() - chrono::Duration::hours(8);
                rows.push(childcare_attendance::ActiveModel {
                    enrolment_id: Set(*e),
                    day: Set(day),
                    arrived_at: Set(Some(at(16, 35))),
                    arrival_mode: Set(Some(ArrivalMode::Parent)),
                    left_at: Set(Some(at(18, 10))),
                    pickup_person_id: Set(Some(*person)),
                    ..Default::default()
                });
            }
        }
        let days_written = rows.len();
        for chunk in rows.chunks(500) {
            childcare_attendance::Entity::insert_many(chunk.to_vec()).exec(desk.db_for_tests()).await.expect("attendance");
        }
        reports::month_report(&desk, &actor, program, "2026-11").await.expect("first month report");
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let t = Instant::now();
            reports::month_report(&desk, &actor, program, "2026-11").await.expect("month report");
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{:<40} min {:>7.1} ms  median {:>7.1} ms  {days_written} days  ≤ 200 ms",
            "月度出勤表, 200 children × 20 days",
            ms(times[0]),
            ms(times[RUNS / 2])
        );

        let mut outs = Vec::new();
        for (e, person) in &enrolled {
            let t = Instant::now();
            desk::sign_out(&desk, &actor, *e, SignOutInput { person_id: Some(*person), alone: false, emergency: false })
                .await
                .expect("sign out");
            outs.push(t.elapsed());
        }
        outs.sort();
        let p95 = outs[outs.len() * 95 / 100];
        println!(
            "{:<40} median {:>7.1} ms  p95 {:>7.1} ms  of {}        ≤ 50 ms p95",
            "sign-out at the desk",
            ms(outs[outs.len() / 2]),
            ms(p95),
            outs.len()
        );
    });
}
