//! Check-up figures (release, in-process, SQLite file): the 体检名单 of 500 invitees, flags and
//! follow-up tasks for 12,000 results (the office's check-ups so far), and one resident's health
//! page among them. Run with `cargo bench -p caredesk-core --bench checkups`.
//!
//! The database is the 6,000-resident demo, a campaign inviting 500 elders through the app's own
//! calls, and 12,000 results written in bulk (six per elder over six years) with their flags.

use caredesk_core::auth::{self, Actor};
use caredesk_core::checkups::campaigns::{self, CampaignInput, SlotInput, TargetRule};
use caredesk_core::checkups::documents::{self, CheckupList, ListPerson};
use caredesk_core::checkups::flags::flags;
use caredesk_core::checkups::followup_rules::{tasks_after_reading, PreviousControl};
use caredesk_core::checkups::health::health_page;
use caredesk_core::checkups::invitations;
use caredesk_core::checkups::printing;
use caredesk_core::checkups::readings::{check_reading, GlucoseKind, Reading, ReadingInput};
use caredesk_core::checkups::stations;
use caredesk_core::checkups::threshold_sets;
use caredesk_core::db::entity::{checkup_result, resident};
use caredesk_core::print::page::PageMeta;
use caredesk_core::settings::{self, SetupRequest};
use caredesk_core::{Clock, Desk, Location};
use chrono::{DateTime, Duration as Days, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-30T01:00:00Z";
const RUNS: usize = 7;
const RESULTS: usize = 12_000;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

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

fn row(what: &str, times: &[Duration], extra: &str, target: &str) {
    let median = times[times.len() / 2];
    println!("{what:<44} min {:>8.1} ms  median {:>8.1} ms  {extra:<26} {target}", ms(times[0]), ms(median));
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

/// A campaign of ten days with 50 places a day, inviting 500 of the elders the rule proposes.
async fn campaign_of_500(desk: &Desk, actor: &Actor, first: NaiveDate) -> i32 {
    let station = stations::list_stations(desk, actor).await.expect("stations")[0].id;
    let provider = stations::list_providers(desk, actor).await.expect("providers")[0].id;
    let slots = (0..10)
        .map(|d| SlotInput { id: None, day: first + Days::days(d), starts_at: "08:00".into(), ends_at: "11:00".into(), capacity: 50 })
        .collect();
    let input = CampaignInput {
        name: "基准测试体检".into(),
        station_id: station,
        provider_id: provider,
        first_day: first,
        last_day: first + Days::days(9),
        target: TargetRule { min_age: Some(60), category_type_id: None, not_checked_this_year: false },
        bring_note: "身份证".into(),
        fasting: true,
        notes: None,
        slots,
    };
    let c = campaigns::save_campaign(desk, actor, None, input).await.expect("campaign");
    let proposed: Vec<i32> =
        invitations::propose(desk, actor, c.id).await.expect("propose").into_iter().take(500).map(|p| p.person.resident_id).collect();
    assert_eq!(proposed.len(), 500, "the demo has 500 elders to invite");
    invitations::invite(desk, actor, c.id, &proposed).await.expect("invite");
    c.id
}

/// Readings spread over the plausible ranges, the same on every run.
fn readings(n: usize) -> Vec<Reading> {
    (0..n)
        .map(|i| {
            let s = 100 + (i * 37 % 100) as i32;
            let input = ReadingInput {
                systolic: Some(s),
                diastolic: Some((s * 6 / 10 + (i % 17) as i32).min(s - 10)),
                heart_rate: Some(60 + (i % 40) as i32),
                glucose: Some(3.5 + (i * 13 % 150) as f64 / 10.0),
                glucose_kind: Some(if i % 5 == 0 { GlucoseKind::Random } else { GlucoseKind::Fasting }),
                height: Some(150.0 + (i % 30) as f64),
                weight: Some(50.0 + (i % 35) as f64),
                waist: Some(75.0 + (i % 25) as f64),
                notes: None,
            };
            check_reading(&input).expect("plausible")
        })
        .collect()
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let now: DateTime<Utc> = NOW.parse().expect("time");
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    rt.block_on(async {
        let (desk, actor) = signed_in_desk(&dir.path().join("checkups.db")).await;
        caredesk_core::demo::create(&desk, &actor, 6000, 2026).await.expect("demo");
        let campaign = campaign_of_500(&desk, &actor, today + Days::days(7)).await;
        printing::checkup_list(&desk, &actor, campaign).await.expect("first list (loads the fonts)");
        let (times, out) = timed(RUNS, || printing::checkup_list(&desk, &actor, campaign)).await;
        let out = out.expect("list");
        row("体检名单, 500 invitees", &times, &format!("{} pages, {} KB", out.pages, out.bytes.len() / 1024), "≤ 50 ms");
        let (times, rows) = timed(RUNS, || invitations::list(&desk, &actor, campaign)).await;
        let rows = rows.expect("invitations");
        row("  500 invitees: load", &times, "", "");
        let data = CheckupList {
            campaign: "基准测试体检".into(),
            station: "双桥社区健康服务站".into(),
            provider: "中阳楼街道卫生院".into(),
            first_day: today,
            last_day: today,
            people: rows
                .into_iter()
                .map(|r| ListPerson {
                    name: r.person.name,
                    sex: r.person.sex,
                    age: r.person.age,
                    community: r.person.community,
                    masked_id: r.person.masked_id,
                    masked_phone: r.person.masked_phone,
                    slot_label: r.slot_label,
                })
                .collect(),
            urgent_names: Vec::new(),
        };
        let meta = PageMeta {
            office: "中阳楼街道办事处".into(),
            title: "体检名单".into(),
            date: "2026年12月7日".into(),
            printed_by: "admin".into(),
            printed_at: "2026-11-30 09:00".into(),
        };
        let (times, _) = timed(RUNS, || async { documents::checkup_list(&data, &meta).expect("pdf") }).await;
        row("  500 invitees: draw PDF", &times, "", "");

        // 12,000 results: six per elder, one a year.
        let thresholds = threshold_sets::get_current(&desk, &actor).await.expect("thresholds");
        let elders: Vec<i32> = resident::Entity::find()
            .filter(resident::Column::BirthDate.lte(NaiveDate::from_ymd_opt(1966, 1, 1).expect("date")))
            .order_by_asc(resident::Column::Id)
            .all(desk.db_for_tests())
            .await
            .expect("elders")
            .into_iter()
            .map(|r| r.id)
            .take(RESULTS / 6)
            .collect();
        let all = readings(RESULTS);
        let t = &thresholds.thresholds;
        let (times, tasks) = timed(RUNS, || async {
            let mut previous: HashMap<i32, PreviousControl> = HashMap::new();
            let mut tasks = 0;
            for (i, reading) in all.iter().enumerate() {
                let who = elders[i % elders.len()];
                let on = today - Days::days(365 * (i / elders.len()) as i64);
                let f = flags(reading, t);
                let before = previous
                    .insert(who, PreviousControl { bp_uncontrolled: f.bp_uncontrolled, glucose_uncontrolled: f.glucose_uncontrolled });
                tasks += tasks_after_reading(on, &f, &[], before.unwrap_or_default(), t).len();
            }
            tasks
        })
        .await;
        row("flags + follow-up tasks, 12,000 results", &times, &format!("{tasks} tasks"), "≤ 1 s");

        let rows: Vec<checkup_result::ActiveModel> = all
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let f = flags(r, t);
                checkup_result::ActiveModel {
                    resident_id: Set(elders[i % elders.len()]),
                    checked_on: Set(today - Days::days(30 + 365 * (i / elders.len()) as i64)),
                    systolic: Set(r.systolic),
                    diastolic: Set(r.diastolic),
                    heart_rate: Set(r.heart_rate),
                    glucose_x10: Set(r.glucose_x10),
                    glucose_kind: Set(r.glucose_kind),
                    height_x10: Set(r.height_x10),
                    weight_x10: Set(r.weight_x10),
                    waist_x10: Set(r.waist_x10),
                    bmi_x10: Set(f.bmi_x10),
                    bp_grade: Set(f.bp_grade),
                    glucose_class: Set(f.glucose_class),
                    bmi_class: Set(f.bmi_class),
                    bp_uncontrolled: Set(f.bp_uncontrolled),
                    glucose_uncontrolled: Set(f.glucose_uncontrolled),
                    urgent: Set(f.urgent),
                    threshold_set_id: Set(thresholds.id),
                    source: Set("import".into()),
                    recorded_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
            })
            .collect();
        for chunk in rows.chunks(500) {
            checkup_result::Entity::insert_many(chunk.to_vec()).exec(desk.db_for_tests()).await.expect("results");
        }
        let who = elders[0];
        let (times, page) = timed(RUNS * 3, || health_page(&desk, &actor, who)).await;
        let page = page.expect("page");
        row(
            &format!("health page, {} results in the database", RESULTS),
            &times,
            &format!("{} check-ups, {} BP points", page.checkups.len(), page.bp_series.len()),
            "≤ 20 ms",
        );
        desk.close().await;
    });
}
