use super::{command, Result};
use crate::state::AppState;
use caredesk_core::communities::{self, CommunityKind, CommunityNode, NewCommunity};
use tauri::State;

#[command]
pub async fn communities_tree(state: State<'_, AppState>, include_inactive: bool) -> Result<Vec<CommunityNode>> {
    let (desk, actor) = state.signed_in().await?;
    communities::tree(&desk, &actor, include_inactive).await
}

#[command]
pub async fn communities_add(
    state: State<'_, AppState>,
    parent_id: Option<i32>,
    kind: CommunityKind,
    name: String,
) -> Result<CommunityNode> {
    let (desk, actor) = state.signed_in().await?;
    communities::add(&desk, &actor, NewCommunity { parent_id, kind, name }).await
}

#[command]
pub async fn communities_rename(state: State<'_, AppState>, id: i32, name: String) -> Result<CommunityNode> {
    let (desk, actor) = state.signed_in().await?;
    communities::rename(&desk, &actor, id, &name).await
}

#[command]
pub async fn communities_set_active(state: State<'_, AppState>, id: i32, active: bool) -> Result<CommunityNode> {
    let (desk, actor) = state.signed_in().await?;
    communities::set_active(&desk, &actor, id, active).await
}

register!(
    communities_tree,
    communities_add,
    communities_rename,
    communities_set_active,
);
