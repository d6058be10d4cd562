//! Backups of the embedded SQLite database: made with `VACUUM INTO` (a consistent snapshot, never a
//! copy of a live WAL file), kept 30 deep in `<data dir>/backups`, checked before any restore.
//! PostgreSQL deployments use pg_dump instead (see the README).

use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize, Actor, Role};
use crate::db::{self, migration};
use crate::error::{Error, Result};
use crate::{clock, Desk};
use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub const KEEP: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Manual,
    Daily,
    PreMigration,
    PreRestore,
}

impl Reason {
    const ALL: [Reason; 4] = [Reason::Manual, Reason::Daily, Reason::PreMigration, Reason::PreRestore];

    fn code(self) -> &'static str {
        match self {
            Reason::Manual => "manual",
            Reason::Daily => "daily",
            Reason::PreMigration => "premigration",
            Reason::PreRestore => "prerestore",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Reason::Manual => "手动备份",
            Reason::Daily => "每日自动备份",
            Reason::PreMigration => "升级前自动备份",
            Reason::PreRestore => "恢复前自动备份",
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub file_name: String,
    pub created_at: DateTime<Utc>,
    pub size_bytes: u64,
    pub reason: String,
}

fn sqlite_only(desk: &Desk) -> Result<&Path> {
    desk.location()
        .sqlite_path()
        .ok_or_else(|| Error::Unsupported("PostgreSQL 数据库请用 pg_dump / pg_restore 备份和恢复（见 README）".into()))
}

/// `<folder of the database>/backups`
pub fn backup_dir(db_file: &Path) -> PathBuf {
    db_file.parent().unwrap_or(Path::new(".")).join("backups")
}

/// "立即备份": admins only, audited.
pub async fn create(desk: &Desk, actor: &Actor) -> Result<BackupInfo> {
    authorize(desk, actor, Role::Admin, "备份数据").await?;
    let info = create_unaudited(desk, Reason::Manual).await?;
    audit::record_by(desk, desk.db(), actor, Entry::new(Action::BackupCreated).detail(info.file_name.clone())).await?;
    Ok(info)
}

/// A copy to a file of the user's choice (the CLI's `backup --out`), audited.
pub async fn export_to(desk: &Desk, actor: &Actor, out: &Path) -> Result<BackupInfo> {
    authorize(desk, actor, Role::Admin, "备份数据").await?;
    sqlite_only(desk)?;
    if out.exists() {
        return Err(Error::invalid("file_exists", "out", format!("文件已存在：{}，请换一个文件名", out.display())));
    }
    vacuum_into(desk.db(), out).await?;
    audit::record_by(desk, desk.db(), actor, Entry::new(Action::BackupCreated).detail(out.display().to_string())).await?;
    let size_bytes = std::fs::metadata(out)?.len();
    Ok(BackupInfo {
        file_name: out.display().to_string(),
        created_at: desk.clock().now(),
        size_bytes,
        reason: Reason::Manual.label().into(),
    })
}

/// The first start of each calendar day makes one backup; later starts that day do nothing.
pub async fn ensure_daily(desk: &Desk) -> Result<Option<BackupInfo>> {
    let Some(db_file) = desk.location().sqlite_path() else { return Ok(None) };
    let today = desk.clock().today();
    let has_today = list_dir(&backup_dir(db_file))?.iter().any(|b| clock::local(b.created_at).date_naive() == today);
    if has_today {
        return Ok(None);
    }
    let made = create_unaudited(desk, Reason::Daily).await?;
    // Written by no one: the program made it on opening the day's first session.
    let entry = Entry::new(Action::DailyBackup).detail(made.file_name.clone());
    audit::record(desk.db(), desk.clock().now(), None, entry).await?;
    Ok(Some(made))
}

pub(crate) async fn create_unaudited(desk: &Desk, reason: Reason) -> Result<BackupInfo> {
    let db_file = sqlite_only(desk)?;
    snapshot(desk.db(), db_file, desk.clock().now(), reason).await
}

/// Writes `<backups>/caredesk-YYYYMMDD-HHMMSS-<reason>.db` and prunes beyond [`KEEP`].
pub(crate) async fn snapshot(db: &DatabaseConnection, db_file: &Path, now: DateTime<Utc>, reason: Reason) -> Result<BackupInfo> {
    let dir = backup_dir(db_file);
    std::fs::create_dir_all(&dir)?;
    let stamp = clock::local(now).format("%Y%m%d-%H%M%S");
    let mut path = dir.join(format!("caredesk-{stamp}-{}.db", reason.code()));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("caredesk-{stamp}-{}-{n}.db", reason.code()));
        n += 1;
    }
    vacuum_into(db, &path).await?;
    let info = info_of(&path)?.ok_or_else(|| Error::Io(format!("备份文件未能写入：{}", path.display())))?;
    prune(&dir)?;
    Ok(info)
}

