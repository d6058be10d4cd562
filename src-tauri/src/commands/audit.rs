use super::Result;
use crate::state::AppState;
use caredesk_core::auth::audit::{self, AuditActionOption, AuditFilter, AuditPage};
use tauri::State;

#[tauri::command]
pub async fn audit_list(state: State<'_, AppState>, filter: AuditFilter) -> Result<AuditPage> {
    let desk = state.desk().await?;
    let actor = state.actor(&desk)?;
    audit::list(&desk, &actor, &filter).await
}

#[tauri::command]
pub async fn audit_actions(state: State<'_, AppState>) -> Result<Vec<AuditActionOption>> {
    let desk = state.desk().await?;
    state.actor(&desk)?;
    Ok(audit::action_options())
}
