use sea_orm::entity::prelude::*;

/// The photo of a pick-up person, shown at sign-out. The bytes live in the database so they are in
/// every backup and on every PC of a shared deployment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "childcare_photos")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub pickup_person_id: i32,
    /// "image/jpeg" or "image/png"
    pub mime: String,
    pub bytes: Vec<u8>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