async fn vacuum_into(db: &DatabaseConnection, out: &Path) -> Result<()> {
    let target = out.to_str().ok_or_else(|| Error::Io("备份路径含有无法处理的字符".into()))?;
    let sql = format!("VACUUM INTO '{}'", target.replace('\'', "''"));
    db.execute_unprepared(&sql).await.map_err(|e| Error::Io(format!("备份失败：{e}")))?;
    Ok(())
}

fn prune(dir: &Path) -> Result<()> {
    let all = list_dir(dir)?;
    for old in all.iter().skip(KEEP) {
        std::fs::remove_file(dir.join(&old.file_name))?;
    }
    Ok(())
}

pub async fn list(desk: &Desk, actor: &Actor) -> Result<Vec<BackupInfo>> {
    authorize(desk, actor, Role::Admin, "查看备份").await?;
    list_dir(&backup_dir(sqlite_only(desk)?))
}

/// The app's own backups in `dir`, newest first; other files are ignored.
pub fn list_dir(dir: &Path) -> Result<Vec<BackupInfo>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        out.extend(info_of(&entry?.path())?);
    }
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.file_name.cmp(&a.file_name)));
    Ok(out)
}

/// None for a file that is not one of the app's backups.
fn info_of(path: &Path) -> Result<Option<BackupInfo>> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let Some((created_at, reason)) = parse_name(&name) else { return Ok(None) };
    Ok(Some(BackupInfo { file_name: name, created_at, size_bytes: std::fs::metadata(path)?.len(), reason: reason.label().into() }))
}

fn parse_name(name: &str) -> Option<(DateTime<Utc>, Reason)> {
    let rest = name.strip_prefix("caredesk-")?.strip_suffix(".db")?;
    let stamp = rest.get(..15)?;
    let reason_part = rest.get(16..)?;
    let reason_code = reason_part.split('-').next()?;
    let reason = Reason::ALL.into_iter().find(|r| r.code() == reason_code)?;
    let local = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    let at = local.and_local_timezone(clock::beijing()).single()?.with_timezone(&Utc);
    Some((at, reason))
}

/// A restore that has passed every check and kept the current data as a backup; applying it
/// swaps the database file.
#[derive(Debug)]
pub struct RestorePlan {
    source: PathBuf,
    kept: BackupInfo,
    actor: Actor,
}

/// Checks a backup from the app's backup folder (by file name); see [`prepare_restore`].
pub async fn prepare_restore_named(desk: &Desk, actor: &Actor, file_name: &str) -> Result<RestorePlan> {
    let db_file = sqlite_only(desk)?;
    if file_name.contains(['/', '\\']) || parse_name(file_name).is_none() {
        return Err(Error::invalid("invalid_backup_name", "fileName", "请从备份列表中选择一个备份"));
    }
    let path = backup_dir(db_file).join(file_name);
    prepare_restore(desk, actor, &path).await
}

