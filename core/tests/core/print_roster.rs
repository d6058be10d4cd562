//! The PDF building blocks end to end: a roster of 200 residents with long names and addresses and
//! rare characters, checked with the poppler tools (pdftotext, pdffonts), which must be installed
//! (scripts/setup.sh --test installs poppler-utils); without them these tests fail, they never pass.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use caredesk_core::print::fonts;
use caredesk_core::print::layout::wrap;
use caredesk_core::print::page::{Orientation, PageMeta};
use caredesk_core::print::sample::{roster, RosterRow};

const COMMUNITIES: [&str; 3] = ["双桥社区", "幸福家园社区", "中阳楼东里社区"];
const SURNAMES: [&str; 8] = ["王", "李", "张", "刘", "陈", "欧阳", "司马", "诸葛"];
const GIVEN: [&str; 10] = ["秀英", "建国", "䶮", "𠇔", "桂兰", "𠮷", "志强", "淑珍德馨", "玉兰", "海"];

fn meta() -> PageMeta {
    PageMeta {
        office: "中阳楼街道办事处".into(),
        title: "居民名册".into(),
        date: "2026-11-28".into(),
        printed_by: "张晓梅".into(),
        printed_at: "2026-11-28 16:05".into(),
    }
}

fn rows(n: usize) -> Vec<RosterRow> {
    (0..n)
        .map(|i| {
            let name = match i {
                7 => "阿卜杜热合曼·买买提艾力".to_string(),
                _ => format!("{}{}{}", SURNAMES[i % 8], GIVEN[(i / 8) % 10], if i % 3 == 0 { "" } else { "华" }),
            };
            let address = if i % 4 == 0 {
                format!("北京市朝阳区双桥东路（幸福家园北区）{}号楼{}单元{}室，电梯坏了请走西侧楼梯。", i % 30 + 1, i % 4 + 1, 100 + i)
            } else {
                format!("双桥东路{}号院{}号楼", i % 50 + 1, i % 9 + 1)
            };
            RosterRow {
                name,
                community: COMMUNITIES[i % 3].to_string(),
                address,
                phone: format!("1380013{:04}", i),
                amount_fen: (i as i64 * 37) % 2000,
            }
        })
        .collect()
}

fn need_tool(name: &str) {
    let found = Command::new(name).arg("-v").output().is_ok();
    assert!(found, "缺少 {name}（poppler-utils）：请运行 scripts/setup.sh --test 或 apt-get install poppler-utils 后再测试");
}

fn pdftotext(pdf: &Path) -> String {
    need_tool("pdftotext");
    let out = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().expect("pdftotext");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write pdf");
    path
}

#[test]
fn a_200_row_roster_has_headers_footers_every_name_and_subset_fonts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = rows(200);
    let out = roster(&data, &meta(), Orientation::Portrait).expect("roster");
    assert!(out.unprintable.is_empty(), "{:?}", out.unprintable);
    assert!(out.pages >= 5, "200 rows take several pages, got {}", out.pages);
    let pdf = write(dir.path(), "roster.pdf", &out.bytes);
    let text = pdftotext(&pdf);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), out.pages);
    for (i, page) in pages.iter().enumerate() {
        for expected in ["中阳楼街道办事处", "居民名册", "日期：2026-11-28", "打印人：张晓梅", "打印时间：2026-11-28 16:05"]
        {
            assert!(page.contains(expected), "page {} lacks {expected}:\n{page}", i + 1);
        }
        let footer = format!("第 {} 页 / 共 {} 页", i + 1, out.pages);
        assert!(page.contains(&footer), "page {} lacks {footer}:\n{page}", i + 1);
        // The header row is repeated on every page.
        for title in ["序号", "姓名", "住址", "签字"] {
            assert!(page.contains(title), "page {} lacks the column {title}", i + 1);
        }
    }
    // Every name, including the rare characters; a name too long for its cell is wrapped, and
    // each of its lines is there.
    let fonts = fonts::shared().expect("fonts");
    for r in &data {
        // 69 pt: the inside of the 姓名 column of the portrait roster.
        for line in wrap(&fonts, &r.name, 9.0, 69.0) {
            assert!(text.contains(&line), "{line} is missing");
        }
    }
    for rare in ["䶮", "𠇔", "𠮷"] {
        assert!(text.contains(rare), "{rare} is missing from the extracted text");
    }
    assert!(text.contains("阿卜杜热合曼"), "the start of the long name");
    assert!(text.contains("合计：200 人"));
    assert!(text.contains("小计：67 人"));
    // Long addresses wrap inside their cells: no line of text runs past the page.
    assert!(text.contains("北京市朝阳区"));

    need_tool("pdffonts");
    let fonts_out = Command::new("pdffonts").arg(&pdf).output().expect("pdffonts");
    let listing = String::from_utf8_lossy(&fonts_out.stdout).to_string();
    let font_rows: Vec<&str> = listing.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(font_rows.len(), 2, "the primary and the fallback font:\n{listing}");
    for row in &font_rows {
        let t: Vec<&str> = row.split_whitespace().collect();
        assert!(t.len() >= 7, "{row}");
        assert_eq!((t[t.len() - 5], t[t.len() - 4]), ("yes", "yes"), "emb yes sub yes: {row}");
    }
    assert!(out.bytes.len() <= 120_000, "a 200-row roster is {} bytes: subsetting lost?", out.bytes.len());
}

