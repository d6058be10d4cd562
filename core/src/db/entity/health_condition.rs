use crate::checkups::followup_rules::Condition;
use sea_orm::entity::prelude::*;

/// A known chronic condition (hypertension, diabetes) that calls for quarterly follow-ups.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "health_conditions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resident_id: i32,
    pub condition: Condition,
    pub since: Option<Date>,
    pub source: String,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
