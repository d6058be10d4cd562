//! After-school care (托育服务): programs with their term calendar, enrolment with a waiting list,
//! the persons who may pick each child up, and the desk where children are signed in on arrival
//! and handed only to a person their guardians authorised.
//!
//! Every enrolment first asks the residents registry whether the child may receive services on
//! that date ([`crate::residents::eligibility`]). Children's school, allergies and notes are
//! sensitive: only [`STAFF`] (托育, 管理员) read or write anything here.

pub mod cards;
pub mod desk;
pub mod duty;
pub mod enrolment;
pub mod helpers;
pub mod model;
pub mod photos;
pub mod pickup;
pub mod printing;
pub mod programs;
pub mod reports;

use crate::auth::Role;

/// Who runs the programs, enrols children and works the desk.
pub const STAFF: [Role; 2] = [Role::Admin, Role::Childcare];

pub(crate) const MANAGE: &str = "管理托育服务";
pub(crate) const WORK_DESK: &str = "托育签到签退";
