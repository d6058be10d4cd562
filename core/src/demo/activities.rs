//! The demo's volunteer activities: ten over the last two months with their hours confirmed
//! (sign-in and sign-out times, evaluations), the 红领巾 pupils' performance
//! marked as suitable for minors, one coming activity with sign-ups, a few trainings and
//! commendations, and the names on the proofs — so the record, the hours report and a proof
//! have something to show.

use crate::clock::at_beijing;
use crate::db::entity::{
    activity_attendance, activity_need, activity_signup, service_entry, setting, volunteer, volunteer_activity, volunteer_honour,
    volunteer_team, volunteer_team_member,
};
use crate::error::Result;
use crate::volunteers::model::{ActivityStatus, AttendanceWay, EntrySource, Evaluation, HonourKind, VolunteerStatus};
use crate::volunteers::settings::{CONTACT_KEY, IN_CHARGE_KEY};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

#[derive(Debug, Default)]
pub(super) struct ActivityCounts {
    pub activities: u32,
    pub service_minutes: i64,
}

/// (title, team, days ago, start, end, place, content, people, for minors)
type Plan = (&'static str, &'static str, i64, (u32, u32), (u32, u32), &'static str, &'static str, usize, bool);

const PLANS: [Plan; 10] = [
    ("敬老院慰问演出", "红领巾志愿服务队", 52, (14, 30), (16, 0), "夕阳红敬老院", "节日慰问，合唱与诗朗诵", 12, true),
    ("社区环境清洁日", "党员先锋岗", 47, (8, 30), (11, 0), "双桥社区各小区", "清理楼道杂物、绿地垃圾", 10, false),
    ("助老理发义剪", "银龄互助队", 40, (9, 0), (11, 30), "党群服务中心", "为高龄老人免费理发", 6, false),
    ("食堂助餐服务", "银龄互助队", 33, (11, 0), (13, 0), "中阳楼社区食堂", "引导就餐、为行动不便老人送餐到桌", 6, false),
    ("防诈骗宣传进社区", "党员先锋岗", 28, (9, 0), (11, 0), "振兴社区广场", "发放宣传册，讲解常见骗局", 8, false),
    ("健康义诊协助", "银龄互助队", 21, (8, 0), (11, 30), "双桥社区卫生服务站", "协助测量血压、引导排队", 6, false),
    ("红领巾读书会", "红领巾志愿服务队", 16, (15, 0), (16, 30), "社区图书室", "为老人读报、讲故事", 10, true),
    ("党员先锋岗值守", "党员先锋岗", 12, (8, 0), (12, 0), "党群服务中心", "窗口引导、政策咨询", 8, false),
    ("冬季送温暖走访", "银龄互助队", 7, (9, 0), (11, 30), "双桥社区", "为独居老人送棉衣、检查取暖", 8, false),
    ("四点半课堂护送", "党员先锋岗", 3, (16, 20), (18, 30), "双桥小学至党群服务中心", "放学护送儿童到课堂", 6, false),
];

/// Days ahead of the one activity not yet held.
const COMING_IN: i64 = 4;

pub(super) async fn create<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    now: DateTime<Utc>,
    user_id: i32,
) -> Result<ActivityCounts> {
    let mut counts = ActivityCounts::default();
    for (title, team, ago, starts, ends, place, content, people, minors) in PLANS {
        let members = team_members(db, team).await?;
        let day = today - Duration::days(ago);
        let a = activity(db, title, team, day, starts, ends, place, content, minors, ActivityStatus::Confirmed, now, user_id).await?;
        let need = need_of(db, a.id, "志愿者", people, starts, ends).await?;
        let mut chosen = members.clone();
        chosen.shuffle(rng);
        chosen.truncate(people.min(chosen.len()));
        for v in &chosen {
            let minutes = attend(db, rng, &a, *v, need, starts, ends, user_id).await?;
            if minutes > 0 {
                credit(db, &a, *v, minutes, now, user_id).await?;
                counts.service_minutes += i64::from(minutes);
            }
        }
        counts.activities += 1;
    }
    coming(db, rng, today, now, user_id).await?;
    counts.activities += 1;
    honours(db, today, now, user_id).await?;
    signatory(db).await?;
    Ok(counts)
}

