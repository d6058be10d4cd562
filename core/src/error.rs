//! The one error type of the core. Every variant has a stable `code` (for programs and tests), a
//! Chinese `message` (for people) and, where one input is at fault, the `field` that the UI marks.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The codes the window branches on rather than only shows: generated to TS as `ErrorCode`, so a
/// code renamed here breaks the window's type check. Every other code is a free string that names
/// the rule for tests and logs; the user reads the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ErrorCode")]
pub enum Code {
    /// The window goes back to the login page.
    NotLoggedIn,
    /// The window shows the lock screen.
    SessionLocked,
    /// A booking or cancelling after the slot's cutoff: a canteen manager is offered to do it anyway.
    AfterCutoff,
    /// A meal ticket scanned a second time.
    TicketUsed,
}

impl Code {
    pub const ALL: [Code; 4] = [Code::NotLoggedIn, Code::SessionLocked, Code::AfterCutoff, Code::TicketUsed];

    pub const fn as_str(self) -> &'static str {
        match self {
            Code::NotLoggedIn => "not_logged_in",
            Code::SessionLocked => "session_locked",
            Code::AfterCutoff => "after_cutoff",
            Code::TicketUsed => "ticket_used",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: `code` names the rule, `field` the input at fault.
    #[error("{message}")]
    Invalid { code: &'static str, message: String, field: Option<&'static str> },
    /// An error found on one row of an imported file.
    #[error("第 {row} 行：{source}")]
    AtRow { row: u32, source: Box<Error> },
    #[error("{what}不存在或已被删除")]
    NotFound { what: &'static str },
    #[error("没有权限：{action}需要{needed}角色")]
    Forbidden { action: &'static str, needed: String },
    /// The input clashes with what is already stored (a duplicate name, for example).
    #[error("{message}")]
    Conflict { message: String, field: Option<&'static str> },
    #[error("用户名或密码错误{}", remaining_hint(*.remaining))]
    InvalidCredentials { remaining: Option<u32> },
    #[error("密码错误次数过多，账户已锁定，请于 {until} 后再试")]
    AccountLocked { until: String },
    #[error("该账户已停用，请联系管理员")]
    AccountDisabled,
    #[error("请先登录")]
    NotLoggedIn,
    #[error("屏幕已锁定，请输入密码解锁")]
    SessionLocked,
    #[error("系统已完成初始设置，不能再次初始化")]
    AlreadyInitialized,
    #[error("系统尚未完成初始设置，请先运行初始设置")]
    NotInitialized,
    #[error("数据库版本比本程序新（含有本程序不认识的升级 {0}），请升级程序后再打开")]
    SchemaTooNew(String),
    #[error("备份文件不可用：{0}")]
    BackupInvalid(String),
    #[error("{0}")]
    Unsupported(String),
    #[error("文件操作失败：{0}")]
    Io(String),
    #[error("数据库暂时无法访问，请稍后重试（{0}）")]
    DbUnavailable(String),
    /// Another writer (an import, a demo fill, a restore on the same PC) held the database longer
    /// than a short action waits. Nothing of the action was written.
    #[error("数据库正忙（正在导入数据），请稍后再试")]
    DbBusy(String),
    /// A coded column holds a value this build has no variant for (written by a newer build, or by
    /// hand): the message names the value, the column and the row.
    #[error("数据库中有{0}，请升级程序或联系技术支持")]
    UnknownStored(String),
    /// The detail is for logs and the CLI's stderr, never for the window.
    #[error("数据库操作失败，请重试；如果反复出现，请联系技术支持")]
    Db(String),
}

fn remaining_hint(remaining: Option<u32>) -> String {
    match remaining {
        Some(n) if n > 0 => format!("，还可尝试 {n} 次"),
        _ => String::new(),
    }
}

impl Error {
    pub fn invalid(code: &'static str, field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid { code, message: message.into(), field: Some(field) }
    }

    pub fn conflict(field: &'static str, message: impl Into<String>) -> Self {
        Error::Conflict { message: message.into(), field: Some(field) }
    }

    pub fn at_row(self, row: u32) -> Self {
        Error::AtRow { row, source: Box::new(self) }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Error::AtRow { source, .. } => source.code(),
            Error::Invalid { code, .. } => code,
            Error::NotFound { .. } => "not_found",
            Error::Forbidden { .. } => "forbidden",
            Error::Conflict { .. } => "conflict",
            Error::InvalidCredentials { .. } => "invalid_credentials",
            Error::AccountLocked { .. } => "account_locked",
            Error::AccountDisabled => "account_disabled",
            Error::NotLoggedIn => Code::NotLoggedIn.as_str(),
            Error::SessionLocked => Code::SessionLocked.as_str(),
            Error::AlreadyInitialized => "already_initialized",
            Error::NotInitialized => "not_initialized",
            Error::SchemaTooNew(_) => "schema_too_new",
            Error::BackupInvalid(_) => "backup_invalid",
            Error::Unsupported(_) => "unsupported",
            Error::Io(_) => "io_error",
            Error::DbUnavailable(_) => "db_unavailable",
            Error::DbBusy(_) => "db_busy",
            Error::UnknownStored(_) => "unknown_stored_value",
            Error::Db(_) => "db_error",
        }
    }

    /// Technical detail worth logging that the user-facing message leaves out.
    pub fn detail(&self) -> Option<&str> {
        match self {
            Error::Db(detail) | Error::DbBusy(detail) => Some(detail),
            Error::AtRow { source, .. } => source.detail(),
            _ => None,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } | Error::Conflict { field, .. } => *field,
            Error::AtRow { source, .. } => source.field(),
            Error::InvalidCredentials { .. } => Some("password"),
            _ => None,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message: self.to_string(),
            field: self.field().map(str::to_string),
            row: match self {
                Error::AtRow { row, .. } => Some(*row),
                _ => None,
            },
        }
    }
}

/// What the UI and `--json` output receive for an error.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "AppError")]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
    pub row: Option<u32>,
}

impl Serialize for Error {
    /// Serializing is how an error leaves the core for the window, so this is the one place where
    /// the technical detail the message leaves out can still reach a log.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Some(detail) = self.detail() {
            eprintln!("caredesk [{}]: {detail}", self.code());
        }
        self.payload().serialize(s)
    }
}

