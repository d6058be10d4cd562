use sea_orm::entity::prelude::*;

/// A check-up campaign: days, station, provider, who is targeted and what invitees are told.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checkup_campaigns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub station_id: i32,
    pub provider_id: i32,
    pub first_day: Date,
    pub last_day: Date,
    pub target_min_age: Option<i32>,
    pub target_category_type_id: Option<i32>,
    pub target_not_checked_this_year: bool,
    pub bring_note: String,
    pub fasting: bool,
    pub notes: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
