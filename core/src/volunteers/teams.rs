//! Teams (银龄互助队, 红领巾志愿服务队, 党员先锋岗 …) with a leader; a volunteer's teams are kept
//! on the volunteer, so a team lists who joined it.

use super::registry::find_volunteer;
use super::{MANAGE, READERS, VIEW, WRITERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, Actor};
use crate::db::entity::{volunteer, volunteer_team, volunteer_team_member};
use crate::error::{Error, Result};
use crate::{validate, Desk};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamInput {
    pub name: String,
    /// A volunteer; made a member if not one yet.
    #[serde(default)]
    pub leader_id: Option<i32>,
    #[serde(default)]
    pub description: String,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamRow {
    pub id: i32,
    pub name: String,
    pub leader_id: Option<i32>,
    pub leader_name: Option<String>,
    pub description: String,
    pub active: bool,
    pub members: u32,
}

pub async fn save_team(desk: &Desk, actor: &Actor, id: Option<i32>, input: TeamInput) -> Result<TeamRow> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let name = validate::name(&input.name, "name", "队伍名称", 40)?;
    let description = validate::optional_text(&Some(input.description.clone()), "description", "简介", 300)?.unwrap_or_default();
    let txn = desk.begin_write().await?;
    let clash = volunteer_team::Entity::find().filter(volunteer_team::Column::Name.eq(name.clone())).one(&txn).await?;
    if clash.is_some_and(|c| Some(c.id) != id) {
        return Err(Error::Conflict { message: format!("已有名为“{name}”的志愿服务队"), field: Some("name") });
    }
    if let Some(leader) = input.leader_id {
        find_volunteer(&txn, leader).await.map_err(|_| Error::invalid("leader_unknown", "leaderId", "队长须是已登记的志愿者"))?;
    }
    let mut m: volunteer_team::ActiveModel = match id {
        Some(id) => volunteer_team::Entity::find_by_id(id).one(&txn).await?.ok_or(Error::NotFound { what: "志愿服务队" })?.into(),
        None => volunteer_team::ActiveModel {
            created_at: Set(desk.clock().now()),
            created_by: Set(Some(actor.user_id())),
            ..Default::default()
        },
    };
    m.name = Set(name.clone());
    m.leader_id = Set(input.leader_id);
    m.description = Set(description);
    m.active = Set(input.active);
    let saved = match id {
        Some(_) => m.update(&txn).await?,
        None => m.insert(&txn).await?,
    };
    if let Some(leader) = input.leader_id {
        let member = volunteer_team_member::Entity::find()
            .filter(volunteer_team_member::Column::TeamId.eq(saved.id))
            .filter(volunteer_team_member::Column::VolunteerId.eq(leader))
            .one(&txn)
            .await?;
        if member.is_none() {
            volunteer_team_member::ActiveModel { team_id: Set(saved.id), volunteer_id: Set(leader), ..Default::default() }
                .insert(&txn)
                .await?;
        }
    }
    audit::record_by(desk, &txn, actor, Entry::new(Action::VolunteerTeamSaved).on("volunteer_team", saved.id).detail(name)).await?;
    txn.commit().await?;
    list_teams(desk, actor).await?.into_iter().find(|t| t.id == saved.id).ok_or(Error::NotFound { what: "志愿服务队" })
}

pub async fn list_teams(desk: &Desk, actor: &Actor) -> Result<Vec<TeamRow>> {
    authorize_any(desk, actor, &READERS, VIEW).await?;
    let db = desk.db();
    let teams = volunteer_team::Entity::find().order_by_asc(volunteer_team::Column::Id).all(db).await?;
    let mut out = Vec::with_capacity(teams.len());
    for t in teams {
        let members = volunteer_team_member::Entity::find().filter(volunteer_team_member::Column::TeamId.eq(t.id)).count(db).await?;
        let leader_name = match t.leader_id {
            Some(id) => volunteer::Entity::find_by_id(id).one(db).await?.map(|v| v.name),
            None => None,
        };
        out.push(TeamRow {
            id: t.id,
            name: t.name,
            leader_id: t.leader_id,
            leader_name,
            description: t.description,
            active: t.active,
            members: u32::try_from(members).unwrap_or(u32::MAX),
        });
    }
    Ok(out)
}
