//! Categories (独居, 低保, …) as dated facts: a resident is 低保 from one date to another. The list of
//! category types is data: the built-in ten, plus what administrators add.

use super::service::{find, who, KEEP_REGISTRY};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize, authorize_any, current_user, Actor, Role};
use crate::clock::day_text;
use crate::db::entity::{category_type, resident_category};
use crate::error::{Error, Result};
use crate::{validate, Desk};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryType {
    pub id: i32,
    pub name: String,
    pub builtin: bool,
    pub active: bool,
}

impl From<category_type::Model> for CategoryType {
    fn from(m: category_type::Model) -> Self {
        CategoryType { id: m.id, name: m.name, builtin: m.builtin, active: m.active }
    }
}

/// Every signed-in user (the filters list them).
pub async fn types(desk: &Desk, actor: &Actor) -> Result<Vec<CategoryType>> {
    current_user(desk, actor).await?;
    let rows = category_type::Entity::find()
        .order_by_asc(category_type::Column::SortOrder)
        .order_by_asc(category_type::Column::Id)
        .all(desk.db())
        .await?;
    Ok(rows.into_iter().map(CategoryType::from).collect())
}

pub async fn add_type(desk: &Desk, actor: &Actor, name: &str) -> Result<CategoryType> {
    authorize(desk, actor, Role::Admin, "维护居民类别").await?;
    let name = validate::name(name, "name", "类别名称", 20)?;
    let txn = desk.begin_write().await?;
    if category_type::Entity::find().filter(category_type::Column::Name.eq(name.as_str())).one(&txn).await?.is_some() {
        return Err(Error::conflict("name", format!("类别“{name}”已存在")));
    }
    let last: Option<i32> = category_type::Entity::find()
        .select_only()
        .column_as(category_type::Column::SortOrder.max(), "m")
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    let created = category_type::ActiveModel {
        name: Set(name.clone()),
        builtin: Set(false),
        active: Set(true),
        sort_order: Set(last.unwrap_or(0) + 10),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::CategoryTypeAdded).on("category_type", created.id).detail(name)).await?;
    txn.commit().await?;
    Ok(created.into())
}

/// Deactivated types stay on past records but are no longer offered.
pub async fn set_type_active(desk: &Desk, actor: &Actor, id: i32, active: bool) -> Result<CategoryType> {
    authorize(desk, actor, Role::Admin, "维护居民类别").await?;
    let txn = desk.begin_write().await?;
    let t = category_type::Entity::find_by_id(id).one(&txn).await?.ok_or(Error::NotFound { what: "类别" })?;
    let detail = format!("{}：{}", t.name, if active { "启用" } else { "停用" });
    let mut m = t.into_active_model();
    m.active = Set(active);
    let saved = m.update(&txn).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::CategoryTypeChanged).on("category_type", id).detail(detail)).await?;
    txn.commit().await?;
    Ok(saved.into())
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCategoryPeriod {
    pub category_type_id: i32,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub note: Option<String>,
}

