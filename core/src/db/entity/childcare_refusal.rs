use sea_orm::entity::prelude::*;

/// A pick-up the desk refused: who tried, when, and why.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "childcare_refusals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub enrolment_id: i32,
    pub at: DateTimeUtc,
    pub pickup_person_id: Option<i32>,
    /// The person's name, or what was scanned when nobody is known.
    pub who: String,
    /// The refusal's code ("pickup_barred" …).
    pub reason: String,
    pub message: String,
    pub recorded_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
