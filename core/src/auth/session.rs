use super::{current_user, Actor, Permissions, UserInfo};
use crate::error::{Error, Result};
use crate::Desk;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

/// One signed-in user at one window. It locks itself after the idle time; a locked session keeps
/// the user but refuses every action until the password is given again.
#[derive(Debug, Clone)]
pub struct Session {
    actor: Actor,
    locked: bool,
    last_activity: DateTime<Utc>,
    idle_lock_minutes: u32,
}

impl Session {
    pub(crate) fn new(actor: Actor, now: DateTime<Utc>, idle_lock_minutes: u32) -> Self {
        Session { actor, locked: false, last_activity: now, idle_lock_minutes }
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// The actor for an action at `now`; locks the session first if it has been idle too long.
    pub fn active_actor(&mut self, now: DateTime<Utc>) -> Result<&Actor> {
        if !self.locked && now - self.last_activity >= Duration::minutes(self.idle_lock_minutes as i64) {
            self.locked = true;
        }
        if self.locked {
            return Err(Error::SessionLocked);
        }
        self.last_activity = now;
        Ok(&self.actor)
    }

    pub fn lock(&mut self) {
        self.locked = true;
    }

    pub(crate) fn unlock(&mut self, now: DateTime<Utc>) {
        self.locked = false;
        self.last_activity = now;
    }

    pub fn set_idle_lock_minutes(&mut self, minutes: u32) {
        self.idle_lock_minutes = minutes;
    }

    pub async fn info(&self, desk: &Desk) -> Result<SessionInfo> {
        let user = current_user(desk, &self.actor).await?;
        let role = user.role;
        Ok(SessionInfo {
            user: UserInfo::from_model(user, desk.clock().now()),
            locked: self.locked,
            idle_lock_minutes: self.idle_lock_minutes,
            permissions: role.permissions(),
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub user: UserInfo,
    pub locked: bool,
    pub idle_lock_minutes: u32,
    pub permissions: Permissions,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_the_idle_time_and_stays_locked() {
        let t0 = "2026-11-28T01:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let mut s = Session::new(Actor::new(1, "admin".into()), t0, 15);
        assert!(s.active_actor(t0 + Duration::minutes(14)).is_ok());
        // Activity at 14 minutes restarts the count.
        assert!(s.active_actor(t0 + Duration::minutes(28)).is_ok());
        assert_eq!(s.active_actor(t0 + Duration::minutes(43)).unwrap_err().code(), "session_locked");
        assert_eq!(s.active_actor(t0 + Duration::minutes(44)).unwrap_err().code(), "session_locked");
        s.unlock(t0 + Duration::minutes(45));
        assert!(s.active_actor(t0 + Duration::minutes(46)).is_ok());
    }
}
