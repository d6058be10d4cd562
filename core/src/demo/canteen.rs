//! The demo's community canteen: 幸福食光 in 双桥社区 with its slots, dishes priced per diner type,
//! the subsidy rules of domain.md, five weeks of menus, about 240 diners (scaled to the number of
//! residents) and a month of bookings — served, cancelled and still to come.
//!
//! Prices, subsidies and eligibility go through the same rules the app applies when a meal is
//! booked ([`subsidy::best_rule`], [`subsidy::apply`], the status history), so the demo holds
//! exactly what booking through the app would have produced. Everything is written in bulk in the
//! demo's transaction, in the order the seed's random numbers decide.

use crate::canteen::model::{BookingStatus, DinerType, DishKind, Mode, Slot};
use crate::canteen::subsidy;
use crate::clock::beijing;
use crate::db::entity::{
    booking, booking_item, canteen, canteen_slot, category_type, community, diner, dish, menu_item, resident, resident_category,
    standing_order, subsidy_rule,
};
use crate::error::Result;
use crate::residents::age::age_on;
use crate::residents::eligibility::{events_of, status_on};
use crate::residents::model::Status;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

const NAME: &str = "幸福食光";
/// Used instead when a canteen of that name was set up before the demo ran.
const NAME_TAKEN: &str = "幸福食光（演示）";
const ADDRESS: &str = "双桥社区服务中心一楼";
/// Rows per INSERT: a booking has 24 columns, so 500 rows stay far below PostgreSQL's 65,535
/// parameters and SQLite's 32,766.
const CHUNK: usize = 500;
/// Diners of the default demo (2,000 residents); smaller demos get proportionally fewer.
const DINERS_PER_2000: usize = 240;
/// Menus cover these days around today; bookings the narrower window.
const MENU_DAYS: (i64, i64) = (-35, 13);
const BOOKING_DAYS: (i64, i64) = (-30, 6);

struct SlotPlan {
    slot: Slot,
    serve_from: &'static str,
    serve_to: &'static str,
    cutoff: &'static str,
    capacity: Option<i32>,
    active: bool,
}

const SLOTS: [SlotPlan; 3] = [
    SlotPlan { slot: Slot::Breakfast, serve_from: "07:00", serve_to: "08:30", cutoff: "07:00", capacity: None, active: false },
    SlotPlan { slot: Slot::Lunch, serve_from: "11:00", serve_to: "12:30", cutoff: "10:00", capacity: Some(260), active: true },
    SlotPlan { slot: Slot::Dinner, serve_from: "17:00", serve_to: "18:30", cutoff: "16:00", capacity: Some(120), active: true },
];

/// Set meals: name, 分 for the elderly, children and other residents (staff pay the resident
/// price), tags. The first five go on lunch and dinner menus; the children's set on lunch only.
/// On every lunch menu: the meal standing orders book.
const DAILY_SET: (&str, i64, i64, i64, &str) = ("助老套餐（每日）", 1200, 1000, 1500, "软食,低盐");
/// Regular elderly diners (those who lunch this often) have a standing order for weekday lunches.
const REGULAR: f64 = 0.85;

const SET_MEALS: [(&str, i64, i64, i64, &str); 6] = [
    ("红烧鱼套餐", 1500, 1200, 1800, ""),
    ("番茄牛腩套餐", 1600, 1300, 1900, ""),
    ("宫保鸡丁套餐", 1300, 1100, 1600, ""),
    ("清蒸鲈鱼套餐", 1800, 1500, 2200, "软食,低盐"),
    ("香菇青菜套餐", 1000, 800, 1200, "素食,低糖"),
    ("儿童营养套餐", 1300, 1000, 1500, "儿童"),
];
/// 小碗菜; 米饭 is on every menu.
const DISHES: [(&str, i64, i64, i64, &str); 8] = [
    ("米饭", 50, 50, 100, ""),
    ("紫菜蛋花汤", 200, 200, 300, ""),
    ("清炒时蔬", 300, 300, 400, "素食"),
    ("蒸蛋羹", 300, 300, 400, "软食"),
    ("红烧豆腐", 400, 400, 500, ""),
    ("小米粥", 150, 150, 200, "软食,低糖"),
    ("凉拌黄瓜", 300, 300, 400, "素食"),
    ("肉末茄子", 500, 500, 600, ""),
];

const DINER_NOTES: [&str; 5] = ["低盐饮食", "不吃辣", "牙口不好，菜要软烂", "糖尿病，少糖", "对海鲜过敏"];
const CANCEL_REASONS: [&str; 5] = ["身体不适", "子女接去家里吃", "临时外出", "去医院复查", "家里来客人"];

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct CanteenCounts {
    pub canteens: u32,
    pub dishes: u32,
    pub diners: u32,
    pub bookings: u32,
    pub standing_orders: u32,
    pub served_meals: u32,
}

