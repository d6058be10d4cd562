use super::{command, Result};
use crate::state::AppState;
use caredesk_core::auth::{self, SessionInfo, UserInfo};
use caredesk_core::Error;
use tauri::State;

#[command]
pub async fn auth_login(state: State<'_, AppState>, username: String, password: String) -> Result<SessionInfo> {
    let desk = state.desk().await?;
    let session = auth::login(&desk, &username, &password).await?;
    let info = session.info(&desk).await?;
    state.with_session(|s| *s = Some(session));
    Ok(info)
}

#[command]
pub async fn auth_logout(state: State<'_, AppState>) -> Result<()> {
    let desk = state.desk().await?;
    match state.with_session(Option::take) {
        Some(session) => auth::logout(&desk, session).await,
        None => Ok(()),
    }
}

#[command]
pub async fn auth_lock(state: State<'_, AppState>) -> Result<()> {
    state.with_session(|s| s.as_mut().map(|s| s.lock()));
    Ok(())
}

#[command]
pub async fn auth_unlock(state: State<'_, AppState>, password: String) -> Result<SessionInfo> {
    let desk = state.desk().await?;
    let mut session = state.session_snapshot().ok_or(Error::NotLoggedIn)?;
    auth::unlock(&desk, &mut session, &password).await?;
    let info = session.info(&desk).await?;
    state.with_session(|s| *s = Some(session));
    Ok(info)
}

/// The window reports keyboard and mouse activity so the idle lock counts from the last of it.
#[command]
pub async fn auth_touch(state: State<'_, AppState>) -> Result<()> {
    state.signed_in().await.map(|_| ())
}

#[command]
pub async fn auth_set_large_text(state: State<'_, AppState>, enabled: bool) -> Result<UserInfo> {
    let (desk, actor) = state.signed_in().await?;
    auth::set_large_text(&desk, &actor, enabled).await
}

register!(
    auth_login,
    auth_logout,
    auth_lock,
    auth_unlock,
    auth_touch,
    auth_set_large_text,
);
