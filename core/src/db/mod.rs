//! Where the data lives and how to reach it: an embedded SQLite file by default, or PostgreSQL
//! when the connection URL says so. Everything above this module is the same for both.

pub mod entity;
pub mod migration;

use crate::error::{Error, Result};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Which database a `Desk` talks to, derived from a URL or a plain file path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    SqliteFile(PathBuf),
    Postgres(String),
}

impl Location {
    /// Accepts `postgres://…`, `postgresql://…`, `sqlite://path`, `sqlite:path` or a bare file path.
    pub fn parse(url_or_path: &str) -> Result<Location> {
        let s = url_or_path.trim();
        if s.is_empty() {
            return Err(Error::invalid("invalid_database_url", "db", "数据库地址不能为空"));
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(Location::Postgres(s.to_string()));
        }
        if let Some(rest) = s.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() || path == ":memory:" {
                return Err(Error::invalid("invalid_database_url", "db", "请给出 SQLite 数据库文件的路径（不支持内存数据库）"));
            }
            return Ok(Location::SqliteFile(PathBuf::from(path)));
        }
        if s.contains("://") {
            return Err(Error::invalid(
                "invalid_database_url",
                "db",
                format!("不支持的数据库地址：{s}（只支持 SQLite 文件路径或 postgres://）"),
            ));
        }
        Ok(Location::SqliteFile(PathBuf::from(s)))
    }

    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Location::SqliteFile(p) => Some(p),
            Location::Postgres(_) => None,
        }
    }

    /// For messages and logs: never shows a PostgreSQL password.
    pub fn describe(&self) -> String {
        match self {
            Location::SqliteFile(p) => p.display().to_string(),
            Location::Postgres(url) => redact_password(url),
        }
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let Some((userinfo, host)) = rest.split_once('@') else { return url.to_string() };
    let user = userinfo.split(':').next().unwrap_or_default();
    format!("{scheme}://{user}:***@{host}")
}

/// The folder holding the database and its backups: `CAREDESK_DATA_DIR`, or the OS app-data folder
/// (`~/.local/share/caredesk` on Linux, `%APPDATA%\CareDesk\CareDesk\data` on Windows).
pub fn default_data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("CAREDESK_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("cn", "CareDesk", "CareDesk")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| Error::Io("找不到本机的应用数据文件夹".into()))
}

pub const DB_FILE_NAME: &str = "caredesk.db";

pub(crate) async fn connect(location: &Location) -> Result<DatabaseConnection> {
    match location {
        Location::SqliteFile(path) => connect_sqlite(path, false).await,
        Location::Postgres(url) => {
            let mut opts = ConnectOptions::new(url.clone());
            opts.max_connections(8).connect_timeout(Duration::from_secs(10)).sqlx_logging(false);
            Database::connect(opts).await.map_err(|e| Error::DbUnavailable(e.to_string()))
        }
    }
}

/// WAL so readers never block the writer and a crash loses nothing committed; foreign keys on;
/// a busy timeout so a second process (the CLI beside the app) waits instead of failing at once.
pub(crate) async fn connect_sqlite(path: &Path, read_only: bool) -> Result<DatabaseConnection> {
    if !read_only {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
    }
    let mut opts = ConnectOptions::new("sqlite::memory:");
    opts.sqlx_logging(false);
    let file = path.to_path_buf();
    // Built afresh, not from the placeholder URL: that one would keep the in-memory flag.
    opts.map_sqlx_sqlite_opts(move |_| {
        use sea_orm::sqlx::ConnectOptions as _;
        let o = SqliteConnectOptions::new()
            .disable_statement_logging()
            .filename(&file)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .read_only(read_only);
        if read_only {
            o.create_if_missing(false)
        } else {
            o.create_if_missing(true).journal_mode(SqliteJournalMode::Wal).synchronous(SqliteSynchronous::Full)
        }
    });
    Database::connect(opts).await.map_err(|e| Error::DbUnavailable(e.to_string()))
}

