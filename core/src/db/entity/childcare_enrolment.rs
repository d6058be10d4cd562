use crate::childcare::model::{EnrolmentStatus, FeeStatus};
use sea_orm::entity::prelude::*;

/// A child in a program (or waiting for a place), with the guardian's consent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "childcare_enrolments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub program_id: i32,
    pub resident_id: i32,
    pub status: EnrolmentStatus,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub end_reason: Option<String>,
    pub consent_date: Option<Date>,
    pub consent_by: Option<String>,
    pub school: String,
    pub class_name: String,
    pub allergies: String,
    pub notes: String,
    pub fee: FeeStatus,
    /// The date of the guardian's written permission to go home alone.
    pub self_home_permitted_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
