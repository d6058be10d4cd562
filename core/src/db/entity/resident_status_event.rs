use crate::residents::model::Status;
use sea_orm::entity::prelude::*;

/// From `effective_date` on, the resident's status is `status`. The latest event on or before a
/// date answers "may this resident receive a service on that date?".
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resident_status_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resident_id: i32,
    pub status: Status,
    pub effective_date: Date,
    pub note: Option<String>,
    pub recorded_at: DateTimeUtc,
    pub recorded_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
