//! The current filtered list as an .xlsx for meetings and reports. Masked unless a role that may
//! see full values asks; every export is audited, and the sheet says who exported it and when.
//!
//! The sheet is also a valid import file (export → correct phones in WPS → import back): it carries
//! every column the importer reads, under the importer's headers, and its 档案号 finds residents
//! again even when their ID number is masked or missing.

use super::age::age_on;
use super::import::COLUMNS as IMPORT_COLUMNS;
use super::import_types::ExportSummary;
use super::places::PlaceIndex;
use super::search::{all_matching, categories_on, ResidentQuery};
use super::{mask_id, mask_phone};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor, Role};
use crate::clock::{day_text, local};
use crate::db::entity::{category_type, community, household, resident};
use crate::error::Result;
use crate::io::{self, XlsxColumn, XlsxReport};
use crate::{settings, Desk};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The export is also an import file: every column the importer reads, under the importer's own
/// header, plus three the registry derives (序号, 年龄, 状态), which an import lists as ignored.
/// (header or importer key, width, written as text)
const COLUMNS: [(&str, f64, bool); 18] = [
    ("序号", 6.0, false),
    ("residentId", 8.0, true),
    ("name", 10.0, true),
    ("sex", 6.0, true),
    ("birthDate", 12.0, true),
    ("年龄", 6.0, false),
    ("idNumber", 22.0, true),
    ("phone", 16.0, true),
    ("community", 12.0, true),
    ("grid", 12.0, true),
    ("compound", 14.0, true),
    ("address", 30.0, true),
    ("householdCode", 12.0, true),
    ("relationToHead", 10.0, true),
    ("categories", 16.0, true),
    ("noIdReason", 12.0, true),
    ("notes", 24.0, true),
    ("状态", 8.0, true),
];

fn header(key: &'static str) -> &'static str {
    IMPORT_COLUMNS.iter().find(|c| c.key == key).map_or(key, |c| c.label)
}

/// Writes the list to `path` and returns what was written.
pub async fn export_xlsx(desk: &Desk, actor: &Actor, query: &ResidentQuery, reveal: bool, path: &Path) -> Result<ExportSummary> {
    let user = current_user(desk, actor).await?;
    if reveal {
        authorize_any(desk, actor, &Role::REVEALERS, "导出完整身份证号和电话").await?;
    }
    let today = desk.clock().today();
    let on = query.on_date.unwrap_or(today);
    let office = settings::get(desk).await?.office_name;
    let txn = desk.begin_write().await?;
    let models = all_matching(&txn, query, on).await?;
    let places = PlaceIndex::load(&txn).await?;
    let categories = categories_on(&txn, &models.iter().map(|m| m.id).collect::<Vec<_>>(), on).await?;
    let codes = household_codes(&txn, &models).await?;
    let rows: Vec<Vec<String>> = models
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let id = m.id_number.as_deref().map(|v| if reveal { v.to_string() } else { mask_id(v) });
            let phone = m.phone.as_deref().map(|v| if reveal { v.to_string() } else { mask_phone(v) });
            vec![
                (i + 1).to_string(),
                m.id.to_string(),
                m.name.clone(),
                m.sex.label().into(),
                m.birth_date.format("%Y-%m-%d").to_string(),
                age_on(m.birth_date, on).map(|a| a.to_string()).unwrap_or_default(),
                id.unwrap_or_default(),
                phone.unwrap_or_default(),
                places.name(m.community_id).unwrap_or_default(),
                places.name(m.grid_id).unwrap_or_default(),
                places.name(m.compound_id).unwrap_or_default(),
                m.address.clone().unwrap_or_default(),
                m.household_id.and_then(|h| codes.get(&h).cloned()).unwrap_or_default(),
                m.household_id.and(m.relation_to_head.clone()).unwrap_or_default(),
                categories.get(&m.id).map(|c| c.join("、")).unwrap_or_default(),
                m.no_id_reason.map(|r| r.label()).unwrap_or("").into(),
                m.notes.clone().unwrap_or_default(),
                m.status.label().into(),
            ]
        })
        .collect();
    let filters = describe(&txn, query, on).await?;
    let exported_at = local(desk.clock().now()).format("%Y-%m-%d %H:%M");
    let privacy = if reveal {
        "本表含完整身份证号和电话，属于敏感个人信息，请妥善保管、用后销毁"
    } else {
        "身份证号和电话已隐去中间位"
    };
    let report = XlsxReport {
        sheet_name: "居民名单",
        title_lines: vec![
            format!("{office} 居民名单"),
            format!("筛选条件：{filters}"),
            format!("导出人：{}　导出时间：{exported_at}（北京时间）　共 {} 人　{privacy}", display_name(&user), rows.len()),
            "改好后可在 居民档案 → 导入 中导回：按身份证号或档案号找到居民；序号、年龄、状态 由系统计算，不会导入".into(),
        ],
        columns: COLUMNS.iter().map(|(h, w, t)| XlsxColumn { header: header(h).into(), width: *w, text: *t }).collect(),
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

/// 户号 of the residents' households (households without one are left out).
async fn household_codes<C: ConnectionTrait>(db: &C, models: &[resident::Model]) -> Result<HashMap<i32, String>> {
    let ids: Vec<i32> = models.iter().filter_map(|m| m.household_id).collect::<HashSet<_>>().into_iter().collect();
    let mut codes = HashMap::new();
    for chunk in ids.chunks(500) {
        for h in household::Entity::find().filter(household::Column::Id.is_in(chunk.iter().copied())).all(db).await? {
            if let Some(code) = h.code {
                codes.insert(h.id, code);
            }
        }
    }
    Ok(codes)
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
