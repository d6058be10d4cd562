//! `caredesk demo`: realistic synthetic data for trying the app, training staff and benchmarks —
//! the office's communities, households of elders and families, checksum-valid ID numbers, dated
//! categories, guardians and pick-up persons. It refuses a database that already holds residents,
//! so it can never mix invented people into real records.

mod activities;
mod canteen;
mod checkups;
mod childcare;
mod names;
mod volunteers;

use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize, Actor, Role};
use crate::communities::{self, CommunityKind, NewCommunity};
use crate::db::entity::{
    category_type, community, household, resident, resident_category, resident_relation, resident_search_key, resident_status_event,
};
use crate::error::{Error, Result};
use crate::residents::age::age_on;
use crate::residents::id_number::{check_char, Sex};
use crate::residents::model::{RelationKind, Status, HEAD};
use crate::residents::search_keys::{phone_digits, pinyin_keys, reversed};
use crate::Desk;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The communities of 中阳楼街道 named in the domain notes, and two more.
pub const COMMUNITIES: [&str; 6] = ["方泰东社区", "双桥社区", "祥和社区", "尚义峰社区", "振兴社区", "崇文社区"];
const COMPOUNDS: [&str; 12] = ["欣园", "阳光", "和平", "锦绣", "馨苑", "翠苑", "金地", "康乐", "东方", "怡景", "华府", "书香"];
/// 孝义市 and two neighbouring counties.
const AREA_CODES: [(&str, u32); 3] = [("141181", 85), ("140525", 10), ("142301", 5)];

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub communities: u32,
    pub households: u32,
    pub residents: u32,
    pub elderly_60_plus: u32,
    pub children_under_14: u32,
    pub category_periods: u32,
    pub relations: u32,
    /// The canteen 幸福食光 with its dishes, diners and a month of bookings.
    pub canteens: u32,
    pub dishes: u32,
    pub diners: u32,
    pub bookings: u32,
    pub standing_orders: u32,
    pub served_meals: u32,
    /// Health stations, the autumn campaign with results and follow-ups, the coming winter one.
    pub health_stations: u32,
    pub checkup_campaigns: u32,
    pub checkup_invitations: u32,
    pub checkup_results: u32,
    pub followups: u32,
    /// 四点半课堂 and 童乐成长驿站 with their children and a month of attendance.
    pub childcare_programs: u32,
    pub childcare_children: u32,
    pub childcare_attendance_days: u32,
    /// 银龄互助队, 红领巾志愿服务队 and 党员先锋岗, 26 pairings with solitary elders and their visits.
    pub volunteer_teams: u32,
    pub volunteers: u32,
    pub pairings: u32,
    pub visits: u32,
    /// Ten activities with their hours confirmed and one coming.
    pub volunteer_activities: u32,
    pub volunteer_minutes: i64,
}

struct Person {
    name: String,
    male: bool,
    birth: NaiveDate,
    id_number: String,
    phone: Option<String>,
    relation: &'static str,
    categories: Vec<&'static str>,
    status: Option<(Status, NaiveDate)>,
}

struct Home {
    code: String,
    community: i32,
    grid: i32,
    compound: i32,
    address: String,
    members: Vec<Person>,
}