/// A registered diner and how often they book.
struct Eater {
    resident: resident::Model,
    diner_type: DinerType,
    mode: Mode,
    route: Option<String>,
    lunch: f64,
    dinner: f64,
    soft: bool,
}

impl Eater {
    /// A regular elderly diner: weekday lunches come from a standing order.
    fn standing(&self) -> bool {
        self.diner_type == DinerType::Elderly && self.lunch >= REGULAR
    }
}

type Given = (i64, Option<DateTime<Utc>>);

struct Planned {
    diner: usize,
    date: NaiveDate,
    slot: Slot,
    /// Dish ids and quantities, with the unit price for the diner type.
    items: Vec<(i32, i32, i64)>,
    price: i64,
    applied: subsidy::Applied,
    status: BookingStatus,
    walk_in: bool,
    created_at: DateTime<Utc>,
    served_at: Option<DateTime<Utc>>,
    cancelled: Option<(DateTime<Utc>, &'static str)>,
    /// Booked by the diner's standing order.
    standing: bool,
}

/// Adds the canteen to the demo written in `db` (the demo's transaction). `residents` is how many
/// the demo made, to scale the number of diners.
pub(super) async fn create<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    now: DateTime<Utc>,
    user_id: i32,
    residents: u32,
) -> Result<CanteenCounts> {
    let places = community_ids(db).await?;
    let home = places.get("双桥社区").copied();
    let name = match canteen::Entity::find().filter(canteen::Column::Name.eq(NAME)).one(db).await? {
        Some(_) => NAME_TAKEN,
        None => NAME,
    };
    let c = canteen::Entity::insert(canteen::ActiveModel {
        name: Set(name.into()),
        community_id: Set(home),
        address: Set(ADDRESS.into()),
        walk_ins_allowed: Set(true),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    canteen_slot::Entity::insert_many(SLOTS.iter().map(|s| canteen_slot::ActiveModel {
        canteen_id: Set(c),
        slot: Set(s.slot),
        serve_from: Set(s.serve_from.into()),
        serve_to: Set(s.serve_to.into()),
        booking_cutoff: Set(s.cutoff.into()),
        capacity: Set(s.capacity),
        active: Set(s.active),
        ..Default::default()
    }))
    .exec(db)
    .await?;
    let (sets, smalls) = add_dishes(db, c, now).await?;
    add_rules(db, today, now).await?;
    add_menus(db, c, today, &sets, &smalls).await?;
    let eaters = choose_diners(db, rng, today, &places, residents).await?;
    let diner_ids = add_diners(db, rng, c, today, now, &eaters).await?;
    let planned = plan_bookings(db, rng, today, now, &eaters, &sets, &smalls).await?;
    let served = planned.iter().filter(|p| p.status == BookingStatus::Served).count() as u32;
    let orders = add_standing_orders(db, today, now, user_id, &eaters, &diner_ids, &sets).await?;
    write_bookings(db, c, &planned, &eaters, &diner_ids, &orders, user_id).await?;
    Ok(CanteenCounts {
        canteens: 1,
        dishes: (sets.len() + smalls.len()) as u32,
        diners: eaters.len() as u32,
        bookings: planned.len() as u32,
        standing_orders: orders.len() as u32,
        served_meals: served,
    })
}

/// Top-level communities by name.
async fn community_ids<C: ConnectionTrait>(db: &C) -> Result<HashMap<String, i32>> {
    let rows = community::Entity::find()
        .filter(community::Column::Kind.eq("community"))
        .filter(community::Column::ParentId.is_null())
        .order_by_asc(community::Column::Id)
        .all(db)
        .await?;
    let mut out = HashMap::new();
    for r in rows {
        out.entry(r.name).or_insert(r.id);
    }
    Ok(out)
}

/// The set meals and the 小碗菜 as stored, in the order of the tables above.
async fn add_dishes<C: ConnectionTrait>(db: &C, c: i32, now: DateTime<Utc>) -> Result<(Vec<dish::Model>, Vec<dish::Model>)> {
    let rows = SET_MEALS.iter().chain([&DAILY_SET]).map(|d| (DishKind::SetMeal, d)).chain(DISHES.iter().map(|d| (DishKind::Dish, d))).map(
        |(kind, (name, elderly, child, resident, tags))| dish::ActiveModel {
            canteen_id: Set(c),
            name: Set((*name).into()),
            kind: Set(kind),
            price_elderly: Set(*elderly),
            price_child: Set(*child),
            price_resident: Set(*resident),
            price_staff: Set(*resident),
            tags: Set((*tags).into()),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        },
    );
    dish::Entity::insert_many(rows).exec(db).await?;
    let stored: HashMap<String, dish::Model> =
        dish::Entity::find().filter(dish::Column::CanteenId.eq(c)).all(db).await?.into_iter().map(|d| (d.name.clone(), d)).collect();
    let pick = |names: &mut dyn Iterator<Item = &str>| names.filter_map(|n| stored.get(n).cloned()).collect::<Vec<_>>();
    Ok((pick(&mut SET_MEALS.iter().chain([&DAILY_SET]).map(|d| d.0)), pick(&mut DISHES.iter().map(|d| d.0))))
}

struct RuleSpec {
    name: &'static str,
    /// Inclusive age bounds on the meal date.
    age: (Option<i32>, Option<i32>),
    category: Option<&'static str>,
    per_meal: i64,
    per_day_cap: Option<i64>,
    priority: i32,
}

/// domain.md's tiers, valid from the 1st of January of the year the demo's history starts in.
async fn add_rules<C: ConnectionTrait>(db: &C, today: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let types: HashMap<String, i32> = category_type::Entity::find().all(db).await?.into_iter().map(|t| (t.name, t.id)).collect();
    let first = today + Duration::days(MENU_DAYS.0);
    let valid_from = NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first);
    let cap = Some(1000);
    let rule = |name, age: (Option<i32>, Option<i32>), category, per_meal, per_day_cap, priority| RuleSpec {
        name,
        age,
        category,
        per_meal,
        per_day_cap,
        priority,
    };
    let rules = [
        rule("60–74岁老年人助餐补贴", (Some(60), Some(74)), None, 100, None, 0),
        rule("75–84岁老年人助餐补贴", (Some(75), Some(84)), None, 500, cap, 0),
        rule("85–94岁高龄老人助餐补贴", (Some(85), Some(94)), None, 800, cap, 0),
        rule("95岁及以上高龄老人助餐补贴", (Some(95), None), None, 900, cap, 0),
        rule("低保对象助餐补贴", (None, None), Some("低保"), 800, cap, 10),
        rule("75–84岁独居老人助餐补贴", (Some(75), Some(84)), Some("独居"), 600, cap, 5),
    ];
    let rows: Vec<subsidy_rule::ActiveModel> = rules
        .iter()
        .filter_map(|r| {
            let category_type_id = match r.category {
                Some(c) => Some(*types.get(c)?),
                None => None,
            };
            Some(subsidy_rule::ActiveModel {
                name: Set(r.name.into()),
                age_min: Set(r.age.0),
                age_max: Set(r.age.1),
                category_type_id: Set(category_type_id),
                valid_from: Set(valid_from),
                valid_to: Set(None),
                per_meal: Set(r.per_meal),
                per_day_cap: Set(r.per_day_cap),
                priority: Set(r.priority),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
        })
        .collect();
    if !rows.is_empty() {
        subsidy_rule::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// The day's menu: set meals, then 小碗菜 (米饭 first), rotating by weekday.
/// Index of [`DAILY_SET`] among the stored set meals.
const DAILY: usize = SET_MEALS.len();

fn menu_of<'a>(date: NaiveDate, slot: Slot, sets: &'a [dish::Model], smalls: &'a [dish::Model]) -> Vec<&'a dish::Model> {
    let w = date.weekday().num_days_from_monday() as usize;
    let (set_idx, small_idx): (Vec<usize>, Vec<usize>) = match slot {
        Slot::Lunch => (vec![w % 6, (w + 1) % 6, (w + 3) % 6, DAILY], vec![0, w % 7 + 1, (w + 2) % 7 + 1, (w + 4) % 7 + 1]),
        // No children's set at dinner.
        _ => (vec![(w + 2) % 5, (w + 4) % 5], vec![0, (w + 1) % 7 + 1, (w + 5) % 7 + 1]),
    };
    let mut out: Vec<&dish::Model> = set_idx.iter().filter_map(|i| sets.get(*i)).collect();
    out.extend(small_idx.iter().filter_map(|i| smalls.get(*i)));
    out
}

async fn add_menus<C: ConnectionTrait>(db: &C, c: i32, today: NaiveDate, sets: &[dish::Model], smalls: &[dish::Model]) -> Result<()> {
    let mut rows = Vec::new();
    for offset in MENU_DAYS.0..=MENU_DAYS.1 {
        let date = today + Duration::days(offset);
        for slot in [Slot::Lunch, Slot::Dinner] {
            for (n, d) in menu_of(date, slot, sets, smalls).into_iter().enumerate() {
                rows.push(menu_item::ActiveModel {
                    canteen_id: Set(c),
                    meal_date: Set(date),
                    slot: Set(slot),
                    dish_id: Set(d.id),
                    sort_order: Set(n as i32),
                    ..Default::default()
                });
            }
        }
    }
    for chunk in rows.chunks(CHUNK) {
        menu_item::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}

/// The date `years` before `today` (28 February for 29 February).
fn years_before(today: NaiveDate, years: i32) -> NaiveDate {
    let y = today.year() - years;
    NaiveDate::from_ymd_opt(y, today.month(), today.day()).or_else(|| NaiveDate::from_ymd_opt(y, today.month(), 28)).unwrap_or(today)
}

async fn residents_in<C: ConnectionTrait>(
    db: &C,
    communities: &[i32],
    inside: bool,
    born: (NaiveDate, NaiveDate),
) -> Result<Vec<resident::Model>> {
    use sea_orm::sea_query::ExprTrait as _;
    let mut q = resident::Entity::find().filter(resident::Column::BirthDate.between(born.0, born.1)).order_by_asc(resident::Column::Id);
    q = if inside {
        q.filter(resident::Column::CommunityId.is_in(communities.iter().copied()))
    } else {
        q.filter(resident::Column::CommunityId.is_not_in(communities.iter().copied()).or(resident::Column::CommunityId.is_null()))
    };
    Ok(q.all(db).await?)
}

/// Residents holding a category today, by category name.
async fn holding_today<C: ConnectionTrait>(db: &C, ids: &[i32], today: NaiveDate) -> Result<HashMap<i32, Vec<String>>> {
    let types: HashMap<i32, String> = category_type::Entity::find().all(db).await?.into_iter().map(|t| (t.id, t.name)).collect();
    let mut out: HashMap<i32, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        for p in resident_category::Entity::find()
            .filter(resident_category::Column::ResidentId.is_in(chunk.iter().copied()))
            .filter(resident_category::Column::StartDate.lte(today))
            .all(db)
            .await?
        {
            if p.end_date.is_none_or(|e| today <= e) {
                if let Some(name) = types.get(&p.category_type_id) {
                    out.entry(p.resident_id).or_default().push(name.clone());
                }
            }
        }
    }
    Ok(out)
}

/// Elders of 双桥社区 and 振兴社区 first (and from elsewhere when those are too few), a few
/// children of dual-working families and two or three staff. Elders who died or moved away during
/// the last month were diners until then and stay registered (inactive).
async fn choose_diners<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    places: &HashMap<String, i32>,
    residents: u32,
) -> Result<Vec<Eater>> {
    let near: Vec<i32> = ["双桥社区", "振兴社区"].iter().filter_map(|n| places.get(*n).copied()).collect();
    let first_day = today + Duration::days(BOOKING_DAYS.0);
    let oldest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(today);
    let still_here = |r: &resident::Model| r.status == Status::Active || r.status_date.is_some_and(|d| d > first_day && d <= today);
    let mut elders: Vec<resident::Model> =
        residents_in(db, &near, true, (oldest, years_before(today, 60))).await?.into_iter().filter(|r| still_here(r)).collect();
    elders.shuffle(rng);
    let wanted = ((residents as usize * DINERS_PER_2000 + 1000) / 2000).min(DINERS_PER_2000);
    let (staff_n, children_n) = match wanted {
        0..=14 => (0, 0),
        15..=59 => (1, 1),
        60..=149 => (2, wanted * 3 / 100),
        _ => (3, wanted * 3 / 100),
    };
    let mut elders_n = wanted - staff_n - children_n;
    if elders.len() < elders_n {
        let mut others: Vec<resident::Model> =
            residents_in(db, &near, false, (oldest, years_before(today, 60))).await?.into_iter().filter(|r| still_here(r)).collect();
        others.shuffle(rng);
        elders.extend(others);
    }
    if elders.is_empty() {
        return Ok(Vec::new());
    }
    // At least a few diners in a small demo that has elders.
    elders_n = elders_n.max(5).min(elders.len());
    elders.truncate(elders_n);

    let kids: Vec<resident::Model> = residents_in(db, &near, true, (years_before(today, 14) + Duration::days(1), years_before(today, 3)))
        .await?
        .into_iter()
        .filter(|r| r.status == Status::Active)
        .collect();
    let kid_ids: Vec<i32> = kids.iter().map(|r| r.id).collect();
    let kid_categories = holding_today(db, &kid_ids, today).await?;
    let mut kids: Vec<resident::Model> =
        kids.into_iter().filter(|r| kid_categories.get(&r.id).is_some_and(|c| c.iter().any(|c| c == "双职工家庭"))).collect();
    kids.shuffle(rng);
    kids.truncate(children_n);

    let home: Vec<i32> = places.get("双桥社区").copied().into_iter().collect();
    let mut staff: Vec<resident::Model> = residents_in(db, &home, true, (years_before(today, 55), years_before(today, 22)))
        .await?
        .into_iter()
        .filter(|r| r.status == Status::Active)
        .collect();
    staff.shuffle(rng);
    staff.truncate(staff_n);

    let elder_ids: Vec<i32> = elders.iter().map(|r| r.id).collect();
    let elder_categories = holding_today(db, &elder_ids, today).await?;
    let route_of = |community: Option<i32>| match community {
        Some(c) if Some(c) == places.get("双桥社区").copied() => Some("一号线（双桥社区）"),
        Some(c) if Some(c) == places.get("振兴社区").copied() => Some("二号线（振兴社区）"),
        _ => None,
    };
    let mut out = Vec::new();
    for r in elders {
        let categories = elder_categories.get(&r.id).cloned().unwrap_or_default();
        let frail = categories.iter().any(|c| c == "失能" || c == "半失能");
        let route = route_of(r.community_id).filter(|_| r.address.is_some());
        let delivery = route.is_some() && rng.random_bool(if frail { 0.6 } else { 0.12 });
        let mode = if delivery {
            Mode::Delivery
        } else if rng.random_bool(0.3) {
            Mode::TakeAway
        } else {
            Mode::DineIn
        };
        let lunch = if delivery { 0.93 } else { rng.random_range(0.55..1.0) };
        // About one diner in ten also eats dinner on a given day.
        let dinner = if rng.random_bool(if delivery { 0.4 } else { 0.15 }) { rng.random_range(0.3..0.7) } else { 0.0 };
        out.push(Eater {
            diner_type: DinerType::Elderly,
            mode,
            route: if delivery { route.map(String::from) } else { None },
            lunch,
            dinner,
            soft: frail || age_on(r.birth_date, today).is_some_and(|a| a >= 85),
            resident: r,
        });
    }
    for r in kids {
        let lunch = rng.random_range(0.5..0.9);
        out.push(Eater { resident: r, diner_type: DinerType::Child, mode: Mode::DineIn, route: None, lunch, dinner: 0.0, soft: false });
    }
    for r in staff {
        out.push(Eater {
            resident: r,
            diner_type: DinerType::Staff,
            mode: Mode::DineIn,
            route: None,
            lunch: 0.85,
            dinner: 0.1,
            soft: false,
        });
    }
    Ok(out)
}

/// Card numbers 0001 … in the order of `eaters`; returns the diner ids in that order.
async fn add_diners<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    c: i32,
    today: NaiveDate,
    now: DateTime<Utc>,
    eaters: &[Eater],
) -> Result<Vec<i32>> {
    let registered = now - Duration::days(-BOOKING_DAYS.0 + 10);
    let mut rows = Vec::new();
    for (n, e) in eaters.iter().enumerate() {
        let gone = e.resident.status != Status::Active;
        let note = if e.diner_type == DinerType::Elderly && rng.random_bool(0.1) { DINER_NOTES.choose(rng).copied() } else { None };
        let note = match (gone, e.resident.status_date) {
            (true, Some(d)) if e.resident.status == Status::Deceased => Some(format!("已于{}去世，停止订餐", crate::clock::day_text(d))),
            (true, Some(d)) => Some(format!("已于{}迁出，停止订餐", crate::clock::day_text(d))),
            _ => note.map(String::from),
        };
        let updated =
            if gone { e.resident.status_date.map_or(now, |d| at(d.min(today), NaiveTime::MIN + Duration::hours(9))) } else { registered };
        rows.push(diner::ActiveModel {
            canteen_id: Set(c),
            resident_id: Set(e.resident.id),
            card_number: Set(format!("{:04}", n + 1)),
            diner_type: Set(e.diner_type),
            default_mode: Set(e.mode),
            route: Set(e.route.clone()),
            delivery_address: Set(if e.mode == Mode::Delivery { e.resident.address.clone() } else { None }),
            notes: Set(note),
            active: Set(!gone),
            created_at: Set(registered),
            updated_at: Set(updated),
            ..Default::default()
        });
    }
    for chunk in rows.chunks(CHUNK) {
        diner::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    let ids: HashMap<i32, i32> =
        diner::Entity::find().filter(diner::Column::CanteenId.eq(c)).all(db).await?.into_iter().map(|d| (d.resident_id, d.id)).collect();
    Ok(eaters.iter().map(|e| ids.get(&e.resident.id).copied().unwrap_or(0)).collect())
}

/// A Beijing wall-clock time on `date`, as stored (UTC).
pub(super) fn at(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    beijing().from_local_datetime(&date.and_time(time)).single().map_or_else(|| date.and_time(time).and_utc(), |t| t.with_timezone(&Utc))
}

pub(super) fn hm(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap_or(NaiveTime::MIN)
}

/// Every booking of the window, priced and subsidised as [`crate::canteen::bookings`] does: the
/// per-day cap counts the subsidy of the resident's bookings made earlier and not cancelled by
/// then, so each day's bookings are subsidised in the order they were made.
async fn plan_bookings<C: ConnectionTrait>(
    db: &C,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    now: DateTime<Utc>,
    eaters: &[Eater],
    sets: &[dish::Model],
    smalls: &[dish::Model],
) -> Result<Vec<Planned>> {
    let ids: Vec<i32> = eaters.iter().map(|e| e.resident.id).collect();
    // What the app reads when it books: the active rules, the categories held on the meal date
    // and the status history (eligibility).
    let rules = subsidy_rule::Entity::find().filter(subsidy_rule::Column::Active.eq(true)).all(db).await?;
    let mut periods: HashMap<i32, Vec<resident_category::Model>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        for p in
            resident_category::Entity::find().filter(resident_category::Column::ResidentId.is_in(chunk.iter().copied())).all(db).await?
        {
            periods.entry(p.resident_id).or_default().push(p);
        }
    }
    let events = events_of(db, &ids).await?;
    let mut out = Vec::new();
    for offset in BOOKING_DAYS.0..=BOOKING_DAYS.1 {
        let date = today + Duration::days(offset);
        let first = out.len();
        for slot in [Slot::Lunch, Slot::Dinner] {
            plan_slot(rng, date, slot, today, now, eaters, &events, sets, smalls, &mut out);
        }
        // Subsidies of the day in the order the bookings were made.
        let day = &mut out[first..];
        let mut order: Vec<usize> = (0..day.len()).collect();
        order.sort_by_key(|i| (day[*i].created_at, *i));
        // Per diner: subsidy of each booking made so far that day, and when it was cancelled.
        let mut earlier: HashMap<usize, Vec<Given>> = HashMap::new();
        for i in order {
            let p = &day[i];
            let r = &eaters[p.diner].resident;
            let held: Vec<i32> = periods
                .get(&r.id)
                .map(|ps| {
                    ps.iter().filter(|c| c.start_date <= date && c.end_date.is_none_or(|e| date <= e)).map(|c| c.category_type_id).collect()
                })
                .unwrap_or_default();
            let mine = earlier.entry(p.diner).or_default();
            let given: i64 = mine.iter().filter(|(_, gone)| gone.is_none_or(|g| g > p.created_at)).map(|(a, _)| a).sum();
            let applied = subsidy::apply(subsidy::best_rule(&rules, age_on(r.birth_date, date), &held, date), p.price, given);
            mine.push((applied.amount, p.cancelled.map(|c| c.0)));
            day[i].applied = applied;
        }
    }
    Ok(out)
}

/// Who books one slot of one day, what, when, and what became of it.
#[allow(clippy::too_many_arguments)]
fn plan_slot(
    rng: &mut ChaCha8Rng,
    date: NaiveDate,
    slot: Slot,
    today: NaiveDate,
    now: DateTime<Utc>,
    eaters: &[Eater],
    events: &HashMap<i32, Vec<(Status, NaiveDate)>>,
    sets: &[dish::Model],
    smalls: &[dish::Model],
    out: &mut Vec<Planned>,
) {
    let menu = menu_of(date, slot, sets, smalls);
    let set_meals: Vec<&dish::Model> = menu.iter().copied().filter(|d| d.kind == DishKind::SetMeal).collect();
    let extras: Vec<&dish::Model> = menu.iter().copied().filter(|d| d.kind == DishKind::Dish && d.name != "米饭").collect();
    let Some(plan) = SLOTS.iter().find(|s| s.slot == slot) else { return };
    let (serve_from, serve_to, cutoff) = (hm(plan.serve_from), hm(plan.serve_to), hm(plan.cutoff));
    for (n, e) in eaters.iter().enumerate() {
        let by_order = e.standing() && slot == Slot::Lunch && date.weekday().num_days_from_monday() < 5;
        let chance = if slot == Slot::Lunch { e.lunch } else { e.dinner };
        // From today on a standing order books every meal it covers; before, some were missed.
        let booked = chance > 0.0 && rng.random_bool(chance);
        let ordered = by_order && date >= today;
        if !booked && !ordered {
            continue;
        }
        let history = events.get(&e.resident.id).map(Vec::as_slice).unwrap_or(&[]);
        if status_on(history, date).0 != Status::Active {
            continue;
        }
        let Some(set) = (if by_order { set_meals.iter().copied().find(|d| d.name == DAILY_SET.0) } else { choose_set(rng, e, &set_meals) })
        else {
            continue;
        };
        let mut items = vec![(set.id, 1, price_of(set, e.diner_type))];
        if !by_order && rng.random_bool(0.2) {
            if let Some(extra) = extras.choose(rng) {
                items.push((extra.id, 1, price_of(extra, e.diner_type)));
            }
        }
        let price: i64 = items.iter().map(|(_, q, p)| *q as i64 * p).sum();
        // Booked one to three days ahead, during office hours, never after now.
        let booked_on = date - Duration::days(rng.random_range(1..=3));
        let mut created_at = at(booked_on, NaiveTime::MIN + Duration::minutes(rng.random_range(8 * 60..18 * 60)));
        if created_at > now {
            created_at = now - Duration::minutes(rng.random_range(5..240));
        }
        let minutes = (serve_to - serve_from).num_minutes().max(1);
        let served_at = at(date, serve_from + Duration::minutes(rng.random_range(0..minutes)));
        let roll = rng.random_range(0..100);
        let (status, walk_in, created_at, served_at, cancelled) = if date >= today {
            (BookingStatus::Booked, false, created_at, None, None)
        } else if roll < 2 {
            // Cancelled on the day, before the cutoff.
            let before = cutoff - Duration::minutes(rng.random_range(10..180));
            let reason = CANCEL_REASONS.choose(rng).copied().unwrap_or("临时外出");
            (BookingStatus::Cancelled, false, created_at, None, Some((at(date, before).max(created_at), reason)))
        } else if roll < 4 {
            // Booked but did not come.
            (BookingStatus::Booked, false, created_at, None, None)
        } else if roll < 7 && e.mode != Mode::Delivery {
            // Came without booking: booked and served at the counter at once.
            (BookingStatus::Served, true, served_at, Some(served_at), None)
        } else {
            (BookingStatus::Served, false, created_at, Some(served_at), None)
        };
        let standing = by_order && !walk_in;
        out.push(Planned {
            diner: n,
            date,
            slot,
            items,
            price,
            applied: subsidy::Applied::NONE,
            status,
            walk_in,
            created_at,
            served_at,
            cancelled,
            standing,
        });
    }
}

fn price_of(d: &dish::Model, t: DinerType) -> i64 {
    match t {
        DinerType::Elderly => d.price_elderly,
        DinerType::Child => d.price_child,
        DinerType::Resident => d.price_resident,
        DinerType::Staff => d.price_staff,
    }
}

/// Children take the children's set when there is one; frail and very old elders mostly soft food.
fn choose_set<'a>(rng: &mut ChaCha8Rng, e: &Eater, sets: &[&'a dish::Model]) -> Option<&'a dish::Model> {
    let kids = |d: &&dish::Model| d.tags.split(',').any(|t| t == "儿童");
    if e.diner_type == DinerType::Child {
        if let Some(d) = sets.iter().find(|d| kids(d)) {
            return Some(d);
        }
    }
    if e.soft && rng.random_bool(0.7) {
        if let Some(d) = sets.iter().find(|d| d.tags.split(',').any(|t| t == "软食")) {
            return Some(d);
        }
    }
    let adult: Vec<&&dish::Model> = sets.iter().filter(|d| !kids(d)).collect();
    match adult.choose(rng) {
        Some(d) => Some(**d),
        None => sets.choose(rng).copied(),
    }
}

