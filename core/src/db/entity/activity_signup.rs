use crate::volunteers::model::Evaluation;
use sea_orm::entity::prelude::*;

/// A volunteer signed up for an activity, for one of its needs or none in particular.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_signups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub activity_id: i32,
    pub need_id: Option<i32>,
    pub volunteer_id: i32,
    /// The organiser's evaluation of the service (服务评价).
    pub evaluation: Option<Evaluation>,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
