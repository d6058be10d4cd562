use crate::volunteers::model::VisitWay;
use sea_orm::entity::prelude::*;

/// A visit to a paired elder (探访), as the volunteer reported it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visits")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub pairing_id: i32,
    pub volunteer_id: Option<i32>,
    pub visited_on: Date,
    pub duration_minutes: i32,
    pub way: VisitWay,
    pub health: String,
    pub safety: String,
    pub mood: String,
    pub needs: String,
    /// "需要帮助": a request for 需求议事.
    pub needs_help: bool,
    /// A health worry: a task for the health staff.
    pub health_worry: bool,
    pub next_visit_on: Option<Date>,
    pub followup_task_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
