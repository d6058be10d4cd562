use crate::canteen::model::Mode;
use crate::canteen::model::Slot;
use sea_orm::entity::prelude::*;

/// A standing order: weekdays as a bitmask (Monday = 1 … Sunday = 64), a default meal and mode; paused from a day until a resume day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "standing_orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub diner_id: i32,
    pub slot: Slot,
    pub weekdays: i32,
    pub dish_id: i32,
    pub mode: Mode,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub paused_from: Option<Date>,
    pub resume_on: Option<Date>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
