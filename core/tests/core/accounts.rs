//! Set-up, sign-in, lockout, roles and user management, on SQLite and PostgreSQL.

use crate::common;

use caredesk_core::auth::{self, Role};
use caredesk_core::settings::{self, OfficeSettings, SetupRequest};
use chrono::Duration;
use common::ADMIN_PASSWORD;

fn setup(office: &str, password: &str, confirm: &str) -> SetupRequest {
    SetupRequest { office_name: office.into(), admin_username: "admin".into(), password: password.into(), password_confirm: confirm.into() }
}

backend_test!(setup_creates_the_admin_once, |db| {
    assert!(!settings::is_initialized(db.desk()).await.unwrap());
    let e = settings::initialize(db.desk(), setup("中阳楼街道办事处", "Passw0rd!", "Passw0rd?")).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("password_mismatch", Some("passwordConfirm")));
    let e = settings::initialize(db.desk(), setup("中阳楼街道办事处", "short", "short")).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("password_too_short", Some("password")));
    let e = settings::initialize(db.desk(), setup("  ", "Passw0rd!", "Passw0rd!")).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("required", Some("officeName")));
    // Refused input changed nothing.
    assert_eq!(db.count("users").await, 0);
    assert_eq!(db.count("audit_log").await, 0);

    let admin = db.with_admin().await;
    let status = settings::app_status(db.desk(), None).await.unwrap();
    assert!(status.initialized);
    assert_eq!(status.office_name.as_deref(), Some("中阳楼街道办事处"));
    assert_eq!(status.today_text, "2026年11月28日 星期六");
    let e = settings::initialize(db.desk(), setup("别的街道", "Passw0rd!", "Passw0rd!")).await.unwrap_err();
    assert_eq!(e.code(), "already_initialized");
    let users = auth::list_users(db.desk(), &admin).await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!((users[0].role, users[0].role_label.as_str()), (Role::Admin, "管理员"));
});

backend_test!(five_wrong_passwords_lock_the_account_for_five_minutes, |db| {
    db.with_admin().await;
    let desk = db.desk();
    for remaining in [4, 3, 2, 1] {
        let e = auth::login(desk, "admin", "wrong-password").await.unwrap_err();
        assert_eq!(e.code(), "invalid_credentials");
        assert_eq!(e.to_string(), format!("用户名或密码错误，还可尝试 {remaining} 次"));
        assert_eq!(e.field(), Some("password"));
    }
    let e = auth::login(desk, "admin", "wrong-password").await.unwrap_err();
    assert_eq!(e.code(), "account_locked");
    assert!(e.to_string().contains("锁定"), "{e}");
    assert!(e.to_string().contains("11月28日 10:05"), "says until when: {e}");
    // While locked even the right password is refused.
    db.clock.advance(Duration::minutes(4));
    assert_eq!(auth::login(desk, "admin", ADMIN_PASSWORD).await.unwrap_err().code(), "account_locked");
    db.clock.advance(Duration::minutes(1));
    let session = auth::login(desk, "admin", ADMIN_PASSWORD).await.expect("lock has ended");
    assert!(!session.is_locked());
    // Success resets the count.
    assert_eq!(auth::login(desk, "admin", "nope-nope").await.unwrap_err().to_string(), "用户名或密码错误，还可尝试 4 次");
    // Unknown users get the same answer without a count.
    let e = auth::login(desk, "nobody", "whatever1").await.unwrap_err();
    assert_eq!((e.code(), e.to_string().as_str()), ("invalid_credentials", "用户名或密码错误"));
});