pub async fn create(desk: &Desk, actor: &Actor, residents: u32, seed: u64) -> Result<DemoSummary> {
    authorize(desk, actor, Role::Admin, "生成演示数据").await?;
    if resident::Entity::find().count(desk.db()).await? > 0 {
        return Err(Error::Conflict {
            message: "数据库中已有居民档案。演示数据只能生成在没有居民的数据库中，以免与真实档案混在一起".into(),
            field: None,
        });
    }
    let today = desk.clock().today();
    let now = desk.clock().now();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let txn = desk.begin_write().await?;
    let places = ensure_places(&txn, desk).await?;
    let mut gen = Generator { rng: &mut rng, today, used_ids: HashSet::new() };
    let mut homes = Vec::new();
    let mut count = 0u32;
    while count < residents {
        let (community, grid, compound, compound_name) = *places.choose(gen.rng).ok_or(Error::NotFound { what: "社区" })?;
        let mut home = gen.household(homes.len() as u32 + 1, compound_name);
        home.community = community;
        home.grid = grid;
        home.compound = compound;
        home.members.truncate((residents - count) as usize);
        count += home.members.len() as u32;
        homes.push(home);
    }
    let mut summary = write(&txn, &homes, today, now, COMMUNITIES.len() as u32).await?;
    let meals = canteen::create(&txn, &mut rng, today, now, actor.user_id(), summary.residents).await?;
    summary.canteens = meals.canteens;
    summary.dishes = meals.dishes;
    summary.diners = meals.diners;
    summary.bookings = meals.bookings;
    summary.standing_orders = meals.standing_orders;
    summary.served_meals = meals.served_meals;
    let health = checkups::create(&txn, &mut rng, today, now, actor.user_id()).await?;
    summary.health_stations = health.stations;
    summary.checkup_campaigns = health.campaigns;
    summary.checkup_invitations = health.invitations;
    summary.checkup_results = health.results;
    summary.followups = health.followups;
    let care = childcare::create(&txn, &mut rng, today, now, actor.user_id()).await?;
    summary.childcare_programs = care.programs;
    summary.childcare_children = care.children;
    summary.childcare_attendance_days = care.attendance_days;
    let helpers = volunteers::create(&txn, &mut rng, today, now, actor.user_id()).await?;
    summary.volunteer_teams = helpers.teams;
    summary.volunteers = helpers.volunteers;
    summary.pairings = helpers.pairings;
    summary.visits = helpers.visits;
    let held = activities::create(&txn, &mut rng, today, now, actor.user_id()).await?;
    summary.volunteer_activities = held.activities;
    summary.volunteer_minutes = held.service_minutes;
    let detail = format!("{} 户 {} 人（种子 {seed}）", summary.households, summary.residents);
    audit::record_by(desk, &txn, actor, Entry::new(Action::DemoCreated).detail(detail)).await?;
    txn.commit().await?;
    Ok(summary)
}

/// Every community with three grids and two compounds in each grid: (community, grid, compound, name).
async fn ensure_places<C: ConnectionTrait>(db: &C, desk: &Desk) -> Result<Vec<(i32, i32, i32, &'static str)>> {
    let mut places = Vec::new();
    for (ci, name) in COMMUNITIES.iter().enumerate() {
        let c = find_or_add(db, desk, None, CommunityKind::Community, name).await?;
        for (gi, grid) in ["第一网格", "第二网格", "第三网格"].iter().enumerate() {
            let g = find_or_add(db, desk, Some(c), CommunityKind::Grid, grid).await?;
            for k in 0..2 {
                let compound = COMPOUNDS[(ci * 2 + gi * 5 + k) % COMPOUNDS.len()];
                let full: &'static str = Box::leak(format!("{compound}小区").into_boxed_str());
                let p = find_or_add(db, desk, Some(g), CommunityKind::Compound, full).await?;
                places.push((c, g, p, full));
            }
        }
    }
    Ok(places)
}

async fn find_or_add<C: ConnectionTrait>(db: &C, desk: &Desk, parent: Option<i32>, kind: CommunityKind, name: &str) -> Result<i32> {
    let mut q = community::Entity::find().filter(community::Column::Name.eq(name)).filter(community::Column::Kind.eq(kind.as_str()));
    q = match parent {
        Some(p) => q.filter(community::Column::ParentId.eq(p)),
        None => q.filter(community::Column::ParentId.is_null()),
    };
    if let Some(found) = q.one(db).await? {
        return Ok(found.id);
    }
    Ok(communities::insert(db, desk, NewCommunity { parent_id: parent, kind, name: name.into() }).await?.id)
}

struct Generator<'a> {
    rng: &'a mut ChaCha8Rng,
    today: NaiveDate,
    used_ids: HashSet<String>,
}

