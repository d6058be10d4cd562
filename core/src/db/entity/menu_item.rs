use crate::canteen::model::Slot;
use sea_orm::entity::prelude::*;

/// A dish offered by a canteen on a day and slot.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "menu_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub canteen_id: i32,
    pub meal_date: Date,
    pub slot: Slot,
    pub dish_id: i32,
    pub sort_order: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
