//! Sign-in and sign-out at an activity. At the scan box a QR of the printed 签到表 (one per
//! sign-up, `VA1-<sign-up id>-<MAC>`, signed like meal tickets) or a name/pinyin search signs a
//! volunteer in, and the next one signs them out; staff enter the times afterwards for those who
//! were not at the box. Minutes are the signed-in time only, at most [`MAX_PAIRS`] pairs per
//! volunteer and activity; a pair never overlaps another of the same volunteer.

use super::signups::{ensure_signed_up, may_take_part};
use super::{activity_detail, find_activity, hold_open, minutes_text, ActivityDetail, SignupRow};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::canteen::model::parse_time;
use crate::canteen::tickets::{read_signed, secret, signed_code, Scanned};
use crate::clock::{at_beijing, day_text, hm_text};
use crate::db::entity::{activity_attendance, activity_signup, volunteer_activity};
use crate::error::{Error, Result};
use crate::residents::search_keys::pinyin_key_list;
use crate::volunteers::model::AttendanceWay;
use crate::volunteers::registry::briefs;
use crate::volunteers::{settings, MANAGE, WRITERS};
use crate::Desk;
use chrono::{DateTime, DurationRound, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use ts_rs::TS;

/// Sign-in/sign-out pairs a volunteer may have per activity (and so per day).
pub const MAX_PAIRS: usize = 3;
const PREFIX: &str = "VA1";

pub(crate) fn code_for(secret: &[u8], signup_id: i32) -> String {
    signed_code(secret, PREFIX, signup_id)
}

/// The QR content of a sign-up's line on the 签到表, for tests and scripts that scan without printing.
#[doc(hidden)]
pub async fn code_of(desk: &Desk, signup_id: i32) -> Result<String> {
    Ok(code_for(&secret(desk.db()).await?, signup_id))
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AttendanceScan {
    /// Signed in or out: "张三 签到 09:02", "张三 签退 11:40，本次 2小时38分".
    Done { message: String, signed_in: bool, detail: Box<ActivityDetail> },
    /// A typed name or initials: the sign-ups it matches.
    Matches { signups: Vec<SignupRow> },
}

/// The minutes of a closed pair: whole minutes between sign-in and sign-out.
pub fn pair_minutes(p: &activity_attendance::Model) -> Option<i32> {
    p.signed_out_at.map(|out| ((out - p.signed_in_at).num_minutes().max(0)) as i32)
}

/// The minutes of a volunteer's pairs (open ones count nothing yet).
pub fn minutes_of(pairs: &[&activity_attendance::Model]) -> i32 {
    pairs.iter().filter_map(|p| pair_minutes(p)).sum()
}

pub(crate) async fn pairs_of<C: ConnectionTrait>(db: &C, activity_id: i32) -> Result<Vec<activity_attendance::Model>> {
    Ok(activity_attendance::Entity::find()
        .filter(activity_attendance::Column::ActivityId.eq(activity_id))
        .order_by_asc(activity_attendance::Column::SignedInAt)
        .order_by_asc(activity_attendance::Column::Id)
        .all(db)
        .await?)
}

async fn pairs_of_volunteer<C: ConnectionTrait>(db: &C, activity_id: i32, volunteer_id: i32) -> Result<Vec<activity_attendance::Model>> {
    Ok(activity_attendance::Entity::find()
        .filter(activity_attendance::Column::ActivityId.eq(activity_id))
        .filter(activity_attendance::Column::VolunteerId.eq(volunteer_id))
        .order_by_asc(activity_attendance::Column::SignedInAt)
        .all(db)
        .await?)
}

/// What the scan box does with its text: a code signs its volunteer in or out; a name lists the
/// sign-ups it matches.
pub async fn scan(desk: &Desk, actor: &Actor, activity_id: i32, text: &str) -> Result<AttendanceScan> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    match read_signed(&secret(desk.db()).await?, PREFIX, text) {
        Scanned::Forged => Err(Error::invalid("signin_code_forged", "code", "签到码无法验证：不是本系统打印的，或已被改动")),
        Scanned::Ticket(signup_id) => {
            let s = activity_signup::Entity::find_by_id(signup_id).one(desk.db()).await?;
            let s = s.filter(|s| s.withdrawn_at.is_none()).ok_or_else(|| Error::invalid("signup_gone", "code", "该报名已取消"))?;
            if s.activity_id != activity_id {
                let other = find_activity(desk.db(), s.activity_id).await?;
                return Err(Error::invalid(
                    "code_other_activity",
                    "code",
                    format!("这是“{}”（{}）的签到码", other.title, day_text(other.held_on)),
                ));
            }
            toggle(desk, actor, activity_id, s.volunteer_id, AttendanceWay::Scan).await
        }
        Scanned::NotACode => {
            let needle = text.trim().to_lowercase();
            if needle.is_empty() {
                return Err(Error::invalid("empty_scan", "code", "请扫描签到表上的二维码，或输入志愿者姓名、拼音首字母、编号"));
            }
            let detail = activity_detail(desk, actor, activity_id).await?;
            let signups: Vec<SignupRow> = detail
                .signups
                .into_iter()
                .filter(|s| {
                    s.name.contains(text.trim())
                        || s.number.to_lowercase() == needle
                        || pinyin_key_list(&s.name).iter().any(|k| k.starts_with(&needle))
                })
                .collect();
            if signups.is_empty() {
                return Err(Error::invalid("no_signup_match", "code", format!("报名名单里没有“{}”：未报名的请先添加报名", text.trim())));
            }
            Ok(AttendanceScan::Matches { signups })
        }
    }
}

/// Signs the volunteer in (no open pair) or out (an open one), now. On the activity's day only.
pub async fn toggle(desk: &Desk, actor: &Actor, activity_id: i32, volunteer_id: i32, way: AttendanceWay) -> Result<AttendanceScan> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    // Whole minutes, so that the times shown (09:02–11:40) give the minutes counted.
    let now = desk.clock().now().duration_trunc(chrono::Duration::minutes(1)).unwrap_or_else(|_| desk.clock().now());
    let txn = desk.begin_write().await?;
    let activity = hold_open(&txn, activity_id).await?;
    if activity.held_on != desk.clock().today() {
        return Err(Error::invalid(
            "not_activity_day",
            "activityId",
            format!("活动在{}，不是今天：请用“补录时间”", day_text(activity.held_on)),
        ));
    }
    let brief = briefs(&txn, Some(&[volunteer_id])).await?.remove(&volunteer_id).ok_or(Error::NotFound { what: "志愿者" })?;
    let pairs = pairs_of_volunteer(&txn, activity_id, volunteer_id).await?;
    let (message, signed_in) = match pairs.iter().find(|p| p.signed_out_at.is_none()) {
        Some(open) => {
            let minutes = (now - open.signed_in_at).num_minutes().max(0);
            let mut m: activity_attendance::ActiveModel = open.clone().into();
            m.signed_out_at = Set(Some(now));
            m.out_by = Set(Some(actor.user_id()));
            m.update(&txn).await?;
            (format!("{} 签退 {}，本次 {}", brief.name, hm_text(now), minutes_text(minutes)), false)
        }
        None => {
            may_take_part(&brief, &activity, settings::current(&txn).await?.minor_activity_age)?;
            ensure_signed_up(&txn, desk, actor, &activity, volunteer_id).await?;
            if pairs.len() >= MAX_PAIRS {
                return Err(too_many(&brief.name));
            }
            refuse_elsewhere(&txn, activity_id, volunteer_id, &brief.name, now, None).await?;
            insert_pair(&txn, actor, activity_id, volunteer_id, now, None, way).await?;
            (format!("{} 签到 {}", brief.name, hm_text(now)), true)
        }
    };
    let action = if signed_in { Action::ActivitySignedIn } else { Action::ActivitySignedOut };
    audit::record_by(desk, &txn, actor, Entry::new(action).on("activity", activity_id).detail(message.clone())).await?;
    txn.commit().await?;
    Ok(AttendanceScan::Done { message, signed_in, detail: Box::new(activity_detail(desk, actor, activity_id).await?) })
}

