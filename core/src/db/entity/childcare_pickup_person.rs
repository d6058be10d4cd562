use crate::childcare::model::{DelegatedHow, PickupStatus};
use sea_orm::entity::prelude::*;

/// Someone who may (or may not) take a child home; a delegate only on their days.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "childcare_pickup_persons")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub enrolment_id: i32,
    pub resident_id: Option<i32>,
    pub name: String,
    pub phone: String,
    pub relationship: String,
    pub status: PickupStatus,
    /// An outside contact: the clerk confirmed the person is an adult.
    pub adult_confirmed: bool,
    /// Unused since photos are kept in `childcare_photos` (a typed path only worked on one PC).
    pub photo_path: Option<String>,
    pub delegate_from: Option<Date>,
    pub delegate_to: Option<Date>,
    /// The guardian who authorised the delegate.
    pub delegated_by: Option<String>,
    pub delegated_how: Option<DelegatedHow>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
