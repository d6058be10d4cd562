use super::{command, Result};
use crate::state::AppState;
use caredesk_core::backup::{self, BackupInfo};
use caredesk_core::Error;
use tauri::State;

#[command]
pub async fn backups_list(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    let (desk, actor) = state.signed_in().await?;
    backup::list(&desk, &actor).await
}

#[command]
pub async fn backups_create(state: State<'_, AppState>) -> Result<BackupInfo> {
    let (desk, actor) = state.signed_in().await?;
    backup::create(&desk, &actor).await
}

/// Swaps the database under an exclusive lock; every session ends, since the restored data may
/// not hold the same users.
#[command]
pub async fn backups_restore(state: State<'_, AppState>, file_name: String) -> Result<()> {
    let mut slot = state.desk_mut().await;
    let desk = slot.take().ok_or_else(|| Error::DbUnavailable("数据库已关闭，请重新打开程序".into()))?;
    let actor = match state.actor(&desk) {
        Ok(a) => a,
        Err(e) => {
            *slot = Some(desk);
            return Err(e);
        }
    };
    let plan = match backup::prepare_restore_named(&desk, &actor, &file_name).await {
        Ok(plan) => plan,
        Err(e) => {
            *slot = Some(desk);
            return Err(e);
        }
    };
    *slot = Some(backup::apply_restore(desk, plan).await?);
    state.with_session(|s| *s = None);
    Ok(())
}

register!(
    backups_list,
    backups_create,
    backups_restore,
);
