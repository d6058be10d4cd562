//! The canteen's printouts: the 就餐名单 (who eats what, signed for at the counter), the 餐券
//! (one QR ticket per meal), the 厨房备餐单 (portions per dish and per special need) and the
//! 送餐路线单 (stops per delivery route, signed for at the door).
//!
//! Each is a pure function from its data to PDF bytes, so the same data and print time give the
//! same text. The title and the date in the page header come from the document itself; the
//! caller's [`PageMeta`] gives the office, 打印人 and 打印时间.

use chrono::NaiveDate;

use crate::clock::day_text;
use crate::error::Result;
use crate::money::{yuan, MoneyTerm};
use crate::print::flow::{gap, paragraph};
use crate::print::fonts::FontSet;
use crate::print::layout::{measure, wrap};
use crate::print::page::{Align, Doc, Orientation, PageMeta};
use crate::print::qr;
use crate::print::table::{Column, Row, Table, Width};
use crate::print::tickets::{draw_grid, Cell, Grid};
use crate::print::PrintOutput;

/// Marks 独居 and 失能 diners on the list, so the counter notices when they do not come.
pub const HIGHLIGHT_MARK: &str = "★";
pub const HIGHLIGHT_NOTE: &str = "注：姓名前标“★”者为独居或失能老人，未按时就餐或取餐时请及时联系本人或家属。";
pub const EMPTY_DAY: &str = "当日无预订。";
pub const PRIVACY_NOTE: &str = "本单含居民电话和住址，仅供送餐使用，用后请妥善处理。";

#[derive(Debug, Clone)]
pub struct ListRow {
    pub name: String,
    pub community: String,
    /// e.g. "独居、低保".
    pub categories: String,
    /// "红烧鱼套餐" or "番茄炒蛋×1、米饭×1".
    pub meal: String,
    pub price: i64,
    pub subsidy: i64,
    pub payable: i64,
    /// Served: its 个人应付 is 实收.
    pub served: bool,
    /// 独居 or 失能: the name is marked with [`HIGHLIGHT_MARK`].
    pub highlight: bool,
}

#[derive(Debug, Clone)]
pub struct ListGroup {
    /// 堂食 / 自取 / 送餐上门.
    pub mode_label: String,
    pub rows: Vec<ListRow>,
}

