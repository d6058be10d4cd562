//! Meal subsidy rules as data (domain.md: each locality sets its own). A rule matches an age band on
//! the meal date and/or a category held on that date, within its validity period. The best matching
//! rule wins (highest priority, then the larger amount); the subsidy is the rule's amount, never more
//! than the price nor than what the rule's daily cap leaves, so the payable amount is never below 0.

use super::setup::check_amount;
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize, current_user, Actor, Role};
use crate::db::entity::{category_type, resident, resident_category, subsidy_rule};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::{validate, Desk};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubsidyRuleInput {
    pub name: String,
    /// Age on the meal date, inclusive bounds; none = no bound.
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    /// The category the resident must hold on the meal date (低保, 独居 …).
    pub category_type_id: Option<i32>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// 分 per meal.
    pub per_meal: i64,
    /// Most 分 a resident receives per day while this rule applies; none = no cap.
    pub per_day_cap: Option<i64>,
    /// The higher wins when several rules match.
    pub priority: i32,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubsidyRuleInfo {
    pub id: i32,
    pub name: String,
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    pub category_type_id: Option<i32>,
    pub category_name: Option<String>,
    /// "75–84 岁 且 低保" — the conditions in words.
    pub conditions: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub per_meal: i64,
    pub per_day_cap: Option<i64>,
    pub priority: i32,
    pub active: bool,
}

/// The subsidy a meal receives and the rule it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub rule_id: Option<i32>,
    pub rule_name: Option<String>,
    pub amount: i64,
}

impl Applied {
    pub const NONE: Applied = Applied { rule_id: None, rule_name: None, amount: 0 };
}

pub async fn list_rules(desk: &Desk, actor: &Actor) -> Result<Vec<SubsidyRuleInfo>> {
    current_user(desk, actor).await?;
    let rules = subsidy_rule::Entity::find()
        .order_by_desc(subsidy_rule::Column::Active)
        .order_by_desc(subsidy_rule::Column::Priority)
        .order_by_asc(subsidy_rule::Column::Id)
        .all(desk.db())
        .await?;
    let names = category_names(desk.db()).await?;
    Ok(rules.into_iter().map(|r| info(r, &names)).collect())
}

/// Admins only: subsidies are public money.
pub async fn save_rule(desk: &Desk, actor: &Actor, id: Option<i32>, input: SubsidyRuleInput) -> Result<SubsidyRuleInfo> {
    authorize(desk, actor, Role::Admin, "修改助餐补贴规则").await?;
    let name = validate::name(&input.name, "name", "规则名称", 40)?;
    check_rule(&input)?;
    let txn = desk.begin_write().await?;
    if let Some(cid) = input.category_type_id {
        if category_type::Entity::find_by_id(cid).one(&txn).await?.is_none() {
            return Err(Error::invalid("unknown_category", "categoryTypeId", "所选居民类别不存在，请刷新后重选"));
        }
    }
    let now = desk.clock().now();
    let mut m = match id {
        Some(id) => subsidy_rule::ActiveModel::from(
            subsidy_rule::Entity::find_by_id(id).one(&txn).await?.ok_or(Error::NotFound { what: "补贴规则" })?,
        ),
        None => subsidy_rule::ActiveModel { created_at: Set(now), ..Default::default() },
    };
    m.name = Set(name);
    m.age_min = Set(input.age_min);
    m.age_max = Set(input.age_max);
    m.category_type_id = Set(input.category_type_id);
    m.valid_from = Set(input.valid_from);
    m.valid_to = Set(input.valid_to);
    m.per_meal = Set(input.per_meal);
    m.per_day_cap = Set(input.per_day_cap);
    m.priority = Set(input.priority);
    m.active = Set(input.active);
    m.updated_at = Set(now);
    let saved: subsidy_rule::Model = sea_orm::TryIntoModel::try_into_model(m.save(&txn).await?)?;
    let names = category_names(&txn).await?;
    let shown = info(saved, &names);
    let detail = format!(
        "{}：{}，每餐 {} 元{}",
        shown.name,
        shown.conditions,
        crate::money::yuan(shown.per_meal),
        if shown.active { "" } else { "（停用）" }
    );
    audit::record_by(desk, &txn, actor, Entry::new(Action::SubsidyRuleSaved).on("subsidy_rule", shown.id).detail(detail)).await?;
    txn.commit().await?;
    Ok(shown)
}

