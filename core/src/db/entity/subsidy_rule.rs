use sea_orm::entity::prelude::*;

/// A meal subsidy rule: conditions (age band on the meal date, category), validity, amounts in 分.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subsidy_rules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    pub category_type_id: Option<i32>,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub per_meal: i64,
    pub per_day_cap: Option<i64>,
    pub priority: i32,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
