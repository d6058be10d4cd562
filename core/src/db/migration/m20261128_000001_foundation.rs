//! Settings, users, the audit log and the community tree.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create().table(Settings::Table).col(string(Settings::Key).primary_key()).col(text(Settings::Value)).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string_uniq(Users::Username))
                    .col(string(Users::DisplayName))
                    .col(string(Users::Role))
                    .col(string(Users::PasswordHash))
                    .col(boolean(Users::Disabled).default(false))
                    .col(boolean(Users::LargeText).default(false))
                    .col(integer(Users::FailedLogins).default(0))
                    .col(timestamp_with_time_zone_null(Users::LockedUntil))
                    .col(timestamp_with_time_zone_null(Users::LastLoginAt))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::UserId))
                    .col(string_null(AuditLog::Username))
                    .col(string(AuditLog::Action))
                    .col(string_null(AuditLog::Entity))
                    .col(string_null(AuditLog::EntityId))
                    .col(text_null(AuditLog::Detail))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [("idx_audit_log_at", AuditLog::At), ("idx_audit_log_action", AuditLog::Action)] {
            manager.create_index(Index::create().name(name).table(AuditLog::Table).col(col).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Communities::Table)
                    .col(pk_auto(Communities::Id))
                    .col(integer_null(Communities::ParentId))
                    .col(string(Communities::Kind))
                    .col(string(Communities::Name))
                    .col(boolean(Communities::Active).default(true))
                    .col(timestamp_with_time_zone(Communities::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_communities_parent")
                            .from(Communities::Table, Communities::ParentId)
                            .to(Communities::Table, Communities::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_communities_parent_name")
                    .table(Communities::Table)
                    .col(Communities::ParentId)
                    .col(Communities::Name)
                    .to_owned(),
            )
            .await?;
        make_audit_log_append_only(manager.get_connection()).await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("migrations are forward-only".into()))
    }
}

async fn make_audit_log_append_only<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let statements: &[&str] = match db.get_database_backend() {
        DbBackend::Sqlite => &[
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        ],
        DbBackend::Postgres => &[
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log \
             FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
        ],
        _ => &[],
    };
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

#[derive(DeriveIden)]
enum Settings {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    DisplayName,
    Role,
    PasswordHash,
    Disabled,
    LargeText,
    FailedLogins,
    LockedUntil,
    LastLoginAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    UserId,
    Username,
    Action,
    Entity,
    EntityId,
    Detail,
}

#[derive(DeriveIden)]
enum Communities {
    Table,
    Id,
    ParentId,
    Kind,
    Name,
    Active,
    CreatedAt,
}
