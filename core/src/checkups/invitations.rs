//! Invitations: the residents a campaign's target rule proposes, inviting them into time slots
//! within capacity, moving and withdrawing them, and on the day signing them in (by search or by
//! the QR code on their slip) or adding walk-ins.

use super::campaigns::{find_campaign, slots_of};
use super::{HEALTH_STAFF, MANAGE_CHECKUPS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::canteen::tickets::{self, Scanned};
use crate::clock::day_text;
use crate::coded::coded_enum;
use crate::db::entity::{category_type, checkup_campaign, checkup_invitation, checkup_result, resident};
use crate::error::{Error, Result};
use crate::residents::age::{age_on, born_on_or_before_for_age};
use crate::residents::eligibility::eligibility_many;
use crate::residents::places::PlaceIndex;
use crate::residents::search::{all_matching, categories_on};
use crate::residents::ResidentQuery;
use crate::residents::{mask_id, mask_phone};
use crate::Desk;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// The prefix of the code on an invitation slip: `CK1-<invitation id>-<MAC>`.
const SLIP_PREFIX: &str = "CK1";

coded_enum! {
    InvitationStatus, "status", "状态" {
        Invited => "invited", "已邀请";
        SignedIn => "signed_in", "已签到";
        Checked => "checked", "已体检";
    }
}

/// A resident as the check-up lists show them: masked ID number and phone.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonLine {
    pub resident_id: i32,
    pub name: String,
    pub sex: String,
    /// On the campaign's first day.
    pub age: Option<u32>,
    pub community: String,
    pub masked_id: String,
    pub masked_phone: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub person: PersonLine,
    /// The latest check-up before the campaign, if any.
    pub last_checkup: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InvitationRow {
    pub id: i32,
    pub person: PersonLine,
    pub slot_id: Option<i32>,
    /// "12月8日 08:00–09:00"; empty for a walk-in.
    pub slot_label: String,
    pub status: InvitationStatus,
    pub status_label: String,
    pub walk_in: bool,
    pub signed_in_at: Option<DateTime<Utc>>,
    pub result_id: Option<i32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InviteResult {
    pub invited: u32,
    /// Already invited to this campaign; left as they were.
    pub already: u32,
}

/// The residents the campaign's target rule proposes who are not invited yet: those who may
/// receive services on the first day, of the age, holding the category, and not checked this
/// year, as the rule asks.
pub async fn propose(desk: &Desk, actor: &Actor, campaign_id: i32) -> Result<Vec<Candidate>> {
    authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let db = desk.db();
    let c = find_campaign(db, campaign_id).await?;
    let on = c.first_day;
    let mut select = resident::Entity::find();
    if let Some(age) = c.target_min_age {
        select = select.filter(resident::Column::BirthDate.lte(born_on_or_before_for_age(age.max(0) as u32, on)));
    }
    let mut ids: Vec<i32> = select.all(db).await?.into_iter().map(|r| r.id).collect();
    let invited: HashSet<i32> = invitations_of(db, campaign_id).await?.into_iter().map(|i| i.resident_id).collect();
    ids.retain(|id| !invited.contains(id));
    let allowed = eligibility_many(db, &ids, on).await?;
    ids.retain(|id| allowed.get(id).is_some_and(|e| e.allowed));
    if let Some(type_id) = c.target_category_type_id {
        let wanted = category_type::Entity::find_by_id(type_id).one(db).await?.map(|t| t.name).unwrap_or_default();
        let held = categories_on(db, &ids, on).await?;
        ids.retain(|id| held.get(id).is_some_and(|names| names.contains(&wanted)));
    }
    let last = last_checkups(db, &ids, on).await?;
    if c.target_not_checked_this_year {
        ids.retain(|id| last.get(id).is_none_or(|d| d.year() != on.year()));
    }
    let people = people_of(db, &ids, on).await?;
    let mut out: Vec<Candidate> = ids
        .iter()
        .filter_map(|id| people.get(id).cloned())
        .map(|person| Candidate { last_checkup: last.get(&person.resident_id).copied(), person })
        .collect();
    out.sort_by(|a, b| (&a.person.community, &a.person.name).cmp(&(&b.person.community, &b.person.name)));
    Ok(out)
}

/// Invites `resident_ids`, each into the earliest slot with room. Nobody is invited when one of
/// them may not receive services on the first day, or when the slots lack room for all of them.
pub async fn invite(desk: &Desk, actor: &Actor, campaign_id: i32, resident_ids: &[i32]) -> Result<InviteResult> {
    let user = authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let txn = desk.begin_write().await?;
    let c = find_campaign(&txn, campaign_id).await?;
    let already: HashSet<i32> = invitations_of(&txn, campaign_id).await?.into_iter().map(|i| i.resident_id).collect();
    let mut new: Vec<i32> = resident_ids.iter().copied().filter(|id| !already.contains(id)).collect();
    new.sort_unstable();
    new.dedup();
    let allowed = eligibility_many(&txn, &new, c.first_day).await?;
    for id in &new {
        match allowed.get(id) {
            None => return Err(Error::invalid("not_found", "residentIds", format!("居民（编号 {id}）不存在"))),
            Some(e) if !e.allowed => return Err(Error::invalid("not_eligible", "residentIds", e.reason.clone().unwrap_or_default())),
            Some(_) => {}
        }
    }
    let mut free: Vec<(i32, i32)> =
        slots_of(&txn, campaign_id).await?.into_iter().map(|s| (s.id, s.capacity - s.assigned)).filter(|(_, f)| *f > 0).collect();
    let room: i32 = free.iter().map(|(_, f)| f).sum();
    if (new.len() as i64) > i64::from(room) {
        return Err(Error::invalid(
            "no_room",
            "residentIds",
            format!("时段名额不足：还可安排 {room} 人，本次选择了 {} 人。请增加时段或名额", new.len()),
        ));
    }
    let now = desk.clock().now();
    for id in &new {
        let Some(slot) = free.iter_mut().find(|(_, f)| *f > 0) else { break };
        slot.1 -= 1;
        checkup_invitation::ActiveModel {
            campaign_id: Set(campaign_id),
            resident_id: Set(*id),
            slot_id: Set(Some(slot.0)),
            status: Set(InvitationStatus::Invited),
            walk_in: Set(false),
            invited_at: Set(now),
            invited_by: Set(Some(user.id)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let detail = format!("{}：邀请 {} 人", c.name, new.len());
    audit::record_by(desk, &txn, actor, Entry::new(Action::CheckupInvited).on("checkup_campaign", campaign_id).detail(detail)).await?;
    txn.commit().await?;
    Ok(InviteResult { invited: new.len() as u32, already: (resident_ids.len() - new.len()) as u32 })
}

/// Moves an invitee to another slot of the same campaign that has room.
pub async fn move_to_slot(desk: &Desk, actor: &Actor, invitation_id: i32, slot_id: i32) -> Result<InvitationRow> {
    authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let txn = desk.begin_write().await?;
    let inv = find_invitation(&txn, invitation_id).await?;
    let slots = slots_of(&txn, inv.campaign_id).await?;
    let slot = slots.iter().find(|s| s.id == slot_id).ok_or_else(|| Error::invalid("not_found", "slotId", "该时段不属于这次体检活动"))?;
    if inv.slot_id != Some(slot_id) && slot.assigned >= slot.capacity {
        return Err(Error::invalid("slot_full", "slotId", format!("{} 已满（{} 人）", slot.label, slot.capacity)));
    }
    let mut m: checkup_invitation::ActiveModel = inv.into();
    m.slot_id = Set(Some(slot_id));
    let saved = m.update(&txn).await?;
    let c = find_campaign(&txn, saved.campaign_id).await?;
    let row = rows_of(&txn, &c, vec![saved]).await?.pop().ok_or(Error::NotFound { what: "邀请" })?;
    txn.commit().await?;
    Ok(row)
}

/// Withdraws an invitation that has no sign-in and no result yet.
pub async fn withdraw(desk: &Desk, actor: &Actor, invitation_id: i32) -> Result<()> {
    authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let txn = desk.begin_write().await?;
    let inv = find_invitation(&txn, invitation_id).await?;
    if inv.signed_in_at.is_some() {
        return Err(Error::conflict("id", "已签到的居民不能撤销邀请"));
    }
    checkup_invitation::Entity::delete_by_id(inv.id).exec(&txn).await?;
    audit::record_by(
        desk,
        &txn,
        actor,
        Entry::new(Action::CheckupInvitationWithdrawn).on("checkup_invitation", inv.id).detail(format!("居民编号 {}", inv.resident_id)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The campaign's invitees in slot order, walk-ins last.
pub async fn list(desk: &Desk, actor: &Actor, campaign_id: i32) -> Result<Vec<InvitationRow>> {
    authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let c = find_campaign(desk.db(), campaign_id).await?;
    let rows = invitations_of(desk.db(), campaign_id).await?;
    rows_of(desk.db(), &c, rows).await
}

/// The campaign's invitees found by `text` the way the residents search finds people: name or a
/// part of it, full pinyin or initials ("wxy"), the last digits of the ID number or phone. The
/// sign-in desk types these.
pub async fn find(desk: &Desk, actor: &Actor, campaign_id: i32, text: &str) -> Result<Vec<InvitationRow>> {
    authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let db = desk.db();
    let c = find_campaign(db, campaign_id).await?;
    let query = ResidentQuery { text: Some(text.to_string()), page: 1, page_size: 1, ..Default::default() };
    let found: HashSet<i32> = all_matching(db, &query, desk.clock().today()).await?.into_iter().map(|r| r.id).collect();
    let invited = invitations_of(db, campaign_id).await?.into_iter().filter(|i| found.contains(&i.resident_id)).collect();
    rows_of(db, &c, invited).await
}

/// Signs an invitee in (now). Signing in twice is harmless and keeps the first time.
pub async fn sign_in(desk: &Desk, actor: &Actor, invitation_id: i32) -> Result<InvitationRow> {
    let user = authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let txn = desk.begin_write().await?;
    let inv = find_invitation(&txn, invitation_id).await?;
    let c = find_campaign(&txn, inv.campaign_id).await?;
    let today = desk.clock().today();
    if today < c.first_day || today > c.last_day {
        return Err(Error::conflict("id", format!("{}在{}至{}进行，今天不能签到", c.name, day_text(c.first_day), day_text(c.last_day))));
    }
    let saved = if inv.signed_in_at.is_some() {
        inv
    } else {
        let mut m: checkup_invitation::ActiveModel = inv.into();
        m.signed_in_at = Set(Some(desk.clock().now()));
        m.signed_in_by = Set(Some(user.id));
        m.status = Set(InvitationStatus::SignedIn);
        m.update(&txn).await?
    };
    let row = rows_of(&txn, &c, vec![saved]).await?.pop().ok_or(Error::NotFound { what: "邀请" })?;
    txn.commit().await?;
    Ok(row)
}

/// Signs in by the code scanned from a printed slip.
pub async fn sign_in_by_slip(desk: &Desk, actor: &Actor, campaign_id: i32, code: &str) -> Result<InvitationRow> {
    authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let secret = tickets::secret(desk.db()).await?;
    let id = match tickets::read_signed(&secret, SLIP_PREFIX, code) {
        Scanned::Ticket(id) => id,
        Scanned::Forged => return Err(Error::invalid("forged_slip", "code", "这张通知单的二维码无法验证：不是本系统打印的，或已被改动")),
        Scanned::NotACode => return Err(Error::invalid("not_a_slip", "code", "这不是体检通知单的二维码")),
    };
    let inv = find_invitation(desk.db(), id).await?;
    if inv.campaign_id != campaign_id {
        let other = find_campaign(desk.db(), inv.campaign_id).await?;
        return Err(Error::invalid("other_campaign", "code", format!("这张通知单属于“{}”", other.name)));
    }
    sign_in(desk, actor, id).await
}

/// Adds someone who came without an invitation, signed in now and without a slot (walk-ins do not
/// take a slot's place).
pub async fn walk_in(desk: &Desk, actor: &Actor, campaign_id: i32, resident_id: i32) -> Result<InvitationRow> {
    let user = authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let txn = desk.begin_write().await?;
    let c = find_campaign(&txn, campaign_id).await?;
    let today = desk.clock().today();
    let allowed = eligibility_many(&txn, &[resident_id], today).await?;
    match allowed.get(&resident_id) {
        None => return Err(Error::NotFound { what: "居民" }),
        Some(e) if !e.allowed => return Err(Error::invalid("not_eligible", "residentId", e.reason.clone().unwrap_or_default())),
        Some(_) => {}
    }
    if let Some(existing) = invitations_of(&txn, campaign_id).await?.into_iter().find(|i| i.resident_id == resident_id) {
        txn.commit().await?;
        return sign_in(desk, actor, existing.id).await;
    }
    let now = desk.clock().now();
    let saved = checkup_invitation::ActiveModel {
        campaign_id: Set(campaign_id),
        resident_id: Set(resident_id),
        slot_id: Set(None),
        status: Set(InvitationStatus::SignedIn),
        walk_in: Set(true),
        invited_at: Set(now),
        invited_by: Set(Some(user.id)),
        signed_in_at: Set(Some(now)),
        signed_in_by: Set(Some(user.id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let row = rows_of(&txn, &c, vec![saved]).await?.pop().ok_or(Error::NotFound { what: "邀请" })?;
    txn.commit().await?;
    Ok(row)
}

/// The code printed as a QR on an invitee's slip.
pub async fn slip_code_of(desk: &Desk, actor: &Actor, invitation_id: i32) -> Result<String> {
    authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let inv = find_invitation(desk.db(), invitation_id).await?;
    Ok(slip_code(&tickets::secret(desk.db()).await?, inv.id))
}

/// The code printed as a QR on an invitation slip.
pub(crate) fn slip_code(secret: &[u8], invitation_id: i32) -> String {
    tickets::signed_code(secret, SLIP_PREFIX, invitation_id)
}

pub(crate) async fn find_invitation<C: ConnectionTrait>(db: &C, id: i32) -> Result<checkup_invitation::Model> {
    checkup_invitation::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "体检邀请" })
}

pub(crate) async fn invitations_of<C: ConnectionTrait>(db: &C, campaign_id: i32) -> Result<Vec<checkup_invitation::Model>> {
    Ok(checkup_invitation::Entity::find().filter(checkup_invitation::Column::CampaignId.eq(campaign_id)).all(db).await?)
}

/// Invitations as rows, sorted by slot time (walk-ins last), then by name.
pub(crate) async fn rows_of<C: ConnectionTrait>(
    db: &C,
    c: &checkup_campaign::Model,
    rows: Vec<checkup_invitation::Model>,
) -> Result<Vec<InvitationRow>> {
    let slots = slots_of(db, c.id).await?;
    let order: HashMap<i32, usize> = slots.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let labels: HashMap<i32, String> = slots.into_iter().map(|s| (s.id, s.label)).collect();
    let ids: Vec<i32> = rows.iter().map(|r| r.resident_id).collect();
    let people = people_of(db, &ids, c.first_day).await?;
    let results: HashMap<i32, i32> = checkup_result::Entity::find()
        .filter(checkup_result::Column::CampaignId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.invitation_id.map(|i| (i, r.id)))
        .collect();
    let mut out: Vec<(usize, InvitationRow)> = rows
        .into_iter()
        .filter_map(|i| {
            let person = people.get(&i.resident_id)?.clone();
            let result_id = results.get(&i.id).copied();
            let status = if result_id.is_some() { InvitationStatus::Checked } else { i.status };
            let rank = i.slot_id.and_then(|s| order.get(&s).copied()).unwrap_or(usize::MAX);
            Some((
                rank,
                InvitationRow {
                    id: i.id,
                    person,
                    slot_label: i.slot_id.and_then(|s| labels.get(&s).cloned()).unwrap_or_default(),
                    slot_id: i.slot_id,
                    status,
                    status_label: status.label().into(),
                    walk_in: i.walk_in,
                    signed_in_at: i.signed_in_at,
                    result_id,
                },
            ))
        })
        .collect();
    out.sort_by(|(ra, a), (rb, b)| (ra, &a.person.name).cmp(&(rb, &b.person.name)));
    Ok(out.into_iter().map(|(_, r)| r).collect())
}

/// The residents `ids` as the lists show them, ages on `on`.
pub(crate) async fn people_of<C: ConnectionTrait>(db: &C, ids: &[i32], on: NaiveDate) -> Result<HashMap<i32, PersonLine>> {
    let places = PlaceIndex::load(db).await?;
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        for r in resident::Entity::find().filter(resident::Column::Id.is_in(chunk.iter().copied())).all(db).await? {
            let line = PersonLine {
                resident_id: r.id,
                sex: r.sex.label().to_string(),
                age: age_on(r.birth_date, on),
                community: places.name(r.community_id).unwrap_or_default(),
                masked_id: r.id_number.as_deref().map(mask_id).unwrap_or_default(),
                masked_phone: r.phone.as_deref().map(mask_phone).unwrap_or_default(),
                name: r.name,
            };
            out.insert(line.resident_id, line);
        }
    }
    Ok(out)
}

/// Each resident's latest check-up before `before`.
async fn last_checkups<C: ConnectionTrait>(db: &C, ids: &[i32], before: NaiveDate) -> Result<HashMap<i32, NaiveDate>> {
    let mut out: HashMap<i32, NaiveDate> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = checkup_result::Entity::find()
            .filter(checkup_result::Column::ResidentId.is_in(chunk.iter().copied()))
            .filter(checkup_result::Column::CheckedOn.lt(before))
            .all(db)
            .await?;
        for r in rows {
            let e = out.entry(r.resident_id).or_insert(r.checked_on);
            *e = (*e).max(r.checked_on);
        }
    }
    Ok(out)
}