impl Generator<'_> {
    fn household(&mut self, n: u32, compound: &str) -> Home {
        let address = format!(
            "{compound}{}号楼{}单元{}室",
            self.rng.random_range(1..=24),
            self.rng.random_range(1..=4),
            self.rng.random_range(1..=6) * 100 + self.rng.random_range(1..=4)
        );
        let family = names::surname(self.rng);
        let kind = self.rng.random_range(0..100);
        let mut members = Vec::new();
        match kind {
            // A solitary elder (独居), often also empty-nest.
            0..=17 => {
                let year = self.elder_year();
                let mut p = self.person(family, year, None, HEAD);
                p.categories.push("独居");
                if self.rng.random_bool(0.5) {
                    p.categories.push("空巢");
                }
                members.push(p);
            }
            // An elderly couple on their own (空巢).
            18..=39 => {
                let year = self.elder_year();
                let mut a = self.person(family, year, Some(true), HEAD);
                let (spouse, gap) = (names::surname(self.rng), self.rng.random_range(0..5));
                let mut b = self.person(spouse, year + gap, Some(false), "配偶");
                a.categories.push("空巢");
                b.categories.push("空巢");
                members.extend([a, b]);
            }
            // Three generations.
            40..=54 => {
                let year = self.elder_year();
                members.push(self.person(family, year, Some(true), HEAD));
                let spouse = names::surname(self.rng);
                members.push(self.person(spouse, year + 2, Some(false), "配偶"));
                let parent_year = year + self.rng.random_range(24..32);
                members.push(self.person(family, parent_year, Some(true), "子女"));
                let in_law = names::surname(self.rng);
                members.push(self.person(in_law, parent_year + 1, Some(false), "儿媳/女婿"));
                for _ in 0..self.rng.random_range(1..=2) {
                    let year = self.child_year();
                    members.push(self.person(family, year, None, "孙子女"));
                }
            }
            // Parents and children; many are dual-working families.
            55..=79 => {
                let year = self.rng.random_range(1978..=1995);
                let dual = self.rng.random_bool(0.6);
                members.push(self.person(family, year, Some(true), HEAD));
                let spouse = names::surname(self.rng);
                members.push(self.person(spouse, year + 1, Some(false), "配偶"));
                for _ in 0..self.rng.random_range(1..=2) {
                    let year = self.child_year();
                    members.push(self.person(family, year, None, "子女"));
                }
                if dual {
                    members.iter_mut().for_each(|m| m.categories.push("双职工家庭"));
                }
            }
            // A single working-age adult.
            80..=89 => {
                let year = self.rng.random_range(1967..=2004);
                members.push(self.person(family, year, None, HEAD));
            }
            // An elder living with a grown-up child.
            _ => {
                let year = self.elder_year();
                members.push(self.person(family, year, None, HEAD));
                let gap = self.rng.random_range(22..34);
                members.push(self.person(family, year + gap, None, "子女"));
            }
        }
        for m in &mut members {
            self.add_circumstances(m);
        }
        Home { code: format!("YS{n:06}"), community: 0, grid: 0, compound: 0, address, members }
    }

    /// Care needs, allowances and the occasional death or move, in realistic shares.
    fn add_circumstances(&mut self, p: &mut Person) {
        let age = age_on(p.birth, self.today).unwrap_or(0);
        let roll = self.rng.random_range(0..1000);
        if age >= 80 && roll < 60 {
            p.categories.push("失能");
        } else if age >= 75 && roll < 140 {
            p.categories.push("半失能");
        }
        let roll = self.rng.random_range(0..1000);
        if roll < 30 {
            p.categories.push("低保");
        } else if roll < 38 {
            p.categories.push("特困");
        } else if roll < 60 {
            p.categories.push("残疾");
        } else if roll < 66 && age >= 60 {
            p.categories.push("优抚对象");
        }
        let roll = self.rng.random_range(0..1000);
        let when = self.today - Duration::days(self.rng.random_range(1..300));
        if age >= 75 && roll < 12 {
            p.status = Some((Status::Deceased, when.max(p.birth)));
        } else if roll < 5 {
            p.status = Some((Status::MovedOut, when.max(p.birth)));
        }
    }

    fn elder_year(&mut self) -> i32 {
        // Most elders are 60–85, some much older.
        let year = self.today.year();
        match self.rng.random_range(0..100) {
            0..=69 => year - self.rng.random_range(60..80),
            70..=94 => year - self.rng.random_range(80..90),
            _ => year - self.rng.random_range(90..101),
        }
    }

    fn child_year(&mut self) -> i32 {
        self.today.year() - self.rng.random_range(0..14)
    }

    fn person(&mut self, surname: &str, year: i32, male: Option<bool>, relation: &'static str) -> Person {
        let male = male.unwrap_or_else(|| self.rng.random_bool(0.5));
        let birth = self.birth_date(year);
        let age = age_on(birth, self.today).unwrap_or(0);
        let phone = match age {
            0..=13 => None,
            14..=69 => Some(self.mobile()),
            _ if self.rng.random_bool(0.3) => Some(format!("0358-72{:05}", self.rng.random_range(10000..99999))),
            _ if self.rng.random_bool(0.6) => Some(self.mobile()),
            _ => None,
        };
        Person {
            name: format!("{surname}{}", names::given(self.rng, birth.year(), male)),
            male,
            id_number: self.id_number(birth, male),
            birth,
            phone,
            relation,
            categories: Vec::new(),
            status: None,
        }
    }

    fn birth_date(&mut self, year: i32) -> NaiveDate {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(self.today);
        let date = start + Duration::days(self.rng.random_range(0..365));
        date.min(self.today)
    }

    fn mobile(&mut self) -> String {
        let prefix = ["138", "139", "135", "136", "150", "151", "158", "186", "187", "189", "177", "199"];
        format!("{}{:08}", prefix.choose(self.rng).unwrap_or(&"138"), self.rng.random_range(0..100_000_000u32))
    }

    fn id_number(&mut self, birth: NaiveDate, male: bool) -> String {
        let total: u32 = AREA_CODES.iter().map(|(_, w)| w).sum();
        loop {
            let mut pick = self.rng.random_range(0..total);
            let area = AREA_CODES
                .iter()
                .find(|(_, w)| {
                    if pick < *w {
                        true
                    } else {
                        pick -= w;
                        false
                    }
                })
                .map_or("141181", |a| a.0);
            let mut seq = self.rng.random_range(0..500) * 2;
            if male {
                seq += 1;
            }
            let first17 = format!("{area}{}{seq:03}", birth.format("%Y%m%d"));
            let id = format!("{first17}{}", check_char(&first17));
            if self.used_ids.insert(id.clone()) {
                return id;
            }
        }
    }
}

