//! The office's volunteer settings: the grace days of "not visited lately", the age under which a
//! volunteer only joins activities marked for minors, and who signs the 志愿服务证明.

use super::{READERS, VIEW};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize, authorize_any, Actor, Role};
use crate::db::entity::setting;
use crate::error::{Error, Result};
use crate::residents::phone::parse_phone;
use crate::{validate, Desk};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Grace days after a visit is due before the pairing counts as not visited, unless the office
/// sets another number.
pub const DEFAULT_GRACE_DAYS: u32 = 3;
/// Under this age a volunteer takes part only in activities marked as suitable for minors.
pub const DEFAULT_MINOR_ACTIVITY_AGE: u32 = 14;

const GRACE_KEY: &str = "visit_grace_days";
const MINOR_AGE_KEY: &str = "volunteer_minor_activity_age";
pub(crate) const IN_CHARGE_KEY: &str = "volunteer_proof_person_in_charge";
pub(crate) const CONTACT_KEY: &str = "volunteer_proof_contact_phone";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerSettings {
    /// Days after a visit is due before the pairing counts as not visited.
    pub visit_grace_days: u32,
    /// Under this age only activities marked as suitable for minors.
    pub minor_activity_age: u32,
    /// 负责人 printed on every 志愿服务证明.
    #[serde(default)]
    pub proof_person_in_charge: String,
    /// The office's contact phone on the proofs.
    #[serde(default)]
    pub proof_contact_phone: String,
}

pub async fn settings(desk: &Desk, actor: &Actor) -> Result<VolunteerSettings> {
    authorize_any(desk, actor, &READERS, VIEW).await?;
    current(desk.db()).await
}

pub async fn save_settings(desk: &Desk, actor: &Actor, new: VolunteerSettings) -> Result<VolunteerSettings> {
    authorize(desk, actor, Role::Admin, "修改志愿服务设置").await?;
    if new.visit_grace_days > 30 {
        return Err(Error::invalid("invalid_grace_days", "visitGraceDays", "宽限天数应在 0–30 天之间"));
    }
    if !(6..=17).contains(&new.minor_activity_age) {
        return Err(Error::invalid("invalid_minor_age", "minorActivityAge", "未成年人活动年龄线应在 6–17 岁之间"));
    }
    let in_charge = validate::optional_text(&Some(new.proof_person_in_charge.clone()), "proofPersonInCharge", "负责人", 20)?;
    let phone = match validate::filled(&Some(new.proof_contact_phone.clone())) {
        Some(p) => {
            parse_phone(p).map_err(|e| Error::invalid("phone_invalid", "proofContactPhone", e.payload().message))?.as_str().to_string()
        }
        None => String::new(),
    };
    let saved = VolunteerSettings {
        visit_grace_days: new.visit_grace_days,
        minor_activity_age: new.minor_activity_age,
        proof_person_in_charge: in_charge.unwrap_or_default(),
        proof_contact_phone: phone,
    };
    let txn = desk.begin_write().await?;
    for (key, value) in [
        (GRACE_KEY, saved.visit_grace_days.to_string()),
        (MINOR_AGE_KEY, saved.minor_activity_age.to_string()),
        (IN_CHARGE_KEY, saved.proof_person_in_charge.clone()),
        (CONTACT_KEY, saved.proof_contact_phone.clone()),
    ] {
        setting::Entity::delete_by_id(key.to_string()).exec(&txn).await?;
        setting::ActiveModel { key: Set(key.into()), value: Set(value) }.insert(&txn).await?;
    }
    let detail = format!(
        "走访宽限 {} 天，未满 {} 岁只参加适合未成年人的活动，证明负责人“{}”，联系电话“{}”",
        saved.visit_grace_days, saved.minor_activity_age, saved.proof_person_in_charge, saved.proof_contact_phone
    );
    audit::record_by(desk, &txn, actor, Entry::new(Action::VolunteerSettingsSaved).detail(detail)).await?;
    txn.commit().await?;
    Ok(saved)
}

async fn value<C: ConnectionTrait>(db: &C, key: &str) -> Result<Option<String>> {
    Ok(setting::Entity::find_by_id(key.to_string()).one(db).await?.map(|r| r.value))
}

pub(crate) async fn current<C: ConnectionTrait>(db: &C) -> Result<VolunteerSettings> {
    Ok(VolunteerSettings {
        visit_grace_days: grace_days(db).await?,
        minor_activity_age: value(db, MINOR_AGE_KEY).await?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_MINOR_ACTIVITY_AGE),
        proof_person_in_charge: value(db, IN_CHARGE_KEY).await?.unwrap_or_default(),
        proof_contact_phone: value(db, CONTACT_KEY).await?.unwrap_or_default(),
    })
}

pub(crate) async fn grace_days<C: ConnectionTrait>(db: &C) -> Result<u32> {
    Ok(value(db, GRACE_KEY).await?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_GRACE_DAYS))
}
