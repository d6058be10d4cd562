use sea_orm::entity::prelude::*;

/// A resident belongs to a category from `start_date` to `end_date` (inclusive; open when `None`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resident_categories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resident_id: i32,
    pub category_type_id: i32,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
