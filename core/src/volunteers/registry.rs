//! The volunteers: a resident of the registry (name, ID and birth date come from there) or an
//! outside person with an identity document; a 志愿者编号 given in order; teams, skills,
//! availability and status. A minor needs a guardian's consent on record.

use super::model::{IdType, VolunteerStatus};
use super::{ADULT_AGE, MANAGE, READERS, VIEW, WRITERS};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor};
use crate::db::entity::{pairing, pairing_volunteer, resident, volunteer, volunteer_team, volunteer_team_member};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::residents::eligibility::may_receive_service;
use crate::residents::id_number::{mask_stored, parse_id_number};
use crate::residents::phone::parse_phone;
use crate::residents::{mask_id, mask_phone};
use crate::{numbering, validate, Desk};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerInput {
    /// A resident of the registry; None for an outside person.
    #[serde(default)]
    pub resident_id: Option<i32>,
    /// An outside person's name, document, number and birth date (a resident's come from the registry).
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub id_type: Option<IdType>,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    /// Empty for a resident: the registry's phone.
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub skills: String,
    /// "周二、周四下午"
    #[serde(default)]
    pub availability: String,
    pub joined_on: NaiveDate,
    pub status: VolunteerStatus,
    #[serde(default)]
    pub guardian_consent_on: Option<NaiveDate>,
    /// Who consented ("母亲 李梅").
    #[serde(default)]
    pub guardian_consent_by: Option<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub team_ids: Vec<i32>,
}

