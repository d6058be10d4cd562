//! The volunteers who help at a program (志愿者从学校接, homework help): adults on the volunteers
//! register who take part now. Children are not handed to a volunteer at sign-out unless the
//! family names them as a pick-up person; helping is not picking up.

use super::{MANAGE, STAFF};
use crate::auth::{authorize_any, Actor};
use crate::db::entity::{childcare_program_helper, volunteer};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::volunteers::model::VolunteerStatus;
use crate::volunteers::ADULT_AGE;
use crate::Desk;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// A volunteer as a program lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HelperRef {
    pub volunteer_id: i32,
    /// 志愿者编号
    pub number: String,
    pub name: String,
}

fn helper_ref(v: &volunteer::Model) -> HelperRef {
    HelperRef { volunteer_id: v.id, number: v.number.clone(), name: v.name.clone() }
}

fn may_help(v: &volunteer::Model, today: NaiveDate) -> std::result::Result<(), String> {
    if v.status != VolunteerStatus::Active {
        return Err(format!("{}目前“{}”，不能安排到托育项目", v.name, v.status.label()));
    }
    if v.birth_date.and_then(|b| age_on(b, today)).is_none_or(|a| a < ADULT_AGE) {
        return Err(format!("{}未满 {ADULT_AGE} 岁，不能做托育助手", v.name));
    }
    Ok(())
}

/// Adult volunteers in 在册 status, in number order: the program's helpers are picked from them.
pub async fn helper_candidates(desk: &Desk, actor: &Actor) -> Result<Vec<HelperRef>> {
    authorize_any(desk, actor, &STAFF, MANAGE).await?;
    let today = desk.clock().today();
    let all = volunteer::Entity::find()
        .filter(volunteer::Column::Status.eq(VolunteerStatus::Active.as_str()))
        .order_by_asc(volunteer::Column::Number)
        .all(desk.db())
        .await?;
    Ok(all.iter().filter(|v| may_help(v, today).is_ok()).map(helper_ref).collect())
}

/// Replaces the program's helpers (inside the caller's write).
pub(crate) async fn set_helpers<C: ConnectionTrait>(db: &C, program_id: i32, volunteer_ids: &[i32], today: NaiveDate) -> Result<()> {
    let mut kept = Vec::new();
    for id in volunteer_ids {
        if kept.contains(id) {
            continue;
        }
        let v = volunteer::Entity::find_by_id(*id).one(db).await?.ok_or(Error::NotFound { what: "志愿者" })?;
        may_help(&v, today).map_err(|why| Error::invalid("helper_not_allowed", "helperIds", why))?;
        kept.push(*id);
    }
    childcare_program_helper::Entity::delete_many().filter(childcare_program_helper::Column::ProgramId.eq(program_id)).exec(db).await?;
    for id in kept {
        childcare_program_helper::ActiveModel { program_id: Set(program_id), volunteer_id: Set(id), ..Default::default() }
            .insert(db)
            .await?;
    }
    Ok(())
}

/// The program's helpers in the order they were named.
pub(crate) async fn helpers_of<C: ConnectionTrait>(db: &C, program_id: i32) -> Result<Vec<HelperRef>> {
    let links = childcare_program_helper::Entity::find()
        .filter(childcare_program_helper::Column::ProgramId.eq(program_id))
        .order_by_asc(childcare_program_helper::Column::Id)
        .all(db)
        .await?;
    let people: HashMap<i32, volunteer::Model> = volunteer::Entity::find()
        .filter(volunteer::Column::Id.is_in(links.iter().map(|l| l.volunteer_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    Ok(links.iter().filter_map(|l| people.get(&l.volunteer_id)).map(helper_ref).collect())
}