#[derive(Debug, Clone)]
pub struct CanteenList {
    pub canteen: String,
    pub date: NaiveDate,
    /// "午餐".
    pub slot_label: String,
    pub groups: Vec<ListGroup>,
    pub urgent_note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct TicketData {
    pub canteen: String,
    pub name: String,
    pub date: NaiveDate,
    pub slot_label: String,
    pub meal: String,
    pub mode_label: String,
    pub price: i64,
    pub subsidy: i64,
    pub payable: i64,
    /// The ticket number printed for humans.
    pub number: String,
    /// The exact QR content (ASCII).
    pub code: String,
}

#[derive(Debug, Clone)]
pub struct KitchenDish {
    pub name: String,
    /// 套餐 / 小碗菜.
    pub kind_label: String,
    pub tags: Vec<String>,
    pub dine_in: u32,
    pub take_away: u32,
    pub delivery: u32,
}

#[derive(Debug, Clone)]
pub struct KitchenSlot {
    pub slot_label: String,
    pub dishes: Vec<KitchenDish>,
    /// Portions per tag, e.g. ("软食", 12).
    pub tags: Vec<(String, u32)>,
}

#[derive(Debug, Clone)]
pub struct KitchenSheet {
    pub canteen: String,
    pub date: NaiveDate,
    pub slots: Vec<KitchenSlot>,
}

#[derive(Debug, Clone)]
pub struct DeliveryStop {
    pub name: String,
    pub address: String,
    /// The full number: the courier must be able to call.
    pub phone: String,
    pub slot_label: String,
    pub meal: String,
    pub payable: i64,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct DeliveryRoute {
    /// "一号线（方泰东社区）" or "未分配路线".
    pub route: String,
    pub stops: Vec<DeliveryStop>,
}

#[derive(Debug, Clone)]
pub struct DeliverySheet {
    pub canteen: String,
    pub date: NaiveDate,
    pub routes: Vec<DeliveryRoute>,
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const INFO_SIZE: f32 = 10.5;

fn open(meta: &PageMeta, title: &str, date: String, orientation: Orientation) -> Result<Doc> {
    let meta = PageMeta { title: title.to_string(), date, ..meta.clone() };
    let mut doc = Doc::new(orientation, meta)?;
    doc.ensure_page();
    Ok(doc)
}

fn info_line(doc: &mut Doc, parts: &[(&str, &str)]) {
    let text: Vec<String> = parts.iter().map(|(k, v)| format!("{k}：{v}")).collect();
    gap(doc, 2.0);
    paragraph(doc, &text.join("　"), INFO_SIZE, false, "食堂", 0.0);
    gap(doc, 4.0);
}

fn money(title: &str) -> Column {
    Column::new(title, Width::Pt(54.0)).align(Align::Right)
}

fn count(title: &str) -> Column {
    Column::new(title, Width::Pt(40.0)).align(Align::Right)
}

/// `text` in at most `max_lines` lines of `width`; the last line ends with "…" when some is cut.
fn clip_lines(fonts: &FontSet, text: &str, size: f32, width: f32, max_lines: usize) -> Vec<String> {
    let mut lines = wrap(fonts, text, size, width);
    if lines.len() <= max_lines {
        return lines;
    }
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        while !last.is_empty() && measure(fonts, &format!("{last}…"), size) > width {
            last.pop();
        }
        last.push('…');
    }
    lines
}

// ---------------------------------------------------------------------------------------------
// 就餐名单

#[derive(Debug, Clone, Copy, Default)]
struct ListSums {
    count: usize,
    price: i64,
    subsidy: i64,
    payable: i64,
    collected: i64,
}

impl ListSums {
    fn of(rows: &[ListRow]) -> ListSums {
        rows.iter().fold(ListSums::default(), |s, r| ListSums {
            count: s.count + 1,
            price: s.price + r.price,
            subsidy: s.subsidy + r.subsidy,
            payable: s.payable + r.payable,
            collected: s.collected + if r.served { r.payable } else { 0 },
        })
    }

    fn plus(self, o: ListSums) -> ListSums {
        ListSums {
            count: self.count + o.count,
            price: self.price + o.price,
            subsidy: self.subsidy + o.subsidy,
            payable: self.payable + o.payable,
            collected: self.collected + o.collected,
        }
    }

