use crate::checkups::invitations::InvitationStatus;
use sea_orm::entity::prelude::*;

/// A resident invited to (or walking into) a campaign, with the time slot and the sign-in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checkup_invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub campaign_id: i32,
    pub resident_id: i32,
    pub slot_id: Option<i32>,
    pub status: InvitationStatus,
    pub walk_in: bool,
    pub invited_at: DateTimeUtc,
    pub invited_by: Option<i32>,
    pub signed_in_at: Option<DateTimeUtc>,
    pub signed_in_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
