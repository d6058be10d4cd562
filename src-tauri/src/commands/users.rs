use super::{command, Result};
use crate::state::AppState;
use caredesk_core::auth::{self, NewUser, Role, RoleOption, UserInfo};
use tauri::State;

#[command]
pub async fn users_list(state: State<'_, AppState>) -> Result<Vec<UserInfo>> {
    let (desk, actor) = state.signed_in().await?;
    auth::list_users(&desk, &actor).await
}

#[command]
pub async fn users_roles() -> Result<Vec<RoleOption>> {
    Ok(auth::role_options())
}

#[command]
pub async fn users_add(
    state: State<'_, AppState>,
    username: String,
    display_name: String,
    role: Role,
    password: String,
) -> Result<UserInfo> {
    let (desk, actor) = state.signed_in().await?;
    auth::add_user(&desk, &actor, NewUser { username, display_name, role, password }).await
}

#[command]
pub async fn users_set_disabled(state: State<'_, AppState>, id: i32, disabled: bool) -> Result<UserInfo> {
    let (desk, actor) = state.signed_in().await?;
    auth::set_disabled(&desk, &actor, id, disabled).await
}

#[command]
pub async fn users_reset_password(state: State<'_, AppState>, id: i32, password: String) -> Result<UserInfo> {
    let (desk, actor) = state.signed_in().await?;
    auth::reset_password(&desk, &actor, id, &password).await
}

#[command]
pub async fn users_set_role(state: State<'_, AppState>, id: i32, role: Role) -> Result<UserInfo> {
    let (desk, actor) = state.signed_in().await?;
    auth::set_role(&desk, &actor, id, role).await
}

register!(
    users_list,
    users_roles,
    users_add,
    users_set_disabled,
    users_reset_password,
    users_set_role,
);
