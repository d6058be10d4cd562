//! The demo's volunteers: the seed's three teams — 银龄互助队 (residents of 60–75), 红领巾志愿服务队
//! (pupils of 10–13, with their guardians' consent) and 党员先锋岗 (working-age residents) — about
//! 120 volunteers, 26 solitary elders paired with 银龄 volunteers, and a quarter of visits, a few
//! pairings left unvisited for weeks so the overdue list has something to show.

use crate::db::entity::{pairing, pairing_volunteer, resident, service_entry, visit, volunteer, volunteer_team, volunteer_team_member};
use crate::error::Result;
use crate::numbering;
use crate::residents::age::age_on;
use crate::residents::eligibility::{events_of, status_on};
use crate::residents::model::Status;
use crate::volunteers::model::{EntrySource, IdType, VisitWay, VolunteerStatus};
use crate::volunteers::visits::visit_content;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, Set};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(super) struct VolunteerCounts {
    pub teams: u32,
    pub volunteers: u32,
    pub pairings: u32,
    pub visits: u32,
}

/// (team, ages, how many) in the order the teams are made.
const TEAMS: [(&str, (u32, u32), usize, &str); 3] = [
    ("银龄互助队", (60, 75), 50, "低龄老人帮扶高龄、独居老人，结对走访"),
    ("红领巾志愿服务队", (10, 13), 30, "双桥小学学生，节日慰问演出"),
    ("党员先锋岗", (25, 59), 40, "在职党员双报到，社区服务站岗"),
];
const PAIRINGS: usize = 26;
/// Pairings (from the end of the list) whose visits stopped weeks ago.
const LAPSED: usize = 4;

