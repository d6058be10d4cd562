//! Writing one checked resident: duplicates, places, households and the search keys. Shared by the
//! form (one resident per transaction) and the importer (many in one transaction).

use super::id_number::Sex;
use super::input::{CheckedResident, HouseholdChoice};
use super::model::{Status, HEAD};
use super::places::{Place, PlaceIndex};
use super::search_keys::{phone_digits, pinyin_key_list, pinyin_keys, reversed};
use crate::db::entity::{household, resident, resident_search_key};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TryIntoModel};

/// Refuses an ID number that another resident already has, naming that resident.
pub(crate) async fn ensure_unique_id<C: ConnectionTrait>(db: &C, places: &PlaceIndex, id_number: &str, except: Option<i32>) -> Result<()> {
    let mut q = resident::Entity::find().filter(resident::Column::IdNumber.eq(id_number));
    if let Some(id) = except {
        q = q.filter(resident::Column::Id.ne(id));
    }
    if let Some(other) = q.one(db).await? {
        return Err(duplicate_error(&other, places));
    }
    Ok(())
}

pub(crate) fn duplicate_error(other: &resident::Model, places: &PlaceIndex) -> Error {
    let status = other.status.label();
    let place = places.name(other.community_id).unwrap_or_else(|| "未分社区".into());
    Error::invalid(
        "duplicate_resident",
        "idNumber",
        format!("该身份证号已登记在居民 {}（{}，{}，档案号 {}）名下", other.name, place, status, other.id),
    )
}

/// Inserts (`existing` = None) or updates a resident. The caller owns the transaction, has checked
/// the ID number's uniqueness and writes the audit row.
pub(crate) async fn write<C: ConnectionTrait>(
    db: &C,
    places: &PlaceIndex,
    r: &CheckedResident,
    existing: Option<resident::Model>,
    now: DateTime<Utc>,
) -> Result<resident::Model> {
    let place = places.check(Place { community: r.community_id, grid: r.grid_id, compound: r.compound_id })?;
    let household_id = household_for(db, r, place, existing.as_ref().map(|e| e.id), now).await?;
    let model = active_model(r, place, household_id, existing, now);
    let saved = model.save(db).await?.try_into_model()?;
    replace_search_keys(db, saved.id, &saved.name).await?;
    Ok(saved)
}

/// The row to save for a checked resident: a new one (`existing` = None) or `existing` with every
/// field the form owns set. Its place is checked and its household exists.
pub(crate) fn active_model(
    r: &CheckedResident,
    place: Place,
    household_id: Option<i32>,
    existing: Option<resident::Model>,
    now: DateTime<Utc>,
) -> resident::ActiveModel {
    let id_number = r.id_number.as_ref().map(|i| i.as_str().to_string());
    let phone = r.phone.as_ref().map(|p| p.as_str().to_string());
    let mut model = match existing {
        Some(e) => resident::ActiveModel::from(e),
        None => resident::ActiveModel { status: Set(Status::Active), status_date: Set(None), created_at: Set(now), ..Default::default() },
    };
    model.name = Set(r.name.clone());
    model.sex = Set(r.sex);
    model.id_reversed = Set(id_number.as_deref().map(reversed));
    model.id_number = Set(id_number);
    model.no_id_reason = Set(r.no_id_reason);
    model.birth_date = Set(r.birth_date);
    model.phone_reversed = Set(phone.as_deref().map(|p| reversed(&phone_digits(p))));
    model.phone = Set(phone);
    model.address = Set(r.address.clone());
    model.community_id = Set(place.community);
    model.grid_id = Set(place.grid);
    model.compound_id = Set(place.compound);
    model.household_id = Set(household_id);
    model.relation_to_head = Set(household_id.and(r.relation_to_head.clone()));
    model.notes = Set(r.notes.clone());
    model.search_text = Set(pinyin_keys(&r.name));
    model.updated_at = Set(now);
    model
}

async fn replace_search_keys<C: ConnectionTrait>(db: &C, resident_id: i32, name: &str) -> Result<()> {
    resident_search_key::Entity::delete_many().filter(resident_search_key::Column::ResidentId.eq(resident_id)).exec(db).await?;
    let keys = search_key_rows(resident_id, name);
    if !keys.is_empty() {
        resident_search_key::Entity::insert_many(keys).exec(db).await?;
    }
    Ok(())
}