/// Checks `source` (integrity, schema not newer than this build) and keeps the current database
/// as a backup. Nothing is replaced yet; on error nothing has changed.
pub async fn prepare_restore(desk: &Desk, actor: &Actor, source: &Path) -> Result<RestorePlan> {
    authorize(desk, actor, Role::Admin, "从备份恢复").await?;
    let db_file = sqlite_only(desk)?;
    if !source.is_file() {
        return Err(Error::BackupInvalid(format!("找不到文件 {}", source.display())));
    }
    if same_file(source, db_file) {
        return Err(Error::BackupInvalid("这是正在使用的数据库本身，不是备份".into()));
    }
    check_backup(source).await?;
    let kept = create_unaudited(desk, Reason::PreRestore).await?;
    Ok(RestorePlan { source: source.to_path_buf(), kept, actor: actor.clone() })
}

/// Closes `desk`, swaps the backup in and reopens (migrating an older backup forward).
/// The returned `Desk` is the one to use from now on; the restore is audited in it.
pub async fn apply_restore(desk: Desk, plan: RestorePlan) -> Result<Desk> {
    let db_file = sqlite_only(&desk)?.to_path_buf();
    let clock = desk.clock().clone();
    let location = desk.location().clone();
    desk.close().await;
    swap_in(&plan.source, &db_file)?;
    let desk = Desk::open_with_clock(location, clock).await?;
    let detail = format!("从 {} 恢复；恢复前的数据已备份为 {}", plan.source.display(), plan.kept.file_name);
    let who = Some((plan.actor.user_id(), plan.actor.username()));
    audit::record(desk.db(), desk.clock().now(), who, Entry::new(Action::BackupRestored).detail(detail)).await?;
    Ok(desk)
}

/// [`prepare_restore`] then [`apply_restore`]; on a failed check the desk is closed.
pub async fn restore(desk: Desk, actor: &Actor, source: &Path) -> Result<Desk> {
    match prepare_restore(&desk, actor, source).await {
        Ok(plan) => apply_restore(desk, plan).await,
        Err(e) => {
            desk.close().await;
            Err(e)
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Refuses a file that is not a sound CareDesk database of this build's schema or older.
pub async fn check_backup(source: &Path) -> Result<()> {
    let not_ours = || Error::BackupInvalid("不是 CareDesk 的数据库文件".into());
    let conn = db::connect_sqlite(source, true).await.map_err(|_| not_ours())?;
    let result = async {
        let rows = conn
            .query_all_raw(Statement::from_string(conn.get_database_backend(), "PRAGMA integrity_check"))
            .await
            .map_err(|_| not_ours())?;
        let verdicts: Vec<String> = rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect();
        if verdicts != ["ok"] {
            return Err(Error::BackupInvalid(format!(
                "完整性检查未通过（{}）",
                verdicts.into_iter().take(3).collect::<Vec<_>>().join("；")
            )));
        }
        let applied = migration::applied_names(&conn).await.map_err(|_| not_ours())?;
        if applied.is_empty() {
            return Err(not_ours());
        }
        migration::ensure_not_newer(&applied)
    }
    .await;
    conn.close().await.ok();
    result
}

fn swap_in(source: &Path, db_file: &Path) -> Result<()> {
    let tmp = db_file.with_extension("db.restoring");
    std::fs::copy(source, &tmp)?;
    std::fs::File::open(&tmp)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db_file.display()));
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    std::fs::rename(&tmp, db_file)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_its_own_file_names_only() {
        let (at, reason) = parse_name("caredesk-20261128-091500-daily.db").unwrap();
        assert_eq!(at.to_rfc3339(), "2026-11-28T01:15:00+00:00");
        assert_eq!(reason, Reason::Daily);
        assert!(parse_name("caredesk-20261128-091500-manual-2.db").is_some());
        assert!(parse_name("caredesk.db").is_none());
        assert!(parse_name("caredesk-2026-x-manual.db").is_none());
        assert!(parse_name("caredesk-20261128-091500-weird.db").is_none());
    }
}
