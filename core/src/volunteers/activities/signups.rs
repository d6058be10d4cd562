//! Signing up for an activity (报名): only volunteers 在册; a minor with a guardian's consent; under
//! the office's minors' age only for activities marked as suitable; a need takes as many people as
//! it asks for ("名额已满"), also with two PCs signing up at once.

use super::{activity_detail, hold_open, ActivityDetail};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::db::entity::{activity_attendance, activity_need, activity_signup, volunteer_activity};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::volunteers::model::VolunteerStatus;
use crate::volunteers::registry::{briefs, Brief};
use crate::volunteers::{settings, ADULT_AGE, MANAGE, WRITERS};
use crate::Desk;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

pub async fn sign_up(desk: &Desk, actor: &Actor, activity_id: i32, volunteer_id: i32, need_id: Option<i32>) -> Result<ActivityDetail> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let activity = hold_open(&txn, activity_id).await?;
    if need_id.is_none() && activity_need::Entity::find().filter(activity_need::Column::ActivityId.eq(activity_id)).count(&txn).await? > 0 {
        return Err(Error::invalid("need_required", "needId", "请选择报名的岗位"));
    }
    let existing = signup_of(&txn, activity_id, volunteer_id).await?;
    if existing.as_ref().is_some_and(|s| s.withdrawn_at.is_none()) {
        return Err(Error::invalid("already_signed_up", "volunteerId", "这位志愿者已报名本次活动"));
    }
    enrol(&txn, desk, actor, &activity, volunteer_id, need_id, existing).await?;
    let name = briefs(&txn, Some(&[volunteer_id])).await?.remove(&volunteer_id).map(|b| b.name).unwrap_or_default();
    let detail = format!("{name} 报名“{}”", activity.title);
    audit::record_by(desk, &txn, actor, Entry::new(Action::ActivitySignup).on("activity", activity_id).detail(detail)).await?;
    txn.commit().await?;
    activity_detail(desk, actor, activity_id).await
}

/// The volunteer's sign-up, made (or taken back from withdrawn) when there is none: every rule
/// of a sign-up applies. Staff entering times afterwards go through here too.
pub(crate) async fn ensure_signed_up<C: ConnectionTrait>(
    db: &C,
    desk: &Desk,
    actor: &Actor,
    activity: &volunteer_activity::Model,
    volunteer_id: i32,
) -> Result<activity_signup::Model> {
    let existing = signup_of(db, activity.id, volunteer_id).await?;
    match existing {
        Some(s) if s.withdrawn_at.is_none() => Ok(s),
        other => enrol(db, desk, actor, activity, volunteer_id, None, other).await,
    }
}

async fn signup_of<C: ConnectionTrait>(db: &C, activity_id: i32, volunteer_id: i32) -> Result<Option<activity_signup::Model>> {
    Ok(activity_signup::Entity::find()
        .filter(activity_signup::Column::ActivityId.eq(activity_id))
        .filter(activity_signup::Column::VolunteerId.eq(volunteer_id))
        .one(db)
        .await?)
}