fn check_rule(r: &SubsidyRuleInput) -> Result<()> {
    for (field, v) in [("ageMin", r.age_min), ("ageMax", r.age_max)] {
        if v.is_some_and(|a| !(0..=130).contains(&a)) {
            return Err(Error::invalid("invalid_age", field, "年龄应在 0 到 130 岁之间"));
        }
    }
    if let (Some(lo), Some(hi)) = (r.age_min, r.age_max) {
        if lo > hi {
            return Err(Error::invalid("age_range", "ageMax", "最大年龄不能小于最小年龄"));
        }
    }
    if r.age_min.is_none() && r.age_max.is_none() && r.category_type_id.is_none() {
        return Err(Error::invalid("no_condition", "ageMin", "请至少设置年龄段或居民类别中的一个条件"));
    }
    if r.valid_to.is_some_and(|to| to < r.valid_from) {
        return Err(Error::invalid("date_range", "validTo", "结束日期不能早于开始日期"));
    }
    check_amount(r.per_meal, "perMeal", "每餐补贴")?;
    if r.per_meal == 0 {
        return Err(Error::invalid("invalid_amount", "perMeal", "每餐补贴应大于 0 元"));
    }
    if let Some(cap) = r.per_day_cap {
        check_amount(cap, "perDayCap", "每日补贴上限")?;
        if cap < r.per_meal {
            return Err(Error::invalid("cap_below_meal", "perDayCap", "每日上限不能低于每餐补贴"));
        }
    }
    if !(-1000..=1000).contains(&r.priority) {
        return Err(Error::invalid("invalid_priority", "priority", "优先级应在 -1000 到 1000 之间"));
    }
    Ok(())
}

async fn category_names<C: ConnectionTrait>(db: &C) -> Result<Vec<(i32, String)>> {
    Ok(category_type::Entity::find().all(db).await?.into_iter().map(|c| (c.id, c.name)).collect())
}

fn info(r: subsidy_rule::Model, names: &[(i32, String)]) -> SubsidyRuleInfo {
    let category_name = r.category_type_id.and_then(|id| names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()));
    SubsidyRuleInfo {
        conditions: conditions_text(r.age_min, r.age_max, category_name.as_deref()),
        id: r.id,
        name: r.name,
        age_min: r.age_min,
        age_max: r.age_max,
        category_type_id: r.category_type_id,
        category_name,
        valid_from: r.valid_from,
        valid_to: r.valid_to,
        per_meal: r.per_meal,
        per_day_cap: r.per_day_cap,
        priority: r.priority,
        active: r.active,
    }
}

fn conditions_text(lo: Option<i32>, hi: Option<i32>, category: Option<&str>) -> String {
    let age = match (lo, hi) {
        (Some(lo), Some(hi)) => Some(format!("{lo}–{hi} 岁")),
        (Some(lo), None) => Some(format!("{lo} 岁及以上")),
        (None, Some(hi)) => Some(format!("{hi} 岁及以下")),
        (None, None) => None,
    };
    match (age, category) {
        (Some(a), Some(c)) => format!("{a} 且 {c}"),
        (Some(a), None) => a,
        (None, Some(c)) => c.to_string(),
        (None, None) => "不限".into(),
    }
}

/// Does `rule` cover a resident of `age` holding `categories` on `date`?
pub fn matches(rule: &subsidy_rule::Model, age: Option<u32>, categories: &[i32], date: NaiveDate) -> bool {
    let in_force = rule.active && rule.valid_from <= date && rule.valid_to.is_none_or(|to| date <= to);
    let age_ok = match (rule.age_min, rule.age_max) {
        (None, None) => true,
        (lo, hi) => age.is_some_and(|a| lo.is_none_or(|lo| a as i32 >= lo) && hi.is_none_or(|hi| a as i32 <= hi)),
    };
    let category_ok = rule.category_type_id.is_none_or(|c| categories.contains(&c));
    in_force && age_ok && category_ok
}

/// The best matching rule: highest priority, then the larger amount, then the older rule.
pub fn best_rule<'a>(
    rules: &'a [subsidy_rule::Model],
    age: Option<u32>,
    categories: &[i32],
    date: NaiveDate,
) -> Option<&'a subsidy_rule::Model> {
    rules
        .iter()
        .filter(|r| matches(r, age, categories, date))
        .max_by(|a, b| a.priority.cmp(&b.priority).then(a.per_meal.cmp(&b.per_meal)).then(b.id.cmp(&a.id)))
}

