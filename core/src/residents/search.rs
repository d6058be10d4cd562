//! One search box and a few filters over the whole registry.
//!
//! The box takes what staff actually type: part of a name (秀英), pinyin in full or by initials
//! (wangxiuying, wxy — both readings of polyphonic surnames), or the last digits of an ID number or
//! phone (at least 4). Suffixes are matched as indexed prefixes of the reversed values.

use super::age::{age_on, born_after_for_max_age, born_on_or_before_for_age};
use super::chars::{full_width_to_ascii, is_invisible};
use super::model::Status;
use super::places::PlaceIndex;
use super::search_keys::{prefix_upper_bound, reversed};
use super::{mask_id, mask_phone};
use crate::auth::{current_user, Actor};
use crate::db::entity::{category_type, resident, resident_category, resident_search_key};
use crate::error::{Error, Result};
use crate::Desk;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, Query, SelectStatement, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

pub const MIN_SUFFIX_DIGITS: usize = 4;
pub const MAX_PAGE_SIZE: u32 = 500;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ResidentSort {
    /// By pinyin, the order Chinese staff expect of a name list.
    #[default]
    Name,
    OldestFirst,
    YoungestFirst,
    Newest,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ResidentQuery {
    pub text: Option<String>,
    pub community_id: Option<i32>,
    pub grid_id: Option<i32>,
    /// In that category on `onDate`.
    pub category_type_id: Option<i32>,
    /// Age range on `onDate`, both ends included.
    pub age_min: Option<u32>,
    pub age_max: Option<u32>,
    /// The date ages and categories are judged on; today when absent.
    pub on_date: Option<NaiveDate>,
    /// All statuses when absent.
    pub status: Option<Status>,
    pub sort: ResidentSort,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentRow {
    pub id: i32,
    pub name: String,
    pub sex_label: String,
    pub birth_date: NaiveDate,
    /// On the query's date.
    pub age: Option<u32>,
    pub id_number_masked: Option<String>,
    pub phone_masked: Option<String>,
    pub community_name: Option<String>,
    pub grid_name: Option<String>,
    pub address: Option<String>,
    pub household_id: Option<i32>,
    pub relation_to_head: Option<String>,
    pub status: Status,
    pub status_label: String,
    /// Categories in force on the query's date.
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentPage {
    pub rows: Vec<ResidentRow>,
    pub total: u32,
    pub on_date: NaiveDate,
}

/// What the search box holds, once cleaned up.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Needle {
    Name(String),
    Pinyin(String),
    /// Reversed digits (and a final X) of an ID number or phone suffix.
    Suffix {
        reversed: String,
        id_only: bool,
    },
}

fn needle(text: &str) -> Result<Option<Needle>> {
    let cleaned: String = text.chars().map(full_width_to_ascii).filter(|c| !c.is_whitespace() && !is_invisible(*c) && *c != '-').collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    if !cleaned.is_ascii() {
        return Ok(Some(Needle::Name(cleaned)));
    }
    if cleaned.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Ok(Some(Needle::Pinyin(cleaned.to_ascii_lowercase())));
    }
    let upper = cleaned.to_ascii_uppercase();
    let digits = upper.strip_suffix('X').unwrap_or(&upper);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if digits.len() + usize::from(digits.len() < upper.len()) < MIN_SUFFIX_DIGITS {
            return Err(Error::invalid("search_too_short", "text", format!("按证件号或电话查找时，请至少输入后 {MIN_SUFFIX_DIGITS} 位")));
        }
        return Ok(Some(Needle::Suffix { reversed: reversed(&upper), id_only: digits.len() < upper.len() }));
    }
    Ok(Some(Needle::Name(cleaned)))
}

/// `haystack` contains `needle`, as a plain substring (no wildcards): `instr` / `strpos` compare
/// bytes and are several times faster than LIKE over a whole registry.
fn contains(backend: DbBackend, col: resident::Column, needle: String) -> SimpleExpr {
    // Each backend marks the custom expression's arguments with its own placeholder.
    let template = match backend {
        DbBackend::Postgres => "strpos($1, $2) > 0",
        _ => "instr(?, ?) > 0",
    };
    Expr::cust_with_exprs(template, [Expr::col((resident::Entity, col)), Expr::val(needle)])
}

/// Rows starting with `prefix`: `col BETWEEN p AND p || 'Z'` works on an index in every backend
/// (digits and X sort before Z in byte order and in every collation).
fn starts_with(col: resident::Column, prefix: &str) -> Condition {
    Condition::all().add(col.gte(prefix)).add(col.lte(format!("{prefix}Z")))
}

