//! The demo's check-ups: a health station per community, the 街道卫生院 and the city hospital, an
//! autumn campaign two months ago with results (a few urgent, still waiting for someone to act),
//! known hypertension and diabetes for some of those checked, follow-ups done since, and a winter
//! campaign in a few days with its invitees.
//!
//! Results and follow-ups go through the same code the app uses ([`results::store`],
//! [`followups::record_in`]), so flags, threshold versions and follow-up tasks are what entering
//! them by hand would have produced.

use crate::checkups::followup_rules::{Condition, FollowupMethod, TaskKind};
use crate::checkups::followups::{record_in, FollowupInput};
use crate::checkups::invitations::InvitationStatus;
use crate::checkups::readings::{check_reading, GlucoseKind, ReadingInput};
use crate::checkups::results::{store, NewResult, Source};
use crate::checkups::stations::ProviderKind;
use crate::checkups::TaskStatus;
use crate::db::entity::{
    campaign_slot, checkup_campaign, checkup_invitation, community, followup_task, health_condition, health_provider, health_station,
    resident,
};
use crate::error::Result;
use crate::residents::eligibility::{events_of, status_on};
use crate::residents::model::Status;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

/// Readings that the demo forces, so a few urgent referrals are always waiting.
const URGENT_READINGS: [(i32, i32, Option<f64>); 3] = [(186, 112, None), (168, 96, Some(17.2)), (182, 104, None)];

#[derive(Debug, Default)]
pub(super) struct CheckupCounts {
    pub stations: u32,
    pub campaigns: u32,
    pub invitations: u32,
    pub results: u32,
    pub followups: u32,
}

struct Campaign<'a> {
    name: &'a str,
    station: i32,
    provider: i32,
    first_day: NaiveDate,
    days: i64,
    capacity: i32,
}

pub(super) async fn create<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    now: DateTime<Utc>,
    user_id: i32,
) -> Result<CheckupCounts> {
    let mut counts = CheckupCounts::default();
    let stations = add_stations(db, now).await?;
    counts.stations = stations.len() as u32;
    let center = add_provider(db, "中阳楼街道卫生院", ProviderKind::HealthCenter, "张明、李芳、赵建华", now).await?;
    add_provider(db, "孝义市中心医院", ProviderKind::Hospital, "王强、刘敏", now).await?;
    let station_of = |name: &str| stations.iter().find(|(n, _)| n.starts_with(name)).map(|(_, id)| *id).unwrap_or(stations[0].1);

    // Autumn: two months ago at 双桥, three mornings, for 65 and over of 双桥 and 振兴.
    let autumn = Campaign {
        name: "2026年秋季老年人免费健康体检",
        station: station_of("双桥社区"),
        provider: center,
        first_day: today - Duration::days(60),
        days: 3,
        capacity: 35,
    };
    let elders = elders_of(db, &["双桥社区", "振兴社区"], autumn.first_day, 65).await?;
    let (autumn_id, invited) = add_campaign(db, &autumn, &elders, user_id, now).await?;
    counts.invitations += invited.len() as u32;
    add_conditions(db, rng, &invited, autumn.first_day, now).await?;
    counts.results += add_results(db, rng, autumn_id, &autumn, &invited, now, user_id).await?;
    counts.followups += add_followups(db, rng, today, now, user_id).await?;

    // Winter: in three days at 祥和, for 65 and over of 祥和 and 方泰东 not checked this year.
    let winter = Campaign {
        name: "2026年冬季老年人免费健康体检",
        station: station_of("祥和社区"),
        provider: center,
        first_day: today + Duration::days(3),
        days: 2,
        capacity: 30,
    };
    let elders = elders_of(db, &["祥和社区", "方泰东社区"], winter.first_day, 65).await?;
    let (_, invited) = add_campaign(db, &winter, &elders, user_id, now).await?;
    counts.invitations += invited.len() as u32;
    counts.campaigns = 2;
    Ok(counts)
}

