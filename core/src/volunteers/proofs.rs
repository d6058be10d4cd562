//! 志愿服务证明 (《志愿服务记录与证明出具办法》): issued from the service record for a period,
//! numbered `ZYZM-<year>-<NNNN>` in order per year (unique even with two PCs issuing at once, see
//! [`crate::numbering`]). What a proof says is kept with it, so the register lists every proof and
//! a reprint is the same document under the same number, whatever the record says later.

use super::activities::{hours_text, minutes_text};
use super::hours::check_period;
use super::record::services_of;
use super::registry::volunteer_row;
use super::{settings, MANAGE, READERS, VIEW, WRITERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::clock::day_text;
use crate::db::entity::{user, volunteer_proof};
use crate::error::{Error, Result};
use crate::print::flow::{gap, paragraph};
use crate::print::page::{Align, Doc, Orientation};
use crate::print::table::{Column, Row, Table, Width};
use crate::print::{page_meta, PrintOutput};
use crate::{numbering, Desk};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One service as the proof lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProofLine {
    pub served_on: NaiveDate,
    pub content: String,
    pub minutes: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProofRow {
    pub id: i32,
    /// "ZYZM-2026-0012"
    pub number: String,
    pub volunteer_id: i32,
    pub volunteer_name: String,
    pub volunteer_number: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub minutes: i64,
    /// "12.5"
    pub hours: String,
    pub services: u32,
    pub issued_on: NaiveDate,
    pub handler: String,
    pub issued_by: String,
    pub reprints: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProofInput {
    pub volunteer_id: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A proof and its PDF.
#[derive(Debug)]
pub struct IssuedProof {
    pub proof: ProofRow,
    pub pdf: PrintOutput,
}

pub fn proof_number(year: i32, n: i64) -> String {
    format!("ZYZM-{year}-{n:04}")
}

pub async fn issue_proof(desk: &Desk, actor: &Actor, input: ProofInput) -> Result<IssuedProof> {
    let user = authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    check_period(input.from, input.to)?;
    let today = desk.clock().today();
    if input.to > today {
        return Err(Error::invalid("period_in_future", "to", "证明期间不能晚于今天"));
    }
    let volunteer = volunteer_row(desk, actor, input.volunteer_id).await?;
    let office = settings::current(desk.db()).await?;
    let missing = if office.proof_person_in_charge.is_empty() { Some("proofPersonInCharge") } else { None };
    if let Some(field) = missing.or_else(|| office.proof_contact_phone.is_empty().then_some("proofContactPhone")) {
        return Err(Error::invalid("proof_signatory_missing", field, "请管理员先在“志愿服务设置”中填写证明的负责人和联系电话"));
    }
    let office_name = crate::settings::get(desk).await?.office_name;
    let txn = desk.begin_write().await?;
    let lines: Vec<ProofLine> = services_of(&txn, input.volunteer_id, Some(input.from), Some(input.to))
        .await?
        .into_iter()
        .filter(|s| s.minutes() > 0)
        .map(|s| ProofLine { served_on: s.entry.served_on, minutes: s.minutes(), content: s.entry.content.clone() })
        .collect();
    if lines.is_empty() {
        return Err(Error::invalid("no_service_in_period", "from", format!("{}在这段时间没有志愿服务记录", volunteer.name)));
    }
    let minutes: i64 = lines.iter().map(|l| i64::from(l.minutes)).sum();
    let number = proof_number(today.year(), numbering::next(&txn, &format!("proof-{}", today.year())).await?);
    let saved = volunteer_proof::ActiveModel {
        number: Set(number.clone()),
        volunteer_id: Set(input.volunteer_id),
        period_from: Set(input.from),
        period_to: Set(input.to),
        minutes: Set(minutes),
        lines: Set(serde_json::to_string(&lines).map_err(|e| Error::Io(e.to_string()))?),
        volunteer_name: Set(volunteer.name.clone()),
        id_type_label: Set(volunteer.id_type_label.clone()),
        masked_id: Set(volunteer.masked_id.clone()),
        volunteer_number: Set(volunteer.number.clone()),
        office: Set(office_name),
        person_in_charge: Set(office.proof_person_in_charge),
        handler: Set(user.display_name.clone()),
        handler_phone: Set(office.proof_contact_phone),
        issued_on: Set(today),
        reprints: Set(0),
        created_at: Set(desk.clock().now()),
        created_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = format!("{number}：{}，{} 至 {}，{} 小时", volunteer.name, day_text(input.from), day_text(input.to), hours_text(minutes));
    audit::record_by(desk, &txn, actor, Entry::new(Action::ProofIssued).on("volunteer", input.volunteer_id).detail(detail)).await?;
    txn.commit().await?;
    let pdf = proof_pdf(desk, &user, &saved, false).await?;
    Ok(IssuedProof { proof: row_of(saved, &HashMap::new()), pdf })
}

/// The same proof again, same number and content; the reprint is counted and audited.
pub async fn reprint_proof(desk: &Desk, actor: &Actor, id: i32) -> Result<IssuedProof> {
    let user = authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let txn = desk.begin_write().await?;
    use sea_orm::sea_query::{Expr, ExprTrait};
    volunteer_proof::Entity::update_many()
        .col_expr(volunteer_proof::Column::Reprints, Expr::col(volunteer_proof::Column::Reprints).add(1))
        .filter(volunteer_proof::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let saved = volunteer_proof::Entity::find_by_id(id).one(&txn).await?.ok_or(Error::NotFound { what: "志愿服务证明" })?;
    let old = saved.clone();
    audit::record_by(desk, &txn, actor, Entry::new(Action::ProofReprinted).on("volunteer", old.volunteer_id).detail(old.number.clone()))
        .await?;
    txn.commit().await?;
    let pdf = proof_pdf(desk, &user, &saved, true).await?;
    Ok(IssuedProof { proof: row_of(saved, &HashMap::new()), pdf })
}

/// The register (证明出具登记): every proof issued, newest first; one volunteer's when given.
pub async fn list_proofs(desk: &Desk, actor: &Actor, volunteer_id: Option<i32>) -> Result<Vec<ProofRow>> {
    authorize_any(desk, actor, &READERS, VIEW).await?;
    let mut select = volunteer_proof::Entity::find().order_by_desc(volunteer_proof::Column::Id);
    if let Some(v) = volunteer_id {
        select = select.filter(volunteer_proof::Column::VolunteerId.eq(v));
    }
    let list = select.all(desk.db()).await?;
    let users: HashMap<i32, String> = user::Entity::find().all(desk.db()).await?.into_iter().map(|u| (u.id, u.display_name)).collect();
    Ok(list.into_iter().map(|p| row_of(p, &users)).collect())
}

fn row_of(p: volunteer_proof::Model, users: &HashMap<i32, String>) -> ProofRow {
    let services = serde_json::from_str::<Vec<ProofLine>>(&p.lines).map(|l| l.len() as u32).unwrap_or(0);
    ProofRow {
        id: p.id,
        number: p.number,
        volunteer_id: p.volunteer_id,
        volunteer_name: p.volunteer_name,
        volunteer_number: p.volunteer_number,
        period_from: p.period_from,
        period_to: p.period_to,
        hours: hours_text(p.minutes),
        minutes: p.minutes,
        services,
        issued_on: p.issued_on,
        issued_by: p.created_by.and_then(|u| users.get(&u).cloned()).unwrap_or_else(|| p.handler.clone()),
        handler: p.handler,
        reprints: p.reprints,
    }
}

async fn proof_pdf(desk: &Desk, user: &user::Model, p: &volunteer_proof::Model, reprint: bool) -> Result<PrintOutput> {
    let lines: Vec<ProofLine> =
        serde_json::from_str(&p.lines).map_err(|_| Error::Unsupported(format!("证明 {} 的内容已损坏：请从备份恢复", p.number)))?;
    let meta = page_meta(desk, user, "志愿服务证明", &p.number).await?;
    let mut doc = Doc::new(Orientation::Portrait, meta)?;
    doc.ensure_page();
    let (left, width) = (doc.body_left(), doc.body_width());
    let top = doc.cursor();
    doc.text_in(
        left,
        width,
        top - 16.0,
        9.5,
        &format!("编号：{}{}", p.number, if reprint { "（补打）" } else { "" }),
        Align::Right,
        "编号",
    );
    doc.set_bold(true);
    doc.text_in(left, width, top - 44.0, 20.0, "志愿服务证明", Align::Center, "标题");
    doc.set_bold(false);
    doc.set_cursor(top - 64.0);
    let id = if p.masked_id.is_empty() { String::new() } else { format!("，{}：{}", p.id_type_label, p.masked_id) };
    let body = format!(
        "兹证明 {}（志愿者编号 {}{id}）于 {} 至 {} 期间参加{}组织的志愿服务，累计志愿服务时长 {} 小时（{}），服务情况如下：",
        p.volunteer_name,
        p.volunteer_number,
        day_text(p.period_from),
        day_text(p.period_to),
        p.office,
        hours_text(p.minutes),
        minutes_text(p.minutes),
    );
    paragraph(&mut doc, &body, 11.5, false, "正文", 0.0);
    gap(&mut doc, 6.0);
    let mut table = Table::new(vec![
        Column::new("序号", Width::Pt(30.0)).align(Align::Right),
        Column::new("日期", Width::Pt(92.0)),
        Column::new("服务内容", Width::Fr(1.0)),
        Column::new("时长（小时）", Width::Pt(64.0)).align(Align::Right),
    ]);
    for (n, l) in lines.iter().enumerate() {
        table.push(Row::body(vec![(n + 1).to_string(), day_text(l.served_on), l.content.clone(), hours_text(i64::from(l.minutes))]));
    }
    table.push(Row::total(vec![String::new(), "合计".into(), format!("{} 项", lines.len()), hours_text(p.minutes)]));
    table.draw(&mut doc);
    gap(&mut doc, 8.0);
    paragraph(&mut doc, "特此证明。", 11.5, false, "正文", 150.0);
    gap(&mut doc, 10.0);
    signature_block(&mut doc, p);
    Ok(doc.finish())
}

/// The issuer, the people who answer for the proof, the date, and the room for the seal.
fn signature_block(doc: &mut Doc, p: &volunteer_proof::Model) {
    let (left, width) = (doc.body_left(), doc.body_width());
    let top = doc.cursor();
    let x = left + width * 0.3;
    let lines = [
        format!("出具单位：{}（盖章）", p.office),
        format!("负责人：{}", p.person_in_charge),
        format!("经办人：{}　联系电话：{}", p.handler, p.handler_phone),
        format!("出具日期：{}", day_text(p.issued_on)),
    ];
    for (n, line) in lines.iter().enumerate() {
        doc.text(x, top - 14.0 - n as f32 * 20.0, 10.5, line, "落款");
    }
    // The seal goes over the issuer's name: a dashed square marks its place.
    let seal = 96.0;
    let (sx, sy) = (left + width - seal - 8.0, top - 10.0 - seal);
    for (x1, y1, x2, y2) in
        [(sx, sy, sx + seal, sy), (sx + seal, sy, sx + seal, sy + seal), (sx + seal, sy + seal, sx, sy + seal), (sx, sy + seal, sx, sy)]
    {
        doc.line(x1, y1, x2, y2, 0.5, true);
    }
    doc.text_in(sx, seal, sy + seal / 2.0 - 4.0, 9.0, "盖章处", Align::Center, "盖章");
    doc.set_cursor(sy - 14.0);
    let note = "本证明依据《志愿服务记录与证明出具办法》，按志愿服务记录如实出具；服务时长按签到签退时间计算，不含路途时间；各项时长四舍五入到 0.1 小时，合计按分钟累计。";
    paragraph(doc, note, 8.5, false, "说明", 0.0);
}

/// A proof with the PDF written for the viewer (what the window gets back).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProofFile {
    pub proof: ProofRow,
    pub file: crate::print::PrintedFile,
}
