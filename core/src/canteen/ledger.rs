//! The money side: what a day served, and the monthly subsidy claim (补贴申领表) the office files
//! with civil affairs. Only served meals count, and every figure is a sum of the served bookings'
//! own amounts, so rows, totals and records agree to the 分.

use super::model::{BookingStatus, DinerType, Slot};
use super::setup::find_canteen;
use super::{people, STAFF};
use crate::auth::{authorize_any, Actor};
use crate::clock::{day_text, parse_month};
use crate::db::entity::booking;
use crate::error::Result;
use crate::io::{write_report, XlsxColumn, XlsxReport};
use crate::money::yuan;
use crate::print::flow::{gap, paragraph};
use crate::print::page::{Align, Doc, Orientation};
use crate::print::table::{Column, Row, Table, Width};
use crate::print::{page_meta, PrintOutput};
use crate::residents::mask_id;
use crate::Desk;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

const VIEW_LEDGER: &str = "查看食堂台账";

/// Served meals and money for one slot and diner type.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryLine {
    pub slot_label: String,
    pub diner_type_label: String,
    pub meals: u32,
    /// 分: what the meals cost, what diners paid, what subsidies cover.
    pub price: i64,
    pub collected: i64,
    pub subsidy: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DaySummary {
    pub date: NaiveDate,
    pub lines: Vec<SummaryLine>,
    pub meals: u32,
    pub price: i64,
    pub collected: i64,
    pub subsidy: i64,
}

pub async fn day_summary(desk: &Desk, actor: &Actor, canteen_id: i32, date: NaiveDate) -> Result<DaySummary> {
    authorize_any(desk, actor, &STAFF, VIEW_LEDGER).await?;
    find_canteen(desk.db(), canteen_id).await?;
    let served = served_between(desk.db(), canteen_id, date, date).await?;
    let mut lines = Vec::new();
    for slot in Slot::ALL {
        for t in DinerType::ALL {
            let mine: Vec<&booking::Model> = served.iter().filter(|b| b.slot == *slot && b.diner_type == *t).collect();
            if mine.is_empty() {
                continue;
            }
            lines.push(SummaryLine {
                slot_label: slot.label().into(),
                diner_type_label: t.label().into(),
                meals: mine.len() as u32,
                price: mine.iter().map(|b| b.price).sum(),
                collected: mine.iter().map(|b| b.payable).sum(),
                subsidy: mine.iter().map(|b| b.subsidy).sum(),
            });
        }
    }
    Ok(DaySummary {
        date,
        meals: served.len() as u32,
        price: served.iter().map(|b| b.price).sum(),
        collected: served.iter().map(|b| b.payable).sum(),
        subsidy: served.iter().map(|b| b.subsidy).sum(),
        lines,
    })
}

async fn served_between<C: ConnectionTrait>(db: &C, canteen_id: i32, from: NaiveDate, to: NaiveDate) -> Result<Vec<booking::Model>> {
    Ok(booking::Entity::find()
        .filter(booking::Column::CanteenId.eq(canteen_id))
        .filter(booking::Column::MealDate.between(from, to))
        .filter(booking::Column::Status.eq(BookingStatus::Served.as_str()))
        .order_by_asc(booking::Column::Id)
        .all(db)
        .await?)
}

