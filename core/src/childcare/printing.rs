//! The desk's printouts: the day's 签到签退表 per program (with empty rows for a day the PC is
//! down) and the cards, 8 to an A4 page: each child's sign-in card and each pick-up person's
//! 接送卡, with a QR code and no ID numbers.

use super::cards::{code_for, current_or_new};
use super::desk::{call_lines, desk_day, DayState, DeskChild};
use super::model::PickupStatus;
use super::programs::find_program;
use super::{STAFF, WORK_DESK};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::canteen::tickets::secret;
use crate::clock::day_text;
use crate::error::Result;
use crate::print::flow::{gap, paragraph};
use crate::print::page::{Align, Doc, Orientation, PageMeta};
use crate::print::table::{Column, Row, Table, Width};
use crate::print::tickets::{draw_grid, Cell, Grid};
use crate::print::{page_meta, qr, PrintOutput};
use crate::Desk;
use chrono::NaiveDate;

/// Rows left empty under the list, for children written in by hand.
const BLANK_ROWS: usize = 5;

pub async fn roster(desk: &Desk, actor: &Actor, program_id: i32, date: NaiveDate) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    let day = desk_day(desk, actor, program_id, date).await?;
    let program = find_program(desk.db(), program_id).await?;
    let meta = page_meta(desk, &user, "每日签到签退表", &day_text(date)).await?;
    let out = roster_pdf(&day.program, &program.place, date, day.closed_reason.as_deref(), &day.children, &meta)?;
    let detail = format!("{} {}，{} 人", day.program, day_text(date), day.children.len());
    audit::record_by(desk, desk.db(), actor, Entry::new(Action::ChildcareRosterPrinted).on("childcare_program", program_id).detail(detail))
        .await?;
    Ok(out)
}

/// The 签到签退表 drawn from the day's rows (pure: the same rows and print time give the same text).
pub fn roster_pdf(
    program: &str,
    place: &str,
    date: NaiveDate,
    closed: Option<&str>,
    children: &[DeskChild],
    meta: &PageMeta,
) -> Result<PrintOutput> {
    let mut doc = Doc::new(Orientation::Landscape, PageMeta { title: "每日签到签退表".into(), date: day_text(date), ..meta.clone() })?;
    doc.ensure_page();
    let absent = children.iter().filter(|c| c.state == DayState::Absent).count();
    let info = format!("项目：{program}　地点：{place}　日期：{}　在托 {} 人，请假 {absent} 人", day_text(date), children.len());
    gap(&mut doc, 2.0);
    paragraph(&mut doc, &info, 10.5, false, "说明", 0.0);
    if let Some(reason) = closed {
        paragraph(&mut doc, &format!("注意：{reason}"), 10.5, true, "说明", 0.0);
    }
    gap(&mut doc, 4.0);
    let mut table = Table::new(vec![
        Column::new("序号", Width::Pt(28.0)).align(Align::Right),
        Column::new("姓名", Width::Fr(1.1)),
        Column::new("年龄", Width::Pt(30.0)).align(Align::Right),
        Column::new("学校/班级", Width::Fr(1.6)),
        Column::new("到达时间", Width::Pt(56.0)),
        Column::new("接送方式", Width::Fr(1.1)),
        Column::new("离开时间", Width::Pt(84.0)),
        Column::new("接走人", Width::Fr(1.1)),
        Column::signature("家长签字", Width::Pt(70.0)),
        Column::signature("工作人员签字", Width::Pt(70.0)),
    ]);
    table.min_row_height = 24.0;
    for (n, c) in children.iter().enumerate() {
        let arrived = match (&c.arrived_at, &c.absence_label) {
            (Some(at), _) => at.clone(),
            (None, Some(reason)) => format!("【{reason}】"),
            _ => String::new(),
        };
        let left = match (&c.left_at, c.late) {
            (Some(at), true) => format!("{at}（晚接）"),
            (Some(at), false) => at.clone(),
            _ => String::new(),
        };
        let school = [c.school.as_str(), c.class_name.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ");
        table.push(Row::body(vec![
            (n + 1).to_string(),
            c.name.clone(),
            c.age.map(|a| a.to_string()).unwrap_or_default(),
            school,
            arrived,
            c.arrival_mode_label.clone().unwrap_or_default(),
            left,
            c.left_with.clone().unwrap_or_default(),
            String::new(),
            String::new(),
        ]));
    }
    for n in 0..BLANK_ROWS {
        let mut cells = vec![String::new(); 10];
        cells[0] = (children.len() + n + 1).to_string();
        table.push(Row::body(cells));
    }
    table.draw(&mut doc);
    Ok(doc.finish())
}

/// 联系单: the children not come (after the call time) and those still in, with the phones of
/// the persons who may pick them up. Audited: it lists phones.
pub async fn call_list(desk: &Desk, actor: &Actor, program_id: i32, date: NaiveDate) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    let day = desk_day(desk, actor, program_id, date).await?;
    let mut lines = day.to_call.clone();
    lines.extend(call_lines(&day.children, DayState::In));
    let meta = page_meta(desk, &user, "托育联系单", &day_text(date)).await?;
    let mut doc = Doc::new(Orientation::Portrait, meta)?;
    doc.ensure_page();
    gap(&mut doc, 2.0);
    paragraph(&mut doc, &format!("项目：{}　日期：{}　共 {} 名儿童", day.program, day_text(date), lines.len()), 10.5, false, "说明", 0.0);
    gap(&mut doc, 4.0);
    let mut table = Table::new(vec![
        Column::new("序号", Width::Pt(28.0)).align(Align::Right),
        Column::new("姓名", Width::Fr(1.0)),
        Column::new("情况", Width::Pt(50.0)),
        Column::new("联系人及电话", Width::Fr(3.0)),
        Column::signature("联系结果", Width::Fr(1.6)),
    ]);
    table.min_row_height = 24.0;
    for (n, l) in lines.iter().enumerate() {
        let state = if l.state == DayState::In { "未接走" } else { "未到" };
        let contacts: Vec<String> = l.contacts.iter().map(|c| format!("{} {} {}", c.relationship, c.name, c.phone)).collect();
        table.push(Row::body(vec![(n + 1).to_string(), l.name.clone(), state.into(), contacts.join("\n"), String::new()]));
    }
    table.draw(&mut doc);
    gap(&mut doc, 6.0);
    paragraph(&mut doc, "本单含监护人电话，打印已记入操作日志，仅供联系家长使用，用后请妥善处理。", 9.0, false, "说明", 0.0);
    let out = doc.finish();
    let detail = format!("{} {}，{} 名儿童（含电话）", day.program, day_text(date), lines.len());
    audit::record_by(
        desk,
        desk.db(),
        actor,
        Entry::new(Action::ChildcareCallListPrinted).on("childcare_program", program_id).detail(detail),
    )
    .await?;
    Ok(out)
}

