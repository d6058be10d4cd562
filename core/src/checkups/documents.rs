//! The check-up printouts: the 体检名单 (who comes when, with masked ID numbers and phones and empty
//! columns the doctors fill by hand), the 体检通知单 (one slip per invitee with a QR code to sign in
//! with) and the 随访任务单 (follow-ups due, urgent first).
//!
//! Each is a pure function from its data to PDF bytes: the same data and print time give the same
//! text. The caller's [`PageMeta`] gives the office, 打印人 and 打印时间.

use crate::clock::day_text;
use crate::error::Result;
use crate::print::flow::{gap, paragraph};
use crate::print::layout::wrap;
use crate::print::page::{Align, Doc, Orientation, PageMeta};
use crate::print::qr;
use crate::print::table::{Column, Row, Table, Width};
use crate::print::tickets::{draw_grid, Cell, Grid};
use crate::print::PrintOutput;
use chrono::NaiveDate;

pub const PRIVACY_NOTE: &str = "本单含居民个人信息，仅供体检工作使用，用后请妥善保管或销毁。";
pub const VALUES_NOTE: &str = "本单含居民健康信息，属敏感个人信息，打印已记入操作日志，仅供随访工作使用。";
pub const PHONES_NOTE: &str = "本单含居民完整电话，仅供随访联系使用，用后请妥善处理。";

#[derive(Debug, Clone)]
pub struct ListPerson {
    pub name: String,
    pub sex: String,
    pub age: Option<u32>,
    pub community: String,
    pub masked_id: String,
    pub masked_phone: String,
    /// "12月8日 08:00–09:00", or "现场登记" for a walk-in: the heading of the person's group.
    pub slot_label: String,
}

#[derive(Debug, Clone)]
pub struct CheckupList {
    pub campaign: String,
    pub station: String,
    pub provider: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Sorted by time slot.
    pub people: Vec<ListPerson>,
    /// Residents awaiting an urgent referral (names only: the list carries no values).
    pub urgent_names: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Slip {
    pub name: String,
    pub campaign: String,
    /// The day of the slot: a page's header shows the days of its slips.
    pub day: NaiveDate,
    /// "2026年12月8日 08:00–09:00"
    pub when: String,
    pub station: String,
    pub address: String,
    pub bring: String,
    pub fasting: bool,
    /// The QR content (ASCII): the slip's signed code.
    pub code: String,
}

#[derive(Debug, Clone)]
pub struct TaskLine {
    pub name: String,
    pub community: String,
    /// In full: the health worker calls it.
    pub phone: String,
    pub kind_label: String,
    pub due_on: NaiveDate,
    pub reason: String,
    pub urgent: bool,
    /// 0 when not overdue.
    pub overdue_days: u32,
}

#[derive(Debug, Clone)]
pub struct TaskList {
    /// "截至2026年12月5日"
    pub scope: String,
    /// Urgent first, then overdue, then by due date.
    pub tasks: Vec<TaskLine>,
}

fn open(meta: &PageMeta, title: &str, date: String, orientation: Orientation) -> Result<Doc> {
    let meta = PageMeta { title: title.to_string(), date, ..meta.clone() };
    let mut doc = Doc::new(orientation, meta)?;
    doc.ensure_page();
    Ok(doc)
}

fn days_text(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        day_text(first)
    } else {
        format!("{} 至 {}", day_text(first), day_text(last))
    }
}

