//! Stored versions of the [`Thresholds`]. Every flag records the version it was computed with, so
//! a clinic can adjust the numbers without rewriting what earlier check-ups said.

use super::thresholds::Thresholds;
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize, current_user, Actor, Role};
use crate::db::entity::threshold_set;
use crate::error::{Error, Result};
use crate::Desk;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder, Set};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ThresholdVersion {
    pub id: i32,
    /// "第 2 版"
    pub version: String,
    pub thresholds: Thresholds,
    pub created_at: DateTime<Utc>,
}

/// The version in force: the latest saved, or the defaults (saved as the first version on first
/// use, so that results can point at it).
pub(crate) async fn current<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<(i32, Thresholds)> {
    if let Some(latest) = threshold_set::Entity::find().order_by_desc(threshold_set::Column::Id).one(db).await? {
        return Ok((latest.id, parse(&latest)?));
    }
    let saved = insert(db, &Thresholds::default(), now, None).await?;
    Ok((saved.id, Thresholds::default()))
}

pub async fn get_current(desk: &Desk, actor: &Actor) -> Result<ThresholdVersion> {
    current_user(desk, actor).await?;
    let txn = desk.begin_write().await?;
    let (id, _) = current(&txn, desk.clock().now()).await?;
    let row = threshold_set::Entity::find_by_id(id).one(&txn).await?.ok_or(Error::NotFound { what: "阈值版本" })?;
    txn.commit().await?;
    version(row)
}

/// Saves `thresholds` as a new version (administrators only). Earlier results keep theirs.
pub async fn save(desk: &Desk, actor: &Actor, thresholds: Thresholds) -> Result<ThresholdVersion> {
    let user = authorize(desk, actor, Role::Admin, "修改体检判定阈值").await?;
    thresholds.check()?;
    let txn = desk.begin_write().await?;
    current(&txn, desk.clock().now()).await?;
    let saved = insert(&txn, &thresholds, desk.clock().now(), Some(user.id)).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::ThresholdsSaved).on("threshold_set", saved.id).detail(saved.version.clone()))
        .await?;
    txn.commit().await?;
    version(saved)
}

async fn insert<C: ConnectionTrait>(db: &C, t: &Thresholds, now: DateTime<Utc>, by: Option<i32>) -> Result<threshold_set::Model> {
    let n = threshold_set::Entity::find().count(db).await? + 1;
    let body = serde_json::to_string(t).map_err(|e| Error::Io(format!("阈值无法保存：{e}")))?;
    Ok(threshold_set::ActiveModel {
        version: Set(format!("第 {n} 版")),
        source: Set(t.source.clone()),
        body: Set(body),
        created_at: Set(now),
        created_by: Set(by),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub(crate) fn parse(row: &threshold_set::Model) -> Result<Thresholds> {
    serde_json::from_str(&row.body).map_err(|e| Error::Unsupported(format!("阈值{}已损坏：{e}", row.version)))
}

fn version(row: threshold_set::Model) -> Result<ThresholdVersion> {
    Ok(ThresholdVersion { thresholds: parse(&row)?, id: row.id, version: row.version, created_at: row.created_at })
}
