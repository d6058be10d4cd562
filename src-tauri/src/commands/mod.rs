//! One file per UI module; the names match `ui/src/api/<module>.ts`.

mod app;
mod audit;
mod auth;
mod backups;
mod canteen;
mod communities;
mod files;
mod print;
mod residents;
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
        residents::residents_search,
        residents::residents_get,
        residents::residents_check_id,
        residents::residents_create,
        residents::residents_update,
        residents::residents_change_status,
        residents::residents_reveal,
        residents::residents_category_types,
        residents::residents_add_category_type,
        residents::residents_set_category_type_active,
        residents::residents_add_category,
        residents::residents_end_category,
        residents::residents_delete_category,
        residents::residents_add_relation,
        residents::residents_remove_relation,
        files::files_choose_open,
        files::files_choose_save,
        residents::residents_import_preview,
        residents::residents_import_commit,
        residents::residents_import_report,
        residents::residents_template,
        residents::residents_export,
        residents::residents_relations_to_head,
        canteen::canteen_list,
        canteen::canteen_create,
        canteen::canteen_update,
        canteen::canteen_dishes,
        canteen::canteen_save_dish,
        canteen::canteen_week_menu,
        canteen::canteen_set_menu,
        canteen::canteen_copy_last_week,
        canteen::canteen_diners,
        canteen::canteen_register_diner,
        canteen::canteen_update_diner,
        canteen::canteen_subsidy_rules,
        canteen::canteen_save_subsidy_rule,
        canteen::canteen_book,
        canteen::canteen_cancel,
        canteen::canteen_day_bookings,
        canteen::canteen_walk_in,
        canteen::canteen_scan,
        canteen::canteen_serve,
        canteen::canteen_board,
        canteen::canteen_print_list,
        canteen::canteen_print_tickets,
        canteen::canteen_print_kitchen,
        canteen::canteen_print_delivery,
        print::print_open,
        print::print_save_as,
        canteen::canteen_day_summary,
        canteen::canteen_monthly_claim,
        canteen::canteen_print_claim,
        canteen::canteen_export_claim,
        canteen::canteen_standing_orders,
        canteen::canteen_save_standing_order,
        canteen::canteen_pause_standing_order,
        canteen::canteen_resume_standing_order,
        canteen::canteen_end_standing_order,
    ]
}
