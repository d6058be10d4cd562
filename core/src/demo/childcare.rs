//! The demo's after-school care: the seed's 四点半课堂 at 双桥社区 and 童乐成长驿站 in a 振兴社区
//! compound, children of the registry with their household adults as pick-up persons, a few
//! delegates and barred persons, and the last month of attendance with absences and late pick-ups.

use crate::canteen::model::weekday_bit;
use crate::childcare::model::{AbsenceReason, ArrivalMode, DelegatedHow, EnrolmentStatus, FeeStatus, PickupStatus, ProgramKind};
use crate::db::entity::{
    childcare_attendance, childcare_duty, childcare_enrolment, childcare_pickup_person, childcare_program, childcare_program_staff,
    community, resident,
};
use crate::error::Result;
use crate::residents::age::age_on;
use crate::residents::eligibility::{events_of, status_on};
use crate::residents::model::Status;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(super) struct ChildcareCounts {
    pub programs: u32,
    pub children: u32,
    pub attendance_days: u32,
}

struct Program {
    name: &'static str,
    kind: ProgramKind,
    community: &'static str,
    place: &'static str,
    ages: (i32, i32),
    capacity: i32,
    weekdays: i32,
    hours: (&'static str, &'static str),
    /// The monthly fee and the 低保 one, in 分.
    fees: (i64, i64),
}

const PROGRAMS: [Program; 2] = [
    Program {
        name: "四点半课堂",
        kind: ProgramKind::AfterSchool,
        community: "双桥社区",
        place: "双桥社区党群服务中心二楼",
        ages: (6, 12),
        capacity: 45,
        weekdays: 0x1f,
        hours: ("16:30", "18:30"),
        fees: (0, 0),
    },
    Program {
        name: "童乐成长驿站",
        kind: ProgramKind::CarePoint,
        community: "振兴社区",
        place: "振兴社区欣园小区物业楼一层",
        ages: (3, 12),
        capacity: 25,
        weekdays: 0x3f,
        hours: ("15:30", "19:00"),
        fees: (30_000, 10_000),
    },
];