/// The 体检名单: people grouped under their time slot, with wide columns the doctors fill in by hand.
pub fn checkup_list(data: &CheckupList, meta: &PageMeta) -> Result<PrintOutput> {
    let days = days_text(data.first_day, data.last_day);
    let mut doc = open(meta, "体检名单", days.clone(), Orientation::Landscape)?;
    let info = format!(
        "活动：{}　地点：{}　体检机构：{}　日期：{}　人数：{}",
        data.campaign,
        data.station,
        data.provider,
        days,
        data.people.len()
    );
    gap(&mut doc, 2.0);
    paragraph(&mut doc, &info, 10.5, false, "活动", 0.0);
    if !data.urgent_names.is_empty() {
        let names = data.urgent_names.join("、");
        gap(&mut doc, 2.0);
        paragraph(&mut doc, &format!("紧急转诊待处理：{names}（详见随访任务单）"), 10.5, true, "紧急转诊", 0.0);
    }
    gap(&mut doc, 4.0);
    if data.people.is_empty() {
        paragraph(&mut doc, "尚未邀请居民。", 14.0, true, "说明", 0.0);
        return Ok(doc.finish());
    }
    let blank = |title: &str, pt: f32| Column::signature(title, Width::Pt(pt));
    let mut table = Table::new(vec![
        Column::new("序号", Width::Pt(28.0)).align(Align::Right),
        Column::new("姓名", Width::Fr(1.2)),
        Column::new("性别", Width::Pt(28.0)),
        Column::new("年龄", Width::Pt(28.0)).align(Align::Right),
        Column::new("社区", Width::Fr(1.3)),
        Column::new("身份证", Width::Pt(112.0)),
        Column::new("电话", Width::Pt(72.0)),
        blank("血压", 64.0),
        blank("心率", 48.0),
        blank("血糖", 48.0),
        blank("身高", 48.0),
        blank("体重", 48.0),
        blank("签字", 60.0),
    ]);
    table.min_row_height = 26.0;
    // The time slot heads its people instead of filling a wide column on every row.
    let mut heading: Option<&str> = None;
    for (n, p) in data.people.iter().enumerate() {
        if heading != Some(p.slot_label.as_str()) {
            heading = Some(p.slot_label.as_str());
            let count = data.people[n..].iter().take_while(|q| q.slot_label == p.slot_label).count();
            table.push(Row::group(format!("{}（{count} 人）", p.slot_label)));
        }
        table.push(Row::body(vec![
            (n + 1).to_string(),
            p.name.clone(),
            p.sex.clone(),
            p.age.map(|a| a.to_string()).unwrap_or_default(),
            p.community.clone(),
            p.masked_id.clone(),
            p.masked_phone.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]));
    }
    table.draw(&mut doc);
    gap(&mut doc, 6.0);
    paragraph(&mut doc, PRIVACY_NOTE, 9.0, false, "说明", 0.0);
    Ok(doc.finish())
}

/// 体检通知单: 6 slips per A4 page (2 × 3) with cut lines, each with the invitee's time, place,
/// what to bring, the fasting reminder and the QR code to sign in with. The text is 11 pt: the
/// slips are read by elderly residents. Each page's header shows the days of its own slips.
pub fn invitation_slips(slips: &[Slip], meta: &PageMeta) -> Result<PrintOutput> {
    let mut doc = Doc::new(Orientation::Portrait, PageMeta { title: "体检通知单".into(), ..meta.clone() })?;
    if slips.is_empty() {
        doc.ensure_page();
        paragraph(&mut doc, "没有要打印的通知单。", 12.0, false, "说明", 0.0);
        return Ok(doc.finish());
    }
    let codes = crate::print::on_all_cores(slips, |s| qr::modules(s.code.as_bytes())).into_iter().collect::<Result<Vec<_>>>()?;
    let grid = Grid { cols: 2, rows: 3 };
    let per_page = grid.cols * grid.rows;
    for (on_page, page_codes) in slips.chunks(per_page).zip(codes.chunks(per_page)) {
        let (Some(first), Some(last)) = (on_page.iter().map(|s| s.day).min(), on_page.iter().map(|s| s.day).max()) else { continue };
        doc.set_date(days_text(first, last));
        draw_grid(&mut doc, grid, on_page.len(), |doc, cell| {
            slip(doc, &meta.office, &on_page[cell.index], &page_codes[cell.index], cell);
            Ok(())
        })?;
    }
    Ok(doc.finish())
}

const SLIP_PAD: f32 = 12.0;
const SLIP_QR: f32 = 80.0;
const SLIP_TEXT: f32 = 11.0;

