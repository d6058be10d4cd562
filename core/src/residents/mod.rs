//! Residents registry (居民档案): residents, households, dated categories, relations, search, and
//! the one answer every service module asks ([`may_receive_service`]).
//!
//! Who may do what: every signed-in user may find and read residents (ID numbers and phones
//! masked); administrators and social workers keep the registry; administrators, social workers
//! and health staff may reveal full ID numbers and phones on request, which is audited.

pub mod age;
pub mod categories;
pub(crate) mod chars;
pub mod detail;
pub mod eligibility;
pub mod export;
pub mod id_number;
pub mod import;
mod import_plan;
pub mod import_types;
mod import_write;
pub mod input;
pub mod model;
pub mod phone;
pub mod places;
pub mod relations;
pub mod search;
pub mod search_keys;
pub(crate) mod service;
pub mod services;
pub(crate) mod store;

pub use detail::ResidentDetail;
pub use eligibility::{eligibility_many, may_receive_service, Eligibility};
pub use import_types::*;
pub use input::{HouseholdChoice, ResidentInput};
pub use model::{AgeGroup, NoIdReason, RelationKind, Status};
pub use search::{search, ResidentPage, ResidentQuery, ResidentRow, ResidentSort};
pub use service::*;

pub(crate) fn mask_id(stored: &str) -> String {
    id_number::mask_stored(stored)
}

pub(crate) fn mask_phone(stored: &str) -> String {
    phone::mask_stored(stored)
}
