//! The audit log: written with the action, filterable, and impossible to change.

use crate::common;

use caredesk_core::auth::audit::{self, AuditFilter};
use caredesk_core::auth::Role;
use caredesk_core::communities::{self, CommunityKind, NewCommunity};
use caredesk_core::db::raw_execute;
use chrono::{Duration, NaiveDate};

backend_test!(every_write_is_audited_and_filterable, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    communities::add(desk, &admin, NewCommunity { parent_id: None, kind: CommunityKind::Community, name: "双桥社区".into() })
        .await
        .unwrap();
    db.clock.advance(Duration::days(1));
    let _ = caredesk_core::auth::login(desk, "admin", "bad-password").await;
    let all = audit::list(desk, &admin, &AuditFilter { page: 1, page_size: 50, ..Default::default() }).await.unwrap();
    let actions: Vec<&str> = all.rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["login_failed", "community_add", "login", "setup"], "newest first");
    assert_eq!(all.rows[1].action_label, "新增社区网格");
    assert_eq!(all.rows[1].username.as_deref(), Some("admin"));
    assert_eq!(all.rows[1].detail.as_deref(), Some("社区“双桥社区”"));
    assert_eq!(all.rows[0].detail.as_deref(), Some("来源：程序窗口"), "a sign-in says where it came from");

    let by_action = AuditFilter { action: Some("community_add".into()), page: 1, page_size: 50, ..Default::default() };
    assert_eq!(audit::list(desk, &admin, &by_action).await.unwrap().total, 1);
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
    let first_day = AuditFilter { from: day(28), to: day(28), page: 1, page_size: 50, ..Default::default() };
    assert_eq!(audit::list(desk, &admin, &first_day).await.unwrap().total, 3);
    let second_day = AuditFilter { from: day(29), page: 1, page_size: 50, ..Default::default() };
    assert_eq!(audit::list(desk, &admin, &second_day).await.unwrap().total, 1);
    let by_user = AuditFilter { user_id: Some(admin.user_id()), page: 2, page_size: 3, ..Default::default() };
    let page2 = audit::list(desk, &admin, &by_user).await.unwrap();
    assert_eq!((page2.total, page2.rows.len()), (4, 1));

    let viewer = db.add_user(&admin, "chakan", Role::Viewer).await;
    assert_eq!(audit::list(desk, &viewer, &by_action).await.unwrap_err().code(), "forbidden");
});

backend_test!(audit_rows_cannot_be_changed_or_deleted, |db| {
    db.with_admin().await;
    let desk = db.desk();
    let n = db.count("audit_log").await;
    assert!(n >= 1);
    assert!(raw_execute(desk, "UPDATE audit_log SET action = 'forged'").await.is_err());
    assert!(raw_execute(desk, "DELETE FROM audit_log").await.is_err());
    assert_eq!(db.count("audit_log").await, n);
});
