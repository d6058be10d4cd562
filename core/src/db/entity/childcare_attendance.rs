use crate::childcare::model::{AbsenceReason, ArrivalMode};
use sea_orm::entity::prelude::*;

/// One child's day: arrival and departure, or the absence recorded ahead.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "childcare_attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub enrolment_id: i32,
    pub day: Date,
    pub arrived_at: Option<DateTimeUtc>,
    pub arrival_mode: Option<ArrivalMode>,
    pub left_at: Option<DateTimeUtc>,
    pub pickup_person_id: Option<i32>,
    pub left_alone: bool,
    pub late: bool,
    pub absence_reason: Option<AbsenceReason>,
    pub absence_by: Option<String>,
    pub recorded_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
