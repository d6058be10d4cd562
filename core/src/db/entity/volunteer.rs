use crate::volunteers::model::{IdType, VolunteerStatus};
use sea_orm::entity::prelude::*;

/// A volunteer: a resident of the registry or an outside person, with a number given in order.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "volunteers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// 志愿者编号 "ZY00012"
    #[sea_orm(unique)]
    pub number: String,
    pub resident_id: Option<i32>,
    pub name: String,
    pub id_type: IdType,
    pub id_number: Option<String>,
    pub phone: String,
    pub birth_date: Option<Date>,
    pub skills: String,
    pub availability: String,
    pub joined_on: Date,
    pub status: VolunteerStatus,
    /// A minor's guardian consent: when and who.
    pub guardian_consent_on: Option<Date>,
    pub guardian_consent_by: Option<String>,
    pub notes: String,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
