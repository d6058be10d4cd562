//! The current filtered list as an .xlsx for meetings and reports. Masked unless a role that may
//! see full values asks; every export is audited, and the sheet says who exported it and when.

use super::age::age_on;
use super::id_number::Sex;
use super::import_types::ExportSummary;
use super::model::Status;
use super::places::PlaceIndex;
use super::search::{all_matching, categories_on, ResidentQuery};
use super::{mask_id, mask_phone};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor, Role};
use crate::clock::{day_text, local};
use crate::db::entity::{category_type, community};
use crate::error::Result;
use crate::io::{self, XlsxColumn, XlsxReport};
use crate::{settings, Desk};
use sea_orm::{ConnectionTrait, EntityTrait, TransactionTrait};
use std::path::Path;

const COLUMNS: [(&str, f64, bool); 12] = [
    ("序号", 6.0, false),
    ("姓名", 10.0, true),
    ("性别", 6.0, true),
    ("出生日期", 12.0, true),
    ("年龄", 6.0, false),
    ("身份证号", 22.0, true),
    ("联系电话", 16.0, true),
    ("社区", 12.0, true),
    ("网格", 12.0, true),
    ("住址", 30.0, true),
    ("类别", 16.0, true),
    ("状态", 8.0, true),
];

/// Writes the list to `path` and returns what was written.
pub async fn export_xlsx(desk: &Desk, actor: &Actor, query: &ResidentQuery, reveal: bool, path: &Path) -> Result<ExportSummary> {
    let user = current_user(desk, actor).await?;
    if reveal {
        authorize_any(desk, actor, &Role::REVEALERS, "导出完整身份证号和电话").await?;
    }
    let today = desk.clock().today();
    let on = query.on_date.unwrap_or(today);
    let office = settings::get(desk).await?.office_name;
    let txn = desk.db().begin().await?;
    let models = all_matching(&txn, query, on).await?;
    let places = PlaceIndex::load(&txn).await?;
    let categories = categories_on(&txn, &models.iter().map(|m| m.id).collect::<Vec<_>>(), on).await?;
    let rows: Vec<Vec<String>> = models
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let id = m.id_number.as_deref().map(|v| if reveal { v.to_string() } else { mask_id(v) });
            let phone = m.phone.as_deref().map(|v| if reveal { v.to_string() } else { mask_phone(v) });
            vec![
                (i + 1).to_string(),
                m.name.clone(),
                Sex::parse(&m.sex).map(|s| s.label()).unwrap_or("").into(),
                m.birth_date.format("%Y-%m-%d").to_string(),
                age_on(m.birth_date, on).map(|a| a.to_string()).unwrap_or_default(),
                id.unwrap_or_default(),
                phone.unwrap_or_default(),
                places.name(m.community_id).unwrap_or_default(),
                places.name(m.grid_id).unwrap_or_default(),
                m.address.clone().unwrap_or_default(),
                categories.get(&m.id).map(|c| c.join("、")).unwrap_or_default(),
                Status::parse(&m.status).map(|s| s.label()).unwrap_or("").into(),
            ]
        })
        .collect();
    let filters = describe(&txn, query, on).await?;
    let exported_at = local(desk.clock().now()).format("%Y-%m-%d %H:%M");
    let privacy = if reveal { "本表含完整身份证号和电话，属于敏感个人信息，请妥善保管、用后销毁" } else { "身份证号和电话已隐去中间位" };
    let report = XlsxReport {
        sheet_name: "居民名单",
        title_lines: vec![
            format!("{office} 居民名单"),
            format!("筛选条件：{filters}"),
            format!("导出人：{}　导出时间：{exported_at}（北京时间）　共 {} 人　{privacy}", display_name(&user), rows.len()),
        ],
        columns: COLUMNS.iter().map(|(h, w, t)| XlsxColumn { header: (*h).into(), width: *w, text: *t }).collect(),
        rows,
        highlight_columns: Vec::new(),
        freeze_header: true,
    };
    let bytes = io::write_report(&report)?;
    std::fs::write(path, bytes)?;
    let count = report.rows.len() as u32;
    let detail = format!(
        "{} 人，{}，筛选：{filters}，文件 {}",
        count,
        if reveal { "含完整身份证号和电话" } else { "已脱敏" },
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    );
    audit::record_by(desk, &txn, actor, Entry::new(Action::ResidentsExported).detail(detail)).await?;
    txn.commit().await?;
    Ok(ExportSummary { rows: count, path: path.to_string_lossy().into_owned(), revealed: reveal })
}

fn display_name(user: &crate::db::entity::user::Model) -> String {
    if user.display_name.trim().is_empty() || user.display_name == user.username {
        user.username.clone()
    } else {
        format!("{}（{}）", user.display_name, user.username)
    }
}

/// "社区：双桥社区；类别：低保；年龄：60 岁及以上；状态：在册；日期：2026年11月28日".
async fn describe<C: ConnectionTrait>(db: &C, q: &ResidentQuery, on: chrono::NaiveDate) -> Result<String> {
    let mut parts = Vec::new();
    if let Some(text) = crate::validate::filled(&q.text) {
        parts.push(format!("关键词：{text}"));
    }
    for (label, id) in [("社区", q.community_id), ("网格", q.grid_id)] {
        if let Some(id) = id {
            let name = community::Entity::find_by_id(id).one(db).await?.map(|c| c.name).unwrap_or_default();
            parts.push(format!("{label}：{name}"));
        }
    }
    if let Some(id) = q.category_type_id {
        let name = category_type::Entity::find_by_id(id).one(db).await?.map(|c| c.name).unwrap_or_default();
        parts.push(format!("类别：{name}"));
    }
    match (q.age_min, q.age_max) {
        (Some(min), Some(max)) => parts.push(format!("年龄：{min}–{max} 岁")),
        (Some(min), None) => parts.push(format!("年龄：{min} 岁及以上")),
        (None, Some(max)) => parts.push(format!("年龄：{max} 岁及以下")),
        (None, None) => {}
    }
    parts.push(format!("状态：{}", q.status.map_or("全部", |s| s.label())));
    parts.push(format!("年龄和类别按 {} 计算", day_text(on)));
    Ok(parts.join("；"))
}
