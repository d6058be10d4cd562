//! The office's places as a tree: 社区 (community) → 网格 (grid) / 小区 (compound).
//! Nodes are renamed or deactivated, never deleted, because residents and services point at them.

mod import;
pub use import::{import_csv, CommunityImportSummary};

use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize, current_user, Actor, Role};
use crate::db::entity::community;
use crate::error::{Error, Result};
use crate::{validate, Desk};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sea_orm::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum CommunityKind {
    Community,
    Grid,
    Compound,
}

impl CommunityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CommunityKind::Community => "community",
            CommunityKind::Grid => "grid",
            CommunityKind::Compound => "compound",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CommunityKind::Community => "社区",
            CommunityKind::Grid => "网格",
            CommunityKind::Compound => "小区",
        }
    }

    pub const ALL: [CommunityKind; 3] = [CommunityKind::Community, CommunityKind::Grid, CommunityKind::Compound];

    /// The kind stored as `code` (the database's value, exactly).
    pub fn from_code(code: &str) -> Option<CommunityKind> {
        CommunityKind::ALL.into_iter().find(|k| k.as_str() == code)
    }

    pub fn parse(s: &str) -> Result<CommunityKind> {
        let s = s.trim();
        [CommunityKind::Community, CommunityKind::Grid, CommunityKind::Compound]
            .into_iter()
            .find(|k| k.as_str() == s || k.label() == s)
            .ok_or_else(|| Error::invalid("invalid_kind", "kind", format!("类型“{s}”无效，应为 社区、网格 或 小区")))
    }

    /// Which kind may sit under which: grids under a community; compounds under a community or a grid.
    fn allowed_under(self, parent: Option<CommunityKind>) -> bool {
        matches!(
            (self, parent),
            (CommunityKind::Community, None)
                | (CommunityKind::Grid, Some(CommunityKind::Community))
                | (CommunityKind::Compound, Some(CommunityKind::Community | CommunityKind::Grid))
        )
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunityNode {
    pub id: i32,
    pub parent_id: Option<i32>,
    pub kind: CommunityKind,
    pub kind_label: String,
    pub name: String,
    pub active: bool,
    pub children: Vec<CommunityNode>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCommunity {
    pub parent_id: Option<i32>,
    pub kind: CommunityKind,
    pub name: String,
}

fn node(m: community::Model) -> CommunityNode {
    let kind = m.kind;
    CommunityNode {
        id: m.id,
        parent_id: m.parent_id,
        kind,
        kind_label: kind.label().to_string(),
        name: m.name,
        active: m.active,
        children: Vec::new(),
    }
}

/// The whole tree, communities first, each level in the order entered. Any signed-in user.
pub async fn tree(desk: &Desk, actor: &Actor, include_inactive: bool) -> Result<Vec<CommunityNode>> {
    current_user(desk, actor).await?;
    let mut q = community::Entity::find().order_by_asc(community::Column::Id);
    if !include_inactive {
        q = q.filter(community::Column::Active.eq(true));
    }
    let rows = q.all(desk.db()).await?;
    Ok(build_tree(rows))
}

fn build_tree(rows: Vec<community::Model>) -> Vec<CommunityNode> {
    let mut children: HashMap<Option<i32>, Vec<CommunityNode>> = HashMap::new();
    for m in rows {
        children.entry(m.parent_id).or_default().push(node(m));
    }
    fn attach(n: &mut CommunityNode, children: &mut HashMap<Option<i32>, Vec<CommunityNode>>) {
        n.children = children.remove(&Some(n.id)).unwrap_or_default();
        for c in &mut n.children {
            attach(c, children);
        }
    }
    // A child of an inactive (hidden) parent is hidden with it.
    let mut roots = children.remove(&None).unwrap_or_default();
    for r in &mut roots {
        attach(r, &mut children);
    }
    roots
}

pub async fn add(desk: &Desk, actor: &Actor, new: NewCommunity) -> Result<CommunityNode> {
    authorize(desk, actor, Role::Admin, "维护社区网格").await?;
    let txn = desk.begin_write().await?;
    let created = insert(&txn, desk, new).await?;
    let detail = format!("{}“{}”", created.kind.label(), created.name);
    audit::record_by(desk, &txn, actor, Entry::new(Action::CommunityAdded).on("community", created.id).detail(detail)).await?;
    txn.commit().await?;
    Ok(node(created))
}

/// Validates and inserts; the caller owns the transaction and the audit row.
pub(crate) async fn insert<C: ConnectionTrait>(db: &C, desk: &Desk, new: NewCommunity) -> Result<community::Model> {
    let name = validate::name(&new.name, "name", "名称", 40)?;
    let parent = match new.parent_id {
        Some(id) => Some(find(db, id).await.map_err(|_| Error::invalid("not_found", "parentId", "上级社区网格不存在"))?),
        None => None,
    };
    let parent_kind = parent.as_ref().map(|p| p.kind);
    if !new.kind.allowed_under(parent_kind) {
        let message = match new.kind {
            CommunityKind::Community => "社区是最上一级，不能放在其他节点下面",
            CommunityKind::Grid => "网格只能建在社区下面",
            CommunityKind::Compound => "小区只能建在社区或网格下面",
        };
        return Err(Error::invalid("invalid_parent", "kind", message));
    }
    if let Some(p) = parent.as_ref().filter(|p| !p.active) {
        return Err(Error::invalid("parent_inactive", "parentId", format!("“{}”已停用，不能在其下新增", p.name)));
    }
    ensure_unique_among_siblings(db, new.parent_id, &name, None).await?;
    let row = community::ActiveModel {
        parent_id: Set(new.parent_id),
        kind: Set(new.kind),
        name: Set(name),
        active: Set(true),
        created_at: Set(desk.clock().now()),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

pub async fn rename(desk: &Desk, actor: &Actor, id: i32, name: &str) -> Result<CommunityNode> {
    authorize(desk, actor, Role::Admin, "维护社区网格").await?;
    let name = validate::name(name, "name", "名称", 40)?;
    let txn = desk.begin_write().await?;
    let current = find(&txn, id).await?;
    ensure_unique_among_siblings(&txn, current.parent_id, &name, Some(id)).await?;
    let detail = format!("{} → {}", current.name, name);
    let mut row = current.into_active_model();
    row.name = Set(name);
    let updated = row.update(&txn).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::CommunityRenamed).on("community", id).detail(detail)).await?;
    txn.commit().await?;
    Ok(node(updated))
}

/// Deactivating hides a node (and what is under it) from choices; history keeps pointing at it.
pub async fn set_active(desk: &Desk, actor: &Actor, id: i32, active: bool) -> Result<CommunityNode> {
    authorize(desk, actor, Role::Admin, "维护社区网格").await?;
    let txn = desk.begin_write().await?;
    let current = find(&txn, id).await?;
    if active {
        if let Some(pid) = current.parent_id {
            let parent = find(&txn, pid).await?;
            if !parent.active {
                return Err(Error::invalid("parent_inactive", "id", format!("请先启用上级“{}”", parent.name)));
            }
        }
    }
    let name = current.name.clone();
    let mut row = current.into_active_model();
    row.active = Set(active);
    let updated = row.update(&txn).await?;
    let action = if active { Action::CommunityActivated } else { Action::CommunityDeactivated };
    audit::record_by(desk, &txn, actor, Entry::new(action).on("community", id).detail(name)).await?;
    txn.commit().await?;
    Ok(node(updated))
}

async fn find<C: ConnectionTrait>(db: &C, id: i32) -> Result<community::Model> {
    community::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "社区网格" })
}

async fn ensure_unique_among_siblings<C: ConnectionTrait>(db: &C, parent_id: Option<i32>, name: &str, except: Option<i32>) -> Result<()> {
    let mut q = community::Entity::find().filter(community::Column::Name.eq(name));
    q = match parent_id {
        Some(p) => q.filter(community::Column::ParentId.eq(p)),
        None => q.filter(community::Column::ParentId.is_null()),
    };
    if let Some(id) = except {
        q = q.filter(community::Column::Id.ne(id));
    }
    if q.one(db).await?.is_some() {
        return Err(Error::conflict("name", format!("同一级下已有“{name}”")));
    }
    Ok(())
}

crate::coded::stored_as_text!(CommunityKind, "区域类型");
