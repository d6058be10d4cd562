use super::audit::{self, Action, Entry};
use super::{authorize, current_user, password, Actor, Role};
use crate::db::entity::user;
use crate::error::{Error, Result};
use crate::{validate, Desk};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserInfo {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub role_label: String,
    pub disabled: bool,
    pub large_text: bool,
    /// Set while a lockout after wrong passwords is running.
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
}

impl UserInfo {
    pub(crate) fn from_model(m: user::Model, now: DateTime<Utc>) -> Self {
        // A role no longer known (a newer build wrote it) shows as the least powerful one.
        let role = m.role;
        UserInfo {
            id: m.id,
            username: m.username,
            display_name: m.display_name,
            role,
            role_label: role.label().to_string(),
            disabled: m.disabled,
            large_text: m.large_text,
            locked_until: m.locked_until.filter(|u| *u > now),
            last_login_at: m.last_login_at,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
}

pub async fn list_users(desk: &Desk, actor: &Actor) -> Result<Vec<UserInfo>> {
    authorize(desk, actor, Role::Admin, "查看用户").await?;
    let now = desk.clock().now();
    let rows = user::Entity::find().order_by_asc(user::Column::Id).all(desk.db()).await?;
    Ok(rows.into_iter().map(|m| UserInfo::from_model(m, now)).collect())
}

pub async fn add_user(desk: &Desk, actor: &Actor, new: NewUser) -> Result<UserInfo> {
    authorize(desk, actor, Role::Admin, "新增用户").await?;
    let txn = desk.begin_write().await?;
    let role = new.role;
    let created = insert_user(&txn, desk.clock().now(), new).await?;
    let detail = format!("{}（{}）", created.username, role.label());
    audit::record_by(desk, &txn, actor, Entry::new(Action::UserAdded).on("user", created.id).detail(detail)).await?;
    txn.commit().await?;
    Ok(UserInfo::from_model(created, desk.clock().now()))
}

/// Validates and inserts; the caller owns the transaction and the audit row.
pub(crate) async fn insert_user<C: ConnectionTrait>(db: &C, now: DateTime<Utc>, new: NewUser) -> Result<user::Model> {
    let username = validate::username(&new.username, "username")?;
    let display_name =
        if new.display_name.trim().is_empty() { username.clone() } else { validate::name(&new.display_name, "displayName", "姓名", 32)? };
    password::check_strength(&new.password, "password")?;
    let taken = user::Entity::find().filter(user::Column::Username.eq(&username)).count(db).await?;
    if taken > 0 {
        return Err(Error::conflict("username", format!("用户名“{username}”已被使用")));
    }
    let row = user::ActiveModel {
        username: Set(username),
        display_name: Set(display_name),
        role: Set(new.role),
        password_hash: Set(password::hash(&new.password)?),
        disabled: Set(false),
        large_text: Set(false),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

pub async fn set_disabled(desk: &Desk, actor: &Actor, user_id: i32, disabled: bool) -> Result<UserInfo> {
    authorize(desk, actor, Role::Admin, "停用或启用用户").await?;
    if disabled && user_id == actor.user_id() {
        return Err(Error::invalid("cannot_disable_self", "id", "不能停用自己正在使用的账户"));
    }
    let txn = desk.begin_write().await?;
    let target = find(&txn, user_id).await?;
    if disabled && is_last_active_admin(&txn, &target).await? {
        return Err(Error::invalid("last_admin", "id", "这是唯一可用的管理员账户，不能停用"));
    }
    let name = target.username.clone();
    let mut row = target.into_active_model();
    row.disabled = Set(disabled);
    let updated = row.update(&txn).await?;
    let action = if disabled { Action::UserDisabled } else { Action::UserEnabled };
    audit::record_by(desk, &txn, actor, Entry::new(action).on("user", user_id).detail(name)).await?;
    txn.commit().await?;
    Ok(UserInfo::from_model(updated, desk.clock().now()))
}

/// Sets a new password and lifts a running lockout.
pub async fn reset_password(desk: &Desk, actor: &Actor, user_id: i32, new_password: &str) -> Result<UserInfo> {
    authorize(desk, actor, Role::Admin, "重置密码").await?;
    password::check_strength(new_password, "password")?;
    let txn = desk.begin_write().await?;
    let target = find(&txn, user_id).await?;
    let name = target.username.clone();
    let mut row = target.into_active_model();
    row.password_hash = Set(password::hash(new_password)?);
    row.failed_logins = Set(0);
    row.locked_until = Set(None);
    let updated = row.update(&txn).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::PasswordReset).on("user", user_id).detail(name)).await?;
    txn.commit().await?;
    Ok(UserInfo::from_model(updated, desk.clock().now()))
}

pub async fn set_role(desk: &Desk, actor: &Actor, user_id: i32, role: Role) -> Result<UserInfo> {
    authorize(desk, actor, Role::Admin, "修改角色").await?;
    let txn = desk.begin_write().await?;
    let target = find(&txn, user_id).await?;
    if role != Role::Admin && is_last_active_admin(&txn, &target).await? {
        return Err(Error::invalid("last_admin", "role", "这是唯一可用的管理员账户，不能改为其他角色"));
    }
    let detail = format!("{}：{} → {}", target.username, target.role.label(), role.label());
    let mut row = target.into_active_model();
    row.role = Set(role);
    let updated = row.update(&txn).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::RoleChanged).on("user", user_id).detail(detail)).await?;
    txn.commit().await?;
    Ok(UserInfo::from_model(updated, desk.clock().now()))
}

/// 大字模式 is each user's own preference.
pub async fn set_large_text(desk: &Desk, actor: &Actor, enabled: bool) -> Result<UserInfo> {
    let me = current_user(desk, actor).await?;
    let txn = desk.begin_write().await?;
    let mut row = me.into_active_model();
    row.large_text = Set(enabled);
    let updated = row.update(&txn).await?;
    let detail = if enabled { "开启大字模式" } else { "关闭大字模式" };
    audit::record_by(desk, &txn, actor, Entry::new(Action::PreferencesChanged).detail(detail)).await?;
    txn.commit().await?;
    Ok(UserInfo::from_model(updated, desk.clock().now()))
}

async fn find<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<user::Model> {
    user::Entity::find_by_id(user_id).one(db).await?.ok_or(Error::NotFound { what: "用户" })
}

async fn is_last_active_admin<C: ConnectionTrait>(db: &C, target: &user::Model) -> Result<bool> {
    if target.role != Role::Admin || target.disabled {
        return Ok(false);
    }
    let active_admins =
        user::Entity::find().filter(user::Column::Role.eq(Role::Admin.as_str())).filter(user::Column::Disabled.eq(false)).count(db).await?;
    Ok(active_admins <= 1)
}
