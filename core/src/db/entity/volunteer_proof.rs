use sea_orm::entity::prelude::*;

/// A 志愿服务证明 as issued: what it said is kept, so a reprint is the same document.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "volunteer_proofs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// "ZYZM-2026-0012"
    pub number: String,
    pub volunteer_id: i32,
    pub period_from: Date,
    pub period_to: Date,
    pub minutes: i64,
    /// The services listed, as JSON (`ProofLine`s).
    pub lines: String,
    pub volunteer_name: String,
    pub id_type_label: String,
    pub masked_id: String,
    pub volunteer_number: String,
    pub office: String,
    pub person_in_charge: String,
    pub handler: String,
    pub handler_phone: String,
    pub issued_on: Date,
    pub reprints: i32,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