fn slip(doc: &mut Doc, office: &str, s: &Slip, code: &qr::Modules, cell: &Cell) {
    let left = cell.x + SLIP_PAD;
    let width = cell.width - 2.0 * SLIP_PAD;
    let mut y = cell.y + cell.height - SLIP_PAD - 13.0;
    doc.set_bold(true);
    doc.text_in(left, width, y, 13.0, "健康体检通知单", Align::Center, "标题");
    y -= 22.0;
    doc.text(left, y, 14.0, &format!("{}：", s.name), "姓名");
    doc.set_bold(false);
    y -= 20.0;
    let lines = [
        format!("您好！请于 {} 到 {} 参加{}。", s.when, s.station, s.campaign),
        format!("地址：{}", s.address),
        format!("请携带：{}", s.bring),
        if s.fasting {
            "体检当天请空腹（早晨不进食、不喝含糖饮料），可少量饮水。".to_string()
        } else {
            String::new()
        },
    ];
    let floor = cell.y + SLIP_PAD + 12.0;
    let qr_top = cell.y + SLIP_PAD + 12.0 + SLIP_QR;
    let line_height = SLIP_TEXT * 1.45;
    for text in lines.iter().filter(|t| !t.is_empty()) {
        // Full width above the QR code, narrower beside it.
        let mut rest = text.clone();
        while !rest.is_empty() && y >= floor {
            let beside_qr = y - SLIP_TEXT < qr_top;
            let w = if beside_qr { width - SLIP_QR - 8.0 } else { width };
            let wrapped = wrap(doc.fonts(), &rest, SLIP_TEXT, w);
            let Some(line) = wrapped.first().cloned() else { break };
            doc.text(left, y, SLIP_TEXT, &line, "通知");
            y -= line_height;
            rest = match rest.trim_start().strip_prefix(line.trim_end()) {
                Some(r) => r.trim_start().to_string(),
                None => wrapped[1..].concat(),
            };
        }
    }
    let qr_y = cell.y + SLIP_PAD + 12.0;
    qr::draw_modules(doc, code, left + width - SLIP_QR, qr_y, SLIP_QR);
    doc.text_in(left + width - SLIP_QR, SLIP_QR, cell.y + SLIP_PAD, 9.0, "签到时请出示", Align::Center, "签到");
    doc.text(left, cell.y + SLIP_PAD, 9.0, office, "单位");
}

/// "2026-10-01" and, when past, "逾期 63 天" under it.
fn due_text(t: &TaskLine) -> String {
    let due = t.due_on.format("%Y-%m-%d");
    if t.overdue_days > 0 {
        format!("{due}\n逾期 {} 天", t.overdue_days)
    } else {
        due.to_string()
    }
}

/// 随访任务单: urgent first, then overdue, then by due date, with columns for how it went.
pub fn task_list(data: &TaskList, meta: &PageMeta) -> Result<PrintOutput> {
    let mut doc = open(meta, "随访任务单", data.scope.clone(), Orientation::Landscape)?;
    let urgent = data.tasks.iter().filter(|t| t.urgent).count();
    let overdue = data.tasks.iter().filter(|t| t.overdue_days > 0 && !t.urgent).count();
    let info = format!("{}：共 {} 项，其中紧急/转诊 {} 项，逾期 {} 项", data.scope, data.tasks.len(), urgent, overdue);
    gap(&mut doc, 2.0);
    paragraph(&mut doc, &info, 10.5, false, "说明", 0.0);
    gap(&mut doc, 4.0);
    if data.tasks.is_empty() {
        paragraph(&mut doc, "没有到期的随访任务。", 14.0, true, "说明", 0.0);
        return Ok(doc.finish());
    }
    let mut table = Table::new(vec![
        Column::new("序号", Width::Pt(28.0)).align(Align::Right),
        Column::new("姓名", Width::Fr(1.0)),
        Column::new("社区", Width::Fr(1.1)),
        Column::new("电话", Width::Pt(78.0)),
        Column::new("任务", Width::Pt(112.0)),
        Column::new("到期", Width::Pt(74.0)),
        Column::new("原因", Width::Fr(2.6)),
        Column::signature("随访方式", Width::Pt(52.0)),
        Column::signature("结果", Width::Pt(90.0)),
        Column::signature("签字", Width::Pt(52.0)),
    ]);
    table.min_row_height = 24.0;
    for (n, t) in data.tasks.iter().enumerate() {
        // 紧急转诊 says it already.
        let mark = if t.urgent && !t.kind_label.contains("紧急") {
            "【紧急】"
        } else if t.overdue_days > 0 && !t.urgent {
            "【逾期】"
        } else {
            ""
        };
        table.push(Row::body(vec![
            (n + 1).to_string(),
            t.name.clone(),
            t.community.clone(),
            t.phone.clone(),
            format!("{mark}{}", t.kind_label),
            due_text(t),
            t.reason.clone(),
            String::new(),
            String::new(),
            String::new(),
        ]));
    }
    table.draw(&mut doc);
    gap(&mut doc, 6.0);
    paragraph(&mut doc, VALUES_NOTE, 9.0, false, "说明", 0.0);
    paragraph(&mut doc, PHONES_NOTE, 9.0, false, "说明", 0.0);
    Ok(doc.finish())
}
