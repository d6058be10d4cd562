use crate::canteen::model::BookingStatus;
use crate::canteen::model::DinerType;
use crate::canteen::model::Mode;
use crate::canteen::model::Slot;
use sea_orm::entity::prelude::*;

/// A booked (or walk-in) meal with the price, subsidy, payable amount and rule that applied when booked.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bookings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub canteen_id: i32,
    pub diner_id: i32,
    pub resident_id: i32,
    pub meal_date: Date,
    pub slot: Slot,
    pub mode: Mode,
    pub route: Option<String>,
    pub address: Option<String>,
    pub diner_type: DinerType,
    pub price: i64,
    pub subsidy: i64,
    pub payable: i64,
    pub subsidy_rule_id: Option<i32>,
    pub subsidy_rule_name: Option<String>,
    pub status: BookingStatus,
    pub walk_in: bool,
    pub standing_order_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub cancelled_by: Option<i32>,
    pub cancel_reason: Option<String>,
    pub served_at: Option<DateTimeUtc>,
    pub served_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
