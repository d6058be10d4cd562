use super::{command, Result};
use crate::state::AppState;
use caredesk_core::settings::{self, AppStatus, SetupRequest};
use tauri::State;

#[command]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus> {
    trace_first_call();
    let desk = state.desk().await?;
    let session = match state.session_snapshot() {
        Some(s) => s.info(&desk).await.ok(),
        None => None,
    };
    settings::app_status(&desk, session).await
}

#[command]
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

/// With CAREDESK_STARTUP_TRACE set, reports once how long the window took to ask its first question.
fn trace_first_call() {
    static DONE: std::sync::Once = std::sync::Once::new();
    if std::env::var_os("CAREDESK_STARTUP_TRACE").is_some() {
        DONE.call_once(|| {
            if let Some(start) = crate::STARTED.get() {
                eprintln!("startup: first app_status after {} ms", start.elapsed().as_millis());
            }
        });
    }
}

register!(
    app_status,
    setup_initialize,
);
