//! `caredesk-core`: the rules, services and storage of CareDesk (一老一小服务台), with no window.
//!
//! Open a [`Desk`] on a database (an embedded SQLite file by default, PostgreSQL by URL), sign in
//! with [`auth::login`] to get a [`auth::Session`] and its [`auth::Actor`], then call the module
//! services (`communities::add(&desk, actor, …)`, …). The Tauri app and the `caredesk` CLI are thin
//! views over the same functions, so roles, validation and the audit log behave the same in both.

pub mod auth;
pub mod backup;
pub mod clock;
pub mod communities;
pub mod residents;
pub mod db;
pub mod error;
pub mod settings;
mod validate;

pub use clock::Clock;
pub use db::Location;
pub use error::{Error, ErrorPayload, Result};

use db::migration::{self, Migrator};
use sea_orm::DatabaseConnection;
use sea_orm_migration::MigratorTrait;

/// A handle on one CareDesk database, migrated to this build's schema.
pub struct Desk {
    db: DatabaseConnection,
    location: Location,
    clock: Clock,
}

impl Desk {
    pub async fn open(location: Location) -> Result<Desk> {
        Desk::open_with_clock(location, Clock::system()).await
    }

    /// Connects, refuses a database from a newer build, backs up an existing SQLite database before
    /// applying pending migrations, then migrates.
    pub async fn open_with_clock(location: Location, clock: Clock) -> Result<Desk> {
        let db = db::connect(&location).await?;
        let applied = migration::applied_names(&db).await?;
        migration::ensure_not_newer(&applied)?;
        let pending = applied.len() < migration::known_names().len();
        if pending && !applied.is_empty() {
            if let Some(file) = location.sqlite_path() {
                backup::snapshot(&db, file, clock.now(), backup::Reason::PreMigration).await?;
            }
        }
        if pending {
            Migrator::up(&db, None).await?;
        }
        Ok(Desk { db, location, clock })
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub(crate) fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Waits for running statements, checkpoints the WAL and closes the connections.
    pub async fn close(self) {
        let _ = self.db.close().await;
    }
}

impl Desk {
    /// The raw connection, for tests that inspect the schema.
    #[doc(hidden)]
    pub fn db_for_tests(&self) -> &DatabaseConnection {
        &self.db
    }
}
