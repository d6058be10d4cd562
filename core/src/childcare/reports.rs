//! 月度出勤表: per program and month, each child's days attended, absences by reason (and days
//! missed without a word), the attendance rate over the program's open days while enrolled, and
//! late pick-ups — as the window shows it, as PDF and as .xlsx.

use super::desk::enrolled_between;
use super::model::AbsenceReason;
use super::programs::{closed_between, find_program, opens_on};
use super::{MANAGE, STAFF};
use crate::auth::{authorize_any, Actor};
use crate::clock::{day_text, parse_month};
use crate::db::entity::{childcare_attendance, resident};
use crate::error::Result;
use crate::io::{write_report, XlsxColumn, XlsxReport};
use crate::print::flow::{gap, paragraph};
use crate::print::page::{Align, Doc, Orientation};
use crate::print::table::{Column, Row, Table, Width};
use crate::print::{page_meta, PrintOutput};
use crate::Desk;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthRow {
    pub enrolment_id: i32,
    pub name: String,
    /// Open days of the month while the child was enrolled.
    pub due_days: u32,
    pub attended: u32,
    pub sick: u32,
    pub personal: u32,
    pub other: u32,
    /// Open days the child neither came nor was excused (past days only).
    pub unexcused: u32,
    /// attended ÷ due days, in per mille (925 = 92.5 %).
    pub rate_permille: u32,
    /// The same as text for every output: "92.5%", or "—" without due days.
    pub rate: String,
    pub late: u32,
    /// The month's fee in 分 (the whole month for any day enrolled; 0 when free).
    pub fee: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthReport {
    pub program: String,
    /// "2026年11月"
    pub month: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub open_days: u32,
    /// Whether the program charges at all (the fee column is shown only then).
    pub charges: bool,
    pub rows: Vec<MonthRow>,
    pub total: MonthRow,
}

pub async fn month_report(desk: &Desk, actor: &Actor, program_id: i32, month: &str) -> Result<MonthReport> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let (first, last) = parse_month(month)?;
    let p = find_program(desk.db(), program_id).await?;
    let closed = closed_between(desk.db(), p.id, first, last).await?;
    let today = desk.clock().today();
    let open: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).filter(|d| opens_on(&p, *d) && !closed.contains(d)).collect();
    let enrolments = enrolled_between(desk.db(), p.id, first, last).await?;
    let ids: Vec<i32> = enrolments.iter().map(|e| e.id).collect();
    let mut days: HashMap<i32, Vec<childcare_attendance::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for a in childcare_attendance::Entity::find()
            .filter(childcare_attendance::Column::EnrolmentId.is_in(chunk.iter().copied()))
            .filter(childcare_attendance::Column::Day.between(first, last))
            .all(desk.db())
            .await?
        {
            days.entry(a.enrolment_id).or_default().push(a);
        }
    }
    let names: HashMap<i32, String> = resident::Entity::find()
        .filter(resident::Column::Id.is_in(enrolments.iter().map(|e| e.resident_id)))
        .all(desk.db())
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let mut rows = Vec::with_capacity(enrolments.len());
    for e in &enrolments {
        let in_force: Vec<NaiveDate> =
            open.iter().copied().filter(|d| *d >= e.start_date && e.end_date.is_none_or(|end| *d <= end)).collect();
        let mine = days.remove(&e.id).unwrap_or_default();
        let by_day: HashMap<NaiveDate, &childcare_attendance::Model> = mine.iter().map(|a| (a.day, a)).collect();
        let mut row = MonthRow { enrolment_id: e.id, name: names.get(&e.resident_id).cloned().unwrap_or_default(), ..Default::default() };
        if !in_force.is_empty() {
            row.fee = e.fee.monthly_amount(&p);
        }
        row.due_days = in_force.iter().filter(|d| **d < today).count() as u32;
        for d in in_force.iter().filter(|d| **d < today) {
            match by_day.get(d) {
                Some(a) if a.arrived_at.is_some() => {
                    row.attended += 1;
                    row.late += u32::from(a.late);
                }
                Some(a) => match a.absence_reason {
                    Some(AbsenceReason::Sick) => row.sick += 1,
                    Some(AbsenceReason::Personal) => row.personal += 1,
                    Some(AbsenceReason::Other) => row.other += 1,
                    None => row.unexcused += 1,
                },
                None => row.unexcused += 1,
            }
        }
        row.rate_permille = permille(row.attended, row.due_days);
        row.rate = rate_of(&row);
        rows.push(row);
    }
    let mut total = rows.iter().fold(MonthRow { name: "合计".into(), ..Default::default() }, |mut t, r| {
        t.due_days += r.due_days;
        t.attended += r.attended;
        t.sick += r.sick;
        t.personal += r.personal;
        t.other += r.other;
        t.unexcused += r.unexcused;
        t.late += r.late;
        t.fee += r.fee;
        t
    });
    total.rate_permille = permille(total.attended, total.due_days);
    total.rate = rate_of(&total);
    Ok(MonthReport {
        charges: p.monthly_fee > 0,
        program: p.name,
        month: format!("{}年{}月", first.year(), first.month()),
        first_day: first,
        last_day: last,
        open_days: open.len() as u32,
        rows,
        total,
    })
}