/// One card to print.
#[derive(Debug, Clone)]
pub struct CardData {
    pub program: String,
    pub child: String,
    /// None: the child's own sign-in card.
    pub person: Option<(String, String)>,
    pub code: String,
}

/// The cards of every child in the program today and of each person who may pick them up (not
/// the barred ones). Cards not made yet are made now.
pub async fn cards(desk: &Desk, actor: &Actor, program_id: i32) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &STAFF, WORK_DESK).await?;
    let day = desk_day(desk, actor, program_id, desk.clock().today()).await?;
    let key = secret(desk.db()).await?;
    let txn = desk.begin_write().await?;
    let mut items = Vec::new();
    for c in &day.children {
        let card = current_or_new(&txn, desk, c.enrolment_id, None).await?;
        items.push(CardData { program: day.program.clone(), child: c.name.clone(), person: None, code: code_for(&key, card.id) });
        for p in c.persons.iter().filter(|p| p.active && p.status != PickupStatus::Barred) {
            let card = current_or_new(&txn, desk, c.enrolment_id, Some(p.id)).await?;
            items.push(CardData {
                program: day.program.clone(),
                child: c.name.clone(),
                person: Some((p.name.clone(), p.relationship.clone())),
                code: code_for(&key, card.id),
            });
        }
    }
    txn.commit().await?;
    let meta = page_meta(desk, &user, "接送卡", &day_text(day.date)).await?;
    cards_pdf(&items, &meta)
}

const CARD_PAD: f32 = 10.0;
const CARD_QR: f32 = 90.0;

/// 8 cards to an A4 page (2 × 4) with dashed cut lines.
pub fn cards_pdf(items: &[CardData], meta: &PageMeta) -> Result<PrintOutput> {
    let mut doc = Doc::new(Orientation::Portrait, PageMeta { title: "接送卡".into(), ..meta.clone() })?;
    if items.is_empty() {
        doc.ensure_page();
        paragraph(&mut doc, "没有要打印的卡片。", 12.0, false, "说明", 0.0);
        return Ok(doc.finish());
    }
    let codes = crate::print::on_all_cores(items, |c| qr::modules(c.code.as_bytes())).into_iter().collect::<Result<Vec<_>>>()?;
    draw_grid(&mut doc, Grid { cols: 2, rows: 4 }, items.len(), |doc, cell| {
        card(doc, &meta.office, &items[cell.index], &codes[cell.index], cell);
        Ok(())
    })?;
    Ok(doc.finish())
}

