//! Turning what a form or an imported row says about a resident into one checked, normalised
//! record. Every rule about a single resident's fields lives here, so the form, the importer and
//! the CLI refuse the same things with the same messages.

use super::id_number::{self, parse_id_number, IdNumber, Sex};
use super::model::{NoIdReason, HEAD, RELATIONS_TO_HEAD};
use super::phone::{parse_phone, Phone};
use crate::error::{Error, Result};
use crate::validate;
use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

pub const MAX_NAME_CHARS: usize = 30;
pub const MAX_ADDRESS_CHARS: usize = 100;
pub const MAX_NOTES_CHARS: usize = 500;

/// A resident as entered in the form (or read from one imported row).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ResidentInput {
    pub name: String,
    /// Derived from the ID number when there is one; entering it too must agree.
    pub sex: Option<Sex>,
    /// When editing, the masked value shown in the form means "unchanged".
    pub id_number: Option<String>,
    pub no_id_reason: Option<NoIdReason>,
    pub birth_date: Option<NaiveDate>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub community_id: Option<i32>,
    pub grid_id: Option<i32>,
    pub compound_id: Option<i32>,
    pub household: HouseholdChoice,
    pub relation_to_head: Option<String>,
    pub notes: Option<String>,
}

/// Which household (户) the resident belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum HouseholdChoice {
    #[default]
    None,
    /// A new household at the resident's address; `code` is the office's 户号, if it uses them.
    New { code: Option<String> },
    Existing {
        #[serde(rename = "householdId")]
        household_id: i32,
    },
}

/// A resident's fields after every single-field rule has passed.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedResident {
    pub name: String,
    pub sex: Sex,
    pub id_number: Option<IdNumber>,
    pub no_id_reason: Option<NoIdReason>,
    pub birth_date: NaiveDate,
    pub phone: Option<Phone>,
    pub address: Option<String>,
    pub community_id: Option<i32>,
    pub grid_id: Option<i32>,
    pub compound_id: Option<i32>,
    pub household: HouseholdChoice,
    pub relation_to_head: Option<String>,
    pub notes: Option<String>,
}

/// What is already stored, for the "masked means unchanged" rule when editing.
pub struct Stored<'a> {
    pub id_number: Option<&'a str>,
    pub phone: Option<&'a str>,
}

pub fn check(input: &ResidentInput, today: NaiveDate, stored: Option<Stored<'_>>) -> Result<CheckedResident> {
    let name = check_name(&input.name)?;
    let id_number = match validate::filled(&input.id_number) {
        None => None,
        Some(text) => Some(match stored.as_ref().and_then(|s| s.id_number) {
            Some(current) if text.contains('*') => {
                let current = parse_id_number(current, today)?;
                if current.masked() != text {
                    return Err(Error::invalid("invalid_id_number", "idNumber", "请填写完整的身份证号"));
                }
                current
            }
            _ => parse_id_number(text, today)?,
        }),
    };
    let (sex, birth_date, no_id_reason) = match &id_number {
        Some(id) => {
            id_number::check_consistency(id, input.birth_date, input.sex)?;
            (id.sex(), id.birth_date(), None)
        }
        None => {
            let reason = input
                .no_id_reason
                .ok_or_else(|| Error::invalid("id_number_required", "idNumber", "请填写身份证号；确实没有的，请选择没有身份证号的原因"))?;
            let birth = input.birth_date.ok_or_else(|| Error::invalid("required", "birthDate", "没有身份证号时请填写出生日期"))?;
            if birth > today {
                return Err(Error::invalid("birth_date_in_future", "birthDate", "出生日期不能晚于今天"));
            }
            let sex = input.sex.ok_or_else(|| Error::invalid("required", "sex", "没有身份证号时请选择性别"))?;
            (sex, birth, Some(reason))
        }
    };
    let phone = match validate::filled(&input.phone) {
        None => None,
        Some(text) => match stored.as_ref().and_then(|s| s.phone) {
            Some(current) if text.contains('*') => {
                let current = parse_phone(current)?;
                if current.masked() != text {
                    return Err(Error::invalid("phone_invalid", "phone", "请填写完整的电话号码"));
                }
                Some(current)
            }
            _ => Some(parse_phone(text)?),
        },
    };
    let relation_to_head = match validate::filled(&input.relation_to_head) {
        None => None,
        Some(r) if RELATIONS_TO_HEAD.contains(&r) => Some(r.to_string()),
        Some(r) => {
            return Err(Error::invalid(
                "invalid_relation_to_head",
                "relationToHead",
                format!("与户主关系“{r}”无效，可选：{}", RELATIONS_TO_HEAD.join("、")),
            ))
        }
    };
    if input.household != HouseholdChoice::None && relation_to_head.is_none() {
        return Err(Error::invalid("required", "relationToHead", "请选择与户主的关系"));
    }
    if matches!(input.household, HouseholdChoice::New { .. }) && relation_to_head.as_deref() != Some(HEAD) {
        return Err(Error::invalid("invalid_relation_to_head", "relationToHead", "新建的户，第一位成员应当是户主"));
    }
    Ok(CheckedResident {
        name,
        sex,
        id_number,
        no_id_reason,
        birth_date,
        phone,
        address: validate::optional_text(&input.address, "address", "住址", MAX_ADDRESS_CHARS)?,
        community_id: input.community_id,
        grid_id: input.grid_id,
        compound_id: input.compound_id,
        household: input.household.clone(),
        relation_to_head,
        notes: validate::optional_text(&input.notes, "notes", "备注", MAX_NOTES_CHARS)?,
    })
}

