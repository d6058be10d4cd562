use super::{command, Result};
use crate::state::AppState;
use caredesk_core::auth::audit::{self, AuditActionOption, AuditFilter, AuditPage};
use tauri::State;

#[command]
pub async fn audit_list(state: State<'_, AppState>, filter: AuditFilter) -> Result<AuditPage> {
    let (desk, actor) = state.signed_in().await?;
    audit::list(&desk, &actor, &filter).await
}

#[command]
pub async fn audit_actions(state: State<'_, AppState>) -> Result<Vec<AuditActionOption>> {
    let _signed_in = state.signed_in().await?;
    Ok(audit::action_options())
}

register!(
    audit_list,
    audit_actions,
);
