//! One file per UI module; the names match `ui/src/api/<module>.ts`.

mod app;
mod audit;
mod auth;
mod backups;
mod communities;
mod settings;
mod users;

pub use caredesk_core::Result;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_status,
        app::setup_initialize,
        auth::auth_login,
        auth::auth_logout,
        auth::auth_lock,
        auth::auth_unlock,
        auth::auth_touch,
        auth::auth_set_large_text,
        settings::settings_get,
        settings::settings_update,
        communities::communities_tree,
        communities::communities_add,
        communities::communities_rename,
        communities::communities_set_active,
        users::users_list,
        users::users_roles,
        users::users_add,
        users::users_set_disabled,
        users::users_reset_password,
        users::users_set_role,
        backups::backups_list,
        backups::backups_create,
        backups::backups_restore,
        audit::audit_list,
        audit::audit_actions,
    ]
}