pub(super) async fn create<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    now: DateTime<Utc>,
    user_id: i32,
) -> Result<ChildcareCounts> {
    let mut counts = ChildcareCounts::default();
    let communities: HashMap<String, i32> = community::Entity::find().all(db).await?.into_iter().map(|c| (c.name, c.id)).collect();
    for p in &PROGRAMS {
        let Some(&community_id) = communities.get(p.community) else { continue };
        let program = childcare_program::ActiveModel {
            name: Set(p.name.into()),
            kind: Set(p.kind),
            community_id: Set(Some(community_id)),
            place: Set(p.place.into()),
            min_age: Set(p.ages.0),
            max_age: Set(p.ages.1),
            capacity: Set(p.capacity),
            term_start: Set(today - Duration::days(90)),
            term_end: Set(today + Duration::days(60)),
            weekdays: Set(p.weekdays),
            starts_at: Set(p.hours.0.into()),
            ends_at: Set(p.hours.1.into()),
            missing_call_at: Set("17:00".into()),
            self_home_min_age: Set(10),
            monthly_fee: Set(p.fees.0),
            reduced_fee: Set(p.fees.1),
            active: Set(true),
            created_at: Set(now),
            created_by: Set(Some(user_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        counts.programs += 1;
        duty(db, &program, user_id, today, now).await?;
        let children = children_of(db, community_id, p.ages, today).await?;
        for child in children.into_iter().take(p.capacity as usize - 3) {
            counts.attendance_days += enrol(db, rng, &program, &child, today, now, user_id).await?;
            counts.children += 1;
        }
    }
    Ok(counts)
}

/// The administrator works the program and is on duty on each open day of this month.
async fn duty<C: ConnectionTrait>(
    db: &C,
    program: &childcare_program::Model,
    user_id: i32,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    childcare_program_staff::ActiveModel { program_id: Set(program.id), user_id: Set(user_id), ..Default::default() }.insert(db).await?;
    let first = today.with_day(1).unwrap_or(today);
    for day in first.iter_days().take_while(|d| d.month() == today.month()).filter(|d| program.weekdays & weekday_bit(*d) != 0) {
        childcare_duty::ActiveModel {
            program_id: Set(program.id),
            day: Set(day),
            user_id: Set(user_id),
            created_at: Set(now),
            created_by: Set(Some(user_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Active residents of the community within the age range today, in registry order.
async fn children_of<C: ConnectionTrait>(db: &C, community_id: i32, ages: (i32, i32), today: NaiveDate) -> Result<Vec<resident::Model>> {
    let people =
        resident::Entity::find().filter(resident::Column::CommunityId.eq(community_id)).order_by_asc(resident::Column::Id).all(db).await?;
    let fits: Vec<resident::Model> =
        people.into_iter().filter(|r| age_on(r.birth_date, today).is_some_and(|a| (ages.0..=ages.1).contains(&(a as i32)))).collect();
    let ids: Vec<i32> = fits.iter().map(|r| r.id).collect();
    let events = events_of(db, &ids).await?;
    Ok(fits.into_iter().filter(|r| status_on(events.get(&r.id).map(Vec::as_slice).unwrap_or(&[]), today).0 == Status::Active).collect())
}

/// Enrols the child a month back, with the household's adults as pick-up persons, and writes the
/// month's attendance; returns the attended days.
async fn enrol<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    program: &childcare_program::Model,
    child: &resident::Model,
    today: NaiveDate,
    now: DateTime<Utc>,
    user_id: i32,
) -> Result<u32> {
    let start = today - Duration::days(35);
    let age = age_on(child.birth_date, today).unwrap_or(0);
    let e = childcare_enrolment::ActiveModel {
        program_id: Set(program.id),
        resident_id: Set(child.id),
        status: Set(EnrolmentStatus::Enrolled),
        start_date: Set(start),
        consent_date: Set(Some(start - Duration::days(3))),
        consent_by: Set(Some("监护人".into())),
        school: Set(if age >= 6 { "双桥小学".into() } else { "振兴幼儿园".into() }),
        class_name: Set(if age >= 6 { format!("{}年级{}班", (age - 5).min(6), rng.random_range(1..=4)) } else { "中班".into() }),
        allergies: Set(if rng.random_bool(0.08) { "花生".into() } else { String::new() }),
        notes: Set(String::new()),
        fee: Set(if program.monthly_fee > 0 { FeeStatus::Monthly } else { FeeStatus::Free }),
        self_home_permitted_on: Set((age >= 10 && rng.random_bool(0.3)).then_some(start)),
        created_at: Set(now),
        created_by: Set(Some(user_id)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut persons = Vec::new();
    if let Some(household) = child.household_id {
        let adults = resident::Entity::find().filter(resident::Column::HouseholdId.eq(household)).all(db).await?;
        for a in adults.into_iter().filter(|a| age_on(a.birth_date, today).is_some_and(|y| y >= 18)).take(3) {
            let relationship = if age_on(a.birth_date, today).unwrap_or(0) >= 50 { "祖辈" } else { "家长" };
            persons.push(person(db, e.id, Some(a.id), &a.name, a.phone.as_deref(), relationship, PickupStatus::Allowed, now).await?);
        }
    }
    if rng.random_bool(0.05) {
        person(db, e.id, None, "王建军", Some("13934567890"), "父亲", PickupStatus::Barred, now).await?;
    }
    if rng.random_bool(0.08) {
        // A neighbour who may come for the next three days, as the mother said on the phone.
        childcare_pickup_person::ActiveModel {
            enrolment_id: Set(e.id),
            name: Set("刘阿姨".into()),
            phone: Set("13812340000".into()),
            relationship: Set("邻居".into()),
            status: Set(PickupStatus::Allowed),
            adult_confirmed: Set(true),
            delegate_from: Set(Some(today)),
            delegate_to: Set(Some(today + Duration::days(2))),
            delegated_by: Set(Some("母亲".into())),
            delegated_how: Set(Some(DelegatedHow::Phone)),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    attendance(db, rng, program, e.id, &persons, start, today).await
}

#[allow(clippy::too_many_arguments)]
async fn person<C: ConnectionTrait>(
    db: &C,
    enrolment_id: i32,
    resident_id: Option<i32>,
    name: &str,
    phone: Option<&str>,
    relationship: &str,
    status: PickupStatus,
    now: DateTime<Utc>,
) -> Result<i32> {
    Ok(childcare_pickup_person::ActiveModel {
        enrolment_id: Set(enrolment_id),
        resident_id: Set(resident_id),
        name: Set(name.into()),
        phone: Set(phone.unwrap_or_default().into()),
        relationship: Set(relationship.into()),
        status: Set(status),
        adult_confirmed: Set(true),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// The open days from `start` to yesterday: mostly attended (arrival 16:30–16:50 Beijing, picked
/// up before the end, a few late), some absences recorded ahead, a few days missed.
async fn attendance<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    program: &childcare_program::Model,
    enrolment_id: i32,
    persons: &[i32],
    start: NaiveDate,
    today: NaiveDate,
) -> Result<u32> {
    let starts = NaiveTime::parse_from_str(&program.starts_at, "%H:%M").unwrap_or(NaiveTime::MIN);
    let ends = NaiveTime::parse_from_str(&program.ends_at, "%H:%M").unwrap_or(NaiveTime::MIN);
    let mut attended = 0;
    let mut day = start;
    while day < today {
        if program.weekdays & weekday_bit(day) != 0 {
            let roll: f64 = rng.random();
            let mut m = childcare_attendance::ActiveModel { enrolment_id: Set(enrolment_id), day: Set(day), ..Default::default() };
            if roll < 0.05 {
                let reason = [AbsenceReason::Sick, AbsenceReason::Personal, AbsenceReason::Other][rng.random_range(0..3)];
                m.absence_reason = Set(Some(reason));
                m.absence_by = Set(Some("家长".into()));
                m.insert(db).await?;
            } else if roll < 0.08 || persons.is_empty() {
                // Did not come and nobody called.
            } else {
                let late = rng.random_bool(0.03);
                let arrive = starts + chrono::Duration::minutes(rng.random_range(0..20));
                let leave = if late {
                    ends + chrono::Duration::minutes(rng.random_range(5..30))
                } else {
                    ends - chrono::Duration::minutes(rng.random_range(0..40))
                };
                m.arrived_at = Set(Some(beijing(day, arrive)));
                m.arrival_mode = Set(Some([ArrivalMode::Parent, ArrivalMode::Volunteer, ArrivalMode::OnOwn][rng.random_range(0..3)]));
                m.left_at = Set(Some(beijing(day, leave)));
                m.pickup_person_id = Set(Some(persons[rng.random_range(0..persons.len())]));
                m.late = Set(late);
                m.insert(db).await?;
                attended += 1;
            }
        }
        day += Duration::days(1);
    }
    Ok(attended)
}

/// Beijing time has no daylight saving: a fixed 8 hours ahead of UTC.
fn beijing(day: NaiveDate, at: NaiveTime) -> DateTime<Utc> {
    (day.and_time(at) - Duration::hours(8)).and_utc()
}
