use crate::residents::model::RelationKind;
use sea_orm::entity::prelude::*;

/// A guardian, emergency contact or authorised pick-up person: another resident
/// (`related_resident_id`) or someone outside the registry (`contact_name` + `contact_phone`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resident_relations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resident_id: i32,
    /// `RelationKind::as_str()`
    pub kind: RelationKind,
    pub related_resident_id: Option<i32>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    /// 母亲, 儿子, 邻居, …
    pub relationship: Option<String>,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
