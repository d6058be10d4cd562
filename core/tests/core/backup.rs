//! Backups and restores of the embedded SQLite database.

use crate::common;

use caredesk_core::auth::audit::{self, AuditFilter};
use caredesk_core::backup;
use caredesk_core::communities::{self, CommunityKind, NewCommunity};
use caredesk_core::db::raw_execute;
use caredesk_core::Desk;
use chrono::Duration;
use common::TestDb;

async fn add_community(db: &TestDb, actor: &caredesk_core::auth::Actor, name: &str) {
    let new = NewCommunity { parent_id: None, kind: CommunityKind::Community, name: name.into() };
    communities::add(db.desk(), actor, new).await.unwrap();
}

#[tokio::test]
async fn backup_then_restore_brings_the_data_back() {
    let mut db = TestDb::sqlite().await;
    let admin = db.with_admin().await;
    add_community(&db, &admin, "双桥社区").await;
    let made = backup::create(db.desk(), &admin).await.unwrap();
    assert_eq!(made.reason, "手动备份");
    db.clock.advance(Duration::minutes(1));
    add_community(&db, &admin, "写在备份之后").await;
    assert_eq!(db.count("communities").await, 2);

    let desk = db.desk.take().unwrap();
    let desk = backup::restore(desk, &admin, &backup_path(&db, &made.file_name)).await.unwrap();
    assert_eq!(common::count_rows(&desk, "communities").await, 1);
    let list = backup::list(&desk, &admin).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].reason, "恢复前自动备份", "the data before the restore is kept");
    // The restore itself is in the restored database's log.
    let page = caredesk_core::auth::audit::list(&desk, &admin, &Default::default()).await.unwrap();
    assert_eq!(page.rows[0].action, "backup_restore");
    // And the kept backup really holds the later data.
    let kept = backup_path(&db, &list[0].file_name);
    db.desk = Some(desk);
    let desk = backup::restore(db.desk.take().unwrap(), &admin, &kept).await.unwrap();
    assert_eq!(common::count_rows(&desk, "communities").await, 2);
    db.desk = Some(desk);
    db.finish().await;
}

#[tokio::test]
async fn restore_refuses_a_corrupt_file_and_changes_nothing() {
    let mut db = TestDb::sqlite().await;
    let admin = db.with_admin().await;
    add_community(&db, &admin, "双桥社区").await;
    let dir = tempfile::tempdir().unwrap();

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database at all, just text").unwrap();
    let e = backup::prepare_restore(db.desk(), &admin, &garbage).await.unwrap_err();
    assert_eq!(e.code(), "backup_invalid");

    // A real backup with damaged pages in the middle.
    let good = backup::create(db.desk(), &admin).await.unwrap();
    let mut bytes = std::fs::read(backup_path(&db, &good.file_name)).unwrap();
    assert!(bytes.len() > 8192);
    for b in &mut bytes[4096..8192] {
        *b = 0xA5;
    }
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, &bytes).unwrap();
    let e = backup::prepare_restore(db.desk(), &admin, &damaged).await.unwrap_err();
    assert_eq!(e.code(), "backup_invalid", "{e}");

    let missing = dir.path().join("missing.db");
    assert_eq!(backup::prepare_restore(db.desk(), &admin, &missing).await.unwrap_err().code(), "backup_invalid");
    let e = backup::prepare_restore_named(db.desk(), &admin, "../caredesk.db").await.unwrap_err();
    assert_eq!(e.code(), "invalid_backup_name");
    // Nothing was replaced and no pre-restore backup was made for a refused file.
    assert_eq!(db.count("communities").await, 1);
    assert_eq!(backup::list(db.desk(), &admin).await.unwrap().len(), 1);
    let desk = db.desk.take().unwrap();
    assert!(backup::restore(desk, &admin, &garbage).await.is_err());
    db.finish().await;
}

#[tokio::test]
async fn restore_refuses_a_backup_from_a_newer_version() {
    let db = TestDb::sqlite().await;
    let admin = db.with_admin().await;
    let made = backup::create(db.desk(), &admin).await.unwrap();
    let path = backup_path(&db, &made.file_name);
    // Pretend a newer build migrated this backup further.
    let newer = Desk::open(caredesk_core::Location::SqliteFile(path.clone())).await.unwrap();
    raw_execute(&newer, "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m29990101_000001_future', 0)").await.unwrap();
    newer.close().await;
    let e = backup::prepare_restore(db.desk(), &admin, &path).await.unwrap_err();
    assert_eq!(e.code(), "schema_too_new");
    assert!(e.to_string().contains("m29990101_000001_future"));
    // Opening such a database directly is refused the same way.
    let e = Desk::open(caredesk_core::Location::SqliteFile(path)).await.err().unwrap();
    assert_eq!(e.code(), "schema_too_new");
    db.finish().await;
}

#[tokio::test]
async fn keeps_thirty_backups_and_one_daily_backup_a_day() {
    let db = TestDb::sqlite().await;
    let admin = db.with_admin().await;
    let daily = backup::ensure_daily(db.desk()).await.unwrap().unwrap();
    assert!(backup::ensure_daily(db.desk()).await.unwrap().is_none(), "one a day");
    let filter = AuditFilter { action: Some("backup_daily".into()), page: 1, page_size: 10, ..Default::default() };
    let rows = audit::list(db.desk(), &admin, &filter).await.unwrap().rows;
    assert_eq!(rows.len(), 1, "the daily backup is audited, once");
    assert_eq!((rows[0].username.as_deref(), rows[0].detail.as_deref()), (None, Some(daily.file_name.as_str())));
    for _ in 0..32 {
        db.clock.advance(Duration::seconds(1));
        backup::create(db.desk(), &admin).await.unwrap();
    }
    let list = backup::list(db.desk(), &admin).await.unwrap();
    assert_eq!(list.len(), backup::KEEP);
    assert!(list.iter().all(|b| b.reason == "手动备份"), "the oldest went first");
    db.clock.advance(Duration::days(1));
    assert_eq!(backup::ensure_daily(db.desk()).await.unwrap().unwrap().reason, "每日自动备份");
    db.finish().await;
}

#[tokio::test]
async fn only_admins_back_up() {
    let db = TestDb::sqlite().await;
    let admin = db.with_admin().await;
    let canteen = db.add_user(&admin, "shitang", caredesk_core::auth::Role::Canteen).await;
    assert_eq!(backup::create(db.desk(), &canteen).await.unwrap_err().code(), "forbidden");
    assert_eq!(backup::list(db.desk(), &canteen).await.unwrap_err().code(), "forbidden");
    db.finish().await;
}

fn backup_path(db: &TestDb, file_name: &str) -> std::path::PathBuf {
    backup::backup_dir(db.location.sqlite_path().unwrap()).join(file_name)
}
