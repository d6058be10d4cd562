use super::Result;
use crate::state::AppState;
use caredesk_core::settings::{self, AppStatus, SetupRequest};
use tauri::State;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus> {
    let desk = state.desk().await?;
    let session = match state.session_snapshot() {
        Some(s) => s.info(&desk).await.ok(),
        None => None,
    };
    settings::app_status(&desk, session).await
}

#[tauri::command]
pub async fn setup_initialize(
    state: State<'_, AppState>,
    office_name: String,
    admin_username: String,
    password: String,
    password_confirm: String,
) -> Result<()> {
    let desk = state.desk().await?;
    settings::initialize(&desk, SetupRequest { office_name, admin_username, password, password_confirm }).await
}
