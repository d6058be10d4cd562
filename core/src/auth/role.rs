use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a user may do is decided by the role alone, here in the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sea_orm::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Canteen,
    Health,
    Childcare,
    SocialWorker,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 6] = [Role::Admin, Role::Canteen, Role::Health, Role::Childcare, Role::SocialWorker, Role::Viewer];

    /// Who keeps the residents registry.
    pub const RESIDENT_EDITORS: [Role; 2] = [Role::Admin, Role::SocialWorker];

    /// Who may see full ID numbers and phones (on request, audited): the registry's keepers and the
    /// health staff, who need them for hospital records.
    pub const REVEALERS: [Role; 3] = [Role::Admin, Role::SocialWorker, Role::Health];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Canteen => "canteen",
            Role::Health => "health",
            Role::Childcare => "childcare",
            Role::SocialWorker => "social_worker",
            Role::Viewer => "viewer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "管理员",
            Role::Canteen => "食堂",
            Role::Health => "卫生",
            Role::Childcare => "托育",
            Role::SocialWorker => "社工",
            Role::Viewer => "只读",
        }
    }

    /// The role stored as `code` (the database's value, exactly).
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == code)
    }

    /// Accepts the code (`social_worker`) or the Chinese label (`社工`).
    pub fn parse(s: &str) -> Result<Role> {
        let s = s.trim();
        Role::ALL.into_iter().find(|r| r.as_str() == s || r.label() == s).ok_or_else(|| {
            let names: Vec<String> = Role::ALL.iter().map(|r| format!("{}（{}）", r.label(), r.as_str())).collect();
            Error::invalid("invalid_role", "role", format!("未知角色“{s}”，可选：{}", names.join("、")))
        })
    }

    pub fn permissions(self) -> Permissions {
        let admin = self == Role::Admin;
        Permissions {
            manage_system: admin,
            view_audit: admin,
            edit_residents: Role::RESIDENT_EDITORS.contains(&self),
            reveal_personal: Role::REVEALERS.contains(&self),
            book_meals: crate::canteen::STAFF.contains(&self),
            view_ledger: crate::canteen::STAFF.contains(&self),
            manage_canteen: crate::canteen::MANAGERS.contains(&self),
            edit_subsidy_rules: self == Role::Admin,
            organize_checkups: crate::checkups::HEALTH_STAFF.contains(&self),
            see_health_values: crate::checkups::VALUE_READERS.contains(&self),
            edit_thresholds: self == Role::Admin,
            manage_childcare: crate::childcare::STAFF.contains(&self),
            view_volunteers: crate::volunteers::READERS.contains(&self),
            manage_volunteers: crate::volunteers::WRITERS.contains(&self),
        }
    }
}

/// What the UI may offer; the core checks again on every call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    pub manage_system: bool,
    pub view_audit: bool,
    pub edit_residents: bool,
    /// May ask to see full ID numbers and phones.
    pub reveal_personal: bool,
    /// Books meals, registers diners, serves at the counter, prints the canteen's lists.
    pub book_meals: bool,
    /// Sees the canteen's money: day summaries and the monthly subsidy claim.
    pub view_ledger: bool,
    /// Sets up canteens, dishes and menus; books and cancels after the cutoff.
    pub manage_canteen: bool,
    pub edit_subsidy_rules: bool,
    /// Sets up stations, providers and campaigns; invites, signs in, prints check-up lists and slips.
    pub organize_checkups: bool,
    /// Reads and enters check-up values and follow-ups (health data: 卫生 and 管理员 only).
    pub see_health_values: bool,
    pub edit_thresholds: bool,
    /// Runs after-school care: programs, enrolment, pick-up persons, the desk (托育, 管理员).
    pub manage_childcare: bool,
    /// Reads volunteers, teams, pairings and visits; prints their lists (社工, 管理员, 只读).
    pub view_volunteers: bool,
    /// Keeps volunteers, teams, pairings and visits (社工, 管理员).
    pub manage_volunteers: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoleOption {
    pub role: Role,
    pub label: String,
}

pub fn role_options() -> Vec<RoleOption> {
    Role::ALL.iter().map(|r| RoleOption { role: *r, label: r.label().to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_chinese_labels() {
        assert_eq!(Role::parse("canteen").unwrap(), Role::Canteen);
        assert_eq!(Role::parse("社工").unwrap(), Role::SocialWorker);
        let e = Role::parse("boss").unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_role", Some("role")));
    }

    #[test]
    fn only_admins_manage_the_system() {
        for r in Role::ALL {
            assert_eq!(r.permissions().manage_system, r == Role::Admin);
        }
    }
}

crate::coded::stored_as_text!(Role, "角色");
