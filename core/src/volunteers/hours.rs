//! 志愿服务时长统计: each volunteer's services in a period from the service record — activities,
//! visits and corrections (a correction counts in the period of the service it corrects) — as
//! the window shows it, as PDF and as .xlsx. One grouped query, so a year of 1,000 volunteers
//! stays fast.

use super::activities::hours_text;
use super::model::EntrySource;
use super::registry::{briefs, teams_of};
use super::{READERS, VIEW};
use crate::auth::{authorize_any, Actor};
use crate::clock::day_text;
use crate::db::entity::service_entry;
use crate::error::{Error, Result};
use crate::io::{write_report, XlsxColumn, XlsxReport};
use crate::print::flow::{gap, paragraph};
use crate::print::page::{Align, Doc, Orientation};
use crate::print::table::{Column, Row, Table, Width};
use crate::print::{page_meta, PrintOutput};
use crate::Desk;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// The longest period one report covers.
pub const MAX_REPORT_DAYS: i64 = 366 * 3;

#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HoursRow {
    /// 0 on the total row.
    pub volunteer_id: i32,
    pub number: String,
    pub name: String,
    pub teams: String,
    pub activities: u32,
    pub activity_minutes: i64,
    pub visits: u32,
    pub visit_minutes: i64,
    /// The corrections' difference (negative when they lowered the record).
    pub corrected_minutes: i64,
    pub total_minutes: i64,
    /// "12.5"
    pub hours: String,
    /// The same figures in hours as the printout shows them ("3.5"; the correction empty when none).
    pub activity_hours: String,
    pub visit_hours: String,
    pub corrected_hours: String,
}