fn too_many(name: &str) -> Error {
    Error::invalid("too_many_pairs", "volunteerId", format!("{name}本次活动已签到签退 {MAX_PAIRS} 次，每人每次活动最多 {MAX_PAIRS} 次"))
}

async fn insert_pair<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    activity_id: i32,
    volunteer_id: i32,
    signed_in_at: DateTime<Utc>,
    signed_out_at: Option<DateTime<Utc>>,
    way: AttendanceWay,
) -> Result<()> {
    let inserted = activity_attendance::ActiveModel {
        activity_id: Set(activity_id),
        volunteer_id: Set(volunteer_id),
        signed_in_at: Set(signed_in_at),
        signed_out_at: Set(signed_out_at),
        way: Set(way),
        in_by: Set(Some(actor.user_id())),
        out_by: Set(signed_out_at.map(|_| actor.user_id())),
        ..Default::default()
    }
    .insert(db)
    .await;
    match inserted {
        Ok(_) => Ok(()),
        // The partial unique index: another desk signed the same person in a moment ago.
        Err(e) if crate::error::is_unique_violation(&e) => {
            Err(Error::invalid("already_signed_in", "volunteerId", "这位志愿者刚刚已在另一台电脑签到"))
        }
        Err(e) => Err(e.into()),
    }
}