/// SQLite's page cache for one large write, in KiB. The default (2 MB) makes the index pages of a
/// 100,000-row insert spill to the WAL again and again, which holds the write lock many times
/// longer; memory is taken only as pages are touched, and given back by [`narrow_cache`].
const LARGE_CACHE_KIB: i64 = 256 * 1024;
const DEFAULT_CACHE_KIB: i64 = 2_000;

/// Gives the transaction's connection a large page cache (SQLite; nothing on PostgreSQL).
pub(crate) async fn widen_cache(txn: &sea_orm::DatabaseTransaction) -> Result<()> {
    set_cache(txn, LARGE_CACHE_KIB).await
}

/// Puts the default page cache back, before the transaction ends on the same connection.
pub(crate) async fn narrow_cache(txn: &sea_orm::DatabaseTransaction) -> Result<()> {
    set_cache(txn, DEFAULT_CACHE_KIB).await
}

async fn set_cache(txn: &sea_orm::DatabaseTransaction, kib: i64) -> Result<()> {
    use sea_orm::{ConnectionTrait, DbBackend};
    if txn.get_database_backend() == DbBackend::Sqlite {
        txn.execute_unprepared(&format!("PRAGMA cache_size = -{kib}")).await?;
    }
    Ok(())
}

/// Scalar queries summing up what an import's plan read (counts, highest ids, latest saves), run as
/// one statement. An import plans before it takes the write lock; when the stamp under the lock
/// equals the one taken before planning, nothing the plan read has changed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Stamp(Vec<Option<String>>);

pub(crate) async fn stamp<C: sea_orm::ConnectionTrait>(db: &C, reads: &[&str]) -> Result<Stamp> {
    use sea_orm::Statement;
    let columns: Vec<String> = reads.iter().map(|q| format!("CAST(({q}) AS TEXT)")).collect();
    let sql = format!("SELECT {}", columns.join(", "));
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    let values = (0..reads.len()).map(|i| row.as_ref().and_then(|r| r.try_get_by_index::<Option<String>>(i).ok().flatten()));
    Ok(Stamp(values.collect()))
}

/// Counts the rows of a table by raw SQL. For tests and diagnostics: the table name is not user input.
#[doc(hidden)]
pub async fn raw_count(desk: &crate::Desk, table: &str) -> Result<i64> {
    use sea_orm::{ConnectionTrait, Statement};
    if !table.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Error::invalid("invalid_table", "table", "表名无效"));
    }
    let db = desk.db();
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), format!("SELECT COUNT(*) FROM {table}"))).await?;
    Ok(row.and_then(|r| r.try_get_by_index::<i64>(0).ok()).unwrap_or(0))
}

/// Runs one raw statement. For tests that must prove what the database itself refuses.
#[doc(hidden)]
pub async fn raw_execute(desk: &crate::Desk, sql: &str) -> Result<u64> {
    use sea_orm::ConnectionTrait;
    Ok(desk.db().execute_unprepared(sql).await?.rows_affected())
}

/// `PRAGMA integrity_check` on a SQLite database: `["ok"]` when sound.
pub async fn integrity_check(desk: &crate::Desk) -> Result<Vec<String>> {
    use sea_orm::{ConnectionTrait, Statement};
    let db = desk.db();
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), "PRAGMA integrity_check")).await?;
    Ok(rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls_and_paths() {
        assert_eq!(Location::parse("/tmp/a.db").unwrap(), Location::SqliteFile("/tmp/a.db".into()));
        assert_eq!(Location::parse("sqlite:///tmp/a.db?mode=rwc").unwrap(), Location::SqliteFile("/tmp/a.db".into()));
        assert!(matches!(Location::parse("postgres://u:p@h/db").unwrap(), Location::Postgres(_)));
        assert_eq!(Location::parse("mysql://x").unwrap_err().code(), "invalid_database_url");
        assert_eq!(Location::parse("sqlite::memory:").unwrap_err().code(), "invalid_database_url");
    }

    #[test]
    fn never_shows_a_password() {
        let l = Location::parse("postgres://caredesk:secret@localhost:5432/x").unwrap();
        assert_eq!(l.describe(), "postgres://caredesk:***@localhost:5432/x");
    }
}
