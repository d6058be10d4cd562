//! Visits (探访) to a paired elder: entered by staff from the volunteer's report or the filled-in
//! 走访记录表. A health worry becomes a task on the health staff's 随访任务 list; "需要帮助" is
//! kept on the visit for 需求议事.

use super::model::EntrySource;
use super::model::VisitWay;
use super::pairings::find_pairing;
use super::{MANAGE, READERS, VIEW, WRITERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::checkups::followup_rules::TaskKind;
use crate::checkups::TaskStatus;
use crate::clock::day_text;
use crate::db::entity::{followup_task, pairing_volunteer, service_entry, visit, volunteer};
use crate::error::{Error, Result};
use crate::{validate, Desk};
use chrono::{Duration, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// A visit longer than this is a typing slip (minutes typed as seconds, or hours as minutes ×60).
pub const MAX_VISIT_MINUTES: i32 = 600;
/// The health staff are asked to follow a worry up within these days.
pub const WORRY_FOLLOWUP_DAYS: i64 = 3;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitInput {
    /// The pairing's volunteer who went; None when staff made the visit or call.
    #[serde(default)]
    pub volunteer_id: Option<i32>,
    pub visited_on: NaiveDate,
    pub duration_minutes: i32,
    pub way: VisitWay,
    #[serde(default)]
    pub health: String,
    #[serde(default)]
    pub safety: String,
    #[serde(default)]
    pub mood: String,
    #[serde(default)]
    pub needs: String,
    #[serde(default)]
    pub needs_help: bool,
    #[serde(default)]
    pub health_worry: bool,
    #[serde(default)]
    pub next_visit_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitRow {
    pub id: i32,
    pub pairing_id: i32,
    pub volunteer_id: Option<i32>,
    /// The volunteer's name, or "工作人员".
    pub by: String,
    pub visited_on: NaiveDate,
    pub duration_minutes: i32,
    pub way: VisitWay,
    pub way_label: String,
    pub health: String,
    pub safety: String,
    pub mood: String,
    pub needs: String,
    pub needs_help: bool,
    pub health_worry: bool,
    pub next_visit_on: Option<NaiveDate>,
    /// The 随访任务 made for the health staff.
    pub followup_task_id: Option<i32>,
}

pub async fn record_visit(desk: &Desk, actor: &Actor, pairing_id: i32, input: VisitInput) -> Result<VisitRow> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let today = desk.clock().today();
    if input.visited_on > today {
        return Err(Error::invalid("visit_in_future", "visitedOn", "走访日期不能晚于今天"));
    }
    if !(1..=MAX_VISIT_MINUTES).contains(&input.duration_minutes) {
        return Err(Error::invalid("invalid_duration", "durationMinutes", format!("走访时长应在 1–{MAX_VISIT_MINUTES} 分钟之间")));
    }
    if input.next_visit_on.is_some_and(|next| next <= input.visited_on) {
        return Err(Error::invalid("next_visit_before", "nextVisitOn", "下次走访日期应晚于本次走访"));
    }
    let text = |value: &str, field: &'static str, label: &str| -> Result<String> {
        Ok(validate::optional_text(&Some(value.to_string()), field, label, 500)?.unwrap_or_default())
    };
    let (health, safety, mood, needs) = (
        text(&input.health, "health", "健康状况")?,
        text(&input.safety, "safety", "安全情况")?,
        text(&input.mood, "mood", "精神状态")?,
        text(&input.needs, "needs", "需求")?,
    );
    if input.health_worry && health.is_empty() {
        return Err(Error::invalid("worry_unexplained", "health", "勾选了健康问题需关注：请写明老人的健康情况"));
    }
    let txn = desk.begin_write().await?;
    let p = find_pairing(&txn, pairing_id).await?;
    if input.visited_on < p.start_date || p.end_date.is_some_and(|end| input.visited_on > end) {
        return Err(Error::invalid("visit_outside_pairing", "visitedOn", format!("走访日期不在结对期间（{} 起）", day_text(p.start_date))));
    }
    let eligible = crate::residents::eligibility::may_receive_service(&txn, p.elder_id, input.visited_on).await?;
    if !eligible.allowed {
        return Err(Error::invalid("not_eligible", "visitedOn", eligible.reason.unwrap_or_default()));
    }
    if let Some(v) = input.volunteer_id {
        let member = pairing_volunteer::Entity::find()
            .filter(pairing_volunteer::Column::PairingId.eq(pairing_id))
            .filter(pairing_volunteer::Column::VolunteerId.eq(v))
            .one(&txn)
            .await?;
        if member.is_none() {
            return Err(Error::invalid("not_paired_volunteer", "volunteerId", "这位志愿者不在该结对中"));
        }
    }
    let task = if input.health_worry {
        let reason = format!("志愿者走访发现：{health}");
        let t = followup_task::ActiveModel {
            resident_id: Set(p.elder_id),
            kind: Set(TaskKind::VisitConcern),
            due_on: Set(input.visited_on.max(today) + Duration::days(WORRY_FOLLOWUP_DAYS)),
            reason: Set(reason.chars().take(200).collect()),
            status: Set(TaskStatus::Open),
            created_at: Set(desk.clock().now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        Some(t.id)
    } else {
        None
    };
    let saved = visit::ActiveModel {
        pairing_id: Set(pairing_id),
        volunteer_id: Set(input.volunteer_id),
        visited_on: Set(input.visited_on),
        duration_minutes: Set(input.duration_minutes),
        way: Set(input.way),
        health: Set(health),
        safety: Set(safety),
        mood: Set(mood),
        needs: Set(needs),
        needs_help: Set(input.needs_help),
        health_worry: Set(input.health_worry),
        next_visit_on: Set(input.next_visit_on),
        followup_task_id: Set(task),
        created_at: Set(desk.clock().now()),
        created_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    keep_on_pairing(&txn, pairing_id, saved.visited_on, saved.next_visit_on).await?;
    if let Some(volunteer_id) = saved.volunteer_id {
        credit_visit(&txn, &saved, volunteer_id, actor).await?;
    }
    let mut detail = format!("{}，{}，{} 分钟", day_text(saved.visited_on), saved.way.label(), saved.duration_minutes);
    if task.is_some() {
        detail.push_str("，已通知卫生人员随访");
    }
    audit::record_by(desk, &txn, actor, Entry::new(Action::VisitRecorded).on("pairing", pairing_id).detail(detail)).await?;
    txn.commit().await?;
    visits_of(desk, actor, pairing_id).await?.into_iter().find(|v| v.id == saved.id).ok_or(Error::NotFound { what: "走访记录" })
}

/// The visit's duration on the volunteer's service record.
async fn credit_visit<C: ConnectionTrait>(db: &C, v: &visit::Model, volunteer_id: i32, actor: &Actor) -> Result<()> {
    service_entry::ActiveModel {
        volunteer_id: Set(volunteer_id),
        served_on: Set(v.visited_on),
        source: Set(EntrySource::Visit),
        visit_id: Set(Some(v.id)),
        minutes: Set(v.duration_minutes),
        content: Set(visit_content(v.way)),
        created_at: Set(v.created_at),
        created_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// "结对走访（上门）", as the service record and the proofs name a visit.
pub(crate) fn visit_content(way: VisitWay) -> String {
    format!("结对走访（{}）", way.label())
}

/// Counts the visit on the pairing and makes it the last one unless a later one is there, in
/// statements that read and write the row at once: two PCs entering visits together both count.
async fn keep_on_pairing<C: ConnectionTrait>(db: &C, pairing_id: i32, visited_on: NaiveDate, next: Option<NaiveDate>) -> Result<()> {
    use crate::db::entity::pairing;
    use sea_orm::sea_query::{Expr, ExprTrait};
    pairing::Entity::update_many()
        .col_expr(pairing::Column::VisitCount, Expr::col(pairing::Column::VisitCount).add(1))
        .filter(pairing::Column::Id.eq(pairing_id))
        .exec(db)
        .await?;
    pairing::Entity::update_many()
        .col_expr(pairing::Column::LastVisitedOn, Expr::value(visited_on))
        .col_expr(pairing::Column::NextVisitOn, Expr::value(next))
        .filter(pairing::Column::Id.eq(pairing_id))
        .filter(sea_orm::Condition::any().add(pairing::Column::LastVisitedOn.is_null()).add(pairing::Column::LastVisitedOn.lte(visited_on)))
        .exec(db)
        .await?;
    Ok(())
}

/// The visits of a pairing, newest first.
pub async fn visits_of(desk: &Desk, actor: &Actor, pairing_id: i32) -> Result<Vec<VisitRow>> {
    let user = authorize_any(desk, actor, &READERS, VIEW).await?;
    // What was found about the elder's health and home is for those who keep the pairings.
    let findings = WRITERS.contains(&user.role);
    let rows = visit::Entity::find()
        .filter(visit::Column::PairingId.eq(pairing_id))
        .order_by_desc(visit::Column::VisitedOn)
        .order_by_desc(visit::Column::Id)
        .all(desk.db())
        .await?;
    let names: HashMap<i32, String> = volunteer::Entity::find()
        .filter(volunteer::Column::Id.is_in(rows.iter().filter_map(|v| v.volunteer_id)))
        .all(desk.db())
        .await?
        .into_iter()
        .map(|v| (v.id, v.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|v| VisitRow {
            id: v.id,
            pairing_id: v.pairing_id,
            by: v.volunteer_id.and_then(|id| names.get(&id).cloned()).unwrap_or_else(|| "工作人员".into()),
            volunteer_id: v.volunteer_id,
            visited_on: v.visited_on,
            duration_minutes: v.duration_minutes,
            way_label: v.way.label().into(),
            way: v.way,
            health: if findings { v.health } else { String::new() },
            safety: if findings { v.safety } else { String::new() },
            mood: v.mood,
            needs: v.needs,
            needs_help: v.needs_help,
            health_worry: v.health_worry,
            next_visit_on: v.next_visit_on,
            followup_task_id: v.followup_task_id,
        })
        .collect())
}
