//! Volunteer activities (志愿活动): one day, a time, a place, an organiser and what it needs
//! (roles with a number of people and their hours). Volunteers sign up; on the day they sign in
//! and out at the scan box ([`attendance`]) or staff enter the times afterwards; the organiser
//! then confirms the activity ([`confirm`]) and the minutes go on each volunteer's service record.
//!
//! Hours come from the sign-in/sign-out times only (no travel), at most
//! [`attendance::MAX_PAIRS`] pairs per volunteer and activity.

pub mod attendance;
pub mod confirm;
pub mod signups;

use super::model::{ActivityStatus, AttendanceWay, Evaluation};
use super::registry::briefs;
use super::{MANAGE, READERS, VIEW, WRITERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::canteen::model::parse_time;
use crate::clock::{day_text, hm_text};
use crate::db::entity::{activity_attendance, activity_need, activity_signup, user, volunteer_activity, volunteer_team};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::{validate, Desk};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// How far from today an activity may be planned or entered afterwards.
pub const MAX_DAYS_AWAY: i64 = 366;
/// The most people one need may ask for.
pub const MAX_NEED_PEOPLE: i32 = 200;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NeedInput {
    /// An existing need (kept with its sign-ups); None for a new one.
    #[serde(default)]
    pub id: Option<i32>,
    pub role: String,
    pub people: i32,
    pub starts_at: String,
    pub ends_at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityInput {
    pub title: String,
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub organiser: String,
    #[serde(default)]
    pub team_id: Option<i32>,
    /// 服务内容
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub minors_ok: bool,
    #[serde(default)]
    pub needs: Vec<NeedInput>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NeedRow {
    pub id: i32,
    pub role: String,
    pub people: i32,
    pub starts_at: String,
    pub ends_at: String,
    pub signed_up: u32,
    /// "已满" once as many signed up as it needs.
    pub full: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityRow {
    pub id: i32,
    pub title: String,
    pub held_on: NaiveDate,
    /// "12月5日 周六"
    pub day_text: String,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub organiser: String,
    pub team_id: Option<i32>,
    pub team_name: Option<String>,
    pub content: String,
    pub minors_ok: bool,
    pub status: ActivityStatus,
    pub status_label: String,
    pub needs: Vec<NeedRow>,
    /// People the needs ask for in all.
    pub needed: u32,
    pub signed_up: u32,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub confirmed_by: Option<String>,
    pub cancel_reason: Option<String>,
}

/// One sign-in with its sign-out.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PairRow {
    pub id: i32,
    pub signed_in_at: DateTime<Utc>,
    pub signed_out_at: Option<DateTime<Utc>>,
    /// "09:02–11:40" or "09:02–（未签退）"
    pub text: String,
    /// None while not signed out.
    pub minutes: Option<i32>,
    pub way: AttendanceWay,
    pub way_label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignupRow {
    pub id: i32,
    pub volunteer_id: i32,
    pub number: String,
    pub name: String,
    pub age: Option<u32>,
    pub need_id: Option<i32>,
    pub role: Option<String>,
    pub pairs: Vec<PairRow>,
    /// Minutes of the closed pairs.
    pub minutes: i32,
    /// "2小时15分"
    pub minutes_text: String,
    /// Signed in now (an open pair).
    pub present: bool,
    pub evaluation: Option<Evaluation>,
    pub evaluation_label: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityDetail {
    pub activity: ActivityRow,
    pub signups: Vec<SignupRow>,
    /// Pairs not signed out: the activity cannot be confirmed while there are any.
    pub open_pairs: u32,
    pub total_minutes: i64,
    pub total_text: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ActivityFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub status: Option<ActivityStatus>,
}

/// "2小时15分", "45分", "0分"
pub fn minutes_text(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    match (m / 60, m % 60) {
        (0, r) => format!("{sign}{r}分"),
        (h, 0) => format!("{sign}{h}小时"),
        (h, r) => format!("{sign}{h}小时{r}分"),
    }
}

/// "12.5" hours for the reports and proofs (minutes to a tenth of an hour, rounded half up).
pub fn hours_text(minutes: i64) -> String {
    let tenths = (minutes * 10 + if minutes >= 0 { 30 } else { -30 }) / 60;
    format!("{}{}.{}", if tenths < 0 { "-" } else { "" }, tenths.abs() / 10, tenths.abs() % 10)
}

struct Checked {
    title: String,
    place: String,
    organiser: String,
    content: String,
    starts: String,
    ends: String,
    needs: Vec<(Option<i32>, String, i32, String, String)>,
}

fn check(input: &ActivityInput) -> Result<Checked> {
    let title = validate::name(&input.title, "title", "活动名称", 60)?;
    let place = validate::name(&input.place, "place", "活动地点", 60)?;
    let organiser = validate::name(&input.organiser, "organiser", "组织单位", 40)?;
    let content = validate::optional_text(&Some(input.content.clone()), "content", "服务内容", 300)?.unwrap_or_default();
    let (starts, ends) = times(&input.starts_at, &input.ends_at, "startsAt", "endsAt")?;
    let mut needs = Vec::new();
    for (n, need) in input.needs.iter().enumerate() {
        let role = validate::name(&need.role, "needs", &format!("第 {} 项需求的岗位", n + 1), 20)?;
        if !(1..=MAX_NEED_PEOPLE).contains(&need.people) {
            return Err(Error::invalid("invalid_people", "needs", format!("“{role}”的人数应在 1–{MAX_NEED_PEOPLE} 之间")));
        }
        let (s, e) = times(&need.starts_at, &need.ends_at, "needs", "needs")?;
        if s < starts || e > ends {
            return Err(Error::invalid("need_outside_activity", "needs", format!("“{role}”的时间应在活动时间 {starts}–{ends} 之内")));
        }
        if needs.iter().any(|(_, r, ..): &(Option<i32>, String, i32, String, String)| *r == role) {
            return Err(Error::invalid("duplicate_need", "needs", format!("岗位“{role}”重复了")));
        }
        needs.push((need.id, role, need.people, s, e));
    }
    Ok(Checked { title, place, organiser, content, starts, ends, needs })
}

/// Both times as "HH:MM", the end after the start.
fn times(start: &str, end: &str, start_field: &'static str, end_field: &'static str) -> Result<(String, String)> {
    let s = parse_time(start, start_field, "开始时间")?;
    let e = parse_time(end, end_field, "结束时间")?;
    if e <= s {
        return Err(Error::invalid("ends_before_start", end_field, "结束时间应晚于开始时间"));
    }
    Ok((s.format("%H:%M").to_string(), e.format("%H:%M").to_string()))
}

pub async fn save_activity(desk: &Desk, actor: &Actor, id: Option<i32>, input: ActivityInput) -> Result<ActivityRow> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let c = check(&input)?;
    let today = desk.clock().today();
    if (input.held_on - today).num_days().abs() > MAX_DAYS_AWAY {
        return Err(Error::invalid("held_on_out_of_range", "heldOn", "活动日期应在今天前后一年之内"));
    }
    let txn = desk.begin_write().await?;
    if let Some(team) = input.team_id {
        volunteer_team::Entity::find_by_id(team).one(&txn).await?.ok_or(Error::NotFound { what: "志愿服务队" })?;
    }
    let mut m = match id {
        Some(id) => {
            let old = hold_open(&txn, id).await?;
            if old.held_on != input.held_on && !attendance::pairs_of(&txn, id).await?.is_empty() {
                return Err(Error::invalid("activity_has_times", "heldOn", "已有签到记录，不能改活动日期"));
            }
            let a: volunteer_activity::ActiveModel = old.into();
            a
        }
        None => volunteer_activity::ActiveModel {
            status: Set(ActivityStatus::Open),
            created_at: Set(desk.clock().now()),
            created_by: Set(Some(actor.user_id())),
            ..Default::default()
        },
    };
    m.title = Set(c.title.clone());
    m.held_on = Set(input.held_on);
    m.starts_at = Set(c.starts.clone());
    m.ends_at = Set(c.ends.clone());
    m.place = Set(c.place);
    m.organiser = Set(c.organiser);
    m.team_id = Set(input.team_id);
    m.content = Set(c.content);
    m.minors_ok = Set(input.minors_ok);
    let activity_id = match id {
        Some(_) => m.update(&txn).await?.id,
        None => m.insert(&txn).await?.id,
    };
    if !input.minors_ok && id.is_some() {
        signups::refuse_young_signed_up(&txn, activity_id, input.held_on).await?;
    }
    save_needs(&txn, activity_id, &c.needs).await?;
    let detail = format!("{} {} {}–{}", c.title, day_text(input.held_on), c.starts, c.ends);
    audit::record_by(desk, &txn, actor, Entry::new(Action::ActivitySaved).on("activity", activity_id).detail(detail)).await?;
    txn.commit().await?;
    activity_row(desk, actor, activity_id).await
}

/// Keeps the needs still listed (with their sign-ups), adds the new ones and removes the others —
/// unless someone signed up for one, which is refused.
async fn save_needs<C: ConnectionTrait>(db: &C, activity_id: i32, needs: &[(Option<i32>, String, i32, String, String)]) -> Result<()> {
    let old = activity_need::Entity::find().filter(activity_need::Column::ActivityId.eq(activity_id)).all(db).await?;
    let signed = need_counts(db, &[activity_id]).await?;
    for gone in old.iter().filter(|o| !needs.iter().any(|n| n.0 == Some(o.id))) {
        if signed.get(&gone.id).copied().unwrap_or(0) > 0 {
            return Err(Error::invalid("need_has_signups", "needs", format!("“{}”已有人报名，不能删除：请先调整报名", gone.role)));
        }
        activity_need::Entity::delete_by_id(gone.id).exec(db).await?;
    }
    for (id, role, people, starts, ends) in needs {
        let mut m = match id {
            Some(id) => {
                let old = old.iter().find(|o| o.id == *id).ok_or(Error::NotFound { what: "活动需求" })?;
                let taken = signed.get(id).copied().unwrap_or(0);
                if (*people as u32) < taken {
                    return Err(Error::invalid(
                        "need_below_signups",
                        "needs",
                        format!("“{role}”已有 {taken} 人报名，人数不能少于 {taken}"),
                    ));
                }
                let a: activity_need::ActiveModel = old.clone().into();
                a
            }
            None => activity_need::ActiveModel { activity_id: Set(activity_id), ..Default::default() },
        };
        m.role = Set(role.clone());
        m.people = Set(*people);
        m.starts_at = Set(starts.clone());
        m.ends_at = Set(ends.clone());
        m.save(db).await?;
    }
    Ok(())
}

pub async fn cancel_activity(desk: &Desk, actor: &Actor, id: i32, reason: String) -> Result<ActivityRow> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let reason = validate::name(&reason, "reason", "取消原因", 100)?;
    let txn = desk.begin_write().await?;
    let old = hold_open(&txn, id).await?;
    let pairs = attendance::pairs_of(&txn, id).await?;
    if pairs.iter().any(|p| attendance::pair_minutes(p).is_some_and(|m| m > 0)) {
        return Err(Error::invalid("activity_has_hours", "reason", "活动已有签到签退时长，不能取消：请确认时长"));
    }
    let mut m: volunteer_activity::ActiveModel = old.clone().into();
    m.status = Set(ActivityStatus::Cancelled);
    m.cancel_reason = Set(Some(reason.clone()));
    m.update(&txn).await?;
    // An open sign-in of a called-off activity would stay "present" for ever: it ends where it began.
    for open in pairs.into_iter().filter(|p| p.signed_out_at.is_none()) {
        let mut m: activity_attendance::ActiveModel = open.clone().into();
        m.signed_out_at = Set(Some(open.signed_in_at));
        m.out_by = Set(Some(actor.user_id()));
        m.update(&txn).await?;
    }
    let detail = format!("{} {}：{reason}", old.title, day_text(old.held_on));
    audit::record_by(desk, &txn, actor, Entry::new(Action::ActivityCancelled).on("activity", id).detail(detail)).await?;
    txn.commit().await?;
    activity_row(desk, actor, id).await
}

pub(crate) async fn find_activity<C: ConnectionTrait>(db: &C, id: i32) -> Result<volunteer_activity::Model> {
    volunteer_activity::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "志愿活动" })
}

/// The open activity `id`, its row held for the rest of the write (an update of the row itself):
/// every write to an activity's sign-ups and times starts here, so on PostgreSQL a confirmation, a
/// cancellation and a sign-in from two PCs take turns instead of crossing.
pub(crate) async fn hold_open<C: ConnectionTrait>(db: &C, id: i32) -> Result<volunteer_activity::Model> {
    use sea_orm::sea_query::Expr;
    let held = volunteer_activity::Entity::update_many()
        .col_expr(volunteer_activity::Column::Status, Expr::col(volunteer_activity::Column::Status))
        .filter(volunteer_activity::Column::Id.eq(id))
        .filter(volunteer_activity::Column::Status.eq(ActivityStatus::Open.as_str()))
        .exec(db)
        .await?;
    let activity = find_activity(db, id).await?;
    if held.rows_affected == 0 {
        ensure_open(&activity)?;
    }
    Ok(activity)
}

/// Changes to sign-ups and times end when the hours are confirmed or the activity is called off.
pub(crate) fn ensure_open(a: &volunteer_activity::Model) -> Result<()> {
    match a.status {
        ActivityStatus::Open => Ok(()),
        ActivityStatus::Confirmed => {
            Err(Error::invalid("activity_confirmed", "activityId", "活动时长已确认，不能再修改；如有差错请在志愿者的服务记录中更正"))
        }
        ActivityStatus::Cancelled => Err(Error::invalid("activity_cancelled", "activityId", "活动已取消")),
    }
}

pub async fn list_activities(desk: &Desk, actor: &Actor, filter: ActivityFilter) -> Result<Vec<ActivityRow>> {
    authorize_any(desk, actor, &READERS, VIEW).await?;
    let mut select = volunteer_activity::Entity::find()
        .order_by_desc(volunteer_activity::Column::HeldOn)
        .order_by_desc(volunteer_activity::Column::StartsAt)
        .order_by_desc(volunteer_activity::Column::Id);
    if let Some(from) = filter.from {
        select = select.filter(volunteer_activity::Column::HeldOn.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(volunteer_activity::Column::HeldOn.lte(to));
    }
    if let Some(status) = filter.status {
        select = select.filter(volunteer_activity::Column::Status.eq(status.as_str()));
    }
    rows(desk.db(), select.all(desk.db()).await?).await
}

pub async fn activity_row(desk: &Desk, actor: &Actor, id: i32) -> Result<ActivityRow> {
    authorize_any(desk, actor, &READERS, VIEW).await?;
    let a = find_activity(desk.db(), id).await?;
    rows(desk.db(), vec![a]).await?.pop().ok_or(Error::NotFound { what: "志愿活动" })
}

/// Sign-ups not withdrawn, per need.
async fn need_counts<C: ConnectionTrait>(db: &C, activity_ids: &[i32]) -> Result<HashMap<i32, u32>> {
    let mut out = HashMap::new();
    for s in live_signups(db, activity_ids).await? {
        if let Some(n) = s.need_id {
            *out.entry(n).or_default() += 1;
        }
    }
    Ok(out)
}

async fn live_signups<C: ConnectionTrait>(db: &C, activity_ids: &[i32]) -> Result<Vec<activity_signup::Model>> {
    let mut out = Vec::new();
    for chunk in activity_ids.chunks(500) {
        out.extend(
            activity_signup::Entity::find()
                .filter(activity_signup::Column::ActivityId.is_in(chunk.iter().copied()))
                .filter(activity_signup::Column::WithdrawnAt.is_null())
                .order_by_asc(activity_signup::Column::Id)
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

async fn rows<C: ConnectionTrait>(db: &C, list: Vec<volunteer_activity::Model>) -> Result<Vec<ActivityRow>> {
    let ids: Vec<i32> = list.iter().map(|a| a.id).collect();
    let mut needs: HashMap<i32, Vec<activity_need::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for n in activity_need::Entity::find()
            .filter(activity_need::Column::ActivityId.is_in(chunk.iter().copied()))
            .order_by_asc(activity_need::Column::StartsAt)
            .order_by_asc(activity_need::Column::Id)
            .all(db)
            .await?
        {
            needs.entry(n.activity_id).or_default().push(n);
        }
    }
    let signups = live_signups(db, &ids).await?;
    let mut per_need: HashMap<i32, u32> = HashMap::new();
    let mut per_activity: HashMap<i32, u32> = HashMap::new();
    for s in &signups {
        *per_activity.entry(s.activity_id).or_default() += 1;
        if let Some(n) = s.need_id {
            *per_need.entry(n).or_default() += 1;
        }
    }
    let teams: HashMap<i32, String> = volunteer_team::Entity::find().all(db).await?.into_iter().map(|t| (t.id, t.name)).collect();
    let users: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(list.iter().filter_map(|a| a.confirmed_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(list
        .into_iter()
        .map(|a| {
            let needs: Vec<NeedRow> = needs
                .remove(&a.id)
                .unwrap_or_default()
                .into_iter()
                .map(|n| {
                    let signed_up = per_need.get(&n.id).copied().unwrap_or(0);
                    NeedRow {
                        id: n.id,
                        full: signed_up >= n.people as u32,
                        role: n.role,
                        people: n.people,
                        starts_at: n.starts_at,
                        ends_at: n.ends_at,
                        signed_up,
                    }
                })
                .collect();
            ActivityRow {
                id: a.id,
                day_text: day_text(a.held_on),
                title: a.title,
                held_on: a.held_on,
                starts_at: a.starts_at,
                ends_at: a.ends_at,
                place: a.place,
                organiser: a.organiser,
                team_name: a.team_id.and_then(|t| teams.get(&t).cloned()),
                team_id: a.team_id,
                content: a.content,
                minors_ok: a.minors_ok,
                status_label: a.status.label().into(),
                status: a.status,
                needed: needs.iter().map(|n| n.people as u32).sum(),
                needs,
                signed_up: per_activity.get(&a.id).copied().unwrap_or(0),
                confirmed_at: a.confirmed_at,
                confirmed_by: a.confirmed_by.and_then(|u| users.get(&u).cloned()),
                cancel_reason: a.cancel_reason,
            }
        })
        .collect())
}

/// The whole activity: its row, who signed up with their sign-ins and minutes.
pub async fn activity_detail(desk: &Desk, actor: &Actor, id: i32) -> Result<ActivityDetail> {
    let activity = activity_row(desk, actor, id).await?;
    detail_of(desk.db(), activity).await
}

pub(crate) async fn detail_of<C: ConnectionTrait>(db: &C, activity: ActivityRow) -> Result<ActivityDetail> {
    let signups = live_signups(db, &[activity.id]).await?;
    let pairs = attendance::pairs_of(db, activity.id).await?;
    let ids: Vec<i32> = signups.iter().map(|s| s.volunteer_id).collect();
    let people = briefs(db, Some(&ids)).await?;
    let roles: HashMap<i32, String> = activity.needs.iter().map(|n| (n.id, n.role.clone())).collect();
    let mut rows: Vec<SignupRow> = signups
        .into_iter()
        .map(|s| {
            let mine: Vec<&activity_attendance::Model> = pairs.iter().filter(|p| p.volunteer_id == s.volunteer_id).collect();
            let minutes = attendance::minutes_of(&mine);
            let brief = people.get(&s.volunteer_id);
            SignupRow {
                id: s.id,
                volunteer_id: s.volunteer_id,
                number: brief.map(|b| b.number.clone()).unwrap_or_default(),
                name: brief.map(|b| b.name.clone()).unwrap_or_default(),
                age: brief.and_then(|b| b.birth_date).and_then(|b| age_on(b, activity.held_on)),
                need_id: s.need_id,
                role: s.need_id.and_then(|n| roles.get(&n).cloned()),
                present: mine.iter().any(|p| p.signed_out_at.is_none()),
                pairs: mine.iter().map(|p| pair_row(p)).collect(),
                minutes,
                minutes_text: minutes_text(i64::from(minutes)),
                evaluation_label: s.evaluation.map(|e| e.label().to_string()),
                evaluation: s.evaluation,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.number.cmp(&b.number));
    let open_pairs = pairs.iter().filter(|p| p.signed_out_at.is_none()).count() as u32;
    let total_minutes: i64 = rows.iter().map(|r| i64::from(r.minutes)).sum();
    Ok(ActivityDetail { activity, signups: rows, open_pairs, total_minutes, total_text: minutes_text(total_minutes) })
}

fn pair_row(p: &activity_attendance::Model) -> PairRow {
    let out = p.signed_out_at.map(hm_text).unwrap_or_else(|| "（未签退）".into());
    PairRow {
        id: p.id,
        signed_in_at: p.signed_in_at,
        signed_out_at: p.signed_out_at,
        text: format!("{}–{out}", hm_text(p.signed_in_at)),
        minutes: attendance::pair_minutes(p),
        way_label: p.way.label().into(),
        way: p.way,
    }
}