    fn cells(&self, label: String, with_collected: bool) -> Vec<String> {
        let blank = String::new;
        let mut cells = vec![blank(), label, blank(), blank(), blank(), blank(), yuan(self.price), yuan(self.subsidy), yuan(self.payable)];
        if with_collected {
            cells.push(yuan(self.collected));
        }
        cells.push(blank());
        cells
    }
}

/// The 就餐名单 of one canteen, day and slot: a group per mode with a subtotal, and a total.
///
/// Landscape: eleven columns in portrait leave the meal and the signature too narrow to use.
/// 实收 is a column only once some meal of the list is served: before service nothing is
/// collected, and a column of zeros on tomorrow's list reads as money owed.
pub fn canteen_list(data: &CanteenList, meta: &PageMeta) -> Result<PrintOutput> {
    let date = day_text(data.date);
    let mut doc = open(meta, "就餐名单", date.clone(), Orientation::Landscape)?;
    info_line(&mut doc, &[("食堂", &data.canteen), ("日期", &date), ("餐次", &data.slot_label), ("金额单位", "元")]);
    if let Some(note) = data.urgent_note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        paragraph(&mut doc, &format!("特别提醒：{note}"), INFO_SIZE, true, "特别提醒", 0.0);
        gap(&mut doc, 4.0);
    }
    let groups: Vec<&ListGroup> = data.groups.iter().filter(|g| !g.rows.is_empty()).collect();
    if groups.is_empty() {
        gap(&mut doc, 12.0);
        paragraph(&mut doc, EMPTY_DAY, 14.0, true, "说明", 0.0);
        return Ok(doc.finish());
    }
    let with_collected = groups.iter().flat_map(|g| &g.rows).any(|r| r.served);
    list_table(&groups, with_collected).draw(&mut doc);
    gap(&mut doc, 6.0);
    if groups.iter().flat_map(|g| &g.rows).any(|r| r.highlight) {
        paragraph(&mut doc, HIGHLIGHT_NOTE, 9.0, false, "说明", 0.0);
    }
    paragraph(&mut doc, &money_note(with_collected), 9.0, false, "说明", 0.0);
    Ok(doc.finish())
}

/// The money words of the list, defined on the page itself as in the app.
fn money_note(with_collected: bool) -> String {
    let mut terms = vec![MoneyTerm::Price, MoneyTerm::Subsidy, MoneyTerm::Payable];
    if with_collected {
        terms.push(MoneyTerm::Collected);
    }
    let parts: Vec<String> = terms.iter().map(|t| format!("{}：{}", t.label(), t.definition())).collect();
    format!("注：{}。", parts.join("；"))
}

fn list_table(groups: &[&ListGroup], with_collected: bool) -> Table {
    let mut columns = vec![
        Column::new("序号", Width::Pt(30.0)).align(Align::Right),
        Column::new("姓名", Width::Fr(1.6)),
        Column::new("社区", Width::Fr(1.2)),
        Column::new("类别", Width::Fr(1.1)),
        Column::new("菜品/套餐", Width::Fr(2.4)),
        Column::new("方式", Width::Pt(50.0)),
        money(MoneyTerm::Price.label()),
        money(MoneyTerm::Subsidy.label()),
        money(MoneyTerm::Payable.label()),
    ];
    if with_collected {
        columns.push(money(MoneyTerm::Collected.label()));
    }
    columns.push(Column::signature("签字", Width::Pt(80.0)));
    let mut table = Table::new(columns);
    table.min_row_height = 22.0;
    let mut n = 0;
    let mut total = ListSums::default();
    for group in groups {
        let sums = ListSums::of(&group.rows);
        table.push(Row::group(format!("{}（{} 人）", group.mode_label, sums.count)));
        for r in &group.rows {
            n += 1;
            table.push(list_row(n, &group.mode_label, r, with_collected));
        }
        table.push(Row::subtotal(sums.cells(format!("{}小计：{} 人", group.mode_label, sums.count), with_collected)));
        total = total.plus(sums);
    }
    table.push(Row::total(total.cells(format!("合计：{} 人", total.count), with_collected)));
    table
}

fn list_row(n: usize, mode: &str, r: &ListRow, with_collected: bool) -> Row {
    let mark = if r.highlight { HIGHLIGHT_MARK } else { "" };
    let mut cells = vec![
        n.to_string(),
        format!("{mark}{}", r.name),
        r.community.clone(),
        r.categories.clone(),
        r.meal.clone(),
        mode.to_string(),
        yuan(r.price),
        yuan(r.subsidy),
        yuan(r.payable),
    ];
    if with_collected {
        cells.push(if r.served { yuan(r.payable) } else { String::new() });
    }
    cells.push(String::new());
    Row::body(cells)
}

// ---------------------------------------------------------------------------------------------
// 餐券

const TICKET_PAD: f32 = 8.0;
/// Scanned at the counter from a phone or a cheap reader: 90 pt (32 mm) gives modules of about
/// 3 pt for the usual 25-module codes.
const QR_MAX: f32 = 90.0;
const QR_GAP: f32 = 10.0;

/// 餐券, 10 per A4 page (2 × 5) with dashed cut lines, each with its QR code.
pub fn meal_tickets(items: &[TicketData], meta: &PageMeta) -> Result<PrintOutput> {
    let first = items.first().map(|t| t.date);
    let date = match first {
        Some(d) if items.iter().all(|t| t.date == d) => day_text(d),
        _ => meta.date.clone(),
    };
    let mut doc = Doc::new(Orientation::Portrait, PageMeta { title: "餐券".into(), date, ..meta.clone() })?;
    if items.is_empty() {
        doc.ensure_page();
        paragraph(&mut doc, "没有要打印的餐券。", 12.0, false, "说明", 0.0);
        return Ok(doc.finish());
    }
    // The codes are made first, on all cores: they are a good part of the work.
    let codes = crate::print::on_all_cores(items, |t| qr::modules(t.code.as_bytes())).into_iter().collect::<Result<Vec<_>>>()?;
    draw_grid(&mut doc, Grid::MEAL_TICKETS, items.len(), |doc, cell| {
        ticket(doc, &meta.office, &items[cell.index], &codes[cell.index], cell);
        Ok(())
    })?;
    Ok(doc.finish())
}

fn ticket(doc: &mut Doc, office: &str, t: &TicketData, code: &qr::Modules, cell: &Cell) {
    let left = cell.x + TICKET_PAD;
    let width = cell.width - 2.0 * TICKET_PAD;
    let bottom = cell.y + TICKET_PAD;
    let band_bottom = ticket_band(doc, office, &t.canteen, left, width, cell.y + cell.height - TICKET_PAD);
    let body_top = band_bottom - 5.0;
    let number_h = 11.0;
    let qr_size = (body_top - bottom - number_h).min(QR_MAX);
    let qr_x = left + width - qr_size;
    qr::draw_modules(doc, code, qr_x, body_top - qr_size, qr_size);
    let number = format!("券号 {}", t.number);
    let number_size = fit_size(doc.fonts(), &number, 8.0, 6.0, qr_size + QR_GAP);
    doc.text_in(qr_x - QR_GAP, qr_size + QR_GAP, bottom + 1.0, number_size, &number, Align::Center, "券号");
    ticket_text(doc, t, left, width - qr_size - QR_GAP, body_top, bottom);
}

/// The office and canteen across the top of a ticket, with a rule under them; returns the rule's y.
fn ticket_band(doc: &mut Doc, office: &str, canteen: &str, left: f32, width: f32, top: f32) -> f32 {
    let size = 9.0;
    let line_h = 12.0;
    let gap = 12.0;
    let fits = measure(doc.fonts(), office, size) + gap + measure(doc.fonts(), canteen, size) <= width;
    let mut y = top - size;
    doc.set_bold(true);
    if fits {
        doc.text_in(left, width, y, size, office, Align::Left, "单位名称");
        doc.text_in(left, width, y, size, canteen, Align::Right, "食堂");
    } else {
        for line in clip_lines(doc.fonts(), &format!("{office}　{canteen}"), size, width, 2) {
            doc.text(left, y, size, &line, "食堂");
            y -= line_h;
        }
        y += line_h;
    }
    doc.set_bold(false);
    let rule = y - 4.0;
    doc.line(left, rule, left + width, rule, 0.4, false);
    rule
}

/// The largest size from `max` down to `min` at which `text` fits in `width`.
fn fit_size(fonts: &FontSet, text: &str, max: f32, min: f32, width: f32) -> f32 {
    let at_max = measure(fonts, text, max);
    if at_max <= width {
        return max;
    }
    (max * width / at_max).max(min)
}

/// The left column of a ticket: the name (never cut: smaller, then wrapped), date and slot, mode,
/// and the meal in what is left above the amounts (cut with "…"; the list has it in full).
fn ticket_text(doc: &mut Doc, t: &TicketData, left: f32, width: f32, top: f32, bottom: f32) {
    let name_size = fit_size(doc.fonts(), &t.name, 14.0, 10.0, width);
    let name_lines = wrap(doc.fonts(), &t.name, name_size, width);
    let mut y = top - name_size;
    doc.set_bold(true);
    for line in &name_lines {
        doc.text(left, y, name_size, line, "姓名");
        y -= name_size * 1.3;
    }
    doc.set_bold(false);
    let small = 9.0;
    let step = 13.0;
    y -= 2.0;
    doc.text(left, y, small, &format!("{}　{}", day_text(t.date), t.slot_label), "日期");
    y -= step;
    doc.text(left, y, small, &format!("方式：{}", t.mode_label), "方式");

    let payable_y = bottom + 1.0;
    let amounts_y = payable_y + 16.0;
    let amounts = format!("{} {}　{} {}", MoneyTerm::Price.label(), yuan(t.price), MoneyTerm::Subsidy.label(), yuan(t.subsidy));
    doc.text(left, amounts_y, small, &amounts, "金额");
    doc.set_bold(true);
    let payable = MoneyTerm::Payable.label();
    doc.text(left, payable_y, 12.0, &format!("{payable} {} 元", yuan(t.payable)), payable);
    doc.set_bold(false);

    let room = ((y - step) - (amounts_y + step)) / step + 1.0;
    let max_lines = room.floor().max(1.0) as usize;
    let label = "餐食：";
    let indent = measure(doc.fonts(), label, small);
    doc.text(left, y - step, small, label, "餐食");
    for line in clip_lines(doc.fonts(), &t.meal, small, width - indent, max_lines) {
        y -= step;
        doc.text(left + indent, y, small, &line, "餐食");
    }
}

// ---------------------------------------------------------------------------------------------
// 厨房备餐单

/// The 厨房备餐单: per slot, the portions of each dish by mode with a total, then the portions per
/// tag (软食, 低盐, …).
pub fn kitchen_sheet(data: &KitchenSheet, meta: &PageMeta) -> Result<PrintOutput> {
    let date = day_text(data.date);
    let mut doc = open(meta, "厨房备餐单", date.clone(), Orientation::Portrait)?;
    info_line(&mut doc, &[("食堂", &data.canteen), ("日期", &date)]);
    if data.slots.iter().all(|s| s.dishes.is_empty()) {
        gap(&mut doc, 12.0);
        paragraph(&mut doc, EMPTY_DAY, 14.0, true, "说明", 0.0);
        return Ok(doc.finish());
    }
    for slot in data.slots.iter().filter(|s| !s.dishes.is_empty()) {
        kitchen_slot(&mut doc, slot);
    }
    Ok(doc.finish())
}

fn dish_total(d: &KitchenDish) -> u64 {
    u64::from(d.dine_in) + u64::from(d.take_away) + u64::from(d.delivery)
}

fn kitchen_slot(doc: &mut Doc, slot: &KitchenSlot) {
    let portions: u64 = slot.dishes.iter().map(dish_total).sum();
    gap(doc, 6.0);
    paragraph(doc, &format!("{}（共 {} 份）", slot.slot_label, portions), 13.0, true, "餐次", 60.0);
    gap(doc, 2.0);
    dish_table(slot).draw(doc);
    if !slot.tags.is_empty() {
        gap(doc, 8.0);
        paragraph(doc, "特殊要求份数", 10.0, true, "标签", 40.0);
        gap(doc, 2.0);
        tag_table(slot).draw(doc);
    }
    gap(doc, 10.0);
}

fn dish_table(slot: &KitchenSlot) -> Table {
    let mut table = Table::new(vec![
        Column::new("菜品/套餐", Width::Fr(2.2)),
        Column::new("类型", Width::Pt(48.0)),
        Column::new("标签", Width::Fr(1.4)),
        count("堂食"),
        count("自取"),
        count("送餐"),
        count("合计"),
    ]);
    table.font_size = 10.0;
    let (mut dine, mut take, mut deliver) = (0u64, 0u64, 0u64);
    for d in &slot.dishes {
        dine += u64::from(d.dine_in);
        take += u64::from(d.take_away);
        deliver += u64::from(d.delivery);
        table.push(Row::body(vec![
            d.name.clone(),
            d.kind_label.clone(),
            d.tags.join("、"),
            d.dine_in.to_string(),
            d.take_away.to_string(),
            d.delivery.to_string(),
            dish_total(d).to_string(),
        ]));
    }
    let all = dine + take + deliver;
    let sums = [dine, take, deliver, all].map(|n| n.to_string());
    let mut cells = vec!["合计".to_string(), String::new(), String::new()];
    cells.extend(sums);
    table.push(Row::total(cells));
    table
}

fn tag_table(slot: &KitchenSlot) -> Table {
    let mut table = Table::new(vec![Column::new("标签", Width::Pt(130.0)), Column::new("份数", Width::Pt(60.0)).align(Align::Right)]);
    table.font_size = 10.0;
    for (tag, n) in &slot.tags {
        table.push(Row::body(vec![tag.clone(), n.to_string()]));
    }
    table
}

// ---------------------------------------------------------------------------------------------
// 送餐路线单

/// The 送餐路线单: stops grouped by route with a subtotal each, a total, and the privacy note.
pub fn delivery_sheet(data: &DeliverySheet, meta: &PageMeta) -> Result<PrintOutput> {
    let date = day_text(data.date);
    let mut doc = open(meta, "送餐路线单", date.clone(), Orientation::Portrait)?;
    info_line(&mut doc, &[("食堂", &data.canteen), ("日期", &date), ("金额单位", "元")]);
    let routes: Vec<&DeliveryRoute> = data.routes.iter().filter(|r| !r.stops.is_empty()).collect();
    if routes.is_empty() {
        gap(&mut doc, 12.0);
        paragraph(&mut doc, "当日无送餐。", 14.0, true, "说明", 0.0);
    } else {
        delivery_table(&routes).draw(&mut doc);
    }
    gap(&mut doc, 8.0);
    paragraph(&mut doc, PRIVACY_NOTE, 10.0, true, "说明", 0.0);
    Ok(doc.finish())
}

fn delivery_table(routes: &[&DeliveryRoute]) -> Table {
    let mut table = Table::new(vec![
        Column::new("序号", Width::Pt(28.0)).align(Align::Right),
        Column::new("姓名", Width::Fr(1.2)),
        Column::new("地址", Width::Fr(2.4)),
        Column::new("电话", Width::Pt(68.0)),
        Column::new("餐次", Width::Pt(32.0)),
        Column::new("餐食", Width::Fr(1.9)),
        Column::new(MoneyTerm::Payable.label(), Width::Pt(52.0)).align(Align::Right),
        Column::signature("签收", Width::Pt(56.0)),
    ]);
    table.min_row_height = 24.0;
    let mut n = 0;
    let (mut count_all, mut sum_all) = (0usize, 0i64);
    for route in routes {
        let stops = route.stops.len();
        let sum: i64 = route.stops.iter().map(|s| s.payable).sum();
        table.push(Row::group(format!("{}　共 {stops} 份", route.route)));
        for s in &route.stops {
            n += 1;
            table.push(stop_row(n, s));
        }
        table.push(Row::subtotal(money_cells(format!("小计：{stops} 份"), sum)));
        count_all += stops;
        sum_all += sum;
    }
    table.push(Row::total(money_cells(format!("合计：{count_all} 份"), sum_all)));
    table
}

fn stop_row(n: usize, s: &DeliveryStop) -> Row {
    let note = s.note.trim();
    let address = if note.is_empty() { s.address.clone() } else { format!("{}\n备注：{note}", s.address) };
    Row::body(vec![
        n.to_string(),
        s.name.clone(),
        address,
        s.phone.clone(),
        s.slot_label.clone(),
        s.meal.clone(),
        yuan(s.payable),
        String::new(),
    ])
}

fn money_cells(label: String, sum: i64) -> Vec<String> {
    let blank = String::new;
    vec![blank(), label, blank(), blank(), blank(), blank(), yuan(sum), blank()]
}
