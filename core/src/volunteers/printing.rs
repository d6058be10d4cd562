//! The volunteers' printouts: the 结对名单 with each pairing's last visit and overdue mark, the
//! list of pairings not visited lately (with the volunteers' phones, to call them; audited), and
//! the 走访记录表 a volunteer takes along — one page per paired elder, filled in by hand.

use super::pairings::{list_pairings, PairingFilter, PairingRow};
use super::{READERS, VIEW, WRITERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::clock::day_text;
use crate::error::Result;
use crate::print::flow::{gap, paragraph};
use crate::print::page::{Align, Doc, Orientation};
use crate::print::table::{Column, Row, Table, Width};
use crate::print::{page_meta, PrintOutput};
use crate::Desk;
use chrono::NaiveDate;

fn volunteers_text(p: &PairingRow, phones: bool) -> String {
    let names: Vec<String> = p
        .volunteers
        .iter()
        .map(|v| if phones && !v.phone.is_empty() { format!("{} {}", v.name, v.phone) } else { v.name.clone() })
        .collect();
    names.join("\n")
}

fn last_visit_text(p: &PairingRow) -> String {
    p.visit.last_visited_on.map(day_text).unwrap_or_else(|| "从未走访".into())
}

fn state_text(p: &PairingRow) -> String {
    if p.visit.overdue {
        format!("【逾期 {} 天】", p.visit.overdue_days)
    } else {
        "正常".into()
    }
}

/// 结对名单: every pairing in force on `as_of`, the overdue first.
pub async fn pairings(desk: &Desk, actor: &Actor, as_of: Option<NaiveDate>) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &READERS, VIEW).await?;
    let as_of = as_of.unwrap_or_else(|| desk.clock().today());
    let rows = list_pairings(desk, actor, PairingFilter::Active, Some(as_of)).await?;
    let meta = page_meta(desk, &user, "结对帮扶名单", &day_text(as_of)).await?;
    let mut doc = Doc::new(Orientation::Landscape, meta)?;
    doc.ensure_page();
    let overdue = rows.iter().filter(|p| p.visit.overdue).count();
    let grace = super::pairings::grace_days(desk.db()).await?;
    let info =
        format!("截至 {}：结对 {} 户，逾期未走访 {overdue} 户（超过走访频次 {grace} 天未走访即为逾期）", day_text(as_of), rows.len());
    gap(&mut doc, 2.0);
    paragraph(&mut doc, &info, 10.5, false, "说明", 0.0);
    gap(&mut doc, 4.0);
    let mut table = Table::new(vec![
        Column::new("序号", Width::Pt(28.0)).align(Align::Right),
        Column::new("老人", Width::Fr(0.9)),
        Column::new("年龄", Width::Pt(30.0)).align(Align::Right),
        Column::new("社区/住址", Width::Fr(2.0)),
        Column::new("类别", Width::Fr(0.9)),
        Column::new("结对志愿者", Width::Fr(1.2)),
        Column::new("频次", Width::Pt(48.0)),
        Column::new("最近走访", Width::Pt(84.0)),
        Column::new("状态", Width::Pt(76.0)),
    ]);
    for (n, p) in rows.iter().enumerate() {
        table.push(Row::body(vec![
            (n + 1).to_string(),
            p.elder_name.clone(),
            p.elder_age.map(|a| a.to_string()).unwrap_or_default(),
            format!("{} {}", p.community, p.address).trim().to_string(),
            p.categories.join("、"),
            volunteers_text(p, false),
            p.frequency_label.clone(),
            last_visit_text(p),
            state_text(p),
        ]));
    }
    table.draw(&mut doc);
    Ok(doc.finish())
}

