use crate::childcare::model::ProgramKind;
use sea_orm::entity::prelude::*;

/// An after-school care program: where, for whom, on which days and hours.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "childcare_programs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub kind: ProgramKind,
    pub community_id: Option<i32>,
    pub place: String,
    pub min_age: i32,
    pub max_age: i32,
    pub capacity: i32,
    pub term_start: Date,
    pub term_end: Date,
    /// Monday = 1, Tuesday = 2 … Sunday = 64.
    pub weekdays: i32,
    /// "16:30"
    pub starts_at: String,
    pub ends_at: String,
    /// From this time the desk lists children neither signed in nor excused.
    pub missing_call_at: String,
    /// 自行回家 from this age, with a guardian's written permission.
    pub self_home_min_age: i32,
    /// The monthly fee in 分 for a 按月收费 enrolment (0: free).
    pub monthly_fee: i64,
    /// The monthly fee in 分 after the 低保 减免.
    pub reduced_fee: i64,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
