//! A demonstration document on the building blocks: a roster grouped by community with subtotals, a
//! total and a signature column. Used by the tests and the benchmark; the real documents (canteen
//! lists, tickets, ledgers) follow the same pattern.

use super::layout::wrap;
use super::page::{Align, Doc, Orientation, PageMeta};
use super::qr;
use super::table::{Column, Row, Table, Width};
use super::tickets::{draw_grid, Grid};
use super::PrintOutput;
use crate::error::Result;
use crate::money::{yuan, MoneyTerm};

#[derive(Debug, Clone, Default)]
pub struct RosterRow {
    pub name: String,
    pub community: String,
    pub address: String,
    pub phone: String,
    /// An amount in 分.
    pub amount_fen: i64,
}

/// The roster as a PDF: rows grouped by community (in the order met), a subtotal per community and
/// a total.
pub fn roster(rows: &[RosterRow], meta: &PageMeta, orientation: Orientation) -> Result<PrintOutput> {
    let mut doc = Doc::new(orientation, meta.clone())?;
    let mut table = Table::new(vec![
        Column::new("序号", Width::Pt(32.0)).align(Align::Right),
        Column::new("姓名", Width::Fr(1.2)),
        Column::new("社区", Width::Fr(1.0)),
        Column::new("住址", Width::Fr(2.6)),
        Column::new("电话", Width::Pt(74.0)),
        Column::new("金额（元）", Width::Pt(56.0)).align(Align::Right),
        Column::signature("签字", Width::Pt(64.0)),
    ]);
    let mut groups: Vec<(&str, Vec<&RosterRow>)> = Vec::new();
    for row in rows {
        match groups.iter_mut().find(|(c, _)| *c == row.community) {
            Some((_, members)) => members.push(row),
            None => groups.push((&row.community, vec![row])),
        }
    }
    let mut n = 0;
    let mut total = 0;
    for (community, members) in &groups {
        table.push(Row::group(format!("{community}（{} 人）", members.len())));
        let mut sum = 0;
        for r in members {
            n += 1;
            sum += r.amount_fen;
            table.push(Row::body(vec![
                n.to_string(),
                r.name.clone(),
                r.community.clone(),
                r.address.clone(),
                r.phone.clone(),
                yuan(r.amount_fen),
                String::new(),
            ]));
        }
        total += sum;
        let label = format!("小计：{} 人", members.len());
        table.push(Row::subtotal(vec![String::new(), label, community.to_string(), String::new(), String::new(), yuan(sum)]));
    }
    table.push(Row::total(vec![String::new(), format!("合计：{n} 人"), String::new(), String::new(), String::new(), yuan(total)]));
    table.draw(&mut doc);
    Ok(doc.finish())
}

/// One demonstration ticket.
#[derive(Debug, Clone, Default)]
pub struct SampleTicket {
    pub number: String,
    pub name: String,
    pub date: String,
    pub slot: String,
    pub meal: String,
    pub payable_fen: i64,
    /// What the QR code carries.
    pub code: String,
}

/// Tickets, 2 × 5 per A4 page with cut lines, each with its QR code.
pub fn tickets(items: &[SampleTicket], meta: &PageMeta) -> Result<PrintOutput> {
    let mut doc = Doc::new(Orientation::Portrait, meta.clone())?;
    draw_grid(&mut doc, Grid::MEAL_TICKETS, items.len(), |doc, cell| {
        let t = &items[cell.index];
        let pad = 10.0;
        let qr_size = (cell.height - 2.0 * pad).min(cell.width * 0.4);
        let text_w = cell.width - qr_size - 3.0 * pad;
        let x = cell.x + pad;
        let mut y = cell.y + cell.height - pad - 12.0;
        doc.set_bold(true);
        doc.text_in(x, text_w, y, 12.0, &meta.office, Align::Left, "单位名称");
        doc.set_bold(false);
        y -= 20.0;
        // Above the ticket number: what does not fit ends with "…" (the full meal is on the list).
        let floor = cell.y + pad + 12.0;
        for (label, value) in [
            ("姓名", t.name.as_str()),
            ("日期", t.date.as_str()),
            ("餐次", t.slot.as_str()),
            (MoneyTerm::Payable.label(), &format!("{} 元", yuan(t.payable_fen))),
            ("餐食", t.meal.as_str()),
        ] {
            let lines = wrap(doc.fonts(), &format!("{label}：{value}"), 10.0, text_w);
            for (n, line) in lines.iter().enumerate() {
                if y < floor {
                    break;
                }
                let last_room = y - 14.0 < floor && n + 1 < lines.len();
                let shown = if last_room {
                    format!("{}…", line.chars().take(line.chars().count().saturating_sub(1)).collect::<String>())
                } else {
                    line.clone()
                };
                doc.text(x, y, 10.0, &shown, label);
                y -= 14.0;
            }
        }
        doc.text(x, cell.y + pad, 8.0, &format!("券号：{}", t.number), "券号");
        qr::draw(doc, t.code.as_bytes(), cell.x + cell.width - pad - qr_size, cell.y + pad, qr_size)
    })?;
    Ok(doc.finish())
}
