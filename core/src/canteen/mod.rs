//! The community canteen (社区食堂): canteens and their meal slots, dishes and set meals priced per
//! diner type, week menus, diners, subsidy rules as data, bookings with the subsidy fixed when
//! booked, meal tickets with signed QR codes, the serving counter, and the day's printouts.
//!
//! Every booking, ticket and served meal first asks the residents registry whether the resident
//! may receive services on that date ([`crate::residents::eligibility`]), so nothing is booked or
//! subsidised for a resident after their death or move.

pub mod board;
pub mod bookings;
pub mod checkin;
pub mod diners;
pub mod documents;
pub mod history;
pub mod ledger;
pub mod menu;
pub mod model;
mod people;
pub mod printing;
pub mod schedule;
pub mod setup;
pub mod standing;
pub mod subsidy;
pub mod tickets;

use crate::auth::Role;

/// Who books meals, registers diners and serves at the counter.
pub const STAFF: [Role; 3] = [Role::Admin, Role::Canteen, Role::SocialWorker];
/// Canteen managers: set up canteens, dishes and menus, and book or cancel after the cutoff.
pub const MANAGERS: [Role; 2] = [Role::Admin, Role::Canteen];

pub(crate) const BOOK_MEALS: &str = "订餐和登记就餐人";
pub(crate) const MANAGE_CANTEEN: &str = "管理食堂、菜品和菜单";
