use crate::checkups::followup_rules::TaskKind;
use crate::checkups::TaskStatus;
use sea_orm::entity::prelude::*;

/// A follow-up due: why, by when, and how it was closed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "followup_tasks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resident_id: i32,
    pub kind: TaskKind,
    pub due_on: Date,
    pub reason: String,
    pub status: TaskStatus,
    pub source_result_id: Option<i32>,
    pub source_record_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub closed_by: Option<i32>,
    pub closed_record_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