#[test]
fn the_same_data_and_print_time_give_the_same_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = rows(60);
    let a = roster(&data, &meta(), Orientation::Landscape).expect("first");
    let b = roster(&data, &meta(), Orientation::Landscape).expect("second");
    let ta = pdftotext(&write(dir.path(), "a.pdf", &a.bytes));
    let tb = pdftotext(&write(dir.path(), "b.pdf", &b.bytes));
    assert!(ta.contains("第 1 页 / 共"), "{ta}");
    assert_eq!(ta, tb);
    let mut later = meta();
    later.printed_at = "2026-11-28 16:06".into();
    let c = roster(&data, &later, Orientation::Landscape).expect("third");
    assert_ne!(ta, pdftotext(&write(dir.path(), "c.pdf", &c.bytes)), "the print time is printed");
}

#[test]
fn a_character_no_font_has_is_reported_and_marked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut data = rows(5);
    data[0].name = "王𪚥".into();
    data[3].address = "𪚥𪚥龙王庙后街".into();
    let out = roster(&data, &meta(), Orientation::Portrait).expect("roster");
    assert_eq!(out.unprintable, vec!["姓名“王𪚥”中的“𪚥”无法打印".to_string(), "住址“𪚥𪚥龙王庙后街”中的“𪚥”无法打印".to_string()]);
    let text = pdftotext(&write(dir.path(), "x.pdf", &out.bytes));
    assert!(text.contains("王〓"), "the gap is visible on paper:\n{text}");
    assert!(!text.contains('𪚥'));
}

#[test]
fn figures_for_200_and_5000_rows() {
    let start = Instant::now();
    fonts::shared().expect("fonts");
    println!("fonts loaded in {:.3} s (once per process)", start.elapsed().as_secs_f64());
    for n in [200, 5000] {
        let data = rows(n);
        let mut best = f64::MAX;
        let mut last = None;
        for _ in 0..3 {
            let start = Instant::now();
            let out = roster(&data, &meta(), Orientation::Portrait).expect("roster");
            best = best.min(start.elapsed().as_secs_f64());
            last = Some(out);
        }
        let out = last.expect("ran");
        println!(
            "roster {n} rows: {} pages, {:.1} KB, best of 3 {:.3} s (this build's profile; dependencies at opt-level 1)",
            out.pages,
            out.bytes.len() as f64 / 1024.0,
            best
        );
        assert!(out.pages > n / 60);
        // Kept for looking at (pdftoppm -png -r 80 …).
        let keep = std::env::temp_dir().join(format!("caredesk-roster-{n}.pdf"));
        std::fs::write(&keep, &out.bytes).expect("keep");
        println!("  written to {}", keep.display());
    }
}

#[test]
fn tickets_come_ten_to_a_page_with_every_number() {
    use caredesk_core::print::sample::{tickets, SampleTicket};
    let dir = tempfile::tempdir().expect("temp dir");
    let items: Vec<SampleTicket> = (0..23)
        .map(|i| SampleTicket {
            number: format!("20261128-L-{:04}", i + 1),
            name: rows(23)[i].name.clone(),
            date: "2026-11-28".into(),
            slot: "午餐".into(),
            meal: "套餐A（软食、低盐）：红烧狮子头、清炒油麦菜、米饭".into(),
            payable_fen: 800,
            code: format!("CD1.{:06}.3f9a2c", i + 1),
        })
        .collect();
    let out = tickets(&items, &meta()).expect("tickets");
    assert_eq!(out.pages, 3);
    let text = pdftotext(&write(dir.path(), "tickets.pdf", &out.bytes));
    std::fs::write(std::env::temp_dir().join("caredesk-tickets.pdf"), &out.bytes).expect("keep");
    for t in &items {
        assert!(text.contains(&t.number), "{} is missing", t.number);
    }
    assert!(text.contains("第 3 页 / 共 3 页"));
    assert!(text.contains("个人应付：8.00 元"));
}

#[test]
fn a_row_taller_than_a_page_continues_on_the_next_page() {
    let mut long = rows(1);
    // About 400 numbered phrases in the address: far more than one page of one narrow column.
    long[0].address = (1..=400).map(|n| format!("第{n}段")).collect::<Vec<_>>().join("，");
    long.extend(rows(3).into_iter().skip(1));
    let out = roster(&long, &meta(), Orientation::Portrait).unwrap();
    assert!(out.pages >= 3, "{} pages", out.pages);
    let dir = tempfile::tempdir().unwrap();
    let text: String = pdftotext(&write(dir.path(), "long.pdf", &out.bytes)).split_whitespace().collect();
    for n in [1, 137, 250, 400] {
        assert!(text.contains(&format!("第{n}段")), "part {n} of the long cell is missing");
    }
    assert!(text.contains("合计"), "the rows after the long one and the total follow");
}
