use crate::checkups::flags::BpGrade;
use crate::checkups::flags::GlucoseClass;
use crate::checkups::followup_rules::FollowupMethod;
use crate::checkups::readings::GlucoseKind;
use sea_orm::entity::prelude::*;

/// A follow-up done: when, how, the readings, the outcome and the next date.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "followup_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resident_id: i32,
    pub task_id: Option<i32>,
    pub followed_on: Date,
    pub method: FollowupMethod,
    pub systolic: Option<i32>,
    pub diastolic: Option<i32>,
    pub heart_rate: Option<i32>,
    pub glucose_x10: Option<i32>,
    pub glucose_kind: Option<GlucoseKind>,
    pub bp_grade: Option<BpGrade>,
    pub glucose_class: Option<GlucoseClass>,
    pub bp_uncontrolled: bool,
    pub glucose_uncontrolled: bool,
    pub urgent: bool,
    pub threshold_set_id: i32,
    pub outcome: String,
    pub next_on: Option<Date>,
    pub recorded_at: DateTimeUtc,
    pub recorded_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
