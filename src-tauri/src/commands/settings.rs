use super::{command, Result};
use crate::state::AppState;
use caredesk_core::settings::{self, OfficeSettings};
use tauri::State;

#[command]
pub async fn settings_get(state: State<'_, AppState>) -> Result<OfficeSettings> {
    let (desk, _) = state.signed_in().await?;
    settings::get(&desk).await
}

#[command]
pub async fn settings_update(state: State<'_, AppState>, settings: OfficeSettings) -> Result<OfficeSettings> {
    let (desk, actor) = state.signed_in().await?;
    let saved = settings::update(&desk, &actor, settings).await?;
    state.with_session(|s| s.as_mut().map(|s| s.set_idle_lock_minutes(saved.idle_lock_minutes)));
    Ok(saved)
}

register!(
    settings_get,
    settings_update,
);
