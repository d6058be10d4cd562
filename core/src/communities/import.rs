//! Setting up the tree from a sheet: one row per place, columns 社区, 网格, 小区 (网格 and 小区 may be
//! empty; a 小区 without a 网格 sits directly under its 社区). Missing nodes are created, existing
//! ones reused. All rows are written in one transaction: a bad row or a crash leaves nothing behind.

use super::{insert, CommunityKind, NewCommunity};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize, Actor, Role};
use crate::db::entity::community;
use crate::error::{Error, Result};
use crate::Desk;
use sea_orm::EntityTrait;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunityImportSummary {
    pub rows: u32,
    pub created: u32,
}

pub async fn import_csv(desk: &Desk, actor: &Actor, input: impl Read) -> Result<CommunityImportSummary> {
    authorize(desk, actor, Role::Admin, "导入社区网格").await?;
    let rows = read_rows(input)?;
    let txn = desk.begin_write().await?;
    let mut known: HashMap<(Option<i32>, String), i32> =
        community::Entity::find().all(&txn).await?.into_iter().map(|m| ((m.parent_id, m.name), m.id)).collect();
    let mut summary = CommunityImportSummary::default();
    for (row_no, path) in rows {
        let mut parent = None;
        for (kind, name) in path {
            let key = (parent, name.clone());
            let id = match known.get(&key) {
                Some(id) => *id,
                None => {
                    let created = insert(&txn, desk, NewCommunity { parent_id: parent, kind, name }).await.map_err(|e| e.at_row(row_no))?;
                    summary.created += 1;
                    known.insert(key, created.id);
                    created.id
                }
            };
            parent = Some(id);
        }
        summary.rows += 1;
    }
    let detail = format!("{} 行，新建 {} 个节点", summary.rows, summary.created);
    audit::record_by(desk, &txn, actor, Entry::new(Action::CommunitiesImported).detail(detail)).await?;
    txn.commit().await?;
    Ok(summary)
}

type Path = Vec<(CommunityKind, String)>;

fn read_rows(input: impl Read) -> Result<Vec<(u32, Path)>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row_no = i as u32 + 1;
        let record = record
            .map_err(|e| Error::invalid("invalid_csv", "file", format!("无法读取表格（请保存为 UTF-8 编码的 CSV）：{e}")).at_row(row_no))?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().trim_start_matches('\u{feff}').to_string()).collect();
        if cells.iter().all(String::is_empty) || (row_no == 1 && cells.first().map(String::as_str) == Some("社区")) {
            continue;
        }
        let cell = |n: usize| cells.get(n).cloned().unwrap_or_default();
        let (community, grid, compound) = (cell(0), cell(1), cell(2));
        if community.is_empty() {
            return Err(Error::invalid("required", "社区", "请填写社区名称").at_row(row_no));
        }
        let mut path = vec![(CommunityKind::Community, community)];
        if !grid.is_empty() {
            path.push((CommunityKind::Grid, grid));
        }
        if !compound.is_empty() {
            path.push((CommunityKind::Compound, compound));
        }
        out.push((row_no, path));
    }
    Ok(out)
}