backend_test!(roles_are_enforced_in_the_core, |db| {
    let admin = db.with_admin().await;
    let canteen = db.add_user(&admin, "shitang", Role::Canteen).await;
    let desk = db.desk();
    let new = auth::NewUser { username: "x1".into(), display_name: String::new(), role: Role::Admin, password: "Secret123".into() };
    let e = auth::add_user(desk, &canteen, new).await.unwrap_err();
    assert_eq!(e.code(), "forbidden");
    assert_eq!(e.to_string(), "没有权限：新增用户需要管理员角色");
    assert_eq!(auth::list_users(desk, &canteen).await.unwrap_err().code(), "forbidden");
    assert_eq!(auth::set_role(desk, &canteen, canteen.user_id(), Role::Admin).await.unwrap_err().code(), "forbidden");
    let s = OfficeSettings { office_name: "x".into(), print_header: String::new(), idle_lock_minutes: 5 };
    assert_eq!(settings::update(desk, &canteen, s).await.unwrap_err().code(), "forbidden");
    assert_eq!(db.count("users").await, 2);

    // A promotion takes effect at once, without signing in again; so does disabling.
    auth::set_role(desk, &admin, canteen.user_id(), Role::Admin).await.unwrap();
    assert_eq!(auth::list_users(desk, &canteen).await.unwrap().len(), 2);
    auth::set_disabled(desk, &admin, canteen.user_id(), true).await.unwrap();
    assert_eq!(auth::list_users(desk, &canteen).await.unwrap_err().code(), "account_disabled");
    assert_eq!(auth::login(desk, "shitang", "Secret123").await.unwrap_err().code(), "account_disabled");
});

backend_test!(user_management_rules, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let dup = auth::NewUser { username: "admin".into(), display_name: String::new(), role: Role::Viewer, password: "Secret123".into() };
    let e = auth::add_user(desk, &admin, dup).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("conflict", Some("username")));
    let e = auth::set_disabled(desk, &admin, admin.user_id(), true).await.unwrap_err();
    assert_eq!(e.code(), "cannot_disable_self");
    let e = auth::set_role(desk, &admin, admin.user_id(), Role::Viewer).await.unwrap_err();
    assert_eq!(e.code(), "last_admin");
    let health = db.add_user(&admin, "weisheng", Role::Health).await;
    let e = auth::reset_password(desk, &admin, health.user_id(), "short").await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("password_too_short", Some("password")));
    for _ in 0..5 {
        let _ = auth::login(desk, "weisheng", "wrong-password").await;
    }
    let locked = auth::list_users(desk, &admin).await.unwrap();
    assert!(locked.iter().any(|u| u.username == "weisheng" && u.locked_until.is_some()));
    // A reset lifts the lockout.
    auth::reset_password(desk, &admin, health.user_id(), "NewSecret9").await.unwrap();
    assert!(auth::login(desk, "weisheng", "NewSecret9").await.is_ok());
    assert_eq!(auth::set_disabled(desk, &admin, 9999, true).await.unwrap_err().code(), "not_found");
    let info = auth::set_large_text(desk, &health, true).await.unwrap();
    assert!(info.large_text);
});

backend_test!(settings_are_validated_and_audited, |db| {
    let admin = db.with_admin().await;
    let desk = db.desk();
    let before = db.count("audit_log").await;
    let bad = OfficeSettings { office_name: "中阳楼街道办事处".into(), print_header: String::new(), idle_lock_minutes: 0 };
    let e = settings::update(desk, &admin, bad).await.unwrap_err();
    assert_eq!((e.code(), e.field()), ("out_of_range", Some("idleLockMinutes")));
    assert_eq!(db.count("audit_log").await, before);
    let good =
        OfficeSettings {
            office_name: "中阳楼街道办事处".into(), print_header: "孝义市中阳楼街道办事处".into(), idle_lock_minutes: 30
        };
    let saved = settings::update(desk, &admin, good.clone()).await.unwrap();
    assert_eq!(saved, good);
    assert_eq!(db.count("audit_log").await, before + 1);
    // The idle time applies to the next sign-in.
    let session = auth::login(desk, "admin", ADMIN_PASSWORD).await.unwrap();
    assert_eq!(session.info(desk).await.unwrap().idle_lock_minutes, 30);
});

backend_test!(unlock_needs_the_password, |db| {
    db.with_admin().await;
    let desk = db.desk();
    let mut session = auth::login(desk, "admin", ADMIN_PASSWORD).await.unwrap();
    session.lock();
    assert_eq!(session.active_actor(db.clock.now()).unwrap_err().code(), "session_locked");
    assert_eq!(auth::unlock(desk, &mut session, "wrong-pass").await.unwrap_err().code(), "invalid_credentials");
    auth::unlock(desk, &mut session, ADMIN_PASSWORD).await.unwrap();
    assert!(session.active_actor(db.clock.now()).is_ok());
    let info = session.info(desk).await.unwrap();
    assert!(info.permissions.manage_system);
    auth::logout(desk, session).await.unwrap();
});