/// The residents matching the query, unordered (counting needs no order).
fn filtered(query: &ResidentQuery, on: NaiveDate, backend: DbBackend) -> Result<Select<resident::Entity>> {
    let mut q = resident::Entity::find();
    match query.text.as_deref().map(needle).transpose()?.flatten() {
        None => {}
        Some(Needle::Name(name)) => q = q.filter(contains(backend, resident::Column::Name, name)),
        Some(Needle::Pinyin(p)) => {
            let keyed = Query::select()
                .column(resident_search_key::Column::ResidentId)
                .from(resident_search_key::Entity)
                .and_where(resident_search_key::Column::Key.gte(p.as_str()))
                .and_where(resident_search_key::Column::Key.lte(prefix_upper_bound(&p)))
                .to_owned();
            q = q.filter(resident::Column::Id.in_subquery(keyed));
        }
        Some(Needle::Suffix { reversed, id_only }) => {
            let mut any = Condition::any().add(starts_with(resident::Column::IdReversed, &reversed));
            if !id_only {
                any = any.add(starts_with(resident::Column::PhoneReversed, &reversed));
            }
            q = q.filter(any);
        }
    }
    if let Some(id) = query.community_id {
        q = q.filter(resident::Column::CommunityId.eq(id));
    }
    if let Some(id) = query.grid_id {
        q = q.filter(resident::Column::GridId.eq(id));
    }
    if let Some(status) = query.status {
        q = q.filter(resident::Column::Status.eq(status.as_str()));
    }
    if let Some(min) = query.age_min {
        q = q.filter(resident::Column::BirthDate.lte(born_on_or_before_for_age(min, on)));
    }
    if let Some(max) = query.age_max {
        q = q.filter(resident::Column::BirthDate.gte(born_after_for_max_age(max, on)));
    }
    if let Some(category) = query.category_type_id {
        let in_force = Query::select()
            .column(resident_category::Column::ResidentId)
            .from(resident_category::Entity)
            .and_where(resident_category::Column::CategoryTypeId.eq(category))
            .and_where(resident_category::Column::StartDate.lte(on))
            .cond_where(Condition::any().add(resident_category::Column::EndDate.is_null()).add(resident_category::Column::EndDate.gte(on)))
            .to_owned();
        q = q.filter(resident::Column::Id.in_subquery(in_force));
    }
    Ok(q)
}

fn ordered(q: Select<resident::Entity>, sort: ResidentSort) -> Select<resident::Entity> {
    match sort {
        ResidentSort::Name => q.order_by_asc(resident::Column::SearchText).order_by_asc(resident::Column::Id),
        ResidentSort::OldestFirst => q.order_by_asc(resident::Column::BirthDate).order_by_asc(resident::Column::Id),
        ResidentSort::YoungestFirst => q.order_by_desc(resident::Column::BirthDate).order_by_desc(resident::Column::Id),
        ResidentSort::Newest => q.order_by_desc(resident::Column::Id),
    }
}

/// Any signed-in user; ID numbers and phones masked.
pub async fn search(desk: &Desk, actor: &Actor, query: &ResidentQuery) -> Result<ResidentPage> {
    current_user(desk, actor).await?;
    search_unchecked(desk.db(), query, desk.clock().today()).await
}

/// The search itself, for callers that have checked the actor (exports) and for benchmarks.
pub(crate) async fn search_unchecked<C: ConnectionTrait>(db: &C, query: &ResidentQuery, today: NaiveDate) -> Result<ResidentPage> {
    let on = query.on_date.unwrap_or(today);
    let matching = filtered(query, on, db.get_database_backend())?;
    let total = matching.clone().count(db).await?;
    let page_size = query.page_size.clamp(1, MAX_PAGE_SIZE) as u64;
    let page = query.page.max(1) as u64;
    // Ids first: that query reads only the search index; then the page's rows by id.
    let ids: Vec<i32> = ordered(matching, query.sort)
        .select_only()
        .column(resident::Column::Id)
        .offset((page - 1) * page_size)
        .limit(page_size)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_id: HashMap<i32, resident::Model> =
        resident::Entity::find().filter(resident::Column::Id.is_in(ids.clone())).all(db).await?.into_iter().map(|m| (m.id, m)).collect();
    let models = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    Ok(ResidentPage { rows: rows(db, models, on).await?, total: total.min(u32::MAX as u64) as u32, on_date: on })
}

