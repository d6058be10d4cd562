//! The residents registry's vocabulary: statuses, reasons for having no ID number, relation kinds
//! and age groups, each with the stable code stored in the database and the word staff read.

use crate::coded::coded_enum;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

coded_enum! {
    /// Where a resident stands in the registry. Moved-out and deceased residents keep their history.
    Status, "status", "状态" {
        Active => "active", "在册";
        MovedOut => "moved_out", "迁出";
        Deceased => "deceased", "去世";
    }
}

coded_enum! {
    /// Why a resident has no mainland resident ID number.
    NoIdReason, "noIdReason", "无身份证号的原因" {
        ForeignPassport => "foreign_passport", "外国护照";
        HkMacauTaiwanPermit => "hmt_permit", "港澳台居民证件";
        UnregisteredInfant => "unregistered_infant", "婴儿尚未落户";
    }
}

coded_enum! {
    /// How another person is related to a resident for the services.
    RelationKind, "kind", "关系类型" {
        Guardian => "guardian", "监护人";
        EmergencyContact => "emergency_contact", "紧急联系人";
        Pickup => "pickup", "接送人";
    }
}

/// The relations to the head of a household that forms offer.
pub const RELATIONS_TO_HEAD: [&str; 8] = ["户主", "配偶", "子女", "父母", "孙子女", "兄弟姐妹", "儿媳/女婿", "其他"];
pub const HEAD: &str = "户主";

/// Age groups the services care about. Computed for a date, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgeGroup {
    Infant,
    Preschool,
    SchoolAge,
    Elderly60,
    Elderly65,
    Elderly80,
}

impl AgeGroup {
    pub const ALL: [AgeGroup; 6] =
        [AgeGroup::Infant, AgeGroup::Preschool, AgeGroup::SchoolAge, AgeGroup::Elderly60, AgeGroup::Elderly65, AgeGroup::Elderly80];

    pub fn label(self) -> &'static str {
        match self {
            AgeGroup::Infant => "0–3岁",
            AgeGroup::Preschool => "3–6岁",
            AgeGroup::SchoolAge => "6–14岁",
            AgeGroup::Elderly60 => "60岁以上",
            AgeGroup::Elderly65 => "65岁以上",
            AgeGroup::Elderly80 => "80岁以上",
        }
    }

    /// Lower bound included, upper bound excluded, in whole years.
    pub fn years(self) -> (u32, Option<u32>) {
        match self {
            AgeGroup::Infant => (0, Some(3)),
            AgeGroup::Preschool => (3, Some(6)),
            AgeGroup::SchoolAge => (6, Some(14)),
            AgeGroup::Elderly60 => (60, None),
            AgeGroup::Elderly65 => (65, None),
            AgeGroup::Elderly80 => (80, None),
        }
    }
}
