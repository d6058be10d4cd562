//! The CareDesk window: a thin Tauri shell over `caredesk-core`. Commands parse their arguments,
//! take the database and the signed-in user from [`state::AppState`], call one core function and
//! return its result or its `{code, message, field}` error. No business rule lives here.

mod commands;
#[cfg(test)]
mod contract;
mod state;

use caredesk_core::{backup, db, Desk, Location, Result};
use state::AppState;
use tauri::Manager;

/// `--data-dir DIR` on the command line: a portable install on a USB stick, or a test's own data.
fn data_dir_argument() -> Option<std::path::PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(Into::into);
        }
    }
    None
}

fn open_desk() -> Result<Desk> {
    let location = match (data_dir_argument(), std::env::var("CAREDESK_DATABASE_URL")) {
        (Some(dir), _) => Location::SqliteFile(dir.join(db::DB_FILE_NAME)),
        (None, Ok(url)) if !url.trim().is_empty() => Location::parse(&url)?,
        _ => Location::SqliteFile(db::default_data_dir()?.join(db::DB_FILE_NAME)),
    };
    tauri::async_runtime::block_on(async {
        let desk = Desk::open(location).await?;
        if caredesk_core::settings::is_initialized(&desk).await? {
            if let Err(e) = backup::ensure_daily(&desk).await {
                eprintln!("每日自动备份失败：{e}");
            }
        }
        Ok(desk)
    })
}

/// Below this logical screen size the window opens maximised: on the street office's 1366×768
/// laptops a 1280×760 window leaves a sliver of desktop and cuts lists for nothing.
const SMALL_SCREEN: (f64, f64) = (1440.0, 900.0);

fn maximize_on_small_screen(w: &tauri::WebviewWindow) {
    let Ok(Some(monitor)) = w.current_monitor() else { return };
    let size = monitor.size().to_logical::<f64>(monitor.scale_factor());
    if size.width < SMALL_SCREEN.0 || size.height < SMALL_SCREEN.1 {
        let _ = w.maximize();
    }
}

/// When the process started, for the start-up figure in `scripts/bench.sh`.
pub(crate) static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch brings the running window forward instead of opening another.
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            // Installers put the PDF fonts and their licences in the resource folder.
            if let Ok(dir) = app.path().resource_dir() {
                caredesk_core::print::fonts::use_bundled_dir(dir.join("fonts"));
            }
            if let Some(w) = app.get_webview_window("main") {
                maximize_on_small_screen(&w);
            }
            Ok(())
        })
        .manage(AppState::new(open_desk()))
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => eprintln!("无法启动一老一小服务台：{e}"),
    }
}
