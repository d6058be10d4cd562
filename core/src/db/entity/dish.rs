use crate::canteen::model::DishKind;
use sea_orm::entity::prelude::*;

/// A dish (小碗菜) or set meal (套餐) with its price in 分 for each diner type; tags comma-separated.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dishes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub canteen_id: i32,
    pub name: String,
    pub kind: DishKind,
    pub price_elderly: i64,
    pub price_child: i64,
    pub price_resident: i64,
    pub price_staff: i64,
    pub tags: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
