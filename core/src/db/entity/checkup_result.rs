use crate::checkups::flags::BmiClass;
use crate::checkups::flags::BpGrade;
use crate::checkups::flags::GlucoseClass;
use crate::checkups::readings::GlucoseKind;
use sea_orm::entity::prelude::*;

/// The readings of one check-up, with the flags computed from them and the threshold version used.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checkup_results")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resident_id: i32,
    pub campaign_id: Option<i32>,
    pub invitation_id: Option<i32>,
    pub station_id: Option<i32>,
    pub checked_on: Date,
    pub systolic: Option<i32>,
    pub diastolic: Option<i32>,
    pub heart_rate: Option<i32>,
    pub glucose_x10: Option<i32>,
    pub glucose_kind: Option<GlucoseKind>,
    pub height_x10: Option<i32>,
    pub weight_x10: Option<i32>,
    pub waist_x10: Option<i32>,
    pub bmi_x10: Option<i32>,
    pub notes: Option<String>,
    pub bp_grade: Option<BpGrade>,
    pub glucose_class: Option<GlucoseClass>,
    pub bmi_class: Option<BmiClass>,
    pub bp_uncontrolled: bool,
    pub glucose_uncontrolled: bool,
    pub urgent: bool,
    pub threshold_set_id: i32,
    pub source: String,
    pub recorded_at: DateTimeUtc,
    pub recorded_by: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
