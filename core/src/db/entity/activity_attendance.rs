use crate::volunteers::model::AttendanceWay;
use sea_orm::entity::prelude::*;

/// One sign-in with its sign-out (open until signed out); at most three per volunteer and activity.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub activity_id: i32,
    pub volunteer_id: i32,
    pub signed_in_at: DateTimeUtc,
    pub signed_out_at: Option<DateTimeUtc>,
    /// How the sign-in was made: scanned, found by name, or entered afterwards by staff.
    pub way: AttendanceWay,
    pub in_by: Option<i32>,
    pub out_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
