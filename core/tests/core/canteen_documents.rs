//! The canteen printouts end to end (就餐名单, 餐券, 厨房备餐单, 送餐路线单), checked with the
//! poppler tools (pdftotext, pdffonts, pdftoppm) and zbarimg (zbar-tools), which must be installed
//! (scripts/setup.sh --test); without them these tests fail, they never pass.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::qr_codes_on_page;
use caredesk_core::canteen::documents::{
    canteen_list, delivery_sheet, kitchen_sheet, meal_tickets, CanteenList, DeliveryRoute, DeliverySheet, DeliveryStop, KitchenDish,
    KitchenSheet, KitchenSlot, ListGroup, ListRow, TicketData, HIGHLIGHT_NOTE, PRIVACY_NOTE,
};
use caredesk_core::money::yuan;
use caredesk_core::print::page::PageMeta;
use chrono::NaiveDate;

const NAMES: [&str; 12] =
    ["王秀英", "李建国", "张䶮", "刘𠇔华", "陈桂兰", "欧阳志强", "司马淑珍", "诸葛玉兰", "赵海", "孙德馨", "周丽", "吴建华"];
const COMMUNITIES: [&str; 3] = ["方泰东社区", "双桥社区", "幸福家园社区"];
const MEALS: [&str; 4] = ["红烧鱼套餐", "番茄炒蛋×1、米饭×1", "清蒸鲈鱼套餐（软食、低盐）", "香菇青菜×1、冬瓜排骨汤×1、米饭×2"];

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
}

fn meta() -> PageMeta {
    PageMeta {
        office: "中阳楼街道办事处".into(),
        title: String::new(),
        date: String::new(),
        printed_by: "张晓梅".into(),
        printed_at: "2026-11-28 09:30".into(),
    }
}

fn need_tool(name: &str, arg: &str) {
    let found = Command::new(name).arg(arg).output().is_ok();
    assert!(found, "缺少 {name}：请运行 scripts/setup.sh --test（poppler-utils、zbar-tools）后再测试");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write pdf");
    // Kept for looking at (pdftoppm -png -r 80 …).
    std::fs::write(std::env::temp_dir().join(format!("caredesk-canteen-{name}")), bytes).expect("keep");
    path
}

fn pdftotext(pdf: &Path) -> String {
    need_tool("pdftotext", "-v");
    let out = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().expect("pdftotext");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn assert_fonts_embedded_and_subset(pdf: &Path) {
    need_tool("pdffonts", "-v");
    let out = Command::new("pdffonts").arg(pdf).output().expect("pdffonts");
    let listing = String::from_utf8_lossy(&out.stdout).to_string();
    let rows: Vec<&str> = listing.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "no fonts:\n{listing}");
    for row in &rows {
        let t: Vec<&str> = row.split_whitespace().collect();
        assert!(t.len() >= 7, "{row}");
        assert_eq!((t[t.len() - 5], t[t.len() - 4]), ("yes", "yes"), "emb yes sub yes: {row}");
    }
}

fn list_row(i: usize) -> ListRow {
    let price = 1200 + (i as i64 % 4) * 250;
    let subsidy = [0, 300, 500, 600][i % 4];
    ListRow {
        name: NAMES[i % NAMES.len()].to_string(),
        community: COMMUNITIES[i % 3].to_string(),
        categories: ["独居、低保", "高龄", "", "失能、特困"][i % 4].to_string(),
        meal: MEALS[i % 4].to_string(),
        price,
        subsidy,
        payable: price - subsidy,
        served: !i.is_multiple_of(3),
        highlight: i.is_multiple_of(4) || i % 4 == 3,
    }
}

fn list_data() -> CanteenList {
    let modes = [("堂食", 0..12), ("自取", 12..17), ("送餐上门", 17..26)];
    CanteenList {
        canteen: "方泰东社区长者食堂".into(),
        date: day(),
        slot_label: "午餐".into(),
        groups: modes.into_iter().map(|(mode, range)| ListGroup { mode_label: mode.into(), rows: range.map(list_row).collect() }).collect(),
        urgent_note: Some("今日12:00前停水，堂食改用一次性餐具。".into()),
    }
}