pub async fn add(desk: &Desk, actor: &Actor, resident_id: i32, new: NewCategoryPeriod) -> Result<()> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    if new.end_date.is_some_and(|end| end < new.start_date) {
        return Err(Error::invalid("invalid_period", "endDate", "结束日期不能早于开始日期"));
    }
    let note = validate::optional_text(&new.note, "note", "说明", 200)?;
    let txn = desk.begin_write().await?;
    let r = find(&txn, resident_id).await?;
    let t = category_type::Entity::find_by_id(new.category_type_id)
        .one(&txn)
        .await?
        .filter(|t| t.active)
        .ok_or_else(|| Error::invalid("not_found", "categoryTypeId", "所选类别不存在或已停用"))?;
    if new.start_date < r.birth_date {
        return Err(Error::invalid("date_before_birth", "startDate", "开始日期不能早于出生日期"));
    }
    ensure_no_overlap(&txn, resident_id, &t, new.start_date, new.end_date, None).await?;
    resident_category::ActiveModel {
        resident_id: Set(resident_id),
        category_type_id: Set(t.id),
        start_date: Set(new.start_date),
        end_date: Set(new.end_date),
        note: Set(note),
        created_at: Set(desk.clock().now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = format!("{}：{}，自{}{}", who(&r), t.name, day_text(new.start_date), until(new.end_date));
    audit::record_by(desk, &txn, actor, Entry::new(Action::ResidentCategoryAdded).on("resident", resident_id).detail(detail)).await?;
    txn.commit().await?;
    Ok(())
}

fn until(end: Option<NaiveDate>) -> String {
    end.map(|e| format!("至{}", day_text(e))).unwrap_or_else(|| "起".into())
}

async fn ensure_no_overlap<C: sea_orm::ConnectionTrait>(
    db: &C,
    resident_id: i32,
    t: &category_type::Model,
    start: NaiveDate,
    end: Option<NaiveDate>,
    except: Option<i32>,
) -> Result<()> {
    let existing = resident_category::Entity::find()
        .filter(resident_category::Column::ResidentId.eq(resident_id))
        .filter(resident_category::Column::CategoryTypeId.eq(t.id))
        .all(db)
        .await?;
    for other in existing.into_iter().filter(|o| Some(o.id) != except) {
        let overlaps = other.start_date <= end.unwrap_or(NaiveDate::MAX) && start <= other.end_date.unwrap_or(NaiveDate::MAX);
        if overlaps {
            return Err(Error::invalid(
                "category_overlap",
                "startDate",
                format!("与已有的“{}”时段（自{}{}）重叠", t.name, day_text(other.start_date), until(other.end_date)),
            ));
        }
    }
    Ok(())
}

/// Closes a period: `end_date` is the last day the category applies.
pub async fn end(desk: &Desk, actor: &Actor, period_id: i32, end_date: NaiveDate) -> Result<()> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let txn = desk.begin_write().await?;
    let period = resident_category::Entity::find_by_id(period_id).one(&txn).await?.ok_or(Error::NotFound { what: "类别记录" })?;
    if end_date < period.start_date {
        return Err(Error::invalid("invalid_period", "endDate", "结束日期不能早于开始日期"));
    }
    let t = category_type::Entity::find_by_id(period.category_type_id).one(&txn).await?.ok_or(Error::NotFound { what: "类别" })?;
    ensure_no_overlap(&txn, period.resident_id, &t, period.start_date, Some(end_date), Some(period.id)).await?;
    let r = find(&txn, period.resident_id).await?;
    let mut m = period.clone().into_active_model();
    m.end_date = Set(Some(end_date));
    m.update(&txn).await?;
    let detail = format!("{}：{}，截至{}", who(&r), t.name, day_text(end_date));
    audit::record_by(desk, &txn, actor, Entry::new(Action::ResidentCategoryEnded).on("resident", r.id).detail(detail)).await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a period entered by mistake. The audit row keeps what it was.
pub async fn delete(desk: &Desk, actor: &Actor, period_id: i32) -> Result<()> {
    authorize_any(desk, actor, &Role::RESIDENT_EDITORS, KEEP_REGISTRY).await?;
    let txn = desk.begin_write().await?;
    let period = resident_category::Entity::find_by_id(period_id).one(&txn).await?.ok_or(Error::NotFound { what: "类别记录" })?;
    let t = category_type::Entity::find_by_id(period.category_type_id).one(&txn).await?;
    let r = find(&txn, period.resident_id).await?;
    let detail =
        format!("{}：{}，自{}{}", who(&r), t.map(|t| t.name).unwrap_or_default(), day_text(period.start_date), until(period.end_date));
    resident_category::Entity::delete_by_id(period_id).exec(&txn).await?;
    audit::record_by(desk, &txn, actor, Entry::new(Action::ResidentCategoryDeleted).on("resident", r.id).detail(detail)).await?;
    txn.commit().await?;
    Ok(())
}