/// A team as a volunteer's row names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamRef {
    pub id: i32,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerRow {
    pub id: i32,
    pub number: String,
    pub resident_id: Option<i32>,
    pub name: String,
    pub id_type: IdType,
    pub id_type_label: String,
    /// "110105********002X"; empty without a number.
    pub masked_id: String,
    /// In full for those who keep the volunteers, masked for readers.
    pub phone: String,
    pub birth_date: Option<NaiveDate>,
    /// Today.
    pub age: Option<u32>,
    /// Under 18 today.
    pub minor: bool,
    pub skills: String,
    pub availability: String,
    pub joined_on: NaiveDate,
    pub status: VolunteerStatus,
    pub status_label: String,
    pub guardian_consent_on: Option<NaiveDate>,
    pub guardian_consent_by: Option<String>,
    pub notes: String,
    pub teams: Vec<TeamRef>,
    /// Pairings in force.
    pub pairings: u32,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct VolunteerQuery {
    /// Part of the name, the number or the phone.
    pub text: Option<String>,
    pub team_id: Option<i32>,
    /// All statuses when absent.
    pub status: Option<VolunteerStatus>,
}

/// Who the volunteer is, checked: from the registry or as typed.
struct Person {
    name: String,
    id_type: IdType,
    id_number: Option<String>,
    birth_date: Option<NaiveDate>,
    phone: String,
}

pub async fn save_volunteer(desk: &Desk, actor: &Actor, id: Option<i32>, input: VolunteerInput) -> Result<VolunteerRow> {
    authorize_any(desk, actor, &WRITERS, MANAGE).await?;
    let txn = desk.begin_write().await?;
    let existing = match id {
        Some(id) => Some(find_volunteer(&txn, id).await?),
        None => None,
    };
    let person = person_of(&txn, &input, existing.as_ref(), desk.clock().today()).await?;
    check_consent(&input, &person)?;
    if let Some(resident_id) = input.resident_id {
        let twin = volunteer::Entity::find().filter(volunteer::Column::ResidentId.eq(resident_id)).one(&txn).await?;
        if twin.is_some_and(|t| Some(t.id) != id) {
            return Err(Error::Conflict { message: format!("{}已是志愿者", person.name), field: Some("residentId") });
        }
    }
    let teams = check_teams(&txn, &input.team_ids).await?;
    let mut m: volunteer::ActiveModel = match existing {
        Some(v) => v.into(),
        None => volunteer::ActiveModel {
            number: Set(format!("ZY{:05}", numbering::next(&txn, "volunteer").await?)),
            created_at: Set(desk.clock().now()),
            created_by: Set(Some(actor.user_id())),
            ..Default::default()
        },
    };
    m.resident_id = Set(input.resident_id);
    m.name = Set(person.name.clone());
    m.id_type = Set(person.id_type);
    m.id_number = Set(person.id_number);
    m.birth_date = Set(person.birth_date);
    m.phone = Set(person.phone);
    m.skills = Set(text(&input.skills, "skills", "技能特长", 200)?);
    m.availability = Set(text(&input.availability, "availability", "可服务时间", 100)?);
    m.joined_on = Set(input.joined_on);
    m.status = Set(input.status);
    m.guardian_consent_on = Set(input.guardian_consent_on);
    m.guardian_consent_by = Set(validate::optional_text(&input.guardian_consent_by, "guardianConsentBy", "同意的监护人", 40)?);
    m.notes = Set(text(&input.notes, "notes", "备注", 500)?);
    let saved = match id {
        Some(_) => m.update(&txn).await?,
        None => m.insert(&txn).await?,
    };
    volunteer_team_member::Entity::delete_many().filter(volunteer_team_member::Column::VolunteerId.eq(saved.id)).exec(&txn).await?;
    for team in &teams {
        volunteer_team_member::ActiveModel { team_id: Set(*team), volunteer_id: Set(saved.id), ..Default::default() }.insert(&txn).await?;
    }
    let detail = format!("{} {}", saved.number, saved.name);
    audit::record_by(desk, &txn, actor, Entry::new(Action::VolunteerSaved).on("volunteer", saved.id).detail(detail)).await?;
    txn.commit().await?;
    volunteer_row(desk, actor, saved.id).await
}

fn text(value: &str, field: &'static str, label: &str, max: usize) -> Result<String> {
    Ok(validate::optional_text(&Some(value.to_string()), field, label, max)?.unwrap_or_default())
}

/// `existing` is the record being edited: its document number stays when none is typed (the
/// window only ever sees it masked).
async fn person_of<C: ConnectionTrait>(
    db: &C,
    input: &VolunteerInput,
    existing: Option<&volunteer::Model>,
    today: NaiveDate,
) -> Result<Person> {
    if let Some(id) = input.resident_id {
        let r = resident::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "居民" })?;
        let eligible = may_receive_service(db, id, today).await?;
        if !eligible.allowed {
            return Err(Error::invalid("not_eligible", "residentId", eligible.reason.unwrap_or_default()));
        }
        let phone = match validate::filled(&Some(input.phone.clone())) {
            Some(typed) => parse_phone(typed)?.as_str().to_string(),
            None => r.phone.clone().unwrap_or_default(),
        };
        let id_type = if r.id_number.is_some() { IdType::ResidentCard } else { IdType::Other };
        return Ok(Person { name: r.name, id_type, id_number: None, birth_date: Some(r.birth_date), phone });
    }
    let name = validate::name(&input.name, "name", "姓名", 40)?;
    let id_type = input.id_type.ok_or_else(|| Error::invalid("id_type_required", "idType", "请选择证件类型"))?;
    let kept = existing.filter(|v| v.resident_id.is_none() && v.id_type == id_type).and_then(|v| v.id_number.clone());
    let typed = match (validate::filled(&input.id_number), kept.as_deref()) {
        (Some(typed), _) => typed,
        (None, Some(kept)) => kept,
        (None, None) => return Err(Error::invalid("id_number_required", "idNumber", "请填写证件号码")),
    };
    let (id_number, birth_date) = if id_type == IdType::ResidentCard {
        let parsed = parse_id_number(typed, today)?;
        (parsed.as_str().to_string(), Some(parsed.birth_date()))
    } else {
        let number = validate::name(typed, "idNumber", "证件号码", 30)?;
        let birth = input
            .birth_date
            .or(existing.and_then(|v| v.birth_date))
            .ok_or_else(|| Error::invalid("birth_date_required", "birthDate", "请填写出生日期"))?;
        (number, Some(birth))
    };
    let phone = parse_phone(&input.phone)?.as_str().to_string();
    Ok(Person { name, id_type, id_number: Some(id_number), birth_date, phone })
}

fn check_consent(input: &VolunteerInput, person: &Person) -> Result<()> {
    let minor = person.birth_date.and_then(|b| age_on(b, input.joined_on)).is_some_and(|a| a < ADULT_AGE);
    if minor && (input.guardian_consent_on.is_none() || validate::filled(&input.guardian_consent_by).is_none()) {
        return Err(Error::invalid(
            "guardian_consent_required",
            "guardianConsentOn",
            format!("{}未满 {ADULT_AGE} 岁：请记录监护人同意的日期和同意人", person.name),
        ));
    }
    Ok(())
}