/// Every resident that matches, in order (exports).
pub(crate) async fn all_matching<C: ConnectionTrait>(db: &C, query: &ResidentQuery, on: NaiveDate) -> Result<Vec<resident::Model>> {
    Ok(ordered(filtered(query, on, db.get_database_backend())?, query.sort).all(db).await?)
}

async fn rows<C: ConnectionTrait>(db: &C, models: Vec<resident::Model>, on: NaiveDate) -> Result<Vec<ResidentRow>> {
    let places = PlaceIndex::load(db).await?;
    let categories = categories_on(db, &models.iter().map(|m| m.id).collect::<Vec<_>>(), on).await?;
    Ok(models
        .into_iter()
        .map(|m| {
            let status = m.status;
            ResidentRow {
                id: m.id,
                sex_label: m.sex.label().into(),
                birth_date: m.birth_date,
                age: age_on(m.birth_date, on),
                id_number_masked: m.id_number.as_deref().map(mask_id),
                phone_masked: m.phone.as_deref().map(mask_phone),
                community_name: places.name(m.community_id),
                grid_name: places.name(m.grid_id),
                address: m.address,
                household_id: m.household_id,
                relation_to_head: m.relation_to_head,
                status,
                status_label: status.label().into(),
                categories: categories.get(&m.id).cloned().unwrap_or_default(),
                name: m.name,
            }
        })
        .collect())
}

/// Names of the categories each resident is in on `on`, in the types' order.
pub(crate) async fn categories_on<C: ConnectionTrait>(db: &C, ids: &[i32], on: NaiveDate) -> Result<HashMap<i32, Vec<String>>> {
    let mut held = Vec::new();
    for chunk in ids.chunks(500) {
        held.extend(periods_on(db, resident_category::Column::ResidentId.is_in(chunk.iter().copied()), on).await?);
    }
    named(db, held).await
}

/// [`categories_on`] for the residents that `residents` (a query of resident ids) selects, in
/// one statement however many they are.
pub(crate) async fn categories_of<C: ConnectionTrait>(
    db: &C,
    residents: SelectStatement,
    on: NaiveDate,
) -> Result<HashMap<i32, Vec<String>>> {
    let held = periods_on(db, resident_category::Column::ResidentId.in_subquery(residents), on).await?;
    named(db, held).await
}

/// (resident, category type) of the category periods in force on `on` of the residents `which`.
async fn periods_on<C: ConnectionTrait>(db: &C, which: SimpleExpr, on: NaiveDate) -> Result<Vec<(i32, i32)>> {
    Ok(resident_category::Entity::find()
        .filter(which)
        .filter(resident_category::Column::StartDate.lte(on))
        .filter(Condition::any().add(resident_category::Column::EndDate.is_null()).add(resident_category::Column::EndDate.gte(on)))
        .select_only()
        .columns([resident_category::Column::ResidentId, resident_category::Column::CategoryTypeId])
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?)
}

/// The held category types as names per resident, in the types' order.
async fn named<C: ConnectionTrait>(db: &C, held: Vec<(i32, i32)>) -> Result<HashMap<i32, Vec<String>>> {
    let types: Vec<category_type::Model> = category_type::Entity::find().order_by_asc(category_type::Column::SortOrder).all(db).await?;
    let mut by_resident: HashMap<i32, Vec<i32>> = HashMap::new();
    for (resident, t) in held {
        by_resident.entry(resident).or_default().push(t);
    }
    Ok(by_resident
        .into_iter()
        .map(|(resident, held)| {
            let names = types.iter().filter(|t| held.contains(&t.id)).map(|t| t.name.clone()).collect();
            (resident, names)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_tells_names_pinyin_and_suffixes_apart() {
        assert_eq!(needle("秀英").unwrap(), Some(Needle::Name("秀英".into())));
        assert_eq!(needle(" WXY ").unwrap(), Some(Needle::Pinyin("wxy".into())));
        assert_eq!(needle("１２３４").unwrap(), Some(Needle::Suffix { reversed: "4321".into(), id_only: false }));
        assert_eq!(needle("002x").unwrap(), Some(Needle::Suffix { reversed: "X200".into(), id_only: true }));
        assert_eq!(needle("138-0356").unwrap(), Some(Needle::Suffix { reversed: "6530831".into(), id_only: false }));
        assert_eq!(needle("  ").unwrap(), None);
        assert_eq!(needle("123").unwrap_err().code(), "search_too_short");
        assert_eq!(needle("Anna1").unwrap(), Some(Needle::Name("Anna1".into())));
    }
}