async fn add_stations<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<Vec<(String, i32)>> {
    let communities =
        community::Entity::find().filter(community::Column::ParentId.is_null()).order_by_asc(community::Column::Id).all(db).await?;
    let mut out = Vec::new();
    for c in communities {
        let name = format!("{}健康服务站", c.name);
        if let Some(found) = health_station::Entity::find().filter(health_station::Column::Name.eq(name.clone())).one(db).await? {
            out.push((name, found.id));
            continue;
        }
        let saved = health_station::ActiveModel {
            name: Set(name.clone()),
            community_id: Set(Some(c.id)),
            address: Set(format!("{}党群服务中心一楼", c.name)),
            phone: Set(None),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        out.push((name, saved.id));
    }
    Ok(out)
}

async fn add_provider<C: ConnectionTrait>(db: &C, name: &str, kind: ProviderKind, doctors: &str, now: DateTime<Utc>) -> Result<i32> {
    if let Some(found) = health_provider::Entity::find().filter(health_provider::Column::Name.eq(name)).one(db).await? {
        return Ok(found.id);
    }
    let saved = health_provider::ActiveModel {
        name: Set(name.into()),
        kind: Set(kind),
        doctors: Set(doctors.into()),
        phone: Set(None),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

/// Residents of those communities at least `age` on `on` who may receive services then.
async fn elders_of<C: ConnectionTrait>(db: &C, names: &[&str], on: NaiveDate, age: u32) -> Result<Vec<i32>> {
    let ids: Vec<i32> = community::Entity::find()
        .filter(community::Column::Name.is_in(names.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let born_by = crate::residents::age::born_on_or_before_for_age(age, on);
    let people = resident::Entity::find()
        .filter(resident::Column::CommunityId.is_in(ids))
        .filter(resident::Column::BirthDate.lte(born_by))
        .order_by_asc(resident::Column::Id)
        .all(db)
        .await?;
    let all: Vec<i32> = people.iter().map(|p| p.id).collect();
    let events = events_of(db, &all).await?;
    Ok(all.into_iter().filter(|id| status_on(events.get(id).map(Vec::as_slice).unwrap_or(&[]), on).0 == Status::Active).collect())
}

/// The campaign with two morning slots a day, and as many of `people` invited as fit.
async fn add_campaign<C: ConnectionTrait>(
    db: &C,
    c: &Campaign<'_>,
    people: &[i32],
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(i32, Vec<(i32, i32, NaiveDate)>)> {
    let saved = checkup_campaign::ActiveModel {
        name: Set(c.name.into()),
        station_id: Set(c.station),
        provider_id: Set(c.provider),
        first_day: Set(c.first_day),
        last_day: Set(c.first_day + Duration::days(c.days - 1)),
        target_min_age: Set(Some(65)),
        target_category_type_id: Set(None),
        target_not_checked_this_year: Set(true),
        bring_note: Set("身份证、医保卡、近期服用的药物".into()),
        fasting: Set(true),
        notes: Set(None),
        created_at: Set(now),
        created_by: Set(Some(user_id)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut slots = Vec::new();
    for d in 0..c.days {
        for (from, to) in [("08:00", "09:30"), ("09:30", "11:00")] {
            let day = c.first_day + Duration::days(d);
            let slot = campaign_slot::ActiveModel {
                campaign_id: Set(saved.id),
                day: Set(day),
                starts_at: Set(from.into()),
                ends_at: Set(to.into()),
                capacity: Set(c.capacity),
                ..Default::default()
            }
            .insert(db)
            .await?;
            slots.push((slot.id, day));
        }
    }
    let mut invited = Vec::new();
    for (k, resident_id) in people.iter().take(slots.len() * c.capacity as usize).enumerate() {
        let (slot_id, day) = slots[k / c.capacity as usize];
        let inv = checkup_invitation::ActiveModel {
            campaign_id: Set(saved.id),
            resident_id: Set(*resident_id),
            slot_id: Set(Some(slot_id)),
            status: Set(InvitationStatus::Invited),
            walk_in: Set(false),
            invited_at: Set(now.min(at(c.first_day - Duration::days(10), "09:00"))),
            invited_by: Set(Some(user_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        invited.push((inv.id, *resident_id, day));
    }
    Ok((saved.id, invited))
}

/// About one in four invitees have known hypertension, one in ten diabetes.
async fn add_conditions<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    invited: &[(i32, i32, NaiveDate)],
    before: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    for (_, resident_id, _) in invited {
        for (condition, share) in [(Condition::Hypertension, 0.25), (Condition::Diabetes, 0.1)] {
            if rng.random_bool(share) {
                health_condition::ActiveModel {
                    resident_id: Set(*resident_id),
                    condition: Set(condition),
                    since: Set(Some(before - Duration::days(rng.random_range(365..3650)))),
                    source: Set("demo".into()),
                    created_at: Set(now),
                    created_by: Set(None),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}

/// Nine in ten invitees came; their readings, with the demo's urgent cases first.
async fn add_results<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    campaign_id: i32,
    c: &Campaign<'_>,
    invited: &[(i32, i32, NaiveDate)],
    now: DateTime<Utc>,
    user_id: i32,
) -> Result<u32> {
    let mut n = 0;
    let mut came: Vec<&(i32, i32, NaiveDate)> = invited.iter().filter(|_| rng.random_bool(0.9)).collect();
    came.shuffle(rng);
    for (k, (invitation_id, resident_id, day)) in came.into_iter().enumerate() {
        let input = match URGENT_READINGS.get(k) {
            Some(&(s, d, glucose)) => ReadingInput {
                systolic: Some(s),
                diastolic: Some(d),
                glucose: glucose.or(Some(6.4)),
                glucose_kind: Some(GlucoseKind::Fasting),
                ..typical(rng)
            },
            None => typical(rng),
        };
        let reading = check_reading(&input)?;
        let signed_in = at(*day, "08:20") + Duration::minutes(rng.random_range(0..150));
        let inv = checkup_invitation::Entity::find_by_id(*invitation_id).one(db).await?;
        if let Some(inv) = inv {
            let mut m: checkup_invitation::ActiveModel = inv.into();
            m.signed_in_at = Set(Some(signed_in));
            m.signed_in_by = Set(Some(user_id));
            m.status = Set(InvitationStatus::SignedIn);
            m.update(db).await?;
        }
        let new = NewResult {
            resident_id: *resident_id,
            campaign_id: Some(campaign_id),
            invitation_id: Some(*invitation_id),
            station_id: Some(c.station),
            checked_on: *day,
            reading,
            source: Source::Entry,
        };
        store(db, now, Some(user_id), new, None).await?;
        n += 1;
    }
    Ok(n)
}

/// Readings of elderly people at a community check-up: many high-normal and grade 1 pressures,
/// some raised fasting glucose.
fn typical(rng: &mut ChaCha8Rng) -> ReadingInput {
    let systolic = (128.0 + 14.0 * normal(rng)).round().clamp(96.0, 176.0) as i32;
    let diastolic = ((systolic as f64) * 0.58 + 4.0 + 6.0 * normal(rng)).round().clamp(56.0, (systolic - 20) as f64) as i32;
    let height = (160.0 + 7.0 * normal(rng)).clamp(142.0, 182.0);
    let bmi = (24.0 + 3.0 * normal(rng)).clamp(17.0, 34.0);
    let tenth = |v: f64| (v * 10.0).round() / 10.0;
    ReadingInput {
        systolic: Some(systolic),
        diastolic: Some(diastolic),
        heart_rate: Some((74.0 + 8.0 * normal(rng)).round().clamp(52.0, 110.0) as i32),
        glucose: Some(tenth((5.6 + 1.1 * normal(rng).abs() * if rng.random_bool(0.3) { 1.8 } else { 0.6 }).clamp(3.9, 15.0))),
        glucose_kind: Some(GlucoseKind::Fasting),
        height: Some(tenth(height)),
        weight: Some(tenth(bmi * (height / 100.0).powi(2))),
        waist: Some(tenth((84.0 + 9.0 * normal(rng)).clamp(62.0, 120.0))),
        notes: None,
    }
}

/// A standard normal number (Box–Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u: f64 = rng.random_range(f64::EPSILON..1.0);
    let v: f64 = rng.random_range(0.0..1.0);
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// Follow-ups done since the autumn campaign: most rechecks and routine tasks already due, by
/// phone, at home or at the clinic; urgent referrals stay open for the home page.
async fn add_followups<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    now: DateTime<Utc>,
    user_id: i32,
) -> Result<u32> {
    let due = followup_task::Entity::find()
        .filter(followup_task::Column::Status.eq(TaskStatus::Open.as_str()))
        .filter(followup_task::Column::Kind.is_in([
            TaskKind::Recheck.as_str(),
            TaskKind::RoutineHypertension.as_str(),
            TaskKind::RoutineDiabetes.as_str(),
        ]))
        .filter(followup_task::Column::DueOn.lt(today))
        .order_by_asc(followup_task::Column::Id)
        .all(db)
        .await?;
    let methods = [FollowupMethod::Phone, FollowupMethod::Home, FollowupMethod::Clinic];
    let mut n = 0;
    let mut per_resident: HashMap<i32, u32> = HashMap::new();
    for task in due {
        // One in eight is left overdue, as in real life.
        if rng.random_bool(0.125) || *per_resident.entry(task.resident_id).or_insert(0) > 0 {
            continue;
        }
        *per_resident.entry(task.resident_id).or_insert(0) += 1;
        let followed_on = (task.due_on - Duration::days(rng.random_range(0..4))).min(today);
        // Most of those followed up are on treatment and controlled.
        let systolic = (128.0 + 6.0 * normal(rng)).round().clamp(110.0, 148.0) as i32;
        let diastolic = (78.0 + 4.0 * normal(rng)).round().clamp(64.0, 92.0) as i32;
        let input = FollowupInput {
            resident_id: task.resident_id,
            task_id: Some(task.id),
            followed_on,
            method: methods[rng.random_range(0..methods.len())],
            reading: ReadingInput { systolic: Some(systolic), diastolic: Some(diastolic), ..Default::default() },
            outcome: if systolic < 140 && diastolic < 90 {
                "血压控制满意，继续按时服药".into()
            } else {
                "血压偏高，已嘱低盐饮食、按时服药，两周后复查".into()
            },
            next_on: None,
        };
        record_in(db, now, user_id, input).await?;
        n += 1;
    }
    Ok(n)
}

/// `time` ("08:20") on `date`, Beijing time.
fn at(date: NaiveDate, time: &str) -> DateTime<Utc> {
    super::canteen::at(date, super::canteen::hm(time))
}
