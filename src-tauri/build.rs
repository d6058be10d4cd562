// The app's own commands are listed here so that tauri-build generates one permission per command
// and the capability file can grant exactly these (and nothing else) to the window.
fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_status",
        "setup_initialize",
        "auth_login",
        "auth_logout",
        "auth_lock",
        "auth_unlock",
        "auth_touch",
        "auth_set_large_text",
        "settings_get",
        "settings_update",
        "communities_tree",
        "communities_add",
        "communities_rename",
        "communities_set_active",
        "users_list",
        "users_roles",
        "users_add",
        "users_set_disabled",
        "users_reset_password",
        "users_set_role",
        "backups_list",
        "backups_create",
        "backups_restore",
        "audit_list",
        "audit_actions",
        "residents_search",
        "residents_get",
        "residents_check_id",
        "residents_create",
        "residents_update",
        "residents_change_status",
        "residents_reveal",
        "residents_category_types",
        "residents_add_category_type",
        "residents_set_category_type_active",
        "residents_add_category",
        "residents_end_category",
        "residents_delete_category",
        "residents_add_relation",
        "residents_remove_relation",
        "files_choose_open",
        "files_choose_save",
        "residents_import_preview",
        "residents_import_commit",
        "residents_import_report",
        "residents_template",
        "residents_export",
        "residents_relations_to_head",
    ]);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(e) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