/// Staff enter a pair afterwards ("HH:MM" on the activity's day), e.g. from the paper sheet.
pub async fn enter_pair(
    desk: &Desk,
    actor: &Actor,
    activity_id: i32,
    volunteer_id: i32,
    signed_in: &str,
    signed_out: &str,
) -> Result<ActivityDetail> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let start = parse_time(signed_in, "signedIn", "签到时间")?;
    let end = parse_time(signed_out, "signedOut", "签退时间")?;
    if end <= start {
        return Err(Error::invalid("out_before_in", "signedOut", "签退时间应晚于签到时间"));
    }
    let txn = desk.begin_write().await?;
    let activity = hold_open(&txn, activity_id).await?;
    let (from, to) = (at_beijing(activity.held_on, start), at_beijing(activity.held_on, end));
    if to > desk.clock().now() {
        return Err(Error::invalid("pair_in_future", "signedOut", "签退时间还没到，不能补录"));
    }
    let brief = briefs(&txn, Some(&[volunteer_id])).await?.remove(&volunteer_id).ok_or(Error::NotFound { what: "志愿者" })?;
    may_take_part(&brief, &activity, settings::current(&txn).await?.minor_activity_age)?;
    ensure_signed_up(&txn, desk, actor, &activity, volunteer_id).await?;
    let pairs = pairs_of_volunteer(&txn, activity_id, volunteer_id).await?;
    if pairs.len() >= MAX_PAIRS {
        return Err(too_many(&brief.name));
    }
    if let Some(other) = pairs.iter().find(|p| overlaps(p, from, to)) {
        let until = other.signed_out_at.map(hm_text).unwrap_or_else(|| "（未签退）".into());
        return Err(Error::invalid("pair_overlaps", "signedIn", format!("与已有的 {}–{until} 重叠", hm_text(other.signed_in_at))));
    }
    refuse_elsewhere(&txn, activity_id, volunteer_id, &brief.name, from, Some(to)).await?;
    insert_pair(&txn, actor, activity_id, volunteer_id, from, Some(to), AttendanceWay::Staff).await?;
    let detail = format!("{} 补录 {}–{}（{}）", brief.name, hm_text(from), hm_text(to), activity.title);
    audit::record_by(desk, &txn, actor, Entry::new(Action::ActivityPairEntered).on("activity", activity_id).detail(detail)).await?;
    txn.commit().await?;
    activity_detail(desk, actor, activity_id).await
}

