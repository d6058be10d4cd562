//! Volunteers (志愿服务): the volunteers with their numbers and teams, the pairings of volunteers
//! with elders (结对帮扶) and the visits they make, and the one definition of "not visited lately"
//! every page and printout uses ([`pairings::visit_state`]); activities with sign-ups and
//! sign-in/out ([`activities`]), the service record with its corrections ([`record`]), the hours
//! report ([`hours`]) and the numbered 志愿服务证明 ([`proofs`]).
//!
//! Records follow 《志愿服务记录与证明出具办法》: true, complete and timely; a minor volunteer
//! needs a recorded guardian consent. Every pairing first asks the residents registry whether the
//! elder may receive services ([`crate::residents::eligibility`]); an elder who moved away or died
//! ends the pairing that day.

pub mod activities;
pub mod hours;
pub mod model;
pub mod pairings;
pub mod printing;
pub mod proofs;
pub mod record;
pub mod registry;
pub mod settings;
pub mod teams;
pub mod visits;

use crate::auth::Role;

/// Who keeps the volunteers, teams, pairings and visits.
pub const WRITERS: [Role; 2] = [Role::Admin, Role::SocialWorker];
/// Who may read them (and print the lists).
pub const READERS: [Role; 3] = [Role::Admin, Role::SocialWorker, Role::Viewer];

pub(crate) const MANAGE: &str = "管理志愿服务";
pub(crate) const VIEW: &str = "查看志愿服务";

/// Below this age a volunteer needs a guardian's recorded consent.
pub const ADULT_AGE: u32 = 18;
/// Below this age a volunteer is not paired with an elder (visits are made alone).
pub const PAIRING_MIN_AGE: u32 = 14;
