use sea_orm::entity::prelude::*;

/// A household (户). Its head is the member whose `relation_to_head` is 户主.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "households")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// 户号 as written in the office's own books; imports group rows by it.
    pub code: Option<String>,
    pub address: String,
    pub community_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
