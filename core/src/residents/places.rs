//! Where a resident lives in the office's tree: a community, optionally a grid in it and a compound
//! in either. Checked against the tree, and resolvable from names for imports.

use crate::communities::CommunityKind;
use crate::db::entity::community;
use crate::error::{Error, Result};
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    pub community: Option<i32>,
    pub grid: Option<i32>,
    pub compound: Option<i32>,
}

/// The whole community tree in memory (a few hundred nodes at most).
pub struct PlaceIndex {
    nodes: HashMap<i32, community::Model>,
}

impl PlaceIndex {
    pub async fn load<C: ConnectionTrait>(db: &C) -> Result<PlaceIndex> {
        let nodes = community::Entity::find().all(db).await?.into_iter().map(|m| (m.id, m)).collect();
        Ok(PlaceIndex { nodes })
    }

    pub fn name(&self, id: Option<i32>) -> Option<String> {
        id.and_then(|id| self.nodes.get(&id)).map(|n| n.name.clone())
    }

    fn kind(&self, id: i32) -> Option<CommunityKind> {
        self.nodes.get(&id).map(|n| n.kind)
    }

    fn parent(&self, id: i32) -> Option<i32> {
        self.nodes.get(&id).and_then(|n| n.parent_id)
    }

    /// Checks ids from a form; the community may be left out when a grid or compound names it.
    pub fn check(&self, place: Place) -> Result<Place> {
        let mut community = place.community;
        if let Some(id) = community {
            if self.kind(id) != Some(CommunityKind::Community) {
                return Err(Error::invalid("invalid_place", "communityId", "所选社区不存在"));
            }
        }
        if let Some(grid) = place.grid {
            if self.kind(grid) != Some(CommunityKind::Grid) {
                return Err(Error::invalid("invalid_place", "gridId", "所选网格不存在"));
            }
            let owner = self.parent(grid);
            if community.is_some() && community != owner {
                return Err(Error::invalid("invalid_place", "gridId", "所选网格不属于所选社区"));
            }
            community = owner;
        }
        if let Some(compound) = place.compound {
            if self.kind(compound) != Some(CommunityKind::Compound) {
                return Err(Error::invalid("invalid_place", "compoundId", "所选小区不存在"));
            }
            let parent = self.parent(compound);
            let parent_community = match parent.and_then(|p| self.kind(p)) {
                Some(CommunityKind::Grid) => {
                    if place.grid.is_some() && place.grid != parent {
                        return Err(Error::invalid("invalid_place", "compoundId", "所选小区不属于所选网格"));
                    }
                    parent.and_then(|g| self.parent(g))
                }
                _ => parent,
            };
            if community.is_some() && community != parent_community {
                return Err(Error::invalid("invalid_place", "compoundId", "所选小区不属于所选社区"));
            }
            community = parent_community;
        }
        Ok(Place { community, ..place })
    }

    /// Resolves names from an imported row (社区, 网格, 小区 columns).
    pub fn resolve(&self, community: Option<&str>, grid: Option<&str>, compound: Option<&str>) -> Result<Place> {
        let community_id = match community {
            None => None,
            Some(name) => Some(self.find(name, CommunityKind::Community, None).ok_or_else(|| {
                Error::invalid("unknown_place", "communityId", format!("社区“{name}”不存在，请先在 系统设置 → 社区网格 中添加"))
            })?),
        };
        let grid_id = match grid {
            None => None,
            Some(name) => Some(
                self.find(name, CommunityKind::Grid, community_id)
                    .ok_or_else(|| Error::invalid("unknown_place", "gridId", format!("网格“{name}”不存在或不属于该社区")))?,
            ),
        };
        let compound_id = match compound {
            None => None,
            Some(name) => Some(
                self.find_compound(name, community_id, grid_id)
                    .ok_or_else(|| Error::invalid("unknown_place", "compoundId", format!("小区“{name}”不存在或不属于该社区")))?,
            ),
        };
        self.check(Place { community: community_id, grid: grid_id, compound: compound_id })
    }

    /// A compound in the grid, else anywhere in the community (directly or in one of its grids).
    fn find_compound(&self, name: &str, community: Option<i32>, grid: Option<i32>) -> Option<i32> {
        let in_scope = |n: &community::Model| match (grid, community) {
            (Some(g), _) => n.parent_id == Some(g),
            (None, Some(c)) => n.parent_id == Some(c) || n.parent_id.and_then(|p| self.parent(p)) == Some(c),
            (None, None) => true,
        };
        let mut matches = self.nodes.values().filter(|n| n.name == name && n.kind == CommunityKind::Compound && in_scope(n));
        let first = matches.next()?;
        matches.next().is_none().then_some(first.id)
    }

    /// A node of `kind` named `name`; under `parent` when given, else anywhere if the name is unique.
    fn find(&self, name: &str, kind: CommunityKind, parent: Option<i32>) -> Option<i32> {
        let mut matches = self.nodes.values().filter(|n| n.name == name && n.kind == kind && (parent.is_none() || n.parent_id == parent));
        let first = matches.next()?;
        match parent {
            None if matches.next().is_some() => None,
            _ => Some(first.id),
        }
    }
}