async fn enrol<C: ConnectionTrait>(
    db: &C,
    desk: &Desk,
    actor: &Actor,
    activity: &volunteer_activity::Model,
    volunteer_id: i32,
    need_id: Option<i32>,
    withdrawn: Option<activity_signup::Model>,
) -> Result<activity_signup::Model> {
    let brief = briefs(db, Some(&[volunteer_id])).await?.remove(&volunteer_id).ok_or(Error::NotFound { what: "志愿者" })?;
    let minor_age = settings::current(db).await?.minor_activity_age;
    may_take_part(&brief, activity, minor_age)?;
    if let Some(need) = need_id {
        take_place(db, activity.id, need).await?;
    }
    let saved = match withdrawn {
        Some(old) => {
            let mut m: activity_signup::ActiveModel = old.into();
            m.withdrawn_at = Set(None);
            m.need_id = Set(need_id);
            m.update(db).await?
        }
        None => {
            activity_signup::ActiveModel {
                activity_id: Set(activity.id),
                volunteer_id: Set(volunteer_id),
                need_id: Set(need_id),
                created_at: Set(desk.clock().now()),
                created_by: Set(Some(actor.user_id())),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    Ok(saved)
}

/// Whether the volunteer may take part in the activity on its day.
pub(crate) fn may_take_part(v: &Brief, activity: &volunteer_activity::Model, minor_age: u32) -> Result<()> {
    if v.status != VolunteerStatus::Active {
        return Err(Error::invalid("volunteer_not_active", "volunteerId", format!("{}目前“{}”，不能参加活动", v.name, v.status.label())));
    }
    let age = v.birth_date.and_then(|b| age_on(b, activity.held_on));
    if age.is_some_and(|a| a < ADULT_AGE) && !v.consent {
        return Err(Error::invalid("consent_missing", "volunteerId", format!("{}未满 18 周岁，须先登记监护人同意", v.name)));
    }
    if age.is_some_and(|a| a < minor_age) && !activity.minors_ok {
        return Err(Error::invalid(
            "minor_not_allowed",
            "volunteerId",
            format!("{}未满 {minor_age} 周岁，只能参加标明“适合未成年人”的活动", v.name),
        ));
    }
    Ok(())
}

/// Holds the need's row for the rest of the write (an update of the row itself), then counts:
/// two PCs taking the last place one after the other, the second hears "名额已满".
async fn take_place<C: ConnectionTrait>(db: &C, activity_id: i32, need_id: i32) -> Result<()> {
    activity_need::Entity::update_many()
        .col_expr(activity_need::Column::People, Expr::col(activity_need::Column::People))
        .filter(activity_need::Column::Id.eq(need_id))
        .exec(db)
        .await?;
    let need = activity_need::Entity::find_by_id(need_id).one(db).await?.filter(|n| n.activity_id == activity_id);
    let need = need.ok_or_else(|| Error::invalid("need_not_of_activity", "needId", "所选岗位不属于本次活动"))?;
    let taken = activity_signup::Entity::find()
        .filter(activity_signup::Column::NeedId.eq(need_id))
        .filter(activity_signup::Column::WithdrawnAt.is_null())
        .count(db)
        .await?;
    if taken >= need.people as u64 {
        return Err(Error::invalid("need_full", "needId", format!("“{}”名额已满（{} 人）", need.role, need.people)));
    }
    Ok(())
}

/// Takes a sign-up back; refused once the volunteer has signed in (the times are the record).
pub async fn withdraw(desk: &Desk, actor: &Actor, signup_id: i32) -> Result<ActivityDetail> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let s = activity_signup::Entity::find_by_id(signup_id).one(&txn).await?;
    let s = s.filter(|s| s.withdrawn_at.is_none()).ok_or(Error::NotFound { what: "报名" })?;
    let activity = hold_open(&txn, s.activity_id).await?;
    let signed_in = activity_attendance::Entity::find()
        .filter(activity_attendance::Column::ActivityId.eq(s.activity_id))
        .filter(activity_attendance::Column::VolunteerId.eq(s.volunteer_id))
        .count(&txn)
        .await?;
    if signed_in > 0 {
        return Err(Error::invalid("signed_in_already", "signupId", "已有签到记录，不能取消报名"));
    }
    let name = briefs(&txn, Some(&[s.volunteer_id])).await?.remove(&s.volunteer_id).map(|b| b.name).unwrap_or_default();
    let mut m: activity_signup::ActiveModel = s.clone().into();
    m.withdrawn_at = Set(Some(desk.clock().now()));
    m.update(&txn).await?;
    let detail = format!("{name} 取消报名“{}”", activity.title);
    audit::record_by(desk, &txn, actor, Entry::new(Action::ActivitySignupWithdrawn).on("activity", activity.id).detail(detail)).await?;
    txn.commit().await?;
    activity_detail(desk, actor, activity.id).await
}

/// An activity no longer marked for minors keeps none of the young signed up.
pub(crate) async fn refuse_young_signed_up<C: ConnectionTrait>(db: &C, activity_id: i32, held_on: NaiveDate) -> Result<()> {
    let minor_age = settings::current(db).await?.minor_activity_age;
    let signed: Vec<i32> = activity_signup::Entity::find()
        .filter(activity_signup::Column::ActivityId.eq(activity_id))
        .filter(activity_signup::Column::WithdrawnAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.volunteer_id)
        .collect();
    let young: Vec<String> = briefs(db, Some(&signed))
        .await?
        .into_values()
        .filter(|b| b.birth_date.and_then(|d| age_on(d, held_on)).is_some_and(|a| a < minor_age))
        .map(|b| b.name)
        .collect();
    if !young.is_empty() {
        return Err(Error::invalid(
            "minors_signed_up",
            "minorsOk",
            format!("已有未满 {minor_age} 周岁的志愿者报名（{}），不能取消“适合未成年人”", young.join("、")),
        ));
    }
    Ok(())
}