fn permille(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        ((u64::from(part) * 1000 + u64::from(whole) / 2) / u64::from(whole)) as u32
    }
}

/// "92.5%"
pub fn rate_text(permille: u32) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}

/// No due days is no rate, not 0 % attendance.
fn rate_of(r: &MonthRow) -> String {
    if r.due_days == 0 {
        "—".into()
    } else {
        rate_text(r.rate_permille)
    }
}

const HEADERS: [&str; 11] = ["序号", "姓名", "应到天数", "出勤", "病假", "事假", "其他请假", "未请假缺勤", "出勤率", "晚接", "月费（元）"];

/// The headers of a report: the fee column only for a program that charges.
fn headers(r: &MonthReport) -> &'static [&'static str] {
    if r.charges {
        &HEADERS
    } else {
        &HEADERS[..HEADERS.len() - 1]
    }
}

fn cells(n: Option<usize>, r: &MonthRow, charges: bool) -> Vec<String> {
    let mut cells = vec![
        n.map(|n| n.to_string()).unwrap_or_default(),
        r.name.clone(),
        r.due_days.to_string(),
        r.attended.to_string(),
        r.sick.to_string(),
        r.personal.to_string(),
        r.other.to_string(),
        r.unexcused.to_string(),
        r.rate.clone(),
        r.late.to_string(),
    ];
    if charges {
        cells.push(crate::money::yuan(r.fee));
    }
    cells
}

fn scope(r: &MonthReport) -> String {
    format!(
        "项目：{}　统计期间：{} 至 {}　开放 {} 天　在册 {} 人",
        r.program,
        day_text(r.first_day),
        day_text(r.last_day),
        r.open_days,
        r.rows.len()
    )
}

pub async fn month_pdf(desk: &Desk, actor: &Actor, program_id: i32, month: &str) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let report = month_report(desk, actor, program_id, month).await?;
    let title = format!("{} 月度出勤表", report.month);
    let meta = page_meta(desk, &user, &title, &report.month).await?;
    let mut doc = Doc::new(Orientation::Portrait, meta)?;
    doc.ensure_page();
    gap(&mut doc, 2.0);
    paragraph(&mut doc, &scope(&report), 10.0, false, "说明", 0.0);
    gap(&mut doc, 4.0);
    let headers = headers(&report);
    let mut columns = vec![Column::new(headers[0], Width::Pt(28.0)).align(Align::Right), Column::new(headers[1], Width::Fr(1.0))];
    columns.extend(
        headers[2..].iter().map(|h| Column::new(*h, Width::Pt(if h.starts_with("月费") { 60.0 } else { 44.0 })).align(Align::Right)),
    );
    let mut table = Table::new(columns);
    for (n, r) in report.rows.iter().enumerate() {
        table.push(Row::body(cells(Some(n + 1), r, report.charges)));
    }
    table.push(Row::total(cells(None, &report.total, report.charges)));
    table.draw(&mut doc);
    gap(&mut doc, 6.0);
    let mut note = "注：应到天数为本月开放日中在托的已过日期；出勤率 = 出勤 ÷ 应到天数；晚接为超过结束时间接走".to_string();
    if report.charges {
        note.push_str("；本月有在托日即计整月费用");
    }
    paragraph(&mut doc, &format!("{note}。"), 9.0, false, "说明", 0.0);
    Ok(doc.finish())
}

pub async fn month_xlsx(desk: &Desk, actor: &Actor, program_id: i32, month: &str) -> Result<Vec<u8>> {
    let user = authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let report = month_report(desk, actor, program_id, month).await?;
    let office = crate::settings::get(desk).await?.print_header;
    let mut rows: Vec<Vec<String>> = report.rows.iter().enumerate().map(|(n, r)| cells(Some(n + 1), r, report.charges)).collect();
    rows.push(cells(None, &report.total, report.charges));
    let headers = headers(&report);
    let col = |header: &str, width: f64, text: bool| XlsxColumn { header: header.into(), width, text };
    let mut columns = vec![col(headers[0], 6.0, false), col(headers[1], 12.0, true)];
    columns.extend(headers[2..].iter().map(|h| col(h, 10.0, *h == "出勤率")));
    write_report(&XlsxReport {
        sheet_name: "月度出勤表",
        title_lines: vec![
            format!("{office} {} {} 月度出勤表", report.program, report.month),
            scope(&report),
            format!("导出人：{}　导出时间：{}", user.display_name, crate::clock::local(desk.clock().now()).format("%Y-%m-%d %H:%M")),
        ],
        columns,
        rows,
        highlight_columns: vec![],
        freeze_header: true,
    })
}