fn card(doc: &mut Doc, office: &str, c: &CardData, code: &qr::Modules, cell: &Cell) {
    let left = cell.x + CARD_PAD;
    let text_w = cell.width - CARD_QR - 3.0 * CARD_PAD;
    let mut y = cell.y + cell.height - CARD_PAD - 12.0;
    doc.set_bold(true);
    let title = if c.person.is_some() { "接送卡" } else { "儿童签到卡" };
    doc.text_in(left, text_w, y, 13.0, title, Align::Left, "标题");
    y -= 24.0;
    match &c.person {
        Some((name, relationship)) => {
            doc.text_in(left, text_w, y, 14.0, name, Align::Left, "接送人");
            doc.set_bold(false);
            y -= 18.0;
            doc.text_in(left, text_w, y, 10.0, &format!("{}的{relationship}", c.child), Align::Left, "关系");
        }
        None => {
            doc.text_in(left, text_w, y, 14.0, &c.child, Align::Left, "儿童");
            doc.set_bold(false);
        }
    }
    y -= 18.0;
    doc.text_in(left, text_w, y, 10.0, &c.program, Align::Left, "项目");
    doc.text_in(left, text_w, cell.y + CARD_PAD, 8.0, office, Align::Left, "单位");
    let qr_x = cell.x + cell.width - CARD_PAD - CARD_QR;
    let qr_y = cell.y + (cell.height - CARD_QR) / 2.0;
    qr::draw_modules(doc, code, qr_x, qr_y, CARD_QR);
}

/// 值班表: the month's open days with who is on duty and a column to sign, then each staff
/// member's days. Closed days inside the term are listed so the gap in the month is explained.
pub async fn duty(desk: &Desk, actor: &Actor, program_id: i32, month: &str) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &STAFF, super::MANAGE).await?;
    let grid = super::duty::duty_month(desk, actor, program_id, month).await?;
    let program = find_program(desk.db(), program_id).await?;
    let meta = page_meta(desk, &user, "托育值班表", &grid.month).await?;
    duty_pdf(&grid, &program.place, &meta)
}

/// The 值班表 drawn from the month's grid (pure).
pub fn duty_pdf(grid: &super::duty::DutyMonth, place: &str, meta: &PageMeta) -> Result<PrintOutput> {
    let mut doc = Doc::new(Orientation::Portrait, PageMeta { title: format!("{} 托育值班表", grid.month), ..meta.clone() })?;
    doc.ensure_page();
    let open = grid.days.iter().filter(|d| d.open).count();
    let info = format!("项目：{}　地点：{place}　开放 {open} 天，{} 天未排班", grid.program, grid.unstaffed);
    gap(&mut doc, 2.0);
    paragraph(&mut doc, &info, 10.5, false, "说明", 0.0);
    gap(&mut doc, 4.0);
    let mut table = Table::new(vec![
        Column::new("日期", Width::Pt(96.0)),
        Column::new("星期", Width::Pt(36.0)),
        Column::new("值班人员", Width::Fr(2.0)),
        Column::new("备注", Width::Fr(1.0)),
        Column::signature("值班签字", Width::Fr(1.2)),
    ]);
    table.min_row_height = 22.0;
    for d in &grid.days {
        let names: Vec<&str> = d.on_duty.iter().map(|s| s.name.as_str()).collect();
        let (on, note) = match (&d.closed_reason, names.is_empty()) {
            (Some(reason), _) => (String::new(), reason.clone()),
            (None, true) => (String::new(), "未排班".to_string()),
            (None, false) => (names.join("、"), String::new()),
        };
        table.push(Row::body(vec![day_text(d.day), d.weekday_label.clone(), on, note, String::new()]));
    }
    table.draw(&mut doc);
    if !grid.staff.is_empty() {
        gap(&mut doc, 8.0);
        let mut totals =
            Table::new(vec![Column::new("工作人员", Width::Fr(1.0)), Column::new("本月值班天数", Width::Pt(90.0)).align(Align::Right)]);
        for (s, n) in grid.staff.iter().zip(&grid.counts) {
            totals.push(Row::body(vec![s.name.clone(), n.to_string()]));
        }
        totals.draw(&mut doc);
    }
    Ok(doc.finish())
}
