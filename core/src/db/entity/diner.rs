use crate::canteen::model::DinerType;
use crate::canteen::model::Mode;
use sea_orm::entity::prelude::*;

/// A resident registered with a canteen, with a card number and a diner type.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "diners")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub canteen_id: i32,
    pub resident_id: i32,
    pub card_number: String,
    pub diner_type: DinerType,
    pub default_mode: Mode,
    pub route: Option<String>,
    pub delivery_address: Option<String>,
    pub notes: Option<String>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