/// Names keep their middle dot (阿卜杜·热合曼) and rare characters; inner spaces that Excel sheets
/// carry ("王 秀 英") are dropped for Chinese names, kept between Latin words.
pub fn check_name(raw: &str) -> Result<String> {
    let name = validate::name(raw, "name", "姓名", MAX_NAME_CHARS)?;
    let latin = name.chars().any(|c| c.is_ascii_alphabetic());
    let name = if latin { name } else { name.chars().filter(|c| !c.is_whitespace()).collect() };
    if name.chars().any(|c| c.is_ascii_digit()) {
        return Err(Error::invalid("invalid_name", "name", "姓名里不应有数字，请检查是否把其他列的内容填进了姓名"));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn with_id(id: &str) -> ResidentInput {
        ResidentInput { name: "王秀英".into(), id_number: Some(id.into()), ..Default::default() }
    }

    #[test]
    fn the_id_number_gives_birth_date_and_sex() {
        let r = check(&with_id("11010519491231002x"), today(), None).unwrap();
        assert_eq!(r.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(r.sex, Sex::Female);
        assert_eq!(r.id_number.unwrap().as_str(), "11010519491231002X");
    }

    #[test]
    fn disagreeing_birth_date_or_sex_is_an_error_on_that_field() {
        let mut input = with_id("11010519491231002X");
        input.birth_date = NaiveDate::from_ymd_opt(1949, 12, 30);
        assert_eq!(check(&input, today(), None).unwrap_err().field(), Some("birthDate"));
        input.birth_date = None;
        input.sex = Some(Sex::Male);
        assert_eq!(check(&input, today(), None).unwrap_err().field(), Some("sex"));
    }

    #[test]
    fn no_id_needs_a_reason_a_birth_date_and_a_sex() {
        let mut input = ResidentInput { name: "Anna Schmidt".into(), ..Default::default() };
        assert_eq!(check(&input, today(), None).unwrap_err().code(), "id_number_required");
        input.no_id_reason = Some(NoIdReason::ForeignPassport);
        assert_eq!(check(&input, today(), None).unwrap_err().field(), Some("birthDate"));
        input.birth_date = NaiveDate::from_ymd_opt(1950, 3, 2);
        assert_eq!(check(&input, today(), None).unwrap_err().field(), Some("sex"));
        input.sex = Some(Sex::Female);
        let r = check(&input, today(), None).unwrap();
        assert_eq!(r.name, "Anna Schmidt");
    }

    #[test]
    fn a_masked_value_means_unchanged_only_when_it_matches_what_is_stored() {
        let stored = || Some(Stored { id_number: Some("11010519491231002X"), phone: Some("13803561234") });
        let mut input = with_id("110105********002X");
        input.phone = Some("138****1234".into());
        let r = check(&input, today(), stored()).unwrap();
        assert_eq!(r.id_number.unwrap().as_str(), "11010519491231002X");
        assert_eq!(r.phone.unwrap().as_str(), "13803561234");
        input.id_number = Some("110105********0000".into());
        assert_eq!(check(&input, today(), stored()).unwrap_err().field(), Some("idNumber"));
        assert!(check(&with_id("110105********002X"), today(), None).is_err());
    }

    #[test]
    fn names_lose_spaces_and_refuse_digits() {
        let mut input = with_id("11010519491231002X");
        input.name = " 王 秀 英 ".into();
        assert_eq!(check(&input, today(), None).unwrap().name, "王秀英");
        input.name = "王秀英13803561234".into();
        assert_eq!(check(&input, today(), None).unwrap_err().code(), "invalid_name");
        input.name = "阿卜杜·热合曼".into();
        assert_eq!(check(&input, today(), None).unwrap().name, "阿卜杜·热合曼");
    }

    #[test]
    fn a_new_household_starts_with_its_head() {
        let mut input = with_id("11010519491231002X");
        input.household = HouseholdChoice::New { code: None };
        assert_eq!(check(&input, today(), None).unwrap_err().field(), Some("relationToHead"));
        input.relation_to_head = Some("配偶".into());
        assert_eq!(check(&input, today(), None).unwrap_err().field(), Some("relationToHead"));
        input.relation_to_head = Some("户主".into());
        assert!(check(&input, today(), None).is_ok());
    }
}
