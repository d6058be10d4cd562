//! Users, roles, sign-in, sessions and the audit log.
//!
//! An [`Actor`] can only be obtained by signing in, and every core function that reads or changes
//! personal data takes one, so a caller (the app, the CLI) cannot skip the role check or the audit row.

pub mod audit;
mod login;
pub mod password;
mod role;
mod session;
mod users;

pub use login::{login, logout, unlock, LOCKOUT_MINUTES, MAX_FAILED_LOGINS};
pub use role::{role_options, Permissions, Role, RoleOption};
pub use session::{Session, SessionInfo};
pub(crate) use users::insert_user as users_insert;
pub use users::{add_user, list_users, reset_password, set_disabled, set_large_text, set_role, NewUser, UserInfo};

use crate::db::entity::user;
use crate::error::{Error, Result};
use crate::Desk;
use sea_orm::EntityTrait;

/// A signed-in user acting through the app or the CLI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    user_id: i32,
    username: String,
}

impl Actor {
    pub(crate) fn new(user_id: i32, username: String) -> Self {
        Actor { user_id, username }
    }
    pub fn user_id(&self) -> i32 {
        self.user_id
    }
    pub fn username(&self) -> &str {
        &self.username
    }
}

/// Checks the actor's current role and status in the database, so a role change or a disabled
/// account takes effect at once, not at the next sign-in.
pub(crate) async fn authorize(desk: &Desk, actor: &Actor, needed: Role, action: &'static str) -> Result<user::Model> {
    authorize_any(desk, actor, &[needed], action).await
}

/// Like [`authorize`] for actions that several roles may take.
pub(crate) async fn authorize_any(desk: &Desk, actor: &Actor, allowed: &[Role], action: &'static str) -> Result<user::Model> {
    let current = current_user(desk, actor).await?;
    if allowed.contains(&current.role) {
        return Ok(current);
    }
    let needed = allowed.iter().map(|r| r.label()).collect::<Vec<_>>().join("或");
    Err(Error::Forbidden { action, needed })
}

pub(crate) async fn current_user(desk: &Desk, actor: &Actor) -> Result<user::Model> {
    let current = user::Entity::find_by_id(actor.user_id).one(desk.db()).await?.ok_or(Error::NotLoggedIn)?;
    if current.disabled {
        return Err(Error::AccountDisabled);
    }
    Ok(current)
}
