//! A resident's meals by month, for the 服务记录 on their page: served, still booked and cancelled
//! meals with the subsidy and what was collected (实收) of the served ones.

use super::model::BookingStatus;
use crate::auth::Role;
use crate::db::entity::booking;
use crate::error::Result;
use chrono::Datelike;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Months shown, newest first: two years of a daily diner.
const MONTHS_SHOWN: usize = 24;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MealMonth {
    /// "2026-11"
    pub month: String,
    pub served: u32,
    /// Booked and not (yet) served: today's and later meals, or meals not collected.
    pub booked: u32,
    pub cancelled: u32,
    /// Of the served meals, in 分.
    pub subsidy: i64,
    /// 实收: the 个人应付 of the served meals, in 分.
    pub collected: i64,
}

/// Who sees a resident's meals and their money: the canteen's staff, as for the ledger.
pub(crate) fn may_see_meals(role: Role) -> bool {
    role.permissions().view_ledger
}

pub(crate) async fn meals_by_month<C: ConnectionTrait>(db: &C, resident_id: i32) -> Result<Vec<MealMonth>> {
    use booking::Column as B;
    let rows: Vec<(chrono::NaiveDate, BookingStatus, i64, i64)> = booking::Entity::find()
        .select_only()
        .columns([B::MealDate, B::Status, B::Subsidy, B::Payable])
        .filter(B::ResidentId.eq(resident_id))
        .into_tuple()
        .all(db)
        .await?;
    let mut months: BTreeMap<(i32, u32), MealMonth> = BTreeMap::new();
    for (date, status, subsidy, payable) in rows {
        let m = months
            .entry((date.year(), date.month()))
            .or_insert_with(|| MealMonth { month: format!("{}-{:02}", date.year(), date.month()), ..MealMonth::default() });
        match status {
            BookingStatus::Served => {
                m.served += 1;
                m.subsidy += subsidy;
                m.collected += payable;
            }
            BookingStatus::Booked => m.booked += 1,
            BookingStatus::Cancelled => m.cancelled += 1,
        }
    }
    Ok(months.into_values().rev().take(MONTHS_SHOWN).collect())
}
