//! Choosing files with the system's dialogs. The dialogs are opened from Rust so the window needs
//! no general file permission: it only learns the path the user picked.
//!
//! End-to-end tests cannot click a native dialog, so two variables stand in for the user's choice:
//! `CAREDESK_E2E_OPEN_FILE` (the file "picked") and `CAREDESK_E2E_SAVE_DIR` (where "saved" files go,
//! under their suggested names).

use super::{command, Result};
use caredesk_core::io::FileKind;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

#[command]
pub async fn files_choose_open(app: AppHandle, kind: FileKind) -> Result<Option<String>> {
    if let Ok(file) = std::env::var("CAREDESK_E2E_OPEN_FILE") {
        return Ok(Some(file));
    }
    let (name, extensions) = kind.filter();
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog().file().add_filter(name, extensions).pick_file(move |path| {
        let _ = tx.send(path.and_then(|p| p.into_path().ok()));
    });
    Ok(rx.await.ok().flatten().map(|p| p.to_string_lossy().into_owned()))
}

#[command]
pub async fn files_choose_save(app: AppHandle, kind: FileKind, suggested_name: String) -> Result<Option<String>> {
    if let Ok(dir) = std::env::var("CAREDESK_E2E_SAVE_DIR") {
        return Ok(Some(std::path::Path::new(&dir).join(&suggested_name).to_string_lossy().into_owned()));
    }
    let (name, extensions) = kind.filter();
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog().file().add_filter(name, extensions).set_file_name(&suggested_name).save_file(move |path| {
        let _ = tx.send(path.and_then(|p| p.into_path().ok()));
    });
    Ok(rx.await.ok().flatten().map(|p| p.to_string_lossy().into_owned()))
}

register!(
    files_choose_open,
    files_choose_save,
);