/// One resident's subsidised meals under one rule in the month.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClaimRow {
    pub resident_id: i32,
    pub name: String,
    pub community: String,
    /// Masked: the claim lists who, not their full numbers.
    pub id_number: String,
    pub rule: String,
    pub meals: u32,
    pub subsidy: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleTotal {
    pub rule: String,
    pub residents: u32,
    pub meals: u32,
    pub subsidy: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyClaim {
    pub canteen: String,
    /// "2026-11"
    pub month: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Grouped by rule (in the order of `rules`), then by community and name.
    pub rows: Vec<ClaimRow>,
    pub rules: Vec<RuleTotal>,
    /// Residents with at least one subsidised meal.
    pub residents: u32,
    /// Served meals with a subsidy, and all served meals.
    pub subsidised_meals: u32,
    pub served_meals: u32,
    pub subsidy: i64,
    pub collected: i64,
}

pub async fn monthly_claim(desk: &Desk, actor: &Actor, canteen_id: i32, month: &str) -> Result<MonthlyClaim> {
    authorize_any(desk, actor, &STAFF, VIEW_LEDGER).await?;
    let (first, last) = parse_month(month)?;
    let c = find_canteen(desk.db(), canteen_id).await?;
    let served = served_between(desk.db(), canteen_id, first, last).await?;
    let ids: Vec<i32> = served.iter().map(|b| b.resident_id).collect();
    let people = people::load(desk.db(), &ids, last).await?;
    // (rule, resident) → (meals, subsidy)
    let mut cells: BTreeMap<(String, i32), (u32, i64)> = BTreeMap::new();
    for b in served.iter().filter(|b| b.subsidy > 0) {
        let rule = b.subsidy_rule_name.clone().unwrap_or_else(|| "（未记录规则）".into());
        let cell = cells.entry((rule, b.resident_id)).or_default();
        cell.0 += 1;
        cell.1 += b.subsidy;
    }
    let mut rows: Vec<ClaimRow> = cells
        .into_iter()
        .map(|((rule, rid), (meals, subsidy))| {
            let p = people.get(&rid);
            ClaimRow {
                resident_id: rid,
                name: p.map(|p| p.name.clone()).unwrap_or_default(),
                community: p.map(|p| p.community.clone()).unwrap_or_default(),
                id_number: p.and_then(|p| p.model.id_number.as_deref().map(mask_id)).unwrap_or_default(),
                rule,
                meals,
                subsidy,
            }
        })
        .collect();
    let key = |r: &ClaimRow| (people.get(&r.resident_id).map(|p| p.search_text.clone()).unwrap_or_default(), r.resident_id);
    rows.sort_by(|a, b| a.rule.cmp(&b.rule).then(a.community.cmp(&b.community)).then(key(a).cmp(&key(b))));
    let mut rules: Vec<RuleTotal> = Vec::new();
    for r in &rows {
        match rules.iter_mut().find(|t| t.rule == r.rule) {
            Some(t) => {
                t.residents += 1;
                t.meals += r.meals;
                t.subsidy += r.subsidy;
            }
            None => rules.push(RuleTotal { rule: r.rule.clone(), residents: 1, meals: r.meals, subsidy: r.subsidy }),
        }
    }
    Ok(MonthlyClaim {
        canteen: c.name,
        month: format!("{}-{:02}", first.year(), first.month()),
        first_day: first,
        last_day: last,
        residents: rows.iter().map(|r| r.resident_id).collect::<std::collections::HashSet<_>>().len() as u32,
        subsidised_meals: rows.iter().map(|r| r.meals).sum(),
        served_meals: served.len() as u32,
        subsidy: rows.iter().map(|r| r.subsidy).sum(),
        collected: served.iter().map(|b| b.payable).sum(),
        rows,
        rules,
    })
}

fn claim_title(claim: &MonthlyClaim) -> String {
    format!("{}年{}月 助餐补贴申领表", claim.first_day.year(), claim.first_day.month())
}

/// The claim as a PDF: rows grouped by rule with a subtotal each, the total, then a summary per
/// rule and lines for the signatures the claim needs.
pub async fn monthly_claim_pdf(desk: &Desk, actor: &Actor, canteen_id: i32, month: &str) -> Result<PrintOutput> {
    let claim = monthly_claim(desk, actor, canteen_id, month).await?;
    let user = crate::auth::current_user(desk, actor).await?;
    let about = format!("{} 至 {}", day_text(claim.first_day), day_text(claim.last_day));
    let meta = page_meta(desk, &user, &claim_title(&claim), &about).await?;
    let mut doc = Doc::new(Orientation::Portrait, meta)?;
    doc.ensure_page();
    let intro = format!(
        "食堂：{}　统计期间：{}　核销就餐 {} 人次，其中享受补贴 {} 人次　金额单位：元",
        claim.canteen, about, claim.served_meals, claim.subsidised_meals
    );
    gap(&mut doc, 2.0);
    paragraph(&mut doc, &intro, 10.5, false, "说明", 0.0);
    gap(&mut doc, 4.0);
    let mut table = Table::new(vec![
        Column::new("序号", Width::Pt(30.0)).align(Align::Right),
        Column::new("姓名", Width::Fr(1.0)),
        Column::new("社区", Width::Fr(1.1)),
        Column::new("身份证号", Width::Pt(112.0)),
        Column::new("就餐次数", Width::Pt(50.0)).align(Align::Right),
        Column::new("补贴金额", Width::Pt(60.0)).align(Align::Right),
        Column::signature("签字", Width::Pt(60.0)),
    ]);
    let mut n = 0;
    for rule in &claim.rules {
        table.push(Row::group(format!("{}（{} 人）", rule.rule, rule.residents)));
        for r in claim.rows.iter().filter(|r| r.rule == rule.rule) {
            n += 1;
            table.push(Row::body(vec![
                n.to_string(),
                r.name.clone(),
                r.community.clone(),
                r.id_number.clone(),
                r.meals.to_string(),
                yuan(r.subsidy),
                String::new(),
            ]));
        }
        table.push(Row::subtotal(vec![
            String::new(),
            format!("小计：{} 人", rule.residents),
            String::new(),
            String::new(),
            rule.meals.to_string(),
            yuan(rule.subsidy),
        ]));
    }
    table.push(Row::total(vec![
        String::new(),
        format!("合计：{} 人", claim.residents),
        String::new(),
        String::new(),
        claim.subsidised_meals.to_string(),
        yuan(claim.subsidy),
    ]));
    table.draw(&mut doc);
    let mut by_rule = Table::new(vec![
        Column::new("补贴规则", Width::Fr(2.0)),
        Column::new("人数", Width::Pt(50.0)).align(Align::Right),
        Column::new("人次", Width::Pt(50.0)).align(Align::Right),
        Column::new("补贴金额", Width::Pt(70.0)).align(Align::Right),
    ]);
    for r in &claim.rules {
        by_rule.push(Row::body(vec![r.rule.clone(), r.residents.to_string(), r.meals.to_string(), yuan(r.subsidy)]));
    }
    by_rule.push(Row::total(vec!["合计".into(), String::new(), claim.subsidised_meals.to_string(), yuan(claim.subsidy)]));
    gap(&mut doc, 14.0);
    paragraph(&mut doc, "按补贴规则汇总", 11.0, true, "标题", 60.0);
    gap(&mut doc, 4.0);
    by_rule.draw(&mut doc);
    gap(&mut doc, 24.0);
    paragraph(
        &mut doc,
        "制表人：__________　　食堂负责人：__________　　街道审核：__________　　日期：__________",
        10.5,
        false,
        "签字栏",
        0.0,
    );
    Ok(doc.finish())
}

/// The claim as an `.xlsx` sheet with the same rows, per-rule subtotals and total.
pub async fn monthly_claim_xlsx(desk: &Desk, actor: &Actor, canteen_id: i32, month: &str) -> Result<Vec<u8>> {
    let claim = monthly_claim(desk, actor, canteen_id, month).await?;
    let user = crate::auth::current_user(desk, actor).await?;
    let office = crate::settings::get(desk).await?.print_header;
    let col = |header: &str, width: f64, text: bool| XlsxColumn { header: header.into(), width, text };
    let mut rows = Vec::new();
    let mut n = 0;
    for rule in &claim.rules {
        for r in claim.rows.iter().filter(|r| r.rule == rule.rule) {
            n += 1;
            rows.push(vec![
                n.to_string(),
                r.name.clone(),
                r.community.clone(),
                r.id_number.clone(),
                r.rule.clone(),
                r.meals.to_string(),
                yuan(r.subsidy),
            ]);
        }
        rows.push(vec![
            String::new(),
            "小计".into(),
            String::new(),
            String::new(),
            rule.rule.clone(),
            rule.meals.to_string(),
            yuan(rule.subsidy),
        ]);
    }
    rows.push(vec![
        String::new(),
        "合计".into(),
        String::new(),
        String::new(),
        String::new(),
        claim.subsidised_meals.to_string(),
        yuan(claim.subsidy),
    ]);
    let report = XlsxReport {
        sheet_name: "补贴申领表",
        title_lines: vec![
            format!("{office} {}", claim_title(&claim)),
            format!(
                "食堂：{}；统计期间：{} 至 {}；核销就餐 {} 人次，享受补贴 {} 人次；金额单位：元",
                claim.canteen,
                day_text(claim.first_day),
                day_text(claim.last_day),
                claim.served_meals,
                claim.subsidised_meals
            ),
            format!(
                "导出人：{}　导出时间：{}　身份证号已隐去中间位",
                user.display_name,
                crate::clock::local(desk.clock().now()).format("%Y-%m-%d %H:%M")
            ),
        ],
        columns: vec![
            col("序号", 6.0, false),
            col("姓名", 12.0, true),
            col("社区", 14.0, true),
            col("身份证号", 22.0, true),
            col("补贴规则", 18.0, true),
            col("就餐次数", 10.0, false),
            col("补贴金额（元）", 14.0, false),
        ],
        rows,
        highlight_columns: vec![],
        freeze_header: true,
    };
    write_report(&report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_in_the_usual_ways() {
        let nov = (NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(parse_month("2026-11").unwrap(), nov);
        assert_eq!(parse_month("2026年11月").unwrap(), nov);
        assert_eq!(parse_month("202611").unwrap(), nov);
        assert_eq!(parse_month("2024-02").unwrap().1, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(parse_month("2026-12").unwrap().1, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert_eq!(parse_month("2026-13").unwrap_err().code(), "invalid_month");
        assert_eq!(parse_month("11月").unwrap_err().code(), "invalid_month");
    }
}