/// Weekday lunches of the daily set meal for the regular diners still here, since the bookings
/// began. Returns each diner's order by the diner's place in `eaters`.
async fn add_standing_orders<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
    now: DateTime<Utc>,
    user_id: i32,
    eaters: &[Eater],
    diner_ids: &[i32],
    sets: &[dish::Model],
) -> Result<HashMap<usize, i32>> {
    let Some(daily) = sets.iter().find(|d| d.name == DAILY_SET.0) else { return Ok(HashMap::new()) };
    let start = today + Duration::days(BOOKING_DAYS.0);
    let regulars: Vec<usize> = (0..eaters.len()).filter(|n| eaters[*n].standing()).collect();
    let rows: Vec<standing_order::ActiveModel> = regulars
        .iter()
        .map(|n| {
            let e = &eaters[*n];
            let gone = e.resident.status != Status::Active;
            standing_order::ActiveModel {
                diner_id: Set(diner_ids[*n]),
                slot: Set(Slot::Lunch),
                weekdays: Set(0x1f),
                dish_id: Set(daily.id),
                mode: Set(e.mode),
                start_date: Set(start),
                end_date: Set(if gone { e.resident.status_date } else { None }),
                paused_from: Set(None),
                resume_on: Set(None),
                active: Set(!gone),
                created_at: Set(now - Duration::days(-BOOKING_DAYS.0 + 2)),
                created_by: Set(Some(user_id)),
                ..Default::default()
            }
        })
        .collect();
    for chunk in rows.chunks(CHUNK) {
        standing_order::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    let ids: HashMap<i32, i32> = standing_order::Entity::find()
        .filter(standing_order::Column::DinerId.is_in(regulars.iter().map(|n| diner_ids[*n])))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.diner_id, o.id))
        .collect();
    Ok(regulars.into_iter().filter_map(|n| Some((n, *ids.get(&diner_ids[n])?))).collect())
}

