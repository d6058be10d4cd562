use crate::volunteers::model::EntrySource;
use sea_orm::entity::prelude::*;

/// One line of a volunteer's service record (志愿服务记录). Never changed: a correction is a new
/// entry whose `minutes` is the difference, stating the old value, who asked and why.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub volunteer_id: i32,
    /// The day served (for a correction, the corrected entry's day).
    pub served_on: Date,
    pub source: EntrySource,
    pub activity_id: Option<i32>,
    pub visit_id: Option<i32>,
    /// Minutes credited by this entry; negative for a correction that lowers a record.
    pub minutes: i32,
    pub content: String,
    pub corrects_id: Option<i32>,
    /// The corrected entry's value before this correction.
    pub old_minutes: Option<i32>,
    pub reason: Option<String>,
    /// Who asked for the correction ("本人", "队长 李强").
    pub requested_by: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