impl From<sea_orm::DbErr> for Error {
    fn from(e: sea_orm::DbErr) -> Self {
        use sea_orm::{DbErr, SqlErr};
        if let Some(SqlErr::UniqueConstraintViolation(_)) = e.sql_err() {
            return Error::Conflict { message: "与已有记录重复".into(), field: None };
        }
        if let Some(SqlErr::ForeignKeyConstraintViolation(_)) = e.sql_err() {
            return Error::Conflict { message: "关联的记录不存在或仍被引用".into(), field: None };
        }
        if is_busy(&e) {
            return Error::DbBusy(e.to_string());
        }
        if let DbErr::Type(text) = &e {
            if text.starts_with(crate::coded::UNKNOWN_STORED) {
                return Error::UnknownStored(text.clone());
            }
        }
        match e {
            DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => Error::DbUnavailable(e.to_string()),
            other => Error::Db(other.to_string()),
        }
    }
}

/// Whether the database refused a row a unique index already holds (two PCs writing at once).
pub(crate) fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

/// Whether the database refused because another transaction held what this one needed: SQLite's
/// BUSY and LOCKED (with their extended codes) after the busy timeout, PostgreSQL's lock timeout,
/// serialization failure and deadlock. Retrying later can succeed; nothing was written.
fn is_busy(e: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    let (DbErr::Conn(RuntimeErr::SqlxError(inner))
    | DbErr::Exec(RuntimeErr::SqlxError(inner))
    | DbErr::Query(RuntimeErr::SqlxError(inner))) = e
    else {
        return false;
    };
    let sea_orm::sqlx::Error::Database(db) = inner.as_ref() else { return false };
    let code = db.code().unwrap_or_default();
    match code.parse::<i32>() {
        // The primary result code is the low byte of SQLite's extended code.
        Ok(sqlite) => matches!(sqlite & 0xff, 5 | 6),
        Err(_) => matches!(code.as_ref(), "55P03" | "40001" | "40P01"),
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::sqlx::sqlite::SqliteConnectOptions;
    use sea_orm::{
        ConnectOptions, ConnectionTrait, Database, DatabaseConnection, SqliteTransactionMode, TransactionOptions, TransactionTrait,
    };
    use std::time::Duration;

    #[test]
    fn branch_codes_serialize_as_the_codes_errors_carry() {
        for code in Code::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
        assert_eq!(Error::NotLoggedIn.code(), "not_logged_in");
        assert_eq!(Error::SessionLocked.code(), "session_locked");
    }

    async fn connect(path: &std::path::Path, wait: Duration) -> DatabaseConnection {
        let file = path.to_path_buf();
        let mut opts = ConnectOptions::new("sqlite::memory:");
        opts.sqlx_logging(false).max_connections(1);
        opts.map_sqlx_sqlite_opts(move |_| SqliteConnectOptions::new().filename(&file).create_if_missing(true).busy_timeout(wait));
        Database::connect(opts).await.unwrap()
    }

    #[tokio::test]
    async fn a_write_refused_because_another_writer_holds_the_lock_is_db_busy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("busy.db");
        let holder = connect(&path, Duration::from_secs(5)).await;
        holder.execute_unprepared("PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER)").await.unwrap();
        let immediate = TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
        let lock = holder.begin_with_options(immediate).await.unwrap();
        lock.execute_unprepared("INSERT INTO t VALUES (1)").await.unwrap();

        let other = connect(&path, Duration::from_millis(50)).await;
        let refused = Error::from(other.begin_with_options(immediate).await.unwrap_err());
        assert_eq!((refused.code(), refused.to_string().as_str()), ("db_busy", "数据库正忙（正在导入数据），请稍后再试"));
        let refused = Error::from(other.execute_unprepared("INSERT INTO t VALUES (2)").await.unwrap_err());
        assert_eq!(refused.code(), "db_busy");
        assert!(refused.detail().is_some(), "the technical detail is kept for the log");
        lock.commit().await.unwrap();
        other.execute_unprepared("INSERT INTO t VALUES (2)").await.unwrap();
    }
}