/// The subsidy for one meal of `price` when the resident already receives `earlier_today` 分 of
/// subsidy that day.
pub fn apply(rule: Option<&subsidy_rule::Model>, price: i64, earlier_today: i64) -> Applied {
    let Some(rule) = rule else { return Applied::NONE };
    let room = rule.per_day_cap.map_or(i64::MAX, |cap| (cap - earlier_today).max(0));
    let amount = rule.per_meal.min(price).min(room).max(0);
    if amount == 0 {
        return Applied::NONE;
    }
    Applied { rule_id: Some(rule.id), rule_name: Some(rule.name.clone()), amount }
}

/// Loads what the rules look at for one resident on `date`: their age then and their categories.
pub(crate) async fn subsidy_for<C: ConnectionTrait>(
    db: &C,
    r: &resident::Model,
    date: NaiveDate,
    price: i64,
    earlier_today: i64,
) -> Result<Applied> {
    let rules = subsidy_rule::Entity::find().filter(subsidy_rule::Column::Active.eq(true)).all(db).await?;
    if rules.is_empty() {
        return Ok(Applied::NONE);
    }
    let categories = categories_held(db, r.id, date).await?;
    Ok(apply(best_rule(&rules, age_on(r.birth_date, date), &categories, date), price, earlier_today))
}

async fn categories_held<C: ConnectionTrait>(db: &C, resident_id: i32, date: NaiveDate) -> Result<Vec<i32>> {
    let periods = resident_category::Entity::find()
        .filter(resident_category::Column::ResidentId.eq(resident_id))
        .filter(resident_category::Column::StartDate.lte(date))
        .all(db)
        .await?;
    Ok(periods.into_iter().filter(|p| p.end_date.is_none_or(|e| date <= e)).map(|p| p.category_type_id).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: i32, lo: Option<i32>, hi: Option<i32>, cat: Option<i32>, per_meal: i64, priority: i32) -> subsidy_rule::Model {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        subsidy_rule::Model {
            id,
            name: format!("规则{id}"),
            age_min: lo,
            age_max: hi,
            category_type_id: cat,
            valid_from: d,
            valid_to: None,
            per_meal,
            per_day_cap: None,
            priority,
            active: true,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    #[test]
    fn age_bands_include_both_ends() {
        let rules = [rule(1, Some(60), Some(74), None, 100, 0), rule(2, Some(75), Some(84), None, 500, 0)];
        assert_eq!(best_rule(&rules, Some(59), &[], day()).map(|r| r.id), None);
        assert_eq!(best_rule(&rules, Some(60), &[], day()).map(|r| r.id), Some(1));
        assert_eq!(best_rule(&rules, Some(74), &[], day()).map(|r| r.id), Some(1));
        assert_eq!(best_rule(&rules, Some(75), &[], day()).map(|r| r.id), Some(2));
        assert_eq!(best_rule(&rules, Some(85), &[], day()).map(|r| r.id), None);
    }

    #[test]
    fn priority_then_amount_decides() {
        let rules = [rule(1, Some(60), None, None, 100, 0), rule(2, None, None, Some(7), 800, 0), rule(3, Some(60), None, None, 50, 5)];
        assert_eq!(best_rule(&rules, Some(70), &[7], day()).map(|r| r.id), Some(3));
        let rules = [rule(1, Some(60), None, None, 100, 0), rule(2, None, None, Some(7), 800, 0)];
        assert_eq!(best_rule(&rules, Some(70), &[7], day()).map(|r| r.id), Some(2));
        assert_eq!(best_rule(&rules, Some(70), &[], day()).map(|r| r.id), Some(1));
    }

    #[test]
    fn validity_and_activity_count() {
        let mut r = rule(1, Some(60), None, None, 100, 0);
        r.valid_to = Some(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        assert!(!matches(&r, Some(70), &[], day()));
        r.valid_to = Some(day());
        assert!(matches(&r, Some(70), &[], day()));
        r.active = false;
        assert!(!matches(&r, Some(70), &[], day()));
    }

    #[test]
    fn subsidy_never_exceeds_price_or_daily_cap() {
        let mut r = rule(1, Some(60), None, None, 800, 0);
        assert_eq!(apply(Some(&r), 500, 0).amount, 500);
        r.per_day_cap = Some(1000);
        assert_eq!(apply(Some(&r), 1500, 0).amount, 800);
        assert_eq!(apply(Some(&r), 1500, 800).amount, 200);
        assert_eq!(apply(Some(&r), 1500, 1000), Applied::NONE);
        assert_eq!(apply(None, 1500, 0), Applied::NONE);
    }
}
