//! Numbers given in order (志愿者编号, proof numbers): one row per counter, raised inside the
//! caller's write. On PostgreSQL the `UPDATE … RETURNING` holds the row until the write commits,
//! so two PCs issuing at once get two numbers, never the same one; on SQLite the write lock already
//! orders the writers.

use crate::error::{Error, Result};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// The next number of counter `key`: 1 for a new counter.
pub(crate) async fn next<C: ConnectionTrait>(db: &C, key: &str) -> Result<i64> {
    let backend = db.get_database_backend();
    let (insert, update) = match backend {
        DbBackend::Postgres => (
            "INSERT INTO counters (key, value) VALUES ($1, 0) ON CONFLICT (key) DO NOTHING",
            "UPDATE counters SET value = value + 1 WHERE key = $1 RETURNING value",
        ),
        _ => (
            "INSERT INTO counters (key, value) VALUES (?, 0) ON CONFLICT (key) DO NOTHING",
            "UPDATE counters SET value = value + 1 WHERE key = ? RETURNING value",
        ),
    };
    db.execute_raw(Statement::from_sql_and_values(backend, insert, [key.into()])).await?;
    let row = db.query_one_raw(Statement::from_sql_and_values(backend, update, [key.into()])).await?;
    row.and_then(|r| r.try_get_by_index::<i64>(0).ok()).ok_or(Error::NotFound { what: "编号计数器" })
}
