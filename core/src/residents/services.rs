//! A resident's 服务记录: what each module that exists has done for them, for the roles that may
//! see it. Meals by month for the canteen's staff; check-ups and follow-ups for everyone as dates
//! and places, with their values only for health staff (the same rule as the health page).

use crate::auth::{current_user, Actor};
use crate::canteen::history::{may_see_meals, meals_by_month, MealMonth};
use crate::checkups::health::{health_page, CheckupEntry, FollowupEntry};
use crate::error::Result;
use crate::Desk;
use serde::Serialize;
use ts_rs::TS;

/// Check-ups and follow-ups listed here; the health page has them all.
const RECENT: usize = 5;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentServices {
    /// None: this role does not see the canteen's records.
    pub meals: Option<Vec<MealMonth>>,
    /// The newest few, newest first.
    pub checkups: Vec<CheckupEntry>,
    pub checkup_count: u32,
    /// The newest few, newest first.
    pub followups: Vec<FollowupEntry>,
    pub followup_count: u32,
    /// Open follow-up tasks; 0 for roles that may not see health data.
    pub open_tasks: u32,
    /// Whether the check-ups and follow-ups carry their values (health staff).
    pub values_visible: bool,
}

pub async fn services_of(desk: &Desk, actor: &Actor, resident_id: i32) -> Result<ResidentServices> {
    let user = current_user(desk, actor).await?;
    let health = health_page(desk, actor, resident_id).await?;
    let meals = if may_see_meals(user.role) { Some(meals_by_month(desk.db(), resident_id).await?) } else { None };
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(ResidentServices {
        meals,
        checkup_count: count(health.checkups.len()),
        followup_count: count(health.followups.len()),
        open_tasks: count(health.open_tasks.len()),
        checkups: health.checkups.into_iter().take(RECENT).collect(),
        followups: health.followups.into_iter().take(RECENT).collect(),
        values_visible: health.values_visible,
    })
}