async fn check_teams<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<Vec<i32>> {
    let mut out = Vec::new();
    for id in ids {
        if out.contains(id) {
            continue;
        }
        volunteer_team::Entity::find_by_id(*id).one(db).await?.ok_or(Error::NotFound { what: "志愿服务队" })?;
        out.push(*id);
    }
    Ok(out)
}

pub(crate) async fn find_volunteer<C: ConnectionTrait>(db: &C, id: i32) -> Result<volunteer::Model> {
    volunteer::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "志愿者" })
}

/// The volunteer a command line names: by 志愿者编号 ("ZY00012", any case) or by id.
pub async fn find_by_number(desk: &Desk, actor: &Actor, text: &str) -> Result<i32> {
    authorize_any(desk, actor, &READERS, VIEW).await?;
    let wanted = text.trim().to_uppercase();
    if let Some(v) = volunteer::Entity::find().filter(volunteer::Column::Number.eq(wanted.clone())).one(desk.db()).await? {
        return Ok(v.id);
    }
    match wanted.parse::<i32>() {
        Ok(id) => Ok(find_volunteer(desk.db(), id).await?.id),
        Err(_) => Err(Error::invalid("volunteer_unknown", "volunteer", format!("没有编号为“{}”的志愿者", text.trim()))),
    }
}

pub async fn volunteer_row(desk: &Desk, actor: &Actor, id: i32) -> Result<VolunteerRow> {
    let v = find_volunteer(desk.db(), id).await?;
    rows(desk, actor, vec![v]).await?.pop().ok_or(Error::NotFound { what: "志愿者" })
}

pub async fn list_volunteers(desk: &Desk, actor: &Actor, query: VolunteerQuery) -> Result<Vec<VolunteerRow>> {
    authorize_any(desk, actor, &READERS, VIEW).await?;
    let mut select = volunteer::Entity::find().order_by_asc(volunteer::Column::Number);
    if let Some(status) = query.status {
        select = select.filter(volunteer::Column::Status.eq(status.as_str()));
    }
    if let Some(team) = query.team_id {
        let members = volunteer_team_member::Entity::find().filter(volunteer_team_member::Column::TeamId.eq(team)).all(desk.db()).await?;
        select = select.filter(volunteer::Column::Id.is_in(members.into_iter().map(|m| m.volunteer_id)));
    }
    let all = select.all(desk.db()).await?;
    let wanted = query.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    // Readers see phones masked, so a phone search would give the digits away one by one.
    let by_phone = WRITERS.contains(&current_user(desk, actor).await?.role);
    let found = all
        .into_iter()
        .filter(|v| {
            wanted.is_none_or(|t| {
                v.name.contains(t) || v.number.to_uppercase().contains(&t.to_uppercase()) || (by_phone && v.phone.ends_with(t))
            })
        })
        .collect();
    rows(desk, actor, found).await
}

/// The rows of `list`, with teams, open pairings and the registry's current names.
pub(crate) async fn rows(desk: &Desk, actor: &Actor, list: Vec<volunteer::Model>) -> Result<Vec<VolunteerRow>> {
    let user = authorize_any(desk, actor, &READERS, VIEW).await?;
    let full_phones = WRITERS.contains(&user.role);
    let db = desk.db();
    let ids: Vec<i32> = list.iter().map(|v| v.id).collect();
    let teams = teams_of(db, &ids).await?;
    let open = open_pairings_of(db, &ids, desk.clock().today()).await?;
    let residents: HashMap<i32, resident::Model> = resident::Entity::find()
        .filter(resident::Column::Id.is_in(list.iter().filter_map(|v| v.resident_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let today = desk.clock().today();
    Ok(list
        .into_iter()
        .map(|v| {
            let registry = v.resident_id.and_then(|id| residents.get(&id));
            let masked_id = match (registry.and_then(|r| r.id_number.as_deref()), v.id_number.as_deref(), v.id_type) {
                (Some(number), _, _) => mask_id(number),
                (None, Some(number), IdType::ResidentCard) => mask_stored(number),
                (None, Some(number), _) => mask_other(number),
                (None, None, _) => String::new(),
            };
            let age = v.birth_date.and_then(|b| age_on(b, today));
            VolunteerRow {
                id: v.id,
                name: registry.map_or_else(|| v.name.clone(), |r| r.name.clone()),
                phone: if full_phones { v.phone.clone() } else { mask_phone(&v.phone) },
                number: v.number,
                resident_id: v.resident_id,
                id_type_label: v.id_type.label().into(),
                id_type: v.id_type,
                masked_id,
                birth_date: v.birth_date,
                age,
                minor: age.is_some_and(|a| a < ADULT_AGE),
                skills: v.skills,
                availability: v.availability,
                joined_on: v.joined_on,
                status_label: v.status.label().into(),
                status: v.status,
                guardian_consent_on: v.guardian_consent_on,
                guardian_consent_by: v.guardian_consent_by,
                notes: v.notes,
                teams: teams.get(&v.id).cloned().unwrap_or_default(),
                pairings: open.get(&v.id).copied().unwrap_or(0),
            }
        })
        .collect())
}

/// A passport or permit number shows its first two and last two characters.
fn mask_other(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() <= 4 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..2].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 4))
}

