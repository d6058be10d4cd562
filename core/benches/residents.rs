//! Residents registry figures on a SQLite file: filling 100,000 demo residents, the search box's
//! typical queries (p50 / p95 of the first page), and importing a 10,000-row .xlsx (parse,
//! validate, commit). Run: `cargo bench -p caredesk-core --bench residents`.

use caredesk_core::auth::{self, Actor};
use caredesk_core::residents::id_number::check_char;
use caredesk_core::residents::{self, import, ResidentQuery, Status};
use caredesk_core::settings::{self, SetupRequest};
use caredesk_core::{Desk, Location};
use std::time::{Duration, Instant};

const RESIDENTS: u32 = 100_000;
const IMPORT_ROWS: u32 = 10_000;
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

fn import_csv_rows() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "联系电话", "住址", "社区", "类别"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    for i in 0..IMPORT_ROWS {
        let birth = format!("19{:02}{:02}{:02}", 30 + i % 60, 1 + i % 12, 1 + i % 28);
        let first17 = format!("110105{birth}{:03}", i % 1000);
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

        let (desk, actor) = signed_in_desk(&dir.path().join("import.db")).await;
        caredesk_core::demo::create(&desk, &actor, 1, 1).await.expect("communities");
        let bytes = import_csv_rows();
        let t = Instant::now();
        let preview = import::preview(&desk, &actor, "bench.xlsx", &bytes).await.expect("preview");
        let preview_time = t.elapsed();
        assert_eq!(preview.counts.new, IMPORT_ROWS, "every row imports: {:?}", preview.rows.iter().find(|r| !r.errors.is_empty()));
        let t = Instant::now();
        let result = import::commit(&desk, &actor, "bench.xlsx", &bytes).await.expect("commit");
        let commit_time = t.elapsed();
        println!(
            "import {IMPORT_ROWS} rows (.xlsx {} KB): preview {:.2} s; confirm (parse + validate + commit) {:.2} s for {} new residents (target ≤ 3 s)",
            bytes.len() / 1024,
            preview_time.as_secs_f64(),
            commit_time.as_secs_f64(),
            result.created
        );
        desk.close().await;
    });
}