async fn team_members<C: ConnectionTrait>(db: &C, team: &str) -> Result<Vec<i32>> {
    let Some(t) = volunteer_team::Entity::find().filter(volunteer_team::Column::Name.eq(team)).one(db).await? else {
        return Ok(Vec::new());
    };
    let links = volunteer_team_member::Entity::find().filter(volunteer_team_member::Column::TeamId.eq(t.id)).all(db).await?;
    let active: std::collections::HashSet<i32> = volunteer::Entity::find()
        .filter(volunteer::Column::Status.eq(VolunteerStatus::Active.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|v| v.id)
        .collect();
    Ok(links.into_iter().map(|l| l.volunteer_id).filter(|v| active.contains(v)).collect())
}

#[allow(clippy::too_many_arguments)]
async fn activity<C: ConnectionTrait>(
    db: &C,
    title: &str,
    team: &str,
    day: NaiveDate,
    starts: (u32, u32),
    ends: (u32, u32),
    place: &str,
    content: &str,
    minors: bool,
    status: ActivityStatus,
    now: DateTime<Utc>,
    user_id: i32,
) -> Result<volunteer_activity::Model> {
    let team_id = volunteer_team::Entity::find().filter(volunteer_team::Column::Name.eq(team)).one(db).await?.map(|t| t.id);
    let confirmed = status == ActivityStatus::Confirmed;
    Ok(volunteer_activity::ActiveModel {
        title: Set(title.into()),
        held_on: Set(day),
        starts_at: Set(hm(starts)),
        ends_at: Set(hm(ends)),
        place: Set(place.into()),
        organiser: Set("双桥社区居委会".into()),
        team_id: Set(team_id),
        content: Set(content.into()),
        minors_ok: Set(minors),
        status: Set(status),
        confirmed_at: Set(confirmed.then_some(now)),
        confirmed_by: Set(confirmed.then_some(user_id)),
        created_at: Set(now),
        created_by: Set(Some(user_id)),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

fn hm((h, m): (u32, u32)) -> String {
    format!("{h:02}:{m:02}")
}

fn time((h, m): (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

async fn need_of<C: ConnectionTrait>(
    db: &C,
    activity_id: i32,
    role: &str,
    people: usize,
    starts: (u32, u32),
    ends: (u32, u32),
) -> Result<i32> {
    let n = activity_need::ActiveModel {
        activity_id: Set(activity_id),
        role: Set(role.into()),
        people: Set(people as i32),
        starts_at: Set(hm(starts)),
        ends_at: Set(hm(ends)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(n.id)
}

/// A sign-up with a sign-in a few minutes around the start and a sign-out around the end (now and
/// then a break: two pairs); the minutes signed in.
#[allow(clippy::too_many_arguments)]
async fn attend<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    a: &volunteer_activity::Model,
    volunteer_id: i32,
    need_id: i32,
    starts: (u32, u32),
    ends: (u32, u32),
    user_id: i32,
) -> Result<i32> {
    let evaluation = [Evaluation::Excellent, Evaluation::Good, Evaluation::Good, Evaluation::Fair][rng.random_range(0..4)];
    activity_signup::ActiveModel {
        activity_id: Set(a.id),
        need_id: Set(Some(need_id)),
        volunteer_id: Set(volunteer_id),
        evaluation: Set(Some(evaluation)),
        created_at: Set(at_beijing(a.held_on - Duration::days(3), time((10, 0)))),
        created_by: Set(Some(user_id)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let start = at_beijing(a.held_on, time(starts)) + Duration::minutes(rng.random_range(-10..10));
    let end = at_beijing(a.held_on, time(ends)) + Duration::minutes(rng.random_range(-15..10));
    let pairs = if rng.random_bool(0.2) {
        let lunch = start + (end - start) / 2;
        vec![(start, lunch), (lunch + Duration::minutes(rng.random_range(10..30)), end)]
    } else {
        vec![(start, end)]
    };
    let mut minutes = 0;
    for (from, to) in pairs {
        activity_attendance::ActiveModel {
            activity_id: Set(a.id),
            volunteer_id: Set(volunteer_id),
            signed_in_at: Set(from),
            signed_out_at: Set(Some(to)),
            way: Set(if rng.random_bool(0.8) { AttendanceWay::Scan } else { AttendanceWay::Staff }),
            in_by: Set(Some(user_id)),
            out_by: Set(Some(user_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        minutes += (to - from).num_minutes().max(0) as i32;
    }
    Ok(minutes)
}

async fn credit<C: ConnectionTrait>(
    db: &C,
    a: &volunteer_activity::Model,
    volunteer_id: i32,
    minutes: i32,
    now: DateTime<Utc>,
    user_id: i32,
) -> Result<()> {
    service_entry::ActiveModel {
        volunteer_id: Set(volunteer_id),
        served_on: Set(a.held_on),
        source: Set(EntrySource::Activity),
        activity_id: Set(Some(a.id)),
        minutes: Set(minutes),
        content: Set(crate::volunteers::activities::confirm::entry_content(a)),
        created_at: Set(now),
        created_by: Set(Some(user_id)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The next 党员先锋岗 stand, a few days ahead, half signed up.
async fn coming<C: ConnectionTrait>(db: &C, rng: &mut ChaCha8Rng, today: NaiveDate, now: DateTime<Utc>, user_id: i32) -> Result<()> {
    let day = today + Duration::days(COMING_IN);
    let a = activity(
        db,
        "元旦游园会志愿服务",
        "党员先锋岗",
        day,
        (9, 0),
        (12, 0),
        "双桥社区广场",
        "游园会引导、秩序维护",
        false,
        ActivityStatus::Open,
        now,
        user_id,
    )
    .await?;
    let guides = need_of(db, a.id, "引导员", 6, (9, 0), (12, 0)).await?;
    need_of(db, a.id, "摄影", 1, (9, 0), (11, 0)).await?;
    let mut members = team_members(db, "党员先锋岗").await?;
    members.shuffle(rng);
    for v in members.into_iter().take(3) {
        activity_signup::ActiveModel {
            activity_id: Set(a.id),
            need_id: Set(Some(guides)),
            volunteer_id: Set(v),
            created_at: Set(now),
            created_by: Set(Some(user_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A training for the 银龄 team and commendations for two of them.
async fn honours<C: ConnectionTrait>(db: &C, today: NaiveDate, now: DateTime<Utc>, user_id: i32) -> Result<()> {
    let silver = team_members(db, "银龄互助队").await?;
    for (n, v) in silver.iter().take(10).enumerate() {
        let (kind, title, issuer) = if n < 2 {
            (HonourKind::Commendation, "优秀志愿者", "中阳楼街道办事处")
        } else {
            (HonourKind::Training, "老年人探访关爱服务培训（4 学时）", "区志愿服务联合会")
        };
        volunteer_honour::ActiveModel {
            volunteer_id: Set(*v),
            kind: Set(kind),
            on_date: Set(today - Duration::days(60)),
            title: Set(title.into()),
            issuer: Set(issuer.into()),
            notes: Set(String::new()),
            created_at: Set(now),
            created_by: Set(Some(user_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Who signs the demo's proofs, so 出具证明 works at once.
async fn signatory<C: ConnectionTrait>(db: &C) -> Result<()> {
    for (key, value) in [(IN_CHARGE_KEY, "张建华"), (CONTACT_KEY, "0358-7221234")] {
        setting::Entity::delete_by_id(key.to_string()).exec(db).await?;
        setting::ActiveModel { key: Set(key.into()), value: Set(value.into()) }.insert(db).await?;
    }
    Ok(())
}