pub(crate) async fn teams_of<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<HashMap<i32, Vec<TeamRef>>> {
    let teams: HashMap<i32, String> = volunteer_team::Entity::find().all(db).await?.into_iter().map(|t| (t.id, t.name)).collect();
    let mut out: HashMap<i32, Vec<TeamRef>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let links = volunteer_team_member::Entity::find()
            .filter(volunteer_team_member::Column::VolunteerId.is_in(chunk.iter().copied()))
            .order_by_asc(volunteer_team_member::Column::TeamId)
            .all(db)
            .await?;
        for l in links {
            if let Some(name) = teams.get(&l.team_id) {
                out.entry(l.volunteer_id).or_default().push(TeamRef { id: l.team_id, name: name.clone() });
            }
        }
    }
    Ok(out)
}

/// How many pairings in force on `today` each volunteer is in.
async fn open_pairings_of<C: ConnectionTrait>(db: &C, ids: &[i32], today: NaiveDate) -> Result<HashMap<i32, u32>> {
    let open: std::collections::HashSet<i32> = pairing::Entity::find()
        .filter(pairing::Column::StartDate.lte(today))
        .filter(sea_orm::Condition::any().add(pairing::Column::EndDate.is_null()).add(pairing::Column::EndDate.gte(today)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let mut out: HashMap<i32, u32> = HashMap::new();
    for chunk in ids.chunks(500) {
        for l in
            pairing_volunteer::Entity::find().filter(pairing_volunteer::Column::VolunteerId.is_in(chunk.iter().copied())).all(db).await?
        {
            if open.contains(&l.pairing_id) {
                *out.entry(l.volunteer_id).or_default() += 1;
            }
        }
    }
    Ok(out)
}

/// What the activity, record and hours pages show of a volunteer.
#[derive(Debug, Clone)]
pub(crate) struct Brief {
    pub number: String,
    /// The registry's current name for a resident.
    pub name: String,
    pub birth_date: Option<NaiveDate>,
    pub status: VolunteerStatus,
    pub consent: bool,
}

/// The briefs of the volunteers `ids` (all volunteers when `ids` is None).
pub(crate) async fn briefs<C: ConnectionTrait>(db: &C, ids: Option<&[i32]>) -> Result<HashMap<i32, Brief>> {
    let mut list = Vec::new();
    match ids {
        None => list = volunteer::Entity::find().all(db).await?,
        Some(ids) => {
            for chunk in ids.chunks(500) {
                list.extend(volunteer::Entity::find().filter(volunteer::Column::Id.is_in(chunk.iter().copied())).all(db).await?);
            }
        }
    }
    let mut names: HashMap<i32, String> = HashMap::new();
    let resident_ids: Vec<i32> = list.iter().filter_map(|v| v.resident_id).collect();
    for chunk in resident_ids.chunks(500) {
        for r in resident::Entity::find().filter(resident::Column::Id.is_in(chunk.iter().copied())).all(db).await? {
            names.insert(r.id, r.name);
        }
    }
    Ok(list
        .into_iter()
        .map(|v| {
            let name = v.resident_id.and_then(|r| names.get(&r).cloned()).unwrap_or(v.name);
            let brief =
                Brief { number: v.number, name, birth_date: v.birth_date, status: v.status, consent: v.guardian_consent_on.is_some() };
            (v.id, brief)
        })
        .collect())
}
