//! The schema: built from nothing, and opening again is a no-op.

use crate::common;

use caredesk_core::db::migration;
use caredesk_core::{Desk, Location};

backend_test!(migrates_from_empty_and_rerun_is_a_no_op, |db| {
    let admin = db.with_admin().await;
    let _ = admin;
    let applied = migration::applied_names(db.desk().db_for_tests()).await.unwrap();
    assert_eq!(applied, migration::known_names());
    // Opening the same database again applies nothing and keeps the data.
    let again = Desk::open(db.location.clone()).await.unwrap();
    assert_eq!(migration::applied_names(again.db_for_tests()).await.unwrap(), migration::known_names());
    assert_eq!(common::count_rows(&again, "users").await, 1);
    again.close().await;
});

#[tokio::test]
async fn a_first_open_makes_no_backup_of_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("caredesk.db");
    Desk::open(Location::SqliteFile(file.clone())).await.unwrap().close().await;
    assert!(caredesk_core::backup::list_dir(&caredesk_core::backup::backup_dir(&file)).unwrap().is_empty());
}
