use crate::residents::id_number::Sex;
use crate::residents::model::NoIdReason;
use crate::residents::model::Status;
use sea_orm::entity::prelude::*;

/// One resident. Rows are never deleted: moving out and death are status changes with a date.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "residents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// `Sex::as_str()`
    pub sex: Sex,
    /// Normalised 18 characters; `None` only with a `no_id_reason`.
    pub id_number: Option<String>,
    /// `NoIdReason::as_str()`
    pub no_id_reason: Option<NoIdReason>,
    pub birth_date: Date,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub community_id: Option<i32>,
    pub grid_id: Option<i32>,
    pub compound_id: Option<i32>,
    pub household_id: Option<i32>,
    pub relation_to_head: Option<String>,
    /// `Status::as_str()`: the current status; history is in `resident_status_events`.
    pub status: Status,
    pub status_date: Option<Date>,
    pub notes: Option<String>,
    /// `|wangxiuying|wxy|` — pinyin keys the search matches by prefix.
    pub search_text: String,
    /// The ID number and phone digits reversed, so a suffix search is an indexed prefix range.
    pub id_reversed: Option<String>,
    pub phone_reversed: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
