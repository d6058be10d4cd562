//! Health check-ups and follow-ups (健康体检与随访): health stations and providers, campaigns with
//! time slots and a target rule, invitations and sign-in, results with flags computed from
//! versioned thresholds, and follow-up tasks scheduled by rules, with urgent referrals shown until
//! someone records what was done.
//!
//! Health values are sensitive personal information: only [`VALUE_READERS`] (卫生, 管理员) read
//! or enter them, enforced here, so other roles see that a check-up took place and nothing more.
//! Every invitation asks the residents registry whether the resident may receive services on that
//! date ([`crate::residents::eligibility`]).

pub mod campaigns;
pub mod documents;
pub mod flags;
pub mod followup_rules;
pub mod followups;
pub mod health;
pub mod import;
pub mod invitations;
pub mod printing;
pub mod readings;
pub mod results;
pub mod stations;
pub mod stats;
pub mod threshold_sets;
pub mod thresholds;

use crate::auth::Role;
use crate::coded::coded_enum;

/// Who organises check-ups: stations, providers, campaigns, invitations and sign-in.
pub const HEALTH_STAFF: [Role; 3] = [Role::Admin, Role::Health, Role::SocialWorker];
/// Who reads and enters health values, follow-ups included.
pub const VALUE_READERS: [Role; 2] = [Role::Admin, Role::Health];

pub(crate) const MANAGE_CHECKUPS: &str = "组织体检活动";
pub(crate) const ENTER_RESULTS: &str = "录入体检和随访结果";
pub(crate) const SEE_VALUES: &str = "查看体检数值";

coded_enum! {
    TaskStatus, "status", "任务状态" {
        Open => "open", "待随访";
        Done => "done", "已完成";
    }
}
