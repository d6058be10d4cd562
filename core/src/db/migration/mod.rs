//! Forward-only migrations. A landed migration is never edited; a change is a new file.

use sea_orm_migration::prelude::*;

mod m20261128_000001_foundation;
mod m20261128_000002_residents;
mod m20261128_000003_canteen;
mod m20261128_000004_checkups;
mod m20261203_000005_childcare;
mod m20261203_000006_childcare_staff;
mod m20261203_000007_volunteers;
mod m20261203_000008_volunteer_activities;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_foundation::Migration),
            Box::new(m20261128_000002_residents::Migration),
            Box::new(m20261128_000003_canteen::Migration),
            Box::new(m20261128_000004_checkups::Migration),
            Box::new(m20261203_000005_childcare::Migration),
            Box::new(m20261203_000006_childcare_staff::Migration),
            Box::new(m20261203_000007_volunteers::Migration),
            Box::new(m20261203_000008_volunteer_activities::Migration),
        ]
    }
}

/// Names of every migration this build knows, oldest first.
pub fn known_names() -> Vec<String> {
    names_of::<Migrator>()
}

pub(crate) fn names_of<M: MigratorTrait>() -> Vec<String> {
    M::migrations().iter().map(|m| m.name().to_string()).collect()
}

use crate::error::{Error, Result};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// Migrations recorded in a database; empty for a database that has never been migrated.
pub async fn applied_names(db: &DatabaseConnection) -> Result<Vec<String>> {
    let backend = db.get_database_backend();
    let exists_sql = match backend {
        sea_orm::DbBackend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'seaql_migrations' \
             AND table_schema = current_schema()"
        }
        _ => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'seaql_migrations'",
    };
    let exists =
        db.query_one_raw(Statement::from_string(backend, exists_sql)).await?.and_then(|r| r.try_get_by_index::<i64>(0).ok()).unwrap_or(0);
    if exists == 0 {
        return Ok(Vec::new());
    }
    let rows = db.query_all_raw(Statement::from_string(backend, "SELECT version FROM seaql_migrations ORDER BY version")).await?;
    Ok(rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect())
}

/// Refuses a database that a newer build has migrated further than this one knows.
pub fn ensure_not_newer(applied: &[String]) -> Result<()> {
    ensure_known(applied, &known_names())
}

pub(crate) fn ensure_known(applied: &[String], known: &[String]) -> Result<()> {
    match applied.iter().find(|a| !known.contains(a)) {
        Some(unknown) => Err(Error::SchemaTooNew(unknown.clone())),
        None => Ok(()),
    }
}
