//! Canteens with their meal slots, and the dishes and set meals each canteen sells.

use super::model::{parse_time, DinerType, DishKind, Slot, DEFAULT_SLOT_TIMES};
use super::{MANAGERS, MANAGE_CANTEEN};
use crate::auth::audit::{self, Action, Entry};
use crate::auth::{authorize_any, current_user, Actor};
use crate::db::entity::{canteen, canteen_slot, community, dish};
use crate::error::{Error, Result};
use crate::{validate, Desk};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Highest price or subsidy accepted for one meal: 1,000 元 in 分, to catch a yuan typed as 分 ×100.
pub const MAX_AMOUNT: i64 = 100_000;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlotSettings {
    pub slot: Slot,
    /// "11:00"
    pub serve_from: String,
    pub serve_to: String,
    /// Bookings for the day close at this time (same day).
    pub booking_cutoff: String,
    /// Most meals booked for the slot; none means no limit.
    pub capacity: Option<i32>,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CanteenInput {
    pub name: String,
    pub community_id: Option<i32>,
    pub address: String,
    pub walk_ins_allowed: bool,
    /// A closed canteen keeps its history but takes no bookings.
    #[serde(default = "open_by_default")]
    pub active: bool,
    /// Missing slots get the standard times (lunch bookings until 10:00 …).
    pub slots: Vec<SlotSettings>,
}

fn open_by_default() -> bool {
    true
}

/// The slot settings a new canteen starts with, for the set-up form.
pub fn default_slots() -> Vec<SlotSettings> {
    DEFAULT_SLOT_TIMES
        .iter()
        .map(|(slot, from, to, cutoff)| SlotSettings {
            slot: *slot,
            serve_from: from.to_string(),
            serve_to: to.to_string(),
            booking_cutoff: cutoff.to_string(),
            capacity: None,
            active: *slot == Slot::Lunch,
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CanteenInfo {
    pub id: i32,
    pub name: String,
    pub community_id: Option<i32>,
    pub community_name: Option<String>,
    pub address: String,
    pub walk_ins_allowed: bool,
    pub active: bool,
    /// Breakfast, lunch, dinner, in that order.
    pub slots: Vec<SlotSettings>,
}

pub async fn list_canteens(desk: &Desk, actor: &Actor) -> Result<Vec<CanteenInfo>> {
    current_user(desk, actor).await?;
    let mut out = Vec::new();
    for c in canteen::Entity::find().order_by_asc(canteen::Column::Id).all(desk.db()).await? {
        out.push(info(desk.db(), c).await?);
    }
    Ok(out)
}

pub async fn get_canteen(desk: &Desk, actor: &Actor, id: i32) -> Result<CanteenInfo> {
    current_user(desk, actor).await?;
    info(desk.db(), find_canteen(desk.db(), id).await?).await
}

pub async fn create_canteen(desk: &Desk, actor: &Actor, input: CanteenInput) -> Result<CanteenInfo> {
    authorize_any(desk, actor, &MANAGERS, MANAGE_CANTEEN).await?;
    save_canteen(desk, actor, None, input).await
}

pub async fn update_canteen(desk: &Desk, actor: &Actor, id: i32, input: CanteenInput) -> Result<CanteenInfo> {
    authorize_any(desk, actor, &MANAGERS, MANAGE_CANTEEN).await?;
    save_canteen(desk, actor, Some(id), input).await
}

async fn save_canteen(desk: &Desk, actor: &Actor, id: Option<i32>, input: CanteenInput) -> Result<CanteenInfo> {
    let name = validate::name(&input.name, "name", "食堂名称", 40)?;
    let address = validate::name(&input.address, "address", "地址", 100)?;
    let slots = checked_slots(&input.slots)?;
    let txn = desk.begin_write().await?;
    if let Some(cid) = input.community_id {
        community::Entity::find_by_id(cid).one(&txn).await?.ok_or(Error::NotFound { what: "社区" })?;
    }
    let clash = canteen::Entity::find().filter(canteen::Column::Name.eq(name.clone())).one(&txn).await?;
    if clash.is_some_and(|c| Some(c.id) != id) {
        return Err(Error::conflict("name", format!("已有名为“{name}”的食堂")));
    }
    let saved = match id {
        Some(id) => {
            let mut m: canteen::ActiveModel = find_canteen(&txn, id).await?.into();
            m.name = Set(name.clone());
            m.community_id = Set(input.community_id);
            m.address = Set(address);
            m.walk_ins_allowed = Set(input.walk_ins_allowed);
            m.active = Set(input.active);
            m.update(&txn).await?
        }
        None => {
            canteen::ActiveModel {
                name: Set(name.clone()),
                community_id: Set(input.community_id),
                address: Set(address),
                walk_ins_allowed: Set(input.walk_ins_allowed),
                active: Set(input.active),
                created_at: Set(desk.clock().now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    canteen_slot::Entity::delete_many().filter(canteen_slot::Column::CanteenId.eq(saved.id)).exec(&txn).await?;
    for s in &slots {
        canteen_slot::ActiveModel {
            canteen_id: Set(saved.id),
            slot: Set(s.slot),
            serve_from: Set(s.serve_from.clone()),
            serve_to: Set(s.serve_to.clone()),
            booking_cutoff: Set(s.booking_cutoff.clone()),
            capacity: Set(s.capacity),
            active: Set(s.active),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let action = if id.is_some() { Action::CanteenUpdated } else { Action::CanteenAdded };
    audit::record_by(desk, &txn, actor, Entry::new(action).on("canteen", saved.id).detail(name)).await?;
    let shown = info(&txn, saved).await?;
    txn.commit().await?;
    Ok(shown)
}

/// All three slots in order, each with valid times; slots not given get the standard settings.
fn checked_slots(given: &[SlotSettings]) -> Result<Vec<SlotSettings>> {
    let mut out = Vec::new();
    for default in default_slots() {
        let slot = default.slot;
        let s = given.iter().find(|s| s.slot == slot).cloned().unwrap_or(default);
        let what = slot.label();
        let field = |name: &str| slot_field(slot, name);
        let serve_from = parse_time(&s.serve_from, field("serveFrom"), &format!("{what}开始时间"))?;
        let serve_to = parse_time(&s.serve_to, field("serveTo"), &format!("{what}结束时间"))?;
        let cutoff = parse_time(&s.booking_cutoff, field("bookingCutoff"), &format!("{what}订餐截止时间"))?;
        if serve_to <= serve_from {
            return Err(Error::invalid("serving_times", field("serveTo"), format!("{what}的结束时间要晚于开始时间")));
        }
        if cutoff > serve_from {
            return Err(Error::invalid("cutoff_after_serving", field("bookingCutoff"), format!("{what}的订餐截止时间不能晚于开饭时间")));
        }
        if let Some(c) = s.capacity {
            if !(1..=5000).contains(&c) {
                return Err(Error::invalid(
                    "invalid_capacity",
                    field("capacity"),
                    format!("{what}的容量应在 1 到 5000 份之间，不限请留空"),
                ));
            }
        }
        let hm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
        out.push(SlotSettings {
            slot,
            serve_from: hm(serve_from),
            serve_to: hm(serve_to),
            booking_cutoff: hm(cutoff),
            capacity: s.capacity,
            active: s.active,
        });
    }
    if !out.iter().any(|s| s.active) {
        return Err(Error::invalid("no_slot", "slots", "至少开放一个餐别"));
    }
    Ok(out)
}

/// "slots.lunch.serveFrom": the form field of one slot's setting.
fn slot_field(slot: Slot, name: &str) -> &'static str {
    const FIELDS: [[&str; 4]; 3] = [
        ["slots.breakfast.serveFrom", "slots.breakfast.serveTo", "slots.breakfast.bookingCutoff", "slots.breakfast.capacity"],
        ["slots.lunch.serveFrom", "slots.lunch.serveTo", "slots.lunch.bookingCutoff", "slots.lunch.capacity"],
        ["slots.dinner.serveFrom", "slots.dinner.serveTo", "slots.dinner.bookingCutoff", "slots.dinner.capacity"],
    ];
    let row = Slot::ALL.iter().position(|s| *s == slot).unwrap_or(1);
    let col = ["serveFrom", "serveTo", "bookingCutoff", "capacity"].iter().position(|n| *n == name).unwrap_or(0);
    FIELDS[row][col]
}

pub(crate) async fn find_canteen<C: ConnectionTrait>(db: &C, id: i32) -> Result<canteen::Model> {
    canteen::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound { what: "食堂" })
}

pub(crate) async fn slots_of<C: ConnectionTrait>(db: &C, canteen_id: i32) -> Result<Vec<SlotSettings>> {
    let rows = canteen_slot::Entity::find().filter(canteen_slot::Column::CanteenId.eq(canteen_id)).all(db).await?;
    let mut out: Vec<SlotSettings> = rows
        .into_iter()
        .map(|r| SlotSettings {
            slot: r.slot,
            serve_from: r.serve_from,
            serve_to: r.serve_to,
            booking_cutoff: r.booking_cutoff,
            capacity: r.capacity,
            active: r.active,
        })
        .collect();
    out.sort_by_key(|s| Slot::ALL.iter().position(|x| *x == s.slot));
    Ok(out)
}

/// The slot's settings, refusing a slot the canteen does not serve.
pub(crate) async fn open_slot<C: ConnectionTrait>(db: &C, canteen: &canteen::Model, slot: Slot) -> Result<SlotSettings> {
    slots_of(db, canteen.id)
        .await?
        .into_iter()
        .find(|s| s.slot == slot && s.active)
        .ok_or_else(|| Error::invalid("slot_closed", "slot", format!("{}不供应{}", canteen.name, slot.label())))
}

async fn info<C: ConnectionTrait>(db: &C, c: canteen::Model) -> Result<CanteenInfo> {
    let community_name = match c.community_id {
        Some(id) => community::Entity::find_by_id(id).one(db).await?.map(|x| x.name),
        None => None,
    };
    Ok(CanteenInfo {
        id: c.id,
        slots: slots_of(db, c.id).await?,
        name: c.name,
        community_id: c.community_id,
        community_name,
        address: c.address,
        walk_ins_allowed: c.walk_ins_allowed,
        active: c.active,
    })
}

/// A dish's price for each diner type, in 分.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Prices {
    pub elderly: i64,
    pub child: i64,
    pub resident: i64,
    pub staff: i64,
}

impl Prices {
    pub fn for_type(&self, t: DinerType) -> i64 {
        match t {
            DinerType::Elderly => self.elderly,
            DinerType::Child => self.child,
            DinerType::Resident => self.resident,
            DinerType::Staff => self.staff,
        }
    }

    fn of(d: &dish::Model) -> Prices {
        Prices { elderly: d.price_elderly, child: d.price_child, resident: d.price_resident, staff: d.price_staff }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DishInput {
    pub name: String,
    pub kind: DishKind,
    pub prices: Prices,
    /// 软食, 低盐, 低糖 …
    pub tags: Vec<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DishInfo {
    pub id: i32,
    pub canteen_id: i32,
    pub name: String,
    pub kind: DishKind,
    pub kind_label: String,
    pub prices: Prices,
    pub tags: Vec<String>,
    pub active: bool,
}

impl DishInfo {
    pub(crate) fn of(d: dish::Model) -> DishInfo {
        DishInfo {
            id: d.id,
            canteen_id: d.canteen_id,
            kind: d.kind,
            kind_label: d.kind.label().into(),
            prices: Prices::of(&d),
            tags: split_tags(&d.tags),
            name: d.name,
            active: d.active,
        }
    }
}

pub(crate) fn split_tags(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// Active dishes first, set meals before 小碗菜, then by name.
pub async fn list_dishes(desk: &Desk, actor: &Actor, canteen_id: i32) -> Result<Vec<DishInfo>> {
    current_user(desk, actor).await?;
    let rows = dish::Entity::find()
        .filter(dish::Column::CanteenId.eq(canteen_id))
        .order_by_desc(dish::Column::Active)
        .order_by_desc(dish::Column::Kind)
        .order_by_asc(dish::Column::Name)
        .all(desk.db())
        .await?;
    Ok(rows.into_iter().map(DishInfo::of).collect())
}

pub async fn save_dish(desk: &Desk, actor: &Actor, canteen_id: i32, id: Option<i32>, input: DishInput) -> Result<DishInfo> {
    authorize_any(desk, actor, &MANAGERS, MANAGE_CANTEEN).await?;
    let name = validate::name(&input.name, "name", "菜品名称", 30)?;
    for (field, label, fen) in [
        ("prices.elderly", "老年人价格", input.prices.elderly),
        ("prices.child", "儿童价格", input.prices.child),
        ("prices.resident", "其他居民价格", input.prices.resident),
        ("prices.staff", "工作人员价格", input.prices.staff),
    ] {
        check_amount(fen, field, label)?;
    }
    let mut tags = Vec::new();
    for t in &input.tags {
        let t = validate::name(t, "tags", "标签", 8)?;
        if t.contains(',') || t.contains('，') {
            return Err(Error::invalid("invalid_tag", "tags", "标签里不能有逗号，请分开添加"));
        }
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let txn = desk.begin_write().await?;
    find_canteen(&txn, canteen_id).await?;
    let clash =
        dish::Entity::find().filter(dish::Column::CanteenId.eq(canteen_id)).filter(dish::Column::Name.eq(name.clone())).one(&txn).await?;
    if clash.is_some_and(|d| Some(d.id) != id) {
        return Err(Error::conflict("name", format!("本食堂已有菜品“{name}”")));
    }
    let mut m = match id {
        Some(id) => {
            let d = dish::Entity::find_by_id(id).one(&txn).await?.filter(|d| d.canteen_id == canteen_id);
            dish::ActiveModel::from(d.ok_or(Error::NotFound { what: "菜品" })?)
        }
        None => dish::ActiveModel { canteen_id: Set(canteen_id), created_at: Set(desk.clock().now()), ..Default::default() },
    };
    m.name = Set(name.clone());
    m.kind = Set(input.kind);
    m.price_elderly = Set(input.prices.elderly);
    m.price_child = Set(input.prices.child);
    m.price_resident = Set(input.prices.resident);
    m.price_staff = Set(input.prices.staff);
    m.tags = Set(tags.join(","));
    m.active = Set(input.active);
    let saved = m.save(&txn).await?;
    let saved: dish::Model = sea_orm::TryIntoModel::try_into_model(saved)?;
    let detail = format!("{}（{}）", name, input.kind.label());
    audit::record_by(desk, &txn, actor, Entry::new(Action::DishSaved).on("dish", saved.id).detail(detail)).await?;
    txn.commit().await?;
    Ok(DishInfo::of(saved))
}

pub(crate) fn check_amount(fen: i64, field: &'static str, label: &str) -> Result<()> {
    if !(0..=MAX_AMOUNT).contains(&fen) {
        return Err(Error::invalid("invalid_amount", field, format!("{label}应在 0 到 1000 元之间")));
    }
    Ok(())
}

/// The canteen a command means: by name or number, or the only active one when none is given.
pub async fn choose(desk: &Desk, actor: &Actor, given: Option<&str>) -> Result<CanteenInfo> {
    let all = list_canteens(desk, actor).await?;
    let names = || all.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join("、");
    match given.map(str::trim).filter(|g| !g.is_empty()) {
        Some(g) => all
            .iter()
            .find(|c| c.name == g || c.id.to_string() == g)
            .cloned()
            .ok_or_else(|| Error::invalid("unknown_canteen", "canteen", format!("没有食堂“{g}”，现有：{}", names()))),
        None => {
            let active: Vec<&CanteenInfo> = all.iter().filter(|c| c.active).collect();
            match active.as_slice() {
                [one] => Ok((*one).clone()),
                [] => Err(Error::invalid("no_canteen", "canteen", "还没有食堂，请先在“社区食堂 → 食堂设置”中新建")),
                _ => Err(Error::invalid("canteen_required", "canteen", format!("有多个食堂，请用 --canteen 指定：{}", names()))),
            }
        }
    }
}
