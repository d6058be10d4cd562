use super::audit::{self, Action, Entry};
use super::{password, Actor, Session};
use crate::clock::short_time_text;
use crate::db::entity::user;
use crate::error::{Error, Result};
use crate::{settings, Desk};
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

pub const MAX_FAILED_LOGINS: i32 = 5;
pub const LOCKOUT_MINUTES: i64 = 5;

/// Signs a user in. Five wrong passwords in a row lock the account for five minutes; every attempt
/// on a known account is audited.
pub async fn login(desk: &Desk, username: &str, password: &str) -> Result<Session> {
    let username = username.trim();
    let found = user::Entity::find().filter(user::Column::Username.eq(username)).one(desk.db()).await?;
    let Some(found) = found else {
        // Spend the same time as a real check so a stranger cannot probe for user names.
        let _ = password::verify(password, dummy_hash());
        return Err(Error::InvalidCredentials { remaining: None });
    };
    let actor = check_password(desk, found, password).await?;
    let idle = settings::get(desk).await?.idle_lock_minutes;
    Ok(Session::new(actor, desk.clock().now(), idle))
}

/// Unlocks a locked screen: the same password rules (and lockout) as signing in.
pub async fn unlock(desk: &Desk, session: &mut Session, password: &str) -> Result<()> {
    let found = user::Entity::find_by_id(session.actor().user_id()).one(desk.db()).await?.ok_or(Error::NotLoggedIn)?;
    check_password(desk, found, password).await?;
    session.unlock(desk.clock().now());
    Ok(())
}

pub async fn logout(desk: &Desk, session: Session) -> Result<()> {
    let actor = session.actor();
    audit::record(desk.db(), desk.clock().now(), Some((actor.user_id(), actor.username())), Entry::new(Action::Logout)).await
}

async fn check_password(desk: &Desk, found: user::Model, password: &str) -> Result<Actor> {
    let now = desk.clock().now();
    if found.disabled {
        return Err(Error::AccountDisabled);
    }
    if let Some(until) = found.locked_until.filter(|u| *u > now) {
        return Err(Error::AccountLocked { until: short_time_text(until) });
    }
    let who = (found.id, found.username.clone());
    let ok = password::verify(password, &found.password_hash);
    let failed = if ok { 0 } else { found.failed_logins + 1 };
    let lock_now = failed >= MAX_FAILED_LOGINS;
    let txn = desk.begin_write().await?;
    let mut row = found.into_active_model();
    row.failed_logins = Set(if lock_now { 0 } else { failed });
    if ok {
        row.locked_until = Set(None);
        row.last_login_at = Set(Some(now));
    } else if lock_now {
        row.locked_until = Set(Some(now + Duration::minutes(LOCKOUT_MINUTES)));
    }
    row.update(&txn).await?;
    let action = match (ok, lock_now) {
        (true, _) => Action::LoginSucceeded,
        (false, true) => Action::AccountLocked,
        (false, false) => Action::LoginFailed,
    };
    let source = format!("来源：{}", desk.origin().label());
    audit::record(&txn, now, Some((who.0, &who.1)), Entry::new(action).on("user", who.0).detail(source)).await?;
    txn.commit().await?;
    match (ok, lock_now) {
        (true, _) => Ok(Actor::new(who.0, who.1)),
        (false, true) => Err(Error::AccountLocked { until: short_time_text(now + Duration::minutes(LOCKOUT_MINUTES)) }),
        (false, false) => Err(Error::InvalidCredentials { remaining: Some((MAX_FAILED_LOGINS - failed) as u32) }),
    }
}

/// A real argon2id hash of a throw-away string, so unknown-user answers are as slow as real ones.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| password::hash("caredesk-no-such-user").unwrap_or_default())
}