#[test]
fn the_list_has_every_name_amounts_subtotals_and_totals() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = list_data();
    let out = canteen_list(&data, &meta()).expect("list");
    assert!(out.unprintable.is_empty(), "{:?}", out.unprintable);
    let pdf = write(dir.path(), "list.pdf", &out.bytes);
    let text = pdftotext(&pdf);
    for expected in ["中阳楼街道办事处", "就餐名单", "方泰东社区长者食堂", "2026年11月28日", "午餐", "打印人：张晓梅"]
    {
        assert!(text.contains(expected), "{expected} is missing:\n{text}");
    }
    for title in ["序号", "姓名", "社区", "类别", "菜品/套餐", "方式", "餐价", "补贴", "个人应付", "实收", "签字"]
    {
        assert!(text.contains(title), "the column {title} is missing");
    }
    assert!(!text.contains("应收"), "应收 is not one of the money words:\n{text}");
    assert!(text.contains("特别提醒：今日12:00前停水"), "{text}");
    let (mut count, mut price, mut subsidy, mut payable) = (0, 0, 0, 0);
    for g in &data.groups {
        let heading = format!("{}（{} 人）", g.mode_label, g.rows.len());
        assert!(text.contains(&heading), "{heading} is missing:\n{text}");
        for r in &g.rows {
            assert!(text.contains(&r.name), "{} is missing", r.name);
            let marked = format!("★{}", r.name);
            assert_eq!(text.contains(&marked), r.highlight, "the mark of {}", r.name);
            for amount in [r.price, r.subsidy, r.payable] {
                assert!(text.contains(&yuan(amount)), "{} is missing", yuan(amount));
            }
        }
        let sums = g
            .rows
            .iter()
            .fold((0, 0, 0, 0), |s, r| (s.0 + r.price, s.1 + r.subsidy, s.2 + r.payable, s.3 + if r.served { r.payable } else { 0 }));
        let subtotal_line = text
            .lines()
            .find(|l| l.contains(&format!("{}小计：{} 人", g.mode_label, g.rows.len())))
            .unwrap_or_else(|| panic!("no subtotal for {}:\n{text}", g.mode_label));
        for sum in [sums.0, sums.1, sums.2, sums.3] {
            assert!(subtotal_line.contains(&yuan(sum)), "{} is not in {subtotal_line}", yuan(sum));
        }
        count += g.rows.len();
        price += sums.0;
        subsidy += sums.1;
        payable += sums.2;
    }
    let total_line = text.lines().find(|l| l.contains(&format!("合计：{count} 人"))).expect("a total row");
    for sum in [price, subsidy, payable] {
        assert!(total_line.contains(&yuan(sum)), "{} is not in {total_line}", yuan(sum));
    }
    // Money in yuan with two decimals, e.g. "12.50", never fen.
    assert!(text.contains("12.00") && text.contains("14.50"), "{text}");
    for rare in ["䶮", "𠇔"] {
        assert!(text.contains(rare), "{rare} is missing from the extracted text");
    }
    assert!(text.contains("★王秀英") && !text.contains("★李建国"));
    assert!(text.contains(HIGHLIGHT_NOTE.trim_end_matches('。').split('，').next().expect("note")));
    assert_fonts_embedded_and_subset(&pdf);
}

#[test]
fn a_list_before_service_has_no_collected_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut data = list_data();
    for row in data.groups.iter_mut().flat_map(|g| g.rows.iter_mut()) {
        row.served = false;
    }
    let out = canteen_list(&data, &meta()).expect("list");
    let text = pdftotext(&write(dir.path(), "tomorrow.pdf", &out.bytes));
    assert!(text.contains("个人应付") && text.contains("餐价"), "{text}");
    assert!(!text.contains("实收"), "nothing is collected before service:\n{text}");
}