impl HoursRow {
    fn with_hours(mut self) -> HoursRow {
        self.hours = hours_text(self.total_minutes);
        self.activity_hours = hours_text(self.activity_minutes);
        self.visit_hours = hours_text(self.visit_minutes);
        self.corrected_hours = if self.corrected_minutes == 0 { String::new() } else { hours_text(self.corrected_minutes) };
        self
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HoursReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Volunteers with a service in the period, by number.
    pub rows: Vec<HoursRow>,
    pub total: HoursRow,
}

pub(crate) fn check_period(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < from {
        return Err(Error::invalid("period_reversed", "to", "结束日期应不早于开始日期"));
    }
    if (to - from).num_days() > MAX_REPORT_DAYS {
        return Err(Error::invalid("period_too_long", "to", "统计期间最长三年"));
    }
    Ok(())
}

pub async fn hours_report(desk: &Desk, actor: &Actor, from: NaiveDate, to: NaiveDate) -> Result<HoursReport> {
    authorize_any(desk, actor, &READERS, VIEW).await?;
    check_period(from, to)?;
    let db = desk.db();
    let grouped: Vec<(i32, EntrySource, i64, i64)> = service_entry::Entity::find()
        .select_only()
        .column(service_entry::Column::VolunteerId)
        .column(service_entry::Column::Source)
        .column_as(Expr::col(service_entry::Column::Id).count(), "entries")
        .column_as(Expr::col(service_entry::Column::Minutes).sum(), "minutes")
        .filter(service_entry::Column::ServedOn.gte(from))
        .filter(service_entry::Column::ServedOn.lte(to))
        .group_by(service_entry::Column::VolunteerId)
        .group_by(service_entry::Column::Source)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_volunteer: BTreeMap<i32, HoursRow> = BTreeMap::new();
    for (volunteer_id, source, entries, minutes) in grouped {
        let row = by_volunteer.entry(volunteer_id).or_insert_with(|| HoursRow { volunteer_id, ..Default::default() });
        match source {
            EntrySource::Activity => (row.activities, row.activity_minutes) = (entries as u32, minutes),
            EntrySource::Visit => (row.visits, row.visit_minutes) = (entries as u32, minutes),
            EntrySource::Correction => row.corrected_minutes = minutes,
        }
        row.total_minutes += minutes;
    }
    let ids: Vec<i32> = by_volunteer.keys().copied().collect();
    let people = briefs(db, Some(&ids)).await?;
    let teams = teams_of(db, &ids).await?;
    let mut rows: Vec<HoursRow> = by_volunteer
        .into_values()
        .map(|mut r| {
            if let Some(b) = people.get(&r.volunteer_id) {
                r.number = b.number.clone();
                r.name = b.name.clone();
            }
            r.teams =
                teams.get(&r.volunteer_id).map(|t| t.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join("、")).unwrap_or_default();
            r.with_hours()
        })
        .collect();
    rows.sort_by(|a, b| a.number.cmp(&b.number));
    let mut total = HoursRow { name: "合计".into(), ..Default::default() };
    for r in &rows {
        total.activities += r.activities;
        total.activity_minutes += r.activity_minutes;
        total.visits += r.visits;
        total.visit_minutes += r.visit_minutes;
        total.corrected_minutes += r.corrected_minutes;
        total.total_minutes += r.total_minutes;
    }
    Ok(HoursReport { from, to, rows, total: total.with_hours() })
}

const HEADERS: [&str; 10] =
    ["序号", "志愿者编号", "姓名", "服务队", "活动（次）", "活动时长", "走访（次）", "走访时长", "更正", "合计（小时）"];

fn cells(n: Option<usize>, r: &HoursRow) -> Vec<String> {
    vec![
        n.map(|n| n.to_string()).unwrap_or_default(),
        r.number.clone(),
        r.name.clone(),
        r.teams.clone(),
        r.activities.to_string(),
        r.activity_hours.clone(),
        r.visits.to_string(),
        r.visit_hours.clone(),
        r.corrected_hours.clone(),
        r.hours.clone(),
    ]
}

fn period_text(r: &HoursReport) -> String {
    format!("{} 至 {}", day_text(r.from), day_text(r.to))
}

pub async fn hours_pdf(desk: &Desk, actor: &Actor, from: NaiveDate, to: NaiveDate) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &READERS, VIEW).await?;
    let report = hours_report(desk, actor, from, to).await?;
    let meta = page_meta(desk, &user, "志愿服务时长统计", &period_text(&report)).await?;
    let mut doc = Doc::new(Orientation::Portrait, meta)?;
    doc.ensure_page();
    gap(&mut doc, 2.0);
    let info = format!(
        "{}：{} 名志愿者参加服务，合计 {} 小时（活动 {} 人次，走访 {} 次）。时长单位为小时，按签到签退时间计算，不含路途时间。",
        period_text(&report),
        report.rows.len(),
        report.total.hours,
        report.total.activities,
        report.total.visits
    );
    paragraph(&mut doc, &info, 10.0, false, "说明", 0.0);
    gap(&mut doc, 4.0);
    let num = |title: &str, w: f32| Column::new(title, Width::Pt(w)).align(Align::Right);
    let mut table = Table::new(vec![
        num(HEADERS[0], 28.0),
        Column::new(HEADERS[1], Width::Pt(58.0)),
        Column::new(HEADERS[2], Width::Fr(0.8)),
        Column::new(HEADERS[3], Width::Fr(1.2)),
        num(HEADERS[4], 40.0),
        num(HEADERS[5], 44.0),
        num(HEADERS[6], 40.0),
        num(HEADERS[7], 44.0),
        num(HEADERS[8], 36.0),
        num(HEADERS[9], 50.0),
    ]);
    for (n, r) in report.rows.iter().enumerate() {
        table.push(Row::body(cells(Some(n + 1), r)));
    }
    table.push(Row::total(cells(None, &report.total)));
    table.draw(&mut doc);
    Ok(doc.finish())
}

pub async fn hours_xlsx(desk: &Desk, actor: &Actor, from: NaiveDate, to: NaiveDate) -> Result<Vec<u8>> {
    let user = authorize_any(desk, actor, &READERS, VIEW).await?;
    let report = hours_report(desk, actor, from, to).await?;
    let office = crate::settings::get(desk).await?.print_header;
    let widths = [6.0, 12.0, 10.0, 20.0, 10.0, 10.0, 10.0, 10.0, 8.0, 12.0];
    let columns =
        HEADERS.iter().zip(widths).map(|(h, w)| XlsxColumn { header: h.to_string(), width: w, text: *h == "志愿者编号" }).collect();
    let mut rows: Vec<Vec<String>> = report.rows.iter().enumerate().map(|(n, r)| cells(Some(n + 1), r)).collect();
    rows.push(cells(None, &report.total));
    write_report(&XlsxReport {
        sheet_name: "志愿服务时长",
        title_lines: vec![
            format!("{office} 志愿服务时长统计"),
            format!("统计期间：{}（单位：小时）", period_text(&report)),
            format!("导出人：{}　导出时间：{}", user.display_name, crate::clock::local(desk.clock().now()).format("%Y-%m-%d %H:%M")),
        ],
        columns,
        rows,
        highlight_columns: vec![],
        freeze_header: true,
    })
}
