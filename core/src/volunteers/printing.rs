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
    let grace = super::settings::grace_days(desk.db()).await?;
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

/// 签到表 of an activity: one line per sign-up with its QR for the scan box and room to sign in
/// and out by hand, then blank lines for those who come without signing up.
pub async fn activity_signin(desk: &Desk, actor: &Actor, activity_id: i32) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &WRITERS, super::MANAGE).await?;
    let detail = super::activities::activity_detail(desk, actor, activity_id).await?;
    let a = &detail.activity;
    let meta = page_meta(desk, &user, &format!("志愿活动签到表 · {}", a.title), &day_text(a.held_on)).await?;
    let mut doc = Doc::new(Orientation::Landscape, meta)?;
    doc.ensure_page();
    gap(&mut doc, 2.0);
    let team = a.team_name.as_deref().map(|t| format!("　服务队：{t}")).unwrap_or_default();
    let line = format!("时间：{} {}–{}　地点：{}　组织单位：{}{team}", day_text(a.held_on), a.starts_at, a.ends_at, a.place, a.organiser);
    paragraph(&mut doc, &line, 10.5, false, "活动", 0.0);
    if !a.needs.is_empty() {
        let needs: Vec<String> = a.needs.iter().map(|n| format!("{} {} 人（{}–{}）", n.role, n.people, n.starts_at, n.ends_at)).collect();
        paragraph(&mut doc, &format!("岗位：{}", needs.join("；")), 10.0, false, "岗位", 0.0);
    }
    paragraph(
        &mut doc,
        "到场请出示本行二维码扫码签到，离开时再扫一次签退；服务时长按签到签退时间计算，每人每次活动最多签到签退 3 次。",
        9.0,
        false,
        "说明",
        0.0,
    );
    gap(&mut doc, 4.0);
    let secret = crate::canteen::tickets::secret(desk.db()).await?;
    let codes: Vec<String> = detail.signups.iter().map(|s| super::activities::attendance::code_for(&secret, s.id)).collect();
    let modules =
        crate::print::on_all_cores(&codes, |c| crate::print::qr::modules(c.as_bytes())).into_iter().collect::<Result<Vec<_>>>()?;
    let mut table = Table::new(vec![
        Column::new("扫码", Width::Pt(52.0)),
        Column::new("序号", Width::Pt(28.0)).align(Align::Right),
        Column::new("编号", Width::Pt(60.0)),
        Column::new("姓名", Width::Fr(1.0)),
        Column::new("岗位", Width::Fr(1.0)),
        Column::signature("签到", Width::Pt(44.0)),
        Column::signature("签退", Width::Pt(44.0)),
        Column::signature("签到", Width::Pt(44.0)),
        Column::signature("签退", Width::Pt(44.0)),
        Column::signature("签到", Width::Pt(44.0)),
        Column::signature("签退", Width::Pt(44.0)),
        Column::signature("本人签名", Width::Fr(1.0)),
    ]);
    table.qr_column = Some(0);
    table.min_row_height = 26.0;
    for (n, (s, code)) in detail.signups.iter().zip(modules).enumerate() {
        let cells = vec![String::new(), (n + 1).to_string(), s.number.clone(), s.name.clone(), s.role.clone().unwrap_or_default()];
        table.push(Row::body(cells).with_qr(code));
    }
    for n in 0..5 {
        table.push(Row::body(vec![String::new(), (detail.signups.len() + n + 1).to_string()]));
    }
    table.draw(&mut doc);
    gap(&mut doc, 6.0);
    paragraph(&mut doc, "未报名到场的志愿者请写在空行，由工作人员补录。组织方负责人（签字）：________________", 9.5, false, "说明", 0.0);
    Ok(doc.finish())
}