#[test]
fn the_same_list_and_print_time_give_the_same_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = canteen_list(&list_data(), &meta()).expect("a");
    let b = canteen_list(&list_data(), &meta()).expect("b");
    assert_eq!(pdftotext(&write(dir.path(), "a.pdf", &a.bytes)), pdftotext(&write(dir.path(), "b.pdf", &b.bytes)));
}

#[test]
fn an_empty_list_is_a_valid_pdf_that_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = CanteenList {
        canteen: "方泰东社区长者食堂".into(),
        date: day(),
        slot_label: "晚餐".into(),
        groups: vec![ListGroup { mode_label: "堂食".into(), rows: Vec::new() }],
        urgent_note: None,
    };
    let out = canteen_list(&empty, &meta()).expect("empty list");
    assert_eq!(out.pages, 1);
    assert!(out.bytes.starts_with(b"%PDF"));
    let pdf = write(dir.path(), "empty.pdf", &out.bytes);
    let text = pdftotext(&pdf);
    assert!(text.contains("当日无预订"), "{text}");
    assert!(text.contains("晚餐") && text.contains("第 1 页 / 共 1 页"), "{text}");
    assert!(!text.contains("合计"), "no table for no bookings:\n{text}");
    assert_fonts_embedded_and_subset(&pdf);
}

fn ticket(i: usize) -> TicketData {
    let price = 1500;
    let subsidy = if i.is_multiple_of(2) { 500 } else { 0 };
    TicketData {
        canteen: "方泰东社区长者食堂".into(),
        name: match i {
            3 => "阿卜杜热合曼·买买提艾力".into(),
            _ => NAMES[i % NAMES.len()].to_string(),
        },
        date: day(),
        slot_label: "午餐".into(),
        meal: if i.is_multiple_of(3) { MEALS[3].repeat(2) } else { MEALS[i % 4].to_string() },
        mode_label: ["堂食", "自取", "送餐上门"][i % 3].into(),
        price,
        subsidy,
        payable: price - subsidy,
        number: format!("20261128-L-{:04}", i + 1),
        code: format!("CD1.T.{:06}.{:08x}", i + 1, (i as u32 + 1).wrapping_mul(2_654_435_761)),
    }
}

#[test]
fn tickets_come_ten_to_a_page_and_the_qr_codes_scan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let items: Vec<TicketData> = (0..23).map(ticket).collect();
    let out = meal_tickets(&items, &meta()).expect("tickets");
    assert!(out.unprintable.is_empty(), "{:?}", out.unprintable);
    assert_eq!(out.pages, 3);
    let pdf = write(dir.path(), "tickets.pdf", &out.bytes);
    let text = pdftotext(&pdf);
    assert!(text.contains("第 3 页 / 共 3 页"));
    for t in &items {
        assert!(text.contains(&t.number), "{} is missing", t.number);
    }
    // Names are never cut (the long one may wrap, and each part is there).
    for part in ["阿卜杜热合曼", "买买提艾力", "张䶮", "刘𠇔华"] {
        assert!(text.contains(part), "{part} is missing:\n{text}");
    }
    for expected in ["中阳楼街道办事处", "方泰东社区长者食堂", "2026年11月28日", "送餐上门", "个人应付 10.00 元", "补贴 5.00"]
    {
        assert!(text.contains(expected), "{expected} is missing:\n{text}");
    }
    assert_fonts_embedded_and_subset(&pdf);

    // Every code of a full page, in one pass, at 150 and at 300 dpi.
    let decoded: BTreeSet<String> = qr_codes_on_page(&out.bytes, 1).into_iter().collect();
    let expected: BTreeSet<String> = items[..10].iter().map(|t| t.code.clone()).collect();
    assert_eq!(decoded, expected);
}