pub(super) async fn create<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    now: DateTime<Utc>,
    user_id: i32,
) -> Result<VolunteerCounts> {
    let mut counts = VolunteerCounts::default();
    let people = active_residents(db, today).await?;
    let everyone = sea_orm::sea_query::Query::select().column(resident::Column::Id).from(resident::Entity).to_owned();
    let held = crate::residents::search::categories_of(db, everyone, today).await?;
    let solitary: Vec<i32> = people
        .iter()
        .filter(|r| age_on(r.birth_date, today).is_some_and(|a| a >= 60))
        .filter(|r| held.get(&r.id).is_some_and(|c| c.iter().any(|c| c == "独居")))
        .map(|r| r.id)
        .collect();
    let mut taken: std::collections::HashSet<i32> = solitary.iter().copied().collect();
    let mut silver = Vec::new();
    for (name, ages, wanted, description) in TEAMS {
        let team = volunteer_team::ActiveModel {
            name: Set(name.into()),
            description: Set(description.into()),
            active: Set(true),
            created_at: Set(now),
            created_by: Set(Some(user_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        counts.teams += 1;
        let mut fits: Vec<&resident::Model> = people
            .iter()
            .filter(|r| !taken.contains(&r.id) && age_on(r.birth_date, today).is_some_and(|a| (ages.0..=ages.1).contains(&a)))
            .collect();
        fits.shuffle(rng);
        let mut leader = None;
        for r in fits.into_iter().take(wanted) {
            taken.insert(r.id);
            let minor = age_on(r.birth_date, today).is_some_and(|a| a < crate::volunteers::ADULT_AGE);
            let joined = today - Duration::days(rng.random_range(120..900));
            let v = volunteer::ActiveModel {
                number: Set(format!("ZY{:05}", numbering::next(db, "volunteer").await?)),
                resident_id: Set(Some(r.id)),
                name: Set(r.name.clone()),
                id_type: Set(IdType::ResidentCard),
                phone: Set(r.phone.clone().unwrap_or_default()),
                birth_date: Set(Some(r.birth_date)),
                skills: Set(if ages.0 >= 60 {
                    ["理发", "量血压", "修理小家电", "陪伴聊天"][rng.random_range(0..4)].into()
                } else {
                    String::new()
                }),
                availability: Set(if minor { "周末".into() } else { "工作日下午".into() }),
                joined_on: Set(joined),
                status: Set(if rng.random_bool(0.05) { VolunteerStatus::Paused } else { VolunteerStatus::Active }),
                guardian_consent_on: Set(minor.then_some(joined)),
                guardian_consent_by: Set(minor.then(|| "监护人".to_string())),
                notes: Set(String::new()),
                created_at: Set(now),
                created_by: Set(Some(user_id)),
                ..Default::default()
            }
            .insert(db)
            .await?;
            counts.volunteers += 1;
            volunteer_team_member::ActiveModel { team_id: Set(team.id), volunteer_id: Set(v.id), ..Default::default() }.insert(db).await?;
            leader.get_or_insert(v.id);
            if ages.0 >= 60 && v.status == VolunteerStatus::Active {
                silver.push(v.id);
            }
        }
        let mut t: volunteer_team::ActiveModel = team.into();
        t.leader_id = Set(leader);
        t.update(db).await?;
    }
    for (n, elder) in solitary.iter().take(PAIRINGS).enumerate() {
        if silver.is_empty() {
            break;
        }
        let start = today - Duration::days(rng.random_range(100..200));
        let frequency = if n % 5 == 4 { 14 } else { 7 };
        let p = pairing::ActiveModel {
            elder_id: Set(*elder),
            frequency_days: Set(frequency),
            start_date: Set(start),
            notes: Set(String::new()),
            created_at: Set(now),
            created_by: Set(Some(user_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        counts.pairings += 1;
        let mates = if n % 3 == 0 { 2 } else { 1 };
        let mine: Vec<i32> = (0..mates).map(|k| silver[(n * 2 + k) % silver.len()]).collect();
        for v in &mine {
            pairing_volunteer::ActiveModel { pairing_id: Set(p.id), volunteer_id: Set(*v), ..Default::default() }.insert(db).await?;
        }
        let lapsed = n >= PAIRINGS - LAPSED;
        let (made, last) = visits(db, rng, &p, &mine, today, lapsed, now, user_id).await?;
        counts.visits += made;
        let frequency = i64::from(p.frequency_days);
        let mut kept: pairing::ActiveModel = p.into();
        kept.visit_count = Set(made as i32);
        kept.last_visited_on = Set(last);
        kept.next_visit_on = Set(last.map(|d| d + Duration::days(frequency)));
        kept.update(db).await?;
    }
    Ok(counts)
}

/// A visit about every `frequency` days over the last quarter (stopping three to five weeks ago
/// for a lapsed pairing); the visits made and the last one's day.
#[allow(clippy::too_many_arguments)]
async fn visits<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    p: &pairing::Model,
    volunteers: &[i32],
    today: NaiveDate,
    lapsed: bool,
    now: DateTime<Utc>,
    user_id: i32,
) -> Result<(u32, Option<NaiveDate>)> {
    let last = if lapsed { today - Duration::days(rng.random_range(21..35)) } else { today - Duration::days(rng.random_range(0..4)) };
    let first = (today - Duration::days(90)).max(p.start_date);
    let mut day = last;
    let mut made = 0;
    while day >= first {
        let worry = rng.random_bool(0.05);
        let way = if rng.random_bool(0.7) { VisitWay::Home } else { VisitWay::Phone };
        let v = visit::ActiveModel {
            pairing_id: Set(p.id),
            volunteer_id: Set(volunteers.first().copied()),
            visited_on: Set(day),
            duration_minutes: Set(rng.random_range(20..90)),
            way: Set(way),
            health: Set(if worry { "血压偏高，自述头晕".into() } else { "身体状况平稳".into() }),
            safety: Set("水电燃气正常".into()),
            mood: Set(["精神好", "精神尚可", "有些孤单"][rng.random_range(0..3)].into()),
            needs: Set(if rng.random_bool(0.1) { "希望有人陪同去医院复查".into() } else { String::new() }),
            needs_help: Set(false),
            health_worry: Set(false),
            next_visit_on: Set(Some(day + Duration::days(i64::from(p.frequency_days)))),
            created_at: Set(now),
            created_by: Set(Some(user_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if let Some(volunteer_id) = v.volunteer_id {
            service_entry::ActiveModel {
                volunteer_id: Set(volunteer_id),
                served_on: Set(day),
                source: Set(EntrySource::Visit),
                visit_id: Set(Some(v.id)),
                minutes: Set(v.duration_minutes),
                content: Set(visit_content(way)),
                created_at: Set(now),
                created_by: Set(Some(user_id)),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        made += 1;
        day -= Duration::days(i64::from(p.frequency_days) + rng.random_range(-1..=1));
    }
    Ok((made, (made > 0).then_some(last)))
}

async fn active_residents<C: ConnectionTrait>(db: &C, today: NaiveDate) -> Result<Vec<resident::Model>> {
    let all = resident::Entity::find().order_by_asc(resident::Column::Id).all(db).await?;
    let ids: Vec<i32> = all.iter().map(|r| r.id).collect();
    let events: HashMap<i32, Vec<(Status, NaiveDate)>> = events_of(db, &ids).await?;
    Ok(all.into_iter().filter(|r| status_on(events.get(&r.id).map(Vec::as_slice).unwrap_or(&[]), today).0 == Status::Active).collect())
}
