use crate::volunteers::model::HonourKind;
use sea_orm::entity::prelude::*;

/// Training, a commendation or an evaluation on a volunteer's record.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "volunteer_honours")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub volunteer_id: i32,
    pub kind: HonourKind,
    pub on_date: Date,
    pub title: String,
    pub issuer: String,
    pub notes: String,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
