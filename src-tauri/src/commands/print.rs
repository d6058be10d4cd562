//! What every printout shares: open it in the system's PDF viewer, or save a copy elsewhere.
//! Only files in the prints folder are opened or copied, so the window cannot open arbitrary paths.

use super::{command, Result};
use crate::state::AppState;
use caredesk_core::print::prints_dir;
use caredesk_core::Error;
use std::path::PathBuf;
use tauri::State;

async fn printed(state: &State<'_, AppState>, path: &str) -> Result<PathBuf> {
    let desk = state.desk().await?;
    let dir = prints_dir(&desk)?.canonicalize()?;
    let file = PathBuf::from(path).canonicalize().map_err(|_| Error::Io("打印文件已不存在，请重新生成".into()))?;
    if !file.starts_with(&dir) {
        return Err(Error::Io("只能打开本程序生成的打印文件".into()));
    }
    Ok(file)
}

/// Opens the PDF in the system's viewer. The e2e tests have no viewer: they set
/// `CAREDESK_E2E_SAVE_DIR` and the file is only checked.
#[command]
pub async fn print_open(state: State<'_, AppState>, path: String) -> Result<()> {
    let file = printed(&state, &path).await?;
    if std::env::var_os("CAREDESK_E2E_SAVE_DIR").is_some() {
        return Ok(());
    }
    tauri_plugin_opener::open_path(file.to_string_lossy().into_owned(), None::<&str>)
        .map_err(|e| Error::Io(format!("无法打开 PDF 阅读器（{e}），请用“另存为”保存后打开")))
}

#[command]
pub async fn print_save_as(state: State<'_, AppState>, path: String, save_path: String) -> Result<()> {
    let file = printed(&state, &path).await?;
    std::fs::copy(file, save_path)?;
    Ok(())
}

register!(
    print_open,
    print_save_as,
);
