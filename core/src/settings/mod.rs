//! First-run set-up and the installation's settings (office name, print header, idle lock).

use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize, Actor, NewUser, Role, SessionInfo};
use crate::db::entity::{setting, user};
use crate::error::{Error, Result};
use crate::{clock, validate, Desk};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

const OFFICE_NAME: &str = "office_name";
const PRINT_HEADER: &str = "print_header";
const IDLE_LOCK_MINUTES: &str = "idle_lock_minutes";

pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 15;
pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=240;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfficeSettings {
    pub office_name: String,
    /// Printed at the top of every document; the office name when empty.
    pub print_header: String,
    pub idle_lock_minutes: u32,
}

/// What the window needs before anyone signs in.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub initialized: bool,
    pub office_name: Option<String>,
    /// "2026年11月28日 星期六"
    pub today_text: String,
    pub today: chrono::NaiveDate,
    pub version: String,
    pub session: Option<SessionInfo>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupRequest {
    pub office_name: String,
    pub admin_username: String,
    pub password: String,
    pub password_confirm: String,
}

pub async fn is_initialized(desk: &Desk) -> Result<bool> {
    Ok(user::Entity::find().count(desk.db()).await? > 0)
}

pub async fn app_status(desk: &Desk, session: Option<SessionInfo>) -> Result<AppStatus> {
    let initialized = is_initialized(desk).await?;
    let office_name = if initialized { Some(get(desk).await?.office_name) } else { None };
    let today = desk.clock().today();
    Ok(AppStatus {
        initialized,
        office_name,
        today_text: clock::date_text(today),
        today,
        version: env!("CARGO_PKG_VERSION").to_string(),
        session,
    })
}

/// Creates the office settings and the first administrator, once.
pub async fn initialize(desk: &Desk, req: SetupRequest) -> Result<()> {
    let office_name = validate::name(&req.office_name, "officeName", "街道办事处名称", 50)?;
    let admin_username = validate::username(&req.admin_username, "adminUsername")?;
    crate::auth::password::check_strength(&req.password, "password")?;
    if req.password != req.password_confirm {
        return Err(Error::invalid("password_mismatch", "passwordConfirm", "两次输入的密码不一致"));
    }
    let txn = desk.begin_write().await?;
    // Checked inside the transaction so two windows racing through set-up cannot both win.
    if user::Entity::find().count(&txn).await? > 0 {
        return Err(Error::AlreadyInitialized);
    }
    let now = desk.clock().now();
    let admin = crate::auth::users_insert(
        &txn,
        now,
        NewUser { username: admin_username, display_name: String::new(), role: Role::Admin, password: req.password },
    )
    .await?;
    let settings = OfficeSettings {
        office_name: office_name.clone(),
        print_header: office_name.clone(),
        idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
    };
    write(&txn, &settings).await?;
    let entry = Entry::new(Action::Setup).detail(format!("{office_name}，管理员 {}", admin.username));
    audit::record(&txn, now, Some((admin.id, &admin.username)), entry).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn get(desk: &Desk) -> Result<OfficeSettings> {
    let rows: HashMap<String, String> = setting::Entity::find().all(desk.db()).await?.into_iter().map(|r| (r.key, r.value)).collect();
    let office_name = rows.get(OFFICE_NAME).cloned().unwrap_or_default();
    Ok(OfficeSettings {
        print_header: rows.get(PRINT_HEADER).cloned().unwrap_or_else(|| office_name.clone()),
        idle_lock_minutes: rows.get(IDLE_LOCK_MINUTES).and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_IDLE_LOCK_MINUTES),
        office_name,
    })
}

pub async fn update(desk: &Desk, actor: &Actor, new: OfficeSettings) -> Result<OfficeSettings> {
    authorize(desk, actor, Role::Admin, "修改系统设置").await?;
    let cleaned = OfficeSettings {
        office_name: validate::name(&new.office_name, "officeName", "街道办事处名称", 50)?,
        print_header: if new.print_header.trim().is_empty() {
            String::new()
        } else {
            validate::name(&new.print_header, "printHeader", "打印抬头", 60)?
        },
        idle_lock_minutes: new.idle_lock_minutes,
    };
    if !IDLE_LOCK_RANGE.contains(&cleaned.idle_lock_minutes) {
        return Err(Error::invalid(
            "out_of_range",
            "idleLockMinutes",
            format!("自动锁屏时间应在 {} 到 {} 分钟之间", IDLE_LOCK_RANGE.start(), IDLE_LOCK_RANGE.end()),
        ));
    }
    let before = get(desk).await?;
    let txn = desk.begin_write().await?;
    write(&txn, &cleaned).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::SettingsUpdated).detail(describe_change(&before, &cleaned))).await?;
    txn.commit().await?;
    Ok(cleaned)
}

fn describe_change(before: &OfficeSettings, after: &OfficeSettings) -> String {
    let mut parts = Vec::new();
    if before.office_name != after.office_name {
        parts.push(format!("名称：{} → {}", before.office_name, after.office_name));
    }
    if before.print_header != after.print_header {
        parts.push(format!("打印抬头：{} → {}", before.print_header, after.print_header));
    }
    if before.idle_lock_minutes != after.idle_lock_minutes {
        parts.push(format!("自动锁屏：{} → {} 分钟", before.idle_lock_minutes, after.idle_lock_minutes));
    }
    if parts.is_empty() {
        "未改变".into()
    } else {
        parts.join("；")
    }
}

async fn write<C: ConnectionTrait>(db: &C, s: &OfficeSettings) -> Result<()> {
    let rows = [
        (OFFICE_NAME, s.office_name.clone()),
        (PRINT_HEADER, s.print_header.clone()),
        (IDLE_LOCK_MINUTES, s.idle_lock_minutes.to_string()),
    ]
    .map(|(k, v)| setting::ActiveModel { key: Set(k.to_string()), value: Set(v) });
    setting::Entity::insert_many(rows)
        .on_conflict(OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned())
        .exec(db)
        .await?;
    Ok(())
}