pub(crate) fn search_key_rows(resident_id: i32, name: &str) -> Vec<resident_search_key::ActiveModel> {
    pinyin_key_list(name).into_iter().map(|key| resident_search_key::ActiveModel { key: Set(key), resident_id: Set(resident_id) }).collect()
}

async fn household_for<C: ConnectionTrait>(
    db: &C,
    r: &CheckedResident,
    place: Place,
    resident_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Option<i32>> {
    match &r.household {
        HouseholdChoice::None => Ok(None),
        HouseholdChoice::New { code } => {
            let code = crate::validate::filled(code).map(str::to_string);
            if let Some(code) = &code {
                if household::Entity::find().filter(household::Column::Code.eq(code.as_str())).one(db).await?.is_some() {
                    return Err(Error::invalid("duplicate_household", "household", format!("户号“{code}”已存在，请选择加入该户")));
                }
            }
            let created = household::ActiveModel {
                code: Set(code),
                address: Set(r.address.clone().unwrap_or_default()),
                community_id: Set(place.community),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok(Some(created.id))
        }
        HouseholdChoice::Existing { household_id } => {
            household::Entity::find_by_id(*household_id)
                .one(db)
                .await?
                .ok_or_else(|| Error::invalid("not_found", "household", "所选的户不存在"))?;
            if r.relation_to_head.as_deref() == Some(HEAD) {
                let mut heads = resident::Entity::find()
                    .filter(resident::Column::HouseholdId.eq(*household_id))
                    .filter(resident::Column::RelationToHead.eq(HEAD));
                if let Some(id) = resident_id {
                    heads = heads.filter(resident::Column::Id.ne(id));
                }
                if let Some(head) = heads.one(db).await? {
                    return Err(Error::invalid(
                        "household_has_head",
                        "relationToHead",
                        format!("该户已有户主 {}，一户只能有一位户主", head.name),
                    ));
                }
            }
            Ok(Some(*household_id))
        }
    }
}

/// What an edit or an import may change about a resident, to name the changed fields (never their
/// values) in the audit log and the import preview.
pub(crate) struct Fields<'a> {
    name: &'a str,
    id_number: Option<&'a str>,
    birth_date: chrono::NaiveDate,
    sex: Sex,
    phone: Option<&'a str>,
    address: Option<&'a str>,
    place: (Option<i32>, Option<i32>, Option<i32>),
    /// Household id (0: one still to be created) and the relation to its head.
    household: (Option<i32>, Option<&'a str>),
    notes: Option<&'a str>,
}

impl<'a> From<&'a resident::Model> for Fields<'a> {
    fn from(m: &'a resident::Model) -> Self {
        Fields {
            name: &m.name,
            id_number: m.id_number.as_deref(),
            birth_date: m.birth_date,
            sex: m.sex,
            phone: m.phone.as_deref(),
            address: m.address.as_deref(),
            place: (m.community_id, m.grid_id, m.compound_id),
            household: (m.household_id, m.relation_to_head.as_deref()),
            notes: m.notes.as_deref(),
        }
    }
}

impl<'a> From<&'a CheckedResident> for Fields<'a> {
    fn from(r: &'a CheckedResident) -> Self {
        let household = match r.household {
            HouseholdChoice::None => None,
            HouseholdChoice::New { .. } => Some(0),
            HouseholdChoice::Existing { household_id } => Some(household_id),
        };
        Fields {
            name: &r.name,
            id_number: r.id_number.as_ref().map(|i| i.as_str()),
            birth_date: r.birth_date,
            sex: r.sex,
            phone: r.phone.as_ref().map(|p| p.as_str()),
            address: r.address.as_deref(),
            place: (r.community_id, r.grid_id, r.compound_id),
            household: (household, r.relation_to_head.as_deref()),
            notes: r.notes.as_deref(),
        }
    }
}

/// The form's names of the fields that differ: 姓名, 电话, 住址, …
pub(crate) fn changed_fields(before: &Fields, after: &Fields) -> Vec<&'static str> {
    [
        (before.name != after.name, "姓名"),
        (before.id_number != after.id_number, "身份证号"),
        (before.birth_date != after.birth_date, "出生日期"),
        (before.sex != after.sex, "性别"),
        (before.phone != after.phone, "电话"),
        (before.address != after.address, "住址"),
        (before.place != after.place, "社区网格"),
        (before.household != after.household, "户"),
        (before.notes != after.notes, "备注"),
    ]
    .into_iter()
    .filter_map(|(changed, label)| changed.then_some(label))
    .collect()
}