/// A volunteer is in one place at a time: a sign-in (`to` None: from now on) that overlaps their
/// time at another activity is refused, naming it, so that no minute is credited twice.
async fn refuse_elsewhere<C: ConnectionTrait>(
    db: &C,
    activity_id: i32,
    volunteer_id: i32,
    name: &str,
    from: DateTime<Utc>,
    to: Option<DateTime<Utc>>,
) -> Result<()> {
    let mut others = activity_attendance::Entity::find()
        .filter(activity_attendance::Column::VolunteerId.eq(volunteer_id))
        .filter(activity_attendance::Column::ActivityId.ne(activity_id))
        .filter(
            sea_orm::Condition::any()
                .add(activity_attendance::Column::SignedOutAt.is_null())
                .add(activity_attendance::Column::SignedOutAt.gt(from)),
        );
    if let Some(to) = to {
        others = others.filter(activity_attendance::Column::SignedInAt.lt(to));
    }
    if let Some(other) = others.one(db).await? {
        let a = find_activity(db, other.activity_id).await?;
        let until = other.signed_out_at.map(hm_text).unwrap_or_else(|| "（未签退）".into());
        return Err(Error::invalid(
            "signed_in_elsewhere",
            "volunteerId",
            format!("{name}在“{}”有 {} {}–{until} 的签到，时间不能重叠", a.title, day_text(a.held_on), hm_text(other.signed_in_at)),
        ));
    }
    Ok(())
}

fn overlaps(p: &activity_attendance::Model, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
    let end = p.signed_out_at.unwrap_or(DateTime::<Utc>::MAX_UTC);
    p.signed_in_at < to && from < end
}

/// Staff enter the sign-out ("HH:MM" on the activity's day) of someone who left without scanning.
pub async fn close_pair(desk: &Desk, actor: &Actor, pair_id: i32, signed_out: &str) -> Result<ActivityDetail> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let end = parse_time(signed_out, "signedOut", "签退时间")?;
    let txn = desk.begin_write().await?;
    let pair = activity_attendance::Entity::find_by_id(pair_id).one(&txn).await?.ok_or(Error::NotFound { what: "签到记录" })?;
    let activity = hold_open(&txn, pair.activity_id).await?;
    if pair.signed_out_at.is_some() {
        return Err(Error::invalid("pair_closed", "signedOut", "这次签到已经签退"));
    }
    let to = at_beijing(activity.held_on, end);
    if to <= pair.signed_in_at {
        return Err(Error::invalid("out_before_in", "signedOut", format!("签退时间应晚于签到时间 {}", hm_text(pair.signed_in_at))));
    }
    if to > desk.clock().now() {
        return Err(Error::invalid("pair_in_future", "signedOut", "签退时间还没到，不能补录"));
    }
    let name = briefs(&txn, Some(&[pair.volunteer_id])).await?.remove(&pair.volunteer_id).map(|b| b.name).unwrap_or_default();
    refuse_elsewhere(&txn, activity.id, pair.volunteer_id, &name, pair.signed_in_at, Some(to)).await?;
    let mut m: activity_attendance::ActiveModel = pair.clone().into();
    m.signed_out_at = Set(Some(to));
    m.out_by = Set(Some(actor.user_id()));
    m.update(&txn).await?;
    let detail = format!("{name} 补录签退 {}–{}（{}）", hm_text(pair.signed_in_at), hm_text(to), activity.title);
    audit::record_by(desk, &txn, actor, Entry::new(Action::ActivityPairEntered).on("activity", activity.id).detail(detail)).await?;
    txn.commit().await?;
    activity_detail(desk, actor, activity.id).await
}

/// Takes back a pair entered or scanned by mistake, before the hours are confirmed (audited).
pub async fn remove_pair(desk: &Desk, actor: &Actor, pair_id: i32) -> Result<ActivityDetail> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let pair = activity_attendance::Entity::find_by_id(pair_id).one(&txn).await?.ok_or(Error::NotFound { what: "签到记录" })?;
    let activity: volunteer_activity::Model = hold_open(&txn, pair.activity_id).await?;
    let name = briefs(&txn, Some(&[pair.volunteer_id])).await?.remove(&pair.volunteer_id).map(|b| b.name).unwrap_or_default();
    activity_attendance::Entity::delete_by_id(pair_id).exec(&txn).await?;
    let until = pair.signed_out_at.map(hm_text).unwrap_or_else(|| "（未签退）".into());
    let detail = format!("{name} 删除签到 {}–{until}（{}）", hm_text(pair.signed_in_at), activity.title);
    audit::record_by(desk, &txn, actor, Entry::new(Action::ActivityPairRemoved).on("activity", activity.id).detail(detail)).await?;
    txn.commit().await?;
    activity_detail(desk, actor, activity.id).await
}
