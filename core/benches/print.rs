//! PDF engine figures: a roster of 200 and of 5,000 rows (wrapped addresses, group headings,
//! subtotals) and 1,000 meal-ticket-like cells with QR codes, with subset fonts.
//! Run: `cargo bench -p caredesk-core --bench print` (needs the fonts from scripts/fonts.sh).

use caredesk_core::print::page::{Orientation, PageMeta};
use caredesk_core::print::sample::{self, RosterRow};
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn rows(n: usize) -> Vec<RosterRow> {
    (0..n)
        .map(|i| RosterRow {
            name: format!("{}{}", ["王", "李", "张", "刘", "欧阳"][i % 5], ["秀英", "建国", "桂兰", "志强䶮", "𠇔"][i / 5 % 5]),
            community: ["双桥社区", "祥和社区", "方泰东社区"][i % 3].into(),
            address: if i % 4 == 0 {
                format!("孝义市中阳楼街道双桥社区（幸福家园北区）{}号楼{}单元{}室，电梯坏了请走西侧楼梯", i % 30 + 1, i % 4 + 1, 100 + i)
            } else {
                format!("欣园小区{}号楼", i % 30 + 1)
            },
            phone: format!("1380013{:04}", i % 10_000),
            amount_fen: (i as i64 * 37) % 2000,
        })
        .collect()
}

fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = None;
    let mut best = Duration::MAX;
    for _ in 0..RUNS {
        let t = Instant::now();
        let value = f();
        best = best.min(t.elapsed());
        out = Some(value);
    }
    (best, out.expect("at least one run"))
}

fn main() {
    let meta = PageMeta {
        office: "中阳楼街道办事处".into(),
        title: "就餐名单".into(),
        date: "2026-11-28".into(),
        printed_by: "王芳".into(),
        printed_at: "2026-11-28 10:30".into(),
    };
    let t = Instant::now();
    let _ = sample::roster(&rows(1), &meta, Orientation::Portrait).expect("fonts load");
    println!("first document (fonts loaded once per process): {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    for n in [200, 5_000] {
        let data = rows(n);
        let (time, out) = best(|| sample::roster(&data, &meta, Orientation::Portrait).expect("roster"));
        println!(
            "roster {n:>5} rows: {:>7.1} ms (best of {RUNS}), {} pages, {} KB",
            time.as_secs_f64() * 1e3,
            out.pages,
            out.bytes.len() / 1024
        );
    }
}
