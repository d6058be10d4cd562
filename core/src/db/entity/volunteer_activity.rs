use crate::volunteers::model::ActivityStatus;
use sea_orm::entity::prelude::*;

/// A volunteer activity (志愿活动) on one day: its hours are credited when the organiser confirms it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "volunteer_activities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub held_on: Date,
    /// "HH:MM", Beijing time.
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub organiser: String,
    pub team_id: Option<i32>,
    /// 服务内容, as the service record and the proof name it.
    pub content: String,
    /// Volunteers under the minors' age may take part.
    pub minors_ok: bool,
    pub status: ActivityStatus,
    pub confirmed_at: Option<DateTimeUtc>,
    pub confirmed_by: Option<i32>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
