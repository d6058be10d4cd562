//! What the window holds between commands: the open database and the signed-in session.

use caredesk_core::auth::{Actor, Session};
use caredesk_core::{Desk, Error, Result};
use std::sync::Mutex;
use tokio::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

pub struct AppState {
    /// `None` only when opening failed (the error is kept) or a restore could not reopen.
    desk: RwLock<Option<Desk>>,
    open_error: Option<Error>,
    session: Mutex<Option<Session>>,
}

impl AppState {
    pub fn new(opened: Result<Desk>) -> Self {
        let (desk, open_error) = match opened {
            Ok(d) => (Some(d), None),
            Err(e) => (None, Some(e)),
        };
        AppState { desk: RwLock::new(desk), open_error, session: Mutex::new(None) }
    }

    pub async fn desk(&self) -> Result<RwLockReadGuard<'_, Desk>> {
        let guard = self.desk.read().await;
        RwLockReadGuard::try_map(guard, Option::as_ref).map_err(|_| self.unavailable())
    }

    /// The database and the signed-in, unlocked user: what almost every command needs.
    pub async fn signed_in(&self) -> Result<(RwLockReadGuard<'_, Desk>, Actor)> {
        let desk = self.desk().await?;
        let actor = self.actor(&desk)?;
        Ok((desk, actor))
    }

    pub async fn desk_mut(&self) -> RwLockWriteGuard<'_, Option<Desk>> {
        self.desk.write().await
    }

    fn unavailable(&self) -> Error {
        match &self.open_error {
            Some(Error::SchemaTooNew(v)) => Error::SchemaTooNew(v.clone()),
            Some(e) => Error::DbUnavailable(format!("{e}。请关闭程序后重新打开")),
            None => Error::DbUnavailable("数据库已关闭，请重新打开程序".into()),
        }
    }

    /// The signed-in, unlocked user; counts as activity for the idle lock.
    pub fn actor(&self, desk: &Desk) -> Result<Actor> {
        let mut session = self.session.lock().unwrap_or_else(|p| p.into_inner());
        let session = session.as_mut().ok_or(Error::NotLoggedIn)?;
        session.active_actor(desk.clock().now()).cloned()
    }

    pub fn with_session<T>(&self, f: impl FnOnce(&mut Option<Session>) -> T) -> T {
        let mut session = self.session.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut session)
    }

    pub fn session_snapshot(&self) -> Option<Session> {
        self.with_session(|s| s.clone())
    }
}
