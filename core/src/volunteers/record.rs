//! A volunteer's service record (志愿服务记录, 《志愿服务记录与证明出具办法》): personal data, every
//! service with its time and content, training, commendations and evaluations. Entries are never
//! changed: a correction the volunteer asks for is a new entry stating the old value, the new one,
//! who asked and why, and the record's value of a service is its entry plus its corrections.

use super::activities::{hours_text, minutes_text};
use super::model::{EntrySource, Evaluation, HonourKind};
use super::registry::{find_volunteer, volunteer_row, VolunteerRow};
use super::{MANAGE, READERS, VIEW, WRITERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::clock::day_text;
use crate::db::entity::{activity_signup, service_entry, user, volunteer_honour};
use crate::error::{Error, Result};
use crate::{validate, Desk};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// The most minutes one service may be corrected to (a day).
pub const MAX_ENTRY_MINUTES: i32 = 24 * 60;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectionRow {
    pub id: i32,
    pub old_minutes: i32,
    pub new_minutes: i32,
    pub reason: String,
    pub requested_by: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryRow {
    pub id: i32,
    pub served_on: NaiveDate,
    pub source: EntrySource,
    pub source_label: String,
    pub content: String,
    /// The value now: the entry with its corrections.
    pub minutes: i32,
    pub minutes_text: String,
    /// As first recorded.
    pub original_minutes: i32,
    pub corrections: Vec<CorrectionRow>,
    pub activity_id: Option<i32>,
    pub visit_id: Option<i32>,
    /// The organiser's evaluation of an activity.
    pub evaluation_label: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HonourRow {
    pub id: i32,
    pub kind: HonourKind,
    pub kind_label: String,
    pub on_date: NaiveDate,
    pub title: String,
    pub issuer: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRecord {
    pub volunteer: VolunteerRow,
    /// Newest first.
    pub entries: Vec<EntryRow>,
    pub total_minutes: i64,
    pub total_text: String,
    /// "12.5"
    pub total_hours: String,
    pub honours: Vec<HonourRow>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectionInput {
    pub new_minutes: i32,
    pub reason: String,
    /// Who asked ("本人", "队长 李强").
    pub requested_by: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HonourInput {
    pub kind: HonourKind,
    pub on_date: NaiveDate,
    pub title: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub notes: String,
}

/// A service as the record has it now: its first entry and its corrections, oldest first.
pub(crate) struct Service {
    pub entry: service_entry::Model,
    pub corrections: Vec<service_entry::Model>,
}

impl Service {
    pub fn minutes(&self) -> i32 {
        self.entry.minutes + self.corrections.iter().map(|c| c.minutes).sum::<i32>()
    }
}

/// The volunteer's services served between `from` and `to` (inclusive; all when None).
pub(crate) async fn services_of<C: ConnectionTrait>(
    db: &C,
    volunteer_id: i32,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Service>> {
    let mut select = service_entry::Entity::find()
        .filter(service_entry::Column::VolunteerId.eq(volunteer_id))
        .order_by_asc(service_entry::Column::ServedOn)
        .order_by_asc(service_entry::Column::Id);
    if let Some(from) = from {
        select = select.filter(service_entry::Column::ServedOn.gte(from));
    }
    if let Some(to) = to {
        select = select.filter(service_entry::Column::ServedOn.lte(to));
    }
    let all = select.all(db).await?;
    let mut corrections: HashMap<i32, Vec<service_entry::Model>> = HashMap::new();
    let mut services = Vec::new();
    for e in all {
        match e.corrects_id {
            Some(original) => corrections.entry(original).or_default().push(e),
            None => services.push(e),
        }
    }
    Ok(services.into_iter().map(|entry| Service { corrections: corrections.remove(&entry.id).unwrap_or_default(), entry }).collect())
}

pub async fn service_record(desk: &Desk, actor: &Actor, volunteer_id: i32) -> Result<ServiceRecord> {
    authorize_any(desk, actor, &READERS, VIEW).await?;
    let volunteer = volunteer_row(desk, actor, volunteer_id).await?;
    let db = desk.db();
    let services = services_of(db, volunteer_id, None, None).await?;
    let users: HashMap<i32, String> = user::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.display_name)).collect();
    let evaluations: HashMap<i32, Evaluation> = activity_signup::Entity::find()
        .filter(activity_signup::Column::VolunteerId.eq(volunteer_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| s.evaluation.map(|e| (s.activity_id, e)))
        .collect();
    let mut entries: Vec<EntryRow> = services
        .iter()
        .map(|s| {
            let minutes = s.minutes();
            let e = &s.entry;
            EntryRow {
                id: e.id,
                served_on: e.served_on,
                source: e.source,
                source_label: e.source.label().into(),
                content: e.content.clone(),
                minutes,
                minutes_text: minutes_text(i64::from(minutes)),
                original_minutes: e.minutes,
                corrections: s
                    .corrections
                    .iter()
                    .map(|c| CorrectionRow {
                        id: c.id,
                        old_minutes: c.old_minutes.unwrap_or(0),
                        new_minutes: c.old_minutes.unwrap_or(0) + c.minutes,
                        reason: c.reason.clone().unwrap_or_default(),
                        requested_by: c.requested_by.clone().unwrap_or_default(),
                        by: c.created_by.and_then(|u| users.get(&u).cloned()).unwrap_or_default(),
                        at: c.created_at,
                    })
                    .collect(),
                activity_id: e.activity_id,
                visit_id: e.visit_id,
                evaluation_label: e.activity_id.and_then(|a| evaluations.get(&a)).map(|v| v.label().to_string()),
            }
        })
        .collect();
    entries.reverse();
    let total_minutes: i64 = entries.iter().map(|e| i64::from(e.minutes)).sum();
    let honours = volunteer_honour::Entity::find()
        .filter(volunteer_honour::Column::VolunteerId.eq(volunteer_id))
        .order_by_desc(volunteer_honour::Column::OnDate)
        .order_by_desc(volunteer_honour::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|h| HonourRow {
            id: h.id,
            kind_label: h.kind.label().into(),
            kind: h.kind,
            on_date: h.on_date,
            title: h.title,
            issuer: h.issuer,
            notes: h.notes,
        })
        .collect();
    Ok(ServiceRecord {
        volunteer,
        entries,
        total_text: minutes_text(total_minutes),
        total_hours: hours_text(total_minutes),
        total_minutes,
        honours,
    })
}

/// Corrects a service's minutes at the volunteer's request: a new entry, the old one untouched.
pub async fn correct_entry(desk: &Desk, actor: &Actor, entry_id: i32, input: CorrectionInput) -> Result<ServiceRecord> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    if !(0..=MAX_ENTRY_MINUTES).contains(&input.new_minutes) {
        return Err(Error::invalid("invalid_minutes", "newMinutes", format!("更正后的时长应在 0–{MAX_ENTRY_MINUTES} 分钟之间")));
    }
    let reason = validate::name(&input.reason, "reason", "更正原因", 200)?;
    let requested_by = validate::name(&input.requested_by, "requestedBy", "申请人", 40)?;
    let txn = desk.begin_write().await?;
    let entry = service_entry::Entity::find_by_id(entry_id).one(&txn).await?.ok_or(Error::NotFound { what: "服务记录" })?;
    // A correction of a correction corrects the service itself.
    let original_id = entry.corrects_id.unwrap_or(entry.id);
    // Hold the service's first entry (an update of its row that changes nothing): two PCs
    // correcting at once take turns, and the second states the first's value as the old one.
    service_entry::Entity::update_many()
        .col_expr(service_entry::Column::Minutes, sea_orm::sea_query::Expr::col(service_entry::Column::Minutes))
        .filter(service_entry::Column::Id.eq(original_id))
        .exec(&txn)
        .await?;
    let service = services_of(&txn, entry.volunteer_id, Some(entry.served_on), Some(entry.served_on))
        .await?
        .into_iter()
        .find(|s| s.entry.id == original_id)
        .ok_or(Error::NotFound { what: "服务记录" })?;
    let old = service.minutes();
    if old == input.new_minutes {
        return Err(Error::invalid("correction_same", "newMinutes", format!("更正后的时长与现在相同（{}）", minutes_text(i64::from(old)))));
    }
    service_entry::ActiveModel {
        volunteer_id: Set(service.entry.volunteer_id),
        served_on: Set(service.entry.served_on),
        source: Set(EntrySource::Correction),
        activity_id: Set(service.entry.activity_id),
        visit_id: Set(service.entry.visit_id),
        minutes: Set(input.new_minutes - old),
        content: Set(service.entry.content.clone()),
        corrects_id: Set(Some(original_id)),
        old_minutes: Set(Some(old)),
        reason: Set(Some(reason.clone())),
        requested_by: Set(Some(requested_by.clone())),
        created_at: Set(desk.clock().now()),
        created_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let name = find_volunteer(&txn, service.entry.volunteer_id).await?.name;
    let detail = format!(
        "{name} {}“{}”：{} → {}，{requested_by}申请：{reason}",
        day_text(service.entry.served_on),
        service.entry.content,
        minutes_text(i64::from(old)),
        minutes_text(i64::from(input.new_minutes))
    );
    audit::record_by(desk, &txn, actor, Entry::new(Action::ServiceCorrected).on("volunteer", service.entry.volunteer_id).detail(detail))
        .await?;
    txn.commit().await?;
    service_record(desk, actor, service.entry.volunteer_id).await
}

/// Adds training, a commendation or an evaluation to the record.
pub async fn add_honour(desk: &Desk, actor: &Actor, volunteer_id: i32, input: HonourInput) -> Result<ServiceRecord> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let title = validate::name(&input.title, "title", "名称", 60)?;
    let issuer = validate::optional_text(&Some(input.issuer.clone()), "issuer", "颁发/组织单位", 40)?.unwrap_or_default();
    let notes = validate::optional_text(&Some(input.notes.clone()), "notes", "备注", 200)?.unwrap_or_default();
    if input.on_date > desk.clock().today() {
        return Err(Error::invalid("date_in_future", "onDate", "日期不能晚于今天"));
    }
    let txn = desk.begin_write().await?;
    let v = find_volunteer(&txn, volunteer_id).await?;
    volunteer_honour::ActiveModel {
        volunteer_id: Set(volunteer_id),
        kind: Set(input.kind),
        on_date: Set(input.on_date),
        title: Set(title.clone()),
        issuer: Set(issuer),
        notes: Set(notes),
        created_at: Set(desk.clock().now()),
        created_by: Set(Some(actor.user_id())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = format!("{} {}：{title}", v.name, input.kind.label());
    audit::record_by(desk, &txn, actor, Entry::new(Action::VolunteerHonourAdded).on("volunteer", volunteer_id).detail(detail)).await?;
    txn.commit().await?;
    service_record(desk, actor, volunteer_id).await
}
