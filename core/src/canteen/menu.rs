//! What each canteen offers per day and slot, edited a week at a time.

use super::model::Slot;
use super::setup::{find_canteen, slots_of, DishInfo};
use super::{MANAGERS, MANAGE_CANTEEN};
use crate::auth::{authorize_any, current_user, Actor};
use crate::db::entity::{dish, menu_item};
use crate::error::{Error, Result};
use crate::Desk;
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MenuSlot {
    pub slot: Slot,
    pub label: String,
    pub dishes: Vec<DishInfo>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MenuDay {
    pub date: NaiveDate,
    /// "11月30日 周一"
    pub label: String,
    /// The canteen's open slots, in order.
    pub slots: Vec<MenuSlot>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CopyWeekResult {
    /// Day-slots filled from last week.
    pub filled: u32,
    /// Day-slots left alone because they already had a menu.
    pub kept: u32,
    pub week: Vec<MenuDay>,
}

/// The Monday of the week holding `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday() as i64)
}

/// Seven days from the Monday of the week holding `date`.
pub async fn week(desk: &Desk, actor: &Actor, canteen_id: i32, date: NaiveDate) -> Result<Vec<MenuDay>> {
    current_user(desk, actor).await?;
    load_week(desk.db(), canteen_id, week_start(date)).await
}

/// Replaces the menu of one day and slot with `dish_ids`, in that order.
pub async fn set_menu(desk: &Desk, actor: &Actor, canteen_id: i32, date: NaiveDate, slot: Slot, dish_ids: Vec<i32>) -> Result<MenuDay> {
    authorize_any(desk, actor, &MANAGERS, MANAGE_CANTEEN).await?;
    let txn = desk.begin_write().await?;
    let canteen = find_canteen(&txn, canteen_id).await?;
    super::setup::open_slot(&txn, &canteen, slot).await?;
    let dishes: HashMap<i32, dish::Model> =
        dish::Entity::find().filter(dish::Column::CanteenId.eq(canteen_id)).all(&txn).await?.into_iter().map(|d| (d.id, d)).collect();
    let mut seen = Vec::new();
    for id in &dish_ids {
        let d = dishes.get(id).ok_or(Error::NotFound { what: "菜品" })?;
        if !d.active {
            return Err(Error::invalid("dish_inactive", "dishIds", format!("“{}”已停用，不能排进菜单", d.name)));
        }
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    replace(&txn, canteen_id, date, slot, &seen).await?;
    let day = load_days(&txn, canteen_id, date, 1).await?.remove(0);
    txn.commit().await?;
    Ok(day)
}

/// Fills this week's empty day-slots from the same weekday of last week; filled ones stay.
pub async fn copy_last_week(desk: &Desk, actor: &Actor, canteen_id: i32, date: NaiveDate) -> Result<CopyWeekResult> {
    authorize_any(desk, actor, &MANAGERS, MANAGE_CANTEEN).await?;
    let monday = week_start(date);
    let txn = desk.begin_write().await?;
    find_canteen(&txn, canteen_id).await?;
    let last = load_week(&txn, canteen_id, monday - Duration::days(7)).await?;
    let this = load_week(&txn, canteen_id, monday).await?;
    let (mut filled, mut kept) = (0, 0);
    for (old, new) in last.iter().zip(&this) {
        for s in &old.slots {
            let active: Vec<i32> = s.dishes.iter().filter(|d| d.active).map(|d| d.id).collect();
            let target = new.slots.iter().find(|t| t.slot == s.slot);
            match target {
                Some(t) if t.dishes.is_empty() && !active.is_empty() => {
                    replace(&txn, canteen_id, new.date, s.slot, &active).await?;
                    filled += 1;
                }
                Some(t) if !t.dishes.is_empty() => kept += 1,
                _ => {}
            }
        }
    }
    if filled == 0 && kept == 0 {
        return Err(Error::invalid("nothing_to_copy", "date", "上周没有菜单可以复制"));
    }
    let week = load_week(&txn, canteen_id, monday).await?;
    txn.commit().await?;
    Ok(CopyWeekResult { filled, kept, week })
}

async fn replace<C: ConnectionTrait>(db: &C, canteen_id: i32, date: NaiveDate, slot: Slot, dish_ids: &[i32]) -> Result<()> {
    menu_item::Entity::delete_many()
        .filter(menu_item::Column::CanteenId.eq(canteen_id))
        .filter(menu_item::Column::MealDate.eq(date))
        .filter(menu_item::Column::Slot.eq(slot.as_str()))
        .exec(db)
        .await?;
    for (n, id) in dish_ids.iter().enumerate() {
        menu_item::ActiveModel {
            canteen_id: Set(canteen_id),
            meal_date: Set(date),
            slot: Set(slot),
            dish_id: Set(*id),
            sort_order: Set(n as i32),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn load_week<C: ConnectionTrait>(db: &C, canteen_id: i32, monday: NaiveDate) -> Result<Vec<MenuDay>> {
    load_days(db, canteen_id, monday, 7).await
}

async fn load_days<C: ConnectionTrait>(db: &C, canteen_id: i32, first: NaiveDate, days: i64) -> Result<Vec<MenuDay>> {
    let last = first + Duration::days(days - 1);
    let slots: Vec<Slot> = slots_of(db, canteen_id).await?.into_iter().filter(|s| s.active).map(|s| s.slot).collect();
    let items = menu_item::Entity::find()
        .filter(menu_item::Column::CanteenId.eq(canteen_id))
        .filter(menu_item::Column::MealDate.between(first, last))
        .order_by_asc(menu_item::Column::SortOrder)
        .all(db)
        .await?;
    let dishes: HashMap<i32, dish::Model> =
        dish::Entity::find().filter(dish::Column::CanteenId.eq(canteen_id)).all(db).await?.into_iter().map(|d| (d.id, d)).collect();
    Ok((0..days)
        .map(|n| {
            let date = first + Duration::days(n);
            let slots = slots
                .iter()
                .map(|slot| MenuSlot {
                    slot: *slot,
                    label: slot.label().into(),
                    dishes: items
                        .iter()
                        .filter(|i| i.meal_date == date && i.slot == *slot)
                        .filter_map(|i| dishes.get(&i.dish_id).cloned().map(DishInfo::of))
                        .collect(),
                })
                .collect();
            MenuDay { date, label: day_label(date), slots }
        })
        .collect())
}

/// The dishes on the menu for one day and slot.
pub(crate) async fn offered<C: ConnectionTrait>(db: &C, canteen_id: i32, date: NaiveDate, slot: Slot) -> Result<Vec<dish::Model>> {
    let ids: Vec<i32> = menu_item::Entity::find()
        .filter(menu_item::Column::CanteenId.eq(canteen_id))
        .filter(menu_item::Column::MealDate.eq(date))
        .filter(menu_item::Column::Slot.eq(slot.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.dish_id)
        .collect();
    Ok(dish::Entity::find().filter(dish::Column::Id.is_in(ids)).all(db).await?)
}

fn day_label(d: NaiveDate) -> String {
    const NAMES: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    format!("{}月{}日 {}", d.month(), d.day(), NAMES[d.weekday().num_days_from_monday() as usize])
}
