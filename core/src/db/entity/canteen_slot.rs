use crate::canteen::model::Slot;
use sea_orm::entity::prelude::*;

/// A meal slot of a canteen: serving times as "HH:MM", the same-day booking cutoff and an optional capacity.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "canteen_slots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub canteen_id: i32,
    pub slot: Slot,
    pub serve_from: String,
    pub serve_to: String,
    pub booking_cutoff: String,
    pub capacity: Option<i32>,
    pub active: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
