//! Cards printed for the desk: a child's sign-in card and each pick-up person's 接送卡. A code is
//! `CC1-<card id>-<MAC>`, signed like meal tickets with this installation's secret; a card is
//! revoked (lost) by its row, so the old code is refused from then on and a new card gets a new id.

use super::{MANAGE, STAFF};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::canteen::tickets::{read_signed, secret, signed_code, Scanned};
use crate::db::entity::childcare_card;
use crate::error::{Error, Result};
use crate::Desk;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

const PREFIX: &str = "CC1";

pub(crate) fn code_for(secret: &[u8], card_id: i32) -> String {
    signed_code(secret, PREFIX, card_id)
}

/// The QR content of a card, for tests and scripts that scan without printing.
#[doc(hidden)]
pub async fn code_of(desk: &Desk, card_id: i32) -> Result<String> {
    Ok(code_for(&secret(desk.db()).await?, card_id))
}

/// The enrolment a scanned card belongs to, so the command line can scan without naming the
/// program; every refusal of [`read`] applies.
pub async fn enrolment_of_code(desk: &Desk, text: &str) -> Result<i32> {
    match read(desk.db(), text).await? {
        Read::Card(card) => Ok(card.enrolment_id),
        Read::NotACode => Err(Error::invalid("not_a_card", "code", "这不是托育卡片上的二维码内容")),
    }
}

/// What a scanned text is at the childcare desk.
pub(crate) enum Read {
    Card(childcare_card::Model),
    NotACode,
}

pub(crate) async fn read<C: ConnectionTrait>(db: &C, text: &str) -> Result<Read> {
    let key = secret(db).await?;
    match read_signed(&key, PREFIX, text) {
        Scanned::NotACode => Ok(Read::NotACode),
        Scanned::Forged => Err(forged()),
        Scanned::Ticket(id) => {
            let card = childcare_card::Entity::find_by_id(id).one(db).await?.ok_or_else(forged)?;
            if card.revoked_at.is_some() {
                return Err(Error::invalid("card_revoked", "code", "这张卡已挂失作废，请使用新卡"));
            }
            Ok(Read::Card(card))
        }
    }
}

fn forged() -> Error {
    Error::invalid("card_forged", "code", "卡片二维码无法验证：不是本系统打印的，或已被改动")
}

/// The card in use for the child (`person` None) or a pick-up person, made when there is none.
pub(crate) async fn current_or_new<C: ConnectionTrait>(
    db: &C,
    desk: &Desk,
    enrolment_id: i32,
    person: Option<i32>,
) -> Result<childcare_card::Model> {
    let select = childcare_card::Entity::find()
        .filter(childcare_card::Column::EnrolmentId.eq(enrolment_id))
        .filter(childcare_card::Column::RevokedAt.is_null());
    let select = match person {
        Some(p) => select.filter(childcare_card::Column::PickupPersonId.eq(p)),
        None => select.filter(childcare_card::Column::PickupPersonId.is_null()),
    };
    if let Some(card) = select.one(db).await? {
        return Ok(card);
    }
    Ok(childcare_card::ActiveModel {
        enrolment_id: Set(enrolment_id),
        pickup_person_id: Set(person),
        issued_at: Set(desk.clock().now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Revokes a lost card and makes its replacement; returns the new card's id.
pub async fn revoke_card(desk: &Desk, actor: &Actor, card_id: i32) -> Result<i32> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let card = childcare_card::Entity::find_by_id(card_id).one(&txn).await?.ok_or(Error::NotFound { what: "接送卡" })?;
    if card.revoked_at.is_some() {
        return Err(Error::invalid("card_revoked", "cardId", "这张卡已经挂失"));
    }
    let (enrolment_id, person) = (card.enrolment_id, card.pickup_person_id);
    let mut m: childcare_card::ActiveModel = card.into();
    m.revoked_at = Set(Some(desk.clock().now()));
    m.revoked_by = Set(Some(actor.user_id()));
    m.update(&txn).await?;
    let new = current_or_new(&txn, desk, enrolment_id, person).await?;
    let entry =
        Entry::new(Action::PickupCardRevoked).on("childcare_enrolment", enrolment_id).detail(format!("卡 {card_id} 挂失，新卡 {}", new.id));
    audit::record_by(desk, &txn, actor, entry).await?;
    txn.commit().await?;
    Ok(new.id)
}
