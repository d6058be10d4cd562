//! The organiser confirms an activity's hours (时长确认): every volunteer's signed-in minutes go on
//! their service record as one entry, with the organiser's evaluation. From then on the times
//! are fixed; a mistake is corrected on the record ([`crate::volunteers::record::correct_entry`]).

use super::{activity_detail, hold_open, minutes_text, ActivityDetail};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::clock::day_text;
use crate::db::entity::{activity_signup, service_entry, volunteer_activity};
use crate::error::{Error, Result};
use crate::volunteers::model::{ActivityStatus, EntrySource, Evaluation};
use crate::volunteers::{MANAGE, WRITERS};
use crate::Desk;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EvaluationInput {
    pub volunteer_id: i32,
    pub evaluation: Evaluation,
}

/// What the record says a volunteer did at the activity.
pub(crate) fn entry_content(a: &volunteer_activity::Model) -> String {
    let text = if a.content.is_empty() { a.title.clone() } else { format!("{}：{}", a.title, a.content) };
    text.chars().take(300).collect()
}

pub async fn confirm_activity(desk: &Desk, actor: &Actor, id: i32, evaluations: Vec<EvaluationInput>) -> Result<ActivityDetail> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let activity = hold_open(&txn, id).await?;
    let ends = crate::canteen::model::parse_time(&activity.ends_at, "endsAt", "结束时间")?;
    if desk.clock().now() < crate::clock::at_beijing(activity.held_on, ends) {
        return Err(Error::invalid(
            "activity_not_over",
            "id",
            format!("活动{} {} 才结束，结束后再确认时长", day_text(activity.held_on), activity.ends_at),
        ));
    }
    // Read inside the write, so a sign-out a moment ago on another PC counts.
    let row = super::rows(&txn, vec![activity.clone()]).await?.pop().ok_or(Error::NotFound { what: "志愿活动" })?;
    let detail = super::detail_of(&txn, row).await?;
    if detail.open_pairs > 0 {
        return Err(Error::invalid("pairs_open", "activityId", format!("还有 {} 人未签退：请先签退或补录签退时间", detail.open_pairs)));
    }
    for e in &evaluations {
        let s = detail.signups.iter().find(|s| s.volunteer_id == e.volunteer_id);
        let s = s.ok_or_else(|| Error::invalid("not_signed_up", "evaluations", "评价的志愿者没有报名本次活动"))?;
        let m = activity_signup::Entity::find_by_id(s.id).one(&txn).await?.ok_or(Error::NotFound { what: "报名" })?;
        let mut m: activity_signup::ActiveModel = m.into();
        m.evaluation = Set(Some(e.evaluation));
        m.update(&txn).await?;
    }
    let now = desk.clock().now();
    let content = entry_content(&activity);
    let credited: Vec<_> = detail.signups.iter().filter(|s| s.minutes > 0).collect();
    for s in &credited {
        service_entry::ActiveModel {
            volunteer_id: Set(s.volunteer_id),
            served_on: Set(activity.held_on),
            source: Set(EntrySource::Activity),
            activity_id: Set(Some(id)),
            minutes: Set(s.minutes),
            content: Set(content.clone()),
            created_at: Set(now),
            created_by: Set(Some(actor.user_id())),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let confirmed = volunteer_activity::Entity::update_many()
        .col_expr(volunteer_activity::Column::Status, sea_orm::sea_query::Expr::value(ActivityStatus::Confirmed.as_str()))
        .col_expr(volunteer_activity::Column::ConfirmedAt, sea_orm::sea_query::Expr::value(now))
        .col_expr(volunteer_activity::Column::ConfirmedBy, sea_orm::sea_query::Expr::value(actor.user_id()))
        .filter(volunteer_activity::Column::Id.eq(id))
        .filter(volunteer_activity::Column::Status.eq(ActivityStatus::Open.as_str()))
        .exec(&txn)
        .await?;
    if confirmed.rows_affected != 1 {
        return Err(Error::invalid("activity_confirmed", "activityId", "活动时长已由另一台电脑确认"));
    }
    let total: i64 = credited.iter().map(|s| i64::from(s.minutes)).sum();
    let text = format!("{} {}：{} 人计入时长，合计 {}", activity.title, day_text(activity.held_on), credited.len(), minutes_text(total));
    audit::record_by(desk, &txn, actor, Entry::new(Action::ActivityConfirmed).on("activity", id).detail(text)).await?;
    txn.commit().await?;
    activity_detail(desk, actor, id).await
}