#[test]
fn no_tickets_is_still_a_pdf() {
    let out = meal_tickets(&[], &meta()).expect("no tickets");
    assert_eq!(out.pages, 1);
    assert!(out.bytes.starts_with(b"%PDF"));
}

fn dish(name: &str, kind: &str, tags: &[&str], counts: (u32, u32, u32)) -> KitchenDish {
    KitchenDish {
        name: name.into(),
        kind_label: kind.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        dine_in: counts.0,
        take_away: counts.1,
        delivery: counts.2,
    }
}

#[test]
fn the_kitchen_sheet_totals_each_dish_and_mode() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lunch = KitchenSlot {
        slot_label: "午餐".into(),
        dishes: vec![
            dish("红烧鱼套餐", "套餐", &["低盐"], (12, 3, 7)),
            dish("清蒸鲈鱼套餐", "套餐", &["软食", "低盐"], (5, 0, 9)),
            dish("番茄炒蛋", "小碗菜", &[], (8, 6, 2)),
            dish("米饭", "小碗菜", &[], (20, 9, 11)),
        ],
        tags: vec![("软食".into(), 14), ("低盐".into(), 36), ("糖尿病餐".into(), 4)],
    };
    let dinner = KitchenSlot {
        slot_label: "晚餐".into(),
        dishes: vec![dish("小米粥套餐", "套餐", &["软食"], (6, 2, 3))],
        tags: vec![("软食".into(), 11)],
    };
    let data = KitchenSheet { canteen: "方泰东社区长者食堂".into(), date: day(), slots: vec![lunch, dinner] };
    let out = kitchen_sheet(&data, &meta()).expect("kitchen sheet");
    assert!(out.unprintable.is_empty(), "{:?}", out.unprintable);
    let pdf = write(dir.path(), "kitchen.pdf", &out.bytes);
    let text = pdftotext(&pdf);
    for expected in ["厨房备餐单", "方泰东社区长者食堂", "2026年11月28日", "菜品/套餐", "类型", "标签", "堂食", "自取", "送餐", "份数"]
    {
        assert!(text.contains(expected), "{expected} is missing:\n{text}");
    }
    for slot in &data.slots {
        let sums = slot.dishes.iter().fold((0, 0, 0), |s, d| (s.0 + d.dine_in, s.1 + d.take_away, s.2 + d.delivery));
        let all = sums.0 + sums.1 + sums.2;
        assert!(text.contains(&format!("{}（共 {all} 份）", slot.slot_label)), "{text}");
        let total_line = text
            .lines()
            .find(|l| l.trim_start().starts_with("合计") && l.contains(&format!(" {all}")))
            .unwrap_or_else(|| panic!("no total row for {}:\n{text}", slot.slot_label));
        let numbers: Vec<&str> = total_line.split_whitespace().skip(1).collect();
        assert_eq!(numbers, [sums.0, sums.1, sums.2, all].map(|n| n.to_string()), "{total_line}");
        for d in &slot.dishes {
            let line = text.lines().find(|l| l.contains(&d.name)).expect("dish row");
            let total = (d.dine_in + d.take_away + d.delivery).to_string();
            assert!(line.trim_end().ends_with(&total), "{line}");
        }
        for (tag, n) in &slot.tags {
            assert!(text.lines().any(|l| l.contains(tag.as_str()) && l.trim_end().ends_with(&n.to_string())), "{tag} {n}");
        }
    }
    assert!(text.contains("软食、低盐"));
    assert_fonts_embedded_and_subset(&pdf);

    let empty = KitchenSheet { canteen: "方泰东社区长者食堂".into(), date: day(), slots: Vec::new() };
    let out = kitchen_sheet(&empty, &meta()).expect("empty sheet");
    assert!(pdftotext(&write(dir.path(), "kitchen-empty.pdf", &out.bytes)).contains("当日无预订"));
}