/// 逾期未走访名单: the pairings not visited lately on `as_of`, with the volunteers' phones for
/// those who keep the volunteers (audited: it lists phones and addresses).
pub async fn overdue(desk: &Desk, actor: &Actor, as_of: Option<NaiveDate>) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &READERS, VIEW).await?;
    let phones = WRITERS.contains(&user.role);
    let as_of = as_of.unwrap_or_else(|| desk.clock().today());
    let rows = list_pairings(desk, actor, PairingFilter::Overdue, Some(as_of)).await?;
    let meta = page_meta(desk, &user, "逾期未走访名单", &day_text(as_of)).await?;
    let mut doc = Doc::new(Orientation::Portrait, meta)?;
    doc.ensure_page();
    gap(&mut doc, 2.0);
    paragraph(
        &mut doc,
        &format!("截至 {}：逾期未走访 {} 户，请联系结对志愿者尽快走访。", day_text(as_of), rows.len()),
        10.5,
        false,
        "说明",
        0.0,
    );
    gap(&mut doc, 4.0);
    let mut table = Table::new(vec![
        Column::new("序号", Width::Pt(28.0)).align(Align::Right),
        Column::new("老人", Width::Fr(0.8)),
        Column::new("住址", Width::Fr(1.6)),
        Column::new("结对志愿者", Width::Fr(1.6)),
        Column::new("最近走访", Width::Pt(80.0)),
        Column::new("逾期", Width::Pt(40.0)).align(Align::Right),
        Column::signature("联系结果", Width::Fr(1.0)),
    ]);
    table.min_row_height = 24.0;
    for (n, p) in rows.iter().enumerate() {
        table.push(Row::body(vec![
            (n + 1).to_string(),
            p.elder_name.clone(),
            format!("{} {}", p.community, p.address).trim().to_string(),
            volunteers_text(p, phones),
            last_visit_text(p),
            format!("{} 天", p.visit.overdue_days),
            String::new(),
        ]));
    }
    table.draw(&mut doc);
    if phones {
        gap(&mut doc, 6.0);
        paragraph(&mut doc, "本单含志愿者电话和老人住址，打印已记入操作日志，用后请妥善处理。", 9.0, false, "说明", 0.0);
    }
    let out = doc.finish();
    let detail = format!("{}，{} 户{}", day_text(as_of), rows.len(), if phones { "（含电话）" } else { "" });
    audit::record_by(desk, desk.db(), actor, Entry::new(Action::VisitListPrinted).detail(detail)).await?;
    Ok(out)
}

/// 走访记录表: one page per pairing in force, the elder's name and address filled in, the rest
/// blank for the volunteer to fill in and staff to enter afterwards.
pub async fn visit_forms(desk: &Desk, actor: &Actor) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &READERS, VIEW).await?;
    let rows = list_pairings(desk, actor, PairingFilter::Active, None).await?;
    let meta = page_meta(desk, &user, "走访记录表", &day_text(desk.clock().today())).await?;
    let mut doc = Doc::new(Orientation::Portrait, meta)?;
    if rows.is_empty() {
        doc.ensure_page();
        paragraph(&mut doc, "没有结对中的老人。", 12.0, false, "说明", 0.0);
        return Ok(doc.finish());
    }
    for (n, p) in rows.iter().enumerate() {
        if n > 0 {
            doc.new_page();
        }
        doc.ensure_page();
        visit_form(&mut doc, p);
    }
    Ok(doc.finish())
}

fn visit_form(doc: &mut Doc, p: &PairingRow) {
    gap(doc, 2.0);
    let age = p.elder_age.map(|a| format!("{a} 岁")).unwrap_or_default();
    paragraph(doc, &format!("老人：{}　{age}　{}", p.elder_name, p.categories.join("、")), 12.0, true, "老人", 0.0);
    paragraph(doc, &format!("住址：{} {}", p.community, p.address), 10.5, false, "住址", 0.0);
    let volunteers: Vec<&str> = p.volunteers.iter().map(|v| v.name.as_str()).collect();
    let line = format!("结对志愿者：{}　走访频次：{}　最近走访：{}", volunteers.join("、"), p.frequency_label, last_visit_text(p));
    paragraph(doc, &line, 10.5, false, "结对", 0.0);
    gap(doc, 6.0);
    let mut table = Table::new(vec![Column::new("项目", Width::Pt(96.0)), Column::new("情况", Width::Fr(1.0))]);
    table.min_row_height = 26.0;
    let blank = |lines: usize| "\n".repeat(lines);
    for (item, content) in [
        ("走访日期", "________ 年 ____ 月 ____ 日　　　时长 ________ 分钟".to_string()),
        ("走访方式", "□上门　□电话　□陪同就医　□代办".to_string()),
        ("健康状况", blank(5)),
        ("安全情况", blank(3)),
        ("精神状态", blank(3)),
        ("需求", blank(5)),
        ("需要跟进", "□需要帮助（转需求议事）　□健康问题需关注（通知卫生人员）".to_string()),
        ("下次走访", "________ 年 ____ 月 ____ 日".to_string()),
        ("志愿者签字", String::new()),
        ("老人或家属签字", String::new()),
    ] {
        table.push(Row::body(vec![item.to_string(), content]));
    }
    table.draw(doc);
    gap(doc, 6.0);
    paragraph(doc, "走访时长按实际服务时间填写（不含路途），交回后由工作人员录入。", 9.0, false, "说明", 0.0);
}
