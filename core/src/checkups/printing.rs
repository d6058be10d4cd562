//! The check-up printouts, loaded from the database and drawn by [`super::documents`]. The
//! 随访任务单 carries readings, so printing it is audited.

use super::campaigns::find_campaign;
use super::documents::{self, CheckupList, ListPerson, Slip, TaskLine, TaskList};
use super::followup_rules::TaskKind;
use super::followups::{open_task_rows, DEFAULT_DUE_WITHIN};
use super::invitations::{invitations_of, rows_of, slip_code};
use super::{TaskStatus, HEALTH_STAFF, MANAGE_CHECKUPS, VALUE_READERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor};
use crate::canteen::tickets;
use crate::clock::day_text;
use crate::db::entity::{campaign_slot, followup_task, health_provider, health_station};
use crate::error::Result;
use crate::print::{page_meta, PrintOutput};
use crate::Desk;
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};

/// The 体检名单 of a campaign, sorted by time slot (walk-ins last). For health staff, the names of
/// invitees awaiting an urgent referral head the list.
pub async fn checkup_list(desk: &Desk, actor: &Actor, campaign_id: i32) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let db = desk.db();
    let c = find_campaign(db, campaign_id).await?;
    let rows = rows_of(db, &c, invitations_of(db, campaign_id).await?).await?;
    // Who awaits an urgent referral is health data too: only for those who may see it.
    let may_see = VALUE_READERS.contains(&user.role);
    let invited: HashSet<i32> = rows.iter().map(|r| r.person.resident_id).filter(|_| may_see).collect();
    let urgent = followup_task::Entity::find()
        .filter(followup_task::Column::Status.eq(TaskStatus::Open.as_str()))
        .filter(followup_task::Column::Kind.eq(TaskKind::UrgentReferral.as_str()))
        .all(db)
        .await?;
    let urgent_ids: HashSet<i32> = urgent.iter().map(|t| t.resident_id).filter(|id| invited.contains(id)).collect();
    let urgent_names = rows.iter().filter(|r| urgent_ids.contains(&r.person.resident_id)).map(|r| r.person.name.clone()).collect();
    let people = rows
        .into_iter()
        .map(|r| ListPerson {
            slot_label: if r.walk_in { "现场登记".into() } else { r.slot_label },
            name: r.person.name,
            sex: r.person.sex,
            age: r.person.age,
            community: r.person.community,
            masked_id: r.person.masked_id,
            masked_phone: r.person.masked_phone,
        })
        .collect();
    let (station, provider) = place_of(desk, c.station_id, c.provider_id).await?;
    let data = CheckupList {
        campaign: c.name.clone(),
        station: station.name,
        provider,
        first_day: c.first_day,
        last_day: c.last_day,
        people,
        urgent_names,
    };
    let meta = page_meta(desk, &user, "体检名单", &day_text(c.first_day)).await?;
    documents::checkup_list(&data, &meta)
}

/// 体检通知单 for the campaign's invitees with a slot (walk-ins came already).
pub async fn invitation_slips(desk: &Desk, actor: &Actor, campaign_id: i32) -> Result<PrintOutput> {
    let user = authorize_any(desk, actor, &HEALTH_STAFF, MANAGE_CHECKUPS).await?;
    let db = desk.db();
    let c = find_campaign(db, campaign_id).await?;
    let rows = rows_of(db, &c, invitations_of(db, campaign_id).await?).await?;
    let slots: HashMap<i32, campaign_slot::Model> = campaign_slot::Entity::find()
        .filter(campaign_slot::Column::CampaignId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let (station, _) = place_of(desk, c.station_id, c.provider_id).await?;
    let secret = tickets::secret(db).await?;
    let slips: Vec<Slip> = rows
        .into_iter()
        .filter_map(|r| {
            let slot = slots.get(&r.slot_id?)?;
            Some(Slip {
                name: r.person.name,
                campaign: c.name.clone(),
                day: slot.day,
                when: format!("{} {}–{}", day_text(slot.day), slot.starts_at, slot.ends_at),
                station: station.name.clone(),
                address: station.address.clone(),
                bring: c.bring_note.clone(),
                fasting: c.fasting,
                code: slip_code(&secret, r.id),
            })
        })
        .collect();
    let meta = page_meta(desk, &user, "体检通知单", &day_text(c.first_day)).await?;
    documents::invitation_slips(&slips, &meta)
}

/// 随访任务单: open tasks due within `due_within` days (overdue included). Audited: it names
/// readings.
pub async fn followup_list(desk: &Desk, actor: &Actor, due_within: Option<u32>) -> Result<PrintOutput> {
    let days = due_within.unwrap_or(DEFAULT_DUE_WITHIN);
    let rows = open_task_rows(desk, actor, Some(days)).await?;
    let user = current_user(desk, actor).await?;
    let until = desk.clock().today() + Duration::days(i64::from(days.min(366)));
    let scope = format!("截至{}", day_text(until));
    let tasks = rows
        .into_iter()
        .map(|t| TaskLine {
            name: t.person.name,
            community: t.person.community,
            phone: t.phone.unwrap_or_default(),
            kind_label: t.kind_label,
            due_on: t.due_on,
            reason: t.reason,
            urgent: t.urgent,
            overdue_days: t.overdue_days,
        })
        .collect::<Vec<_>>();
    let detail = format!("{scope}，{} 项（含完整电话）", tasks.len());
    let meta = page_meta(desk, &user, "随访任务单", &scope).await?;
    let out = documents::task_list(&TaskList { scope, tasks }, &meta)?;
    audit::record_by(desk, desk.db(), actor, Entry::new(Action::FollowupListPrinted).detail(detail)).await?;
    Ok(out)
}

async fn place_of(desk: &Desk, station_id: i32, provider_id: i32) -> Result<(health_station::Model, String)> {
    let station =
        health_station::Entity::find_by_id(station_id).one(desk.db()).await?.ok_or(crate::Error::NotFound { what: "健康服务站" })?;
    let provider = health_provider::Entity::find_by_id(provider_id).one(desk.db()).await?.map(|p| p.name).unwrap_or_default();
    Ok((station, provider))
}