fn stop(i: usize) -> DeliveryStop {
    DeliveryStop {
        name: NAMES[(i + 5) % NAMES.len()].to_string(),
        address: if i.is_multiple_of(3) {
            format!("方泰东路（幸福家园北区）{}号楼{}单元{}室", i % 20 + 1, i % 4 + 1, 301 + i)
        } else {
            format!("双桥东路{}号院{}号楼", i + 1, i % 9 + 1)
        },
        phone: format!("1391234{:04}", 5000 + i),
        slot_label: if i.is_multiple_of(4) { "晚餐" } else { "午餐" }.into(),
        meal: MEALS[i % 4].to_string(),
        payable: 800 + (i as i64 % 3) * 150,
        note: if i.is_multiple_of(5) { "耳背，请多敲几次门".into() } else { String::new() },
    }
}

#[test]
fn the_delivery_sheet_has_routes_full_phones_and_the_privacy_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = DeliverySheet {
        canteen: "方泰东社区长者食堂".into(),
        date: day(),
        routes: vec![
            DeliveryRoute { route: "一号线（方泰东社区）".into(), stops: (0..8).map(stop).collect() },
            DeliveryRoute { route: "二号线（双桥社区）".into(), stops: (8..13).map(stop).collect() },
            DeliveryRoute { route: "未分配路线".into(), stops: (13..15).map(stop).collect() },
        ],
    };
    let out = delivery_sheet(&data, &meta()).expect("delivery sheet");
    assert!(out.unprintable.is_empty(), "{:?}", out.unprintable);
    let pdf = write(dir.path(), "delivery.pdf", &out.bytes);
    let text = pdftotext(&pdf);
    for title in ["序号", "姓名", "地址", "电话", "餐次", "餐食", "个人应付", "签收"] {
        assert!(text.contains(title), "the column {title} is missing");
    }
    let mut total = 0;
    let mut count = 0;
    for route in &data.routes {
        // pdftotext turns the ideographic space of "一号线（方泰东社区）　共 8 份" into spaces.
        let heading = format!("{}共{}份", route.route, route.stops.len());
        assert!(text.lines().any(|l| l.split_whitespace().collect::<String>() == heading), "{heading} is missing:\n{text}");
        let sum: i64 = route.stops.iter().map(|s| s.payable).sum();
        let line = text.lines().find(|l| l.contains(&format!("小计：{} 份", route.stops.len())) && l.contains(&yuan(sum)));
        assert!(line.is_some(), "no subtotal {} for {}:\n{text}", yuan(sum), route.route);
        for s in &route.stops {
            assert!(text.contains(&s.phone), "the full phone {} is missing", s.phone);
            assert!(text.contains(&s.name));
        }
        total += sum;
        count += route.stops.len();
    }
    let total_line = text.lines().find(|l| l.contains(&format!("合计：{count} 份"))).expect("total row");
    assert!(total_line.contains(&yuan(total)), "{total_line}");
    assert!(text.contains("备注：耳背，请多敲几次门"));
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains(PRIVACY_NOTE), "the privacy line is missing:\n{text}");
    assert_fonts_embedded_and_subset(&pdf);
}

#[test]
fn a_very_long_name_is_wrapped_never_cut_and_the_code_still_scans() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut t = ticket(0);
    t.name = "阿卜杜热合曼·买买提艾力·艾合买提江·吐尔逊托合提".into();
    t.canteen = "中阳楼街道方泰东社区养老服务驿站长者食堂（第二分店）".into();
    t.meal = MEALS[3].repeat(3);
    let out = meal_tickets(&[t.clone()], &meta()).expect("ticket");
    let pdf = write(dir.path(), "long-ticket.pdf", &out.bytes);
    let flat: String = pdftotext(&pdf).split_whitespace().collect();
    assert!(flat.contains(&t.name), "the whole name, in order:\n{flat}");
    assert!(flat.contains('…'), "the meal is cut with an ellipsis");

    assert_eq!(qr_codes_on_page(&out.bytes, 1), vec![t.code.clone()]);
}