async fn write_bookings<C: ConnectionTrait>(
    db: &C,
    c: i32,
    planned: &[Planned],
    eaters: &[Eater],
    diner_ids: &[i32],
    orders: &HashMap<usize, i32>,
    user_id: i32,
) -> Result<()> {
    let rows: Vec<booking::ActiveModel> = planned
        .iter()
        .map(|p| {
            let e = &eaters[p.diner];
            let delivery = e.mode == Mode::Delivery && !p.walk_in;
            let mode = if p.walk_in { Mode::DineIn } else { e.mode };
            booking::ActiveModel {
                canteen_id: Set(c),
                diner_id: Set(diner_ids[p.diner]),
                resident_id: Set(e.resident.id),
                meal_date: Set(p.date),
                slot: Set(p.slot),
                mode: Set(mode),
                route: Set(if delivery { e.route.clone() } else { None }),
                address: Set(if delivery { e.resident.address.clone() } else { None }),
                diner_type: Set(e.diner_type),
                price: Set(p.price),
                subsidy: Set(p.applied.amount),
                payable: Set(p.price - p.applied.amount),
                subsidy_rule_id: Set(p.applied.rule_id),
                subsidy_rule_name: Set(p.applied.rule_name.clone()),
                status: Set(p.status),
                walk_in: Set(p.walk_in),
                standing_order_id: Set(if p.standing { orders.get(&p.diner).copied() } else { None }),
                created_at: Set(p.created_at),
                created_by: Set(Some(user_id)),
                cancelled_at: Set(p.cancelled.map(|c| c.0)),
                cancelled_by: Set(p.cancelled.map(|_| user_id)),
                cancel_reason: Set(p.cancelled.map(|c| c.1.to_string())),
                served_at: Set(p.served_at),
                served_by: Set(p.served_at.map(|_| user_id)),
                ..Default::default()
            }
        })
        .collect();
    for chunk in rows.chunks(CHUNK) {
        booking::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    // Each diner has at most one booking per day and slot here, so that finds the new ids.
    let stored: Vec<(i32, i32, NaiveDate, String)> = booking::Entity::find()
        .select_only()
        .column(booking::Column::Id)
        .column(booking::Column::DinerId)
        .column(booking::Column::MealDate)
        .column(booking::Column::Slot)
        .filter(booking::Column::CanteenId.eq(c))
        .into_tuple()
        .all(db)
        .await?;
    let ids: HashMap<(i32, NaiveDate, &str), i32> = stored.iter().map(|(id, d, date, slot)| ((*d, *date, slot.as_str()), *id)).collect();
    let dish_names: HashMap<i32, String> =
        dish::Entity::find().filter(dish::Column::CanteenId.eq(c)).all(db).await?.into_iter().map(|d| (d.id, d.name)).collect();
    let mut items = Vec::new();
    for p in planned {
        let Some(&id) = ids.get(&(diner_ids[p.diner], p.date, p.slot.as_str())) else { continue };
        for (dish_id, quantity, unit_price) in &p.items {
            items.push(booking_item::ActiveModel {
                booking_id: Set(id),
                dish_id: Set(*dish_id),
                dish_name: Set(dish_names.get(dish_id).cloned().unwrap_or_default()),
                quantity: Set(*quantity),
                unit_price: Set(*unit_price),
                ..Default::default()
            });
        }
    }
    for chunk in items.chunks(CHUNK) {
        booking_item::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}
