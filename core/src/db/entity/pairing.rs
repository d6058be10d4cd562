use sea_orm::entity::prelude::*;

/// 结对帮扶: volunteers paired with an elder, to visit every `frequency_days`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pairings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub elder_id: i32,
    pub frequency_days: i32,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub end_reason: Option<String>,
    pub notes: String,
    /// The latest visit's day and the next visit it agreed, and the visits made: kept with each
    /// visit so the daily lists need not read every visit.
    pub last_visited_on: Option<Date>,
    pub next_visit_on: Option<Date>,
    pub visit_count: i32,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