async fn write<C: ConnectionTrait>(db: &C, homes: &[Home], today: NaiveDate, now: DateTime<Utc>, communities: u32) -> Result<DemoSummary> {
    for chunk in homes.chunks(1000) {
        let rows = chunk.iter().map(|h| household::ActiveModel {
            code: Set(Some(h.code.clone())),
            address: Set(h.address.clone()),
            community_id: Set(Some(h.community)),
            created_at: Set(now),
            ..Default::default()
        });
        household::Entity::insert_many(rows).exec(db).await?;
    }
    let household_ids: HashMap<String, i32> =
        household::Entity::find().all(db).await?.into_iter().filter_map(|h| h.code.map(|c| (c, h.id))).collect();
    let people: Vec<(&Home, &Person)> = homes.iter().flat_map(|h| h.members.iter().map(move |p| (h, p))).collect();
    for chunk in people.chunks(1000) {
        let rows = chunk.iter().map(|(h, p)| resident_model(h, p, household_ids.get(&h.code).copied(), now));
        resident::Entity::insert_many(rows).exec(db).await?;
    }
    let ids: HashMap<String, i32> =
        resident::Entity::find().all(db).await?.into_iter().filter_map(|r| r.id_number.map(|n| (n, r.id))).collect();
    let keys: Vec<_> = people
        .iter()
        .filter_map(|(_, p)| ids.get(&p.id_number).map(|id| crate::residents::store::search_key_rows(*id, &p.name)))
        .flatten()
        .collect();
    for chunk in keys.chunks(2000) {
        resident_search_key::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    let types: HashMap<String, i32> = category_type::Entity::find().all(db).await?.into_iter().map(|t| (t.name, t.id)).collect();
    let mut periods = Vec::new();
    let mut events = Vec::new();
    let mut relations = Vec::new();
    for (home, p) in &people {
        let Some(&id) = ids.get(&p.id_number) else { continue };
        for name in &p.categories {
            let Some(&type_id) = types.get(*name) else { continue };
            let start = (today - Duration::days(((id as i64 * 37) % 2000) + 30)).max(p.birth);
            periods.push(resident_category::ActiveModel {
                resident_id: Set(id),
                category_type_id: Set(type_id),
                start_date: Set(start),
                end_date: Set(None),
                note: Set(None),
                created_at: Set(now),
                ..Default::default()
            });
        }
        if let Some((status, date)) = p.status {
            events.push(resident_status_event::ActiveModel {
                resident_id: Set(id),
                status: Set(status),
                effective_date: Set(date),
                note: Set(Some("演示数据".into())),
                recorded_at: Set(now),
                recorded_by: Set(None),
                ..Default::default()
            });
        }
        relations.extend(relations_for(home, p, id, &ids, now));
    }
    let summary = DemoSummary {
        communities,
        households: homes.len() as u32,
        residents: people.len() as u32,
        elderly_60_plus: people.iter().filter(|(_, p)| age_on(p.birth, today).is_some_and(|a| a >= 60)).count() as u32,
        children_under_14: people.iter().filter(|(_, p)| age_on(p.birth, today).is_some_and(|a| a < 14)).count() as u32,
        category_periods: periods.len() as u32,
        relations: relations.len() as u32,
        ..Default::default()
    };
    for chunk in periods.chunks(1000) {
        resident_category::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    for chunk in events.chunks(1000) {
        resident_status_event::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    for chunk in relations.chunks(1000) {
        resident_relation::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(summary)
}

fn resident_model(h: &Home, p: &Person, household_id: Option<i32>, now: DateTime<Utc>) -> resident::ActiveModel {
    resident::ActiveModel {
        name: Set(p.name.clone()),
        sex: Set(if p.male { Sex::Male } else { Sex::Female }),
        id_reversed: Set(Some(reversed(&p.id_number))),
        id_number: Set(Some(p.id_number.clone())),
        no_id_reason: Set(None),
        birth_date: Set(p.birth),
        phone_reversed: Set(p.phone.as_deref().map(|ph| reversed(&phone_digits(ph)))),
        phone: Set(p.phone.clone()),
        address: Set(Some(h.address.clone())),
        community_id: Set(Some(h.community)),
        grid_id: Set(Some(h.grid)),
        compound_id: Set(Some(h.compound)),
        household_id: Set(household_id),
        relation_to_head: Set(Some(p.relation.into())),
        status: Set(p.status.map_or(Status::Active, |s| s.0)),
        status_date: Set(p.status.map(|s| s.1)),
        notes: Set(None),
        search_text: Set(pinyin_keys(&p.name)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Children get a parent (or grandparent) as guardian and someone else as pick-up person; solitary
/// elders get an emergency contact outside the registry.
fn relations_for(home: &Home, p: &Person, id: i32, ids: &HashMap<String, i32>, now: DateTime<Utc>) -> Vec<resident_relation::ActiveModel> {
    let new =
        |kind: RelationKind, related: Option<i32>, contact: Option<(String, String)>, relationship: &str| resident_relation::ActiveModel {
            resident_id: Set(id),
            kind: Set(kind),
            related_resident_id: Set(related),
            contact_name: Set(contact.as_ref().map(|c| c.0.clone())),
            contact_phone: Set(contact.map(|c| c.1)),
            relationship: Set(Some(relationship.into())),
            note: Set(None),
            created_at: Set(now),
            ..Default::default()
        };
    let mut out = Vec::new();
    let is_child = matches!(p.relation, "子女" | "孙子女") && home.members.iter().any(|m| m.birth < p.birth && m.relation != p.relation);
    if is_child && age_on(p.birth, now.date_naive()).is_some_and(|a| a < 14) {
        let adults: Vec<&Person> = home.members.iter().filter(|m| age_on(m.birth, now.date_naive()).is_some_and(|a| a >= 18)).collect();
        let parent = adults.iter().rev().find(|m| m.birth.year() >= 1960).or(adults.first());
        if let Some(parent) = parent {
            out.push(new(RelationKind::Guardian, ids.get(&parent.id_number).copied(), None, if parent.male { "父亲" } else { "母亲" }));
        }
        if let Some(other) = adults.iter().find(|m| Some(m.id_number.as_str()) != parent.map(|p| p.id_number.as_str())) {
            out.push(new(RelationKind::Pickup, ids.get(&other.id_number).copied(), None, "家人"));
        }
    }
    if p.categories.contains(&"独居") {
        let child = format!("{}{}", p.name.chars().next().unwrap_or('王'), if p.male { "志明" } else { "丽华" });
        let phone = format!("139{:08}", (id as u64 * 7919) % 100_000_000);
        out.push(new(RelationKind::EmergencyContact, None, Some((child, phone)), "子女"));
    }
    out
}
