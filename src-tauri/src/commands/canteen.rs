use super::{command, Result};
use crate::state::AppState;
use caredesk_core::canteen::board::{self, DayBoard};
use caredesk_core::canteen::bookings::{self, BookingInfo, BookingInput, CancelRequest, DayQuery, Quote};
use caredesk_core::canteen::checkin::{self, ScanOutcome};
use caredesk_core::canteen::diners::{self, DinerInput, DinerRow};
use caredesk_core::canteen::ledger::{self, DaySummary, MonthlyClaim};
use caredesk_core::canteen::menu::{self, CopyWeekResult, MenuDay};
use caredesk_core::canteen::model::Slot;
use caredesk_core::canteen::printing::{self, TicketRequest};
use caredesk_core::canteen::schedule::{self, CanteenNow};
use caredesk_core::canteen::setup::{self, CanteenInfo, CanteenInput, DishInfo, DishInput, SlotSettings};
use caredesk_core::canteen::standing::{self, PauseRequest, StandingOrderInfo, StandingOrderInput, StandingOrderSaved};
use caredesk_core::canteen::subsidy::{self, SubsidyRuleInfo, SubsidyRuleInput};
use caredesk_core::print::{save_pdf, PrintedFile};
use chrono::NaiveDate;
use tauri::State;

#[command]
pub async fn canteen_list(state: State<'_, AppState>) -> Result<Vec<CanteenInfo>> {
    let (desk, actor) = state.signed_in().await?;
    setup::list_canteens(&desk, &actor).await
}

#[command]
pub async fn canteen_create(state: State<'_, AppState>, input: CanteenInput) -> Result<CanteenInfo> {
    let (desk, actor) = state.signed_in().await?;
    setup::create_canteen(&desk, &actor, input).await
}

#[command]
pub async fn canteen_update(state: State<'_, AppState>, id: i32, input: CanteenInput) -> Result<CanteenInfo> {
    let (desk, actor) = state.signed_in().await?;
    setup::update_canteen(&desk, &actor, id, input).await
}

#[command]
pub async fn canteen_dishes(state: State<'_, AppState>, canteen_id: i32) -> Result<Vec<DishInfo>> {
    let (desk, actor) = state.signed_in().await?;
    setup::list_dishes(&desk, &actor, canteen_id).await
}

#[command]
pub async fn canteen_save_dish(state: State<'_, AppState>, canteen_id: i32, id: Option<i32>, input: DishInput) -> Result<DishInfo> {
    let (desk, actor) = state.signed_in().await?;
    setup::save_dish(&desk, &actor, canteen_id, id, input).await
}

#[command]
pub async fn canteen_week_menu(state: State<'_, AppState>, canteen_id: i32, date: NaiveDate) -> Result<Vec<MenuDay>> {
    let (desk, actor) = state.signed_in().await?;
    menu::week(&desk, &actor, canteen_id, date).await
}

#[command]
pub async fn canteen_set_menu(
    state: State<'_, AppState>,
    canteen_id: i32,
    date: NaiveDate,
    slot: Slot,
    dish_ids: Vec<i32>,
) -> Result<MenuDay> {
    let (desk, actor) = state.signed_in().await?;
    menu::set_menu(&desk, &actor, canteen_id, date, slot, dish_ids).await
}

#[command]
pub async fn canteen_copy_last_week(state: State<'_, AppState>, canteen_id: i32, date: NaiveDate) -> Result<CopyWeekResult> {
    let (desk, actor) = state.signed_in().await?;
    menu::copy_last_week(&desk, &actor, canteen_id, date).await
}

#[command]
pub async fn canteen_diners(state: State<'_, AppState>, canteen_id: i32, text: Option<String>) -> Result<Vec<DinerRow>> {
    let (desk, actor) = state.signed_in().await?;
    diners::list(&desk, &actor, canteen_id, text).await
}

#[command]
pub async fn canteen_register_diner(state: State<'_, AppState>, canteen_id: i32, input: DinerInput) -> Result<DinerRow> {
    let (desk, actor) = state.signed_in().await?;
    diners::register(&desk, &actor, canteen_id, input).await
}

#[command]
pub async fn canteen_update_diner(state: State<'_, AppState>, id: i32, input: DinerInput) -> Result<DinerRow> {
    let (desk, actor) = state.signed_in().await?;
    diners::update(&desk, &actor, id, input).await
}

#[command]
pub async fn canteen_subsidy_rules(state: State<'_, AppState>) -> Result<Vec<SubsidyRuleInfo>> {
    let (desk, actor) = state.signed_in().await?;
    subsidy::list_rules(&desk, &actor).await
}

#[command]
pub async fn canteen_save_subsidy_rule(state: State<'_, AppState>, id: Option<i32>, input: SubsidyRuleInput) -> Result<SubsidyRuleInfo> {
    let (desk, actor) = state.signed_in().await?;
    subsidy::save_rule(&desk, &actor, id, input).await
}

#[command]
pub async fn canteen_book(state: State<'_, AppState>, input: BookingInput) -> Result<BookingInfo> {
    let (desk, actor) = state.signed_in().await?;
    bookings::book(&desk, &actor, input).await
}

#[command]
pub async fn canteen_cancel(state: State<'_, AppState>, id: i32, request: CancelRequest) -> Result<BookingInfo> {
    let (desk, actor) = state.signed_in().await?;
    bookings::cancel(&desk, &actor, id, request).await
}

#[command]
pub async fn canteen_day_bookings(state: State<'_, AppState>, query: DayQuery) -> Result<Vec<BookingInfo>> {
    let (desk, actor) = state.signed_in().await?;
    bookings::list_day(&desk, &actor, query).await
}

#[command]
pub async fn canteen_walk_in(state: State<'_, AppState>, input: BookingInput) -> Result<BookingInfo> {
    let (desk, actor) = state.signed_in().await?;
    checkin::walk_in(&desk, &actor, input).await
}

#[command]
pub async fn canteen_scan(state: State<'_, AppState>, canteen_id: i32, text: String) -> Result<ScanOutcome> {
    let (desk, actor) = state.signed_in().await?;
    checkin::scan(&desk, &actor, canteen_id, &text).await
}

#[command]
pub async fn canteen_serve(state: State<'_, AppState>, id: i32) -> Result<BookingInfo> {
    let (desk, actor) = state.signed_in().await?;
    checkin::serve(&desk, &actor, id).await
}

#[command]
pub async fn canteen_board(state: State<'_, AppState>, canteen_id: i32, date: NaiveDate) -> Result<DayBoard> {
    let (desk, actor) = state.signed_in().await?;
    board::board(&desk, &actor, canteen_id, date).await
}

#[command]
pub async fn canteen_print_list(state: State<'_, AppState>, canteen_id: i32, date: NaiveDate, slot: Slot) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::canteen_list(&desk, &actor, canteen_id, date, slot).await?;
    save_pdf(&desk, &format!("就餐名单-{date}-{}", slot.label()), out)
}

#[command]
pub async fn canteen_print_tickets(state: State<'_, AppState>, request: TicketRequest) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let stem = format!("餐券-{}", request.from);
    let out = printing::meal_tickets(&desk, &actor, request).await?;
    save_pdf(&desk, &stem, out)
}

#[command]
pub async fn canteen_print_kitchen(state: State<'_, AppState>, canteen_id: i32, date: NaiveDate) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::kitchen_sheet(&desk, &actor, canteen_id, date).await?;
    save_pdf(&desk, &format!("厨房备餐单-{date}"), out)
}

#[command]
pub async fn canteen_print_delivery(state: State<'_, AppState>, canteen_id: i32, date: NaiveDate) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::delivery_sheet(&desk, &actor, canteen_id, date).await?;
    save_pdf(&desk, &format!("送餐路线单-{date}"), out)
}

#[command]
pub async fn canteen_day_summary(state: State<'_, AppState>, canteen_id: i32, date: NaiveDate) -> Result<DaySummary> {
    let (desk, actor) = state.signed_in().await?;
    ledger::day_summary(&desk, &actor, canteen_id, date).await
}

#[command]
pub async fn canteen_monthly_claim(state: State<'_, AppState>, canteen_id: i32, month: String) -> Result<MonthlyClaim> {
    let (desk, actor) = state.signed_in().await?;
    ledger::monthly_claim(&desk, &actor, canteen_id, &month).await
}

#[command]
pub async fn canteen_print_claim(state: State<'_, AppState>, canteen_id: i32, month: String) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = ledger::monthly_claim_pdf(&desk, &actor, canteen_id, &month).await?;
    save_pdf(&desk, &format!("助餐补贴申领表-{}", month.trim()), out)
}

#[command]
pub async fn canteen_export_claim(state: State<'_, AppState>, canteen_id: i32, month: String, save_path: String) -> Result<()> {
    let (desk, actor) = state.signed_in().await?;
    let bytes = ledger::monthly_claim_xlsx(&desk, &actor, canteen_id, &month).await?;
    Ok(std::fs::write(save_path, bytes)?)
}

#[command]
pub async fn canteen_standing_orders(state: State<'_, AppState>, canteen_id: i32) -> Result<Vec<StandingOrderInfo>> {
    let (desk, actor) = state.signed_in().await?;
    standing::list(&desk, &actor, canteen_id).await
}

#[command]
pub async fn canteen_save_standing_order(
    state: State<'_, AppState>,
    id: Option<i32>,
    input: StandingOrderInput,
) -> Result<StandingOrderSaved> {
    let (desk, actor) = state.signed_in().await?;
    let (order, filled) = standing::save(&desk, &actor, id, input).await?;
    Ok(StandingOrderSaved { order, filled })
}

#[command]
pub async fn canteen_pause_standing_order(state: State<'_, AppState>, id: i32, request: PauseRequest) -> Result<StandingOrderInfo> {
    let (desk, actor) = state.signed_in().await?;
    standing::pause(&desk, &actor, id, request).await
}

#[command]
pub async fn canteen_resume_standing_order(state: State<'_, AppState>, id: i32) -> Result<StandingOrderSaved> {
    let (desk, actor) = state.signed_in().await?;
    let (order, filled) = standing::resume(&desk, &actor, id).await?;
    Ok(StandingOrderSaved { order, filled })
}

#[command]
pub async fn canteen_end_standing_order(state: State<'_, AppState>, id: i32) -> Result<StandingOrderSaved> {
    let (desk, actor) = state.signed_in().await?;
    let (order, filled) = standing::end(&desk, &actor, id).await?;
    Ok(StandingOrderSaved { order, filled })
}

#[command]
pub async fn canteen_quote(state: State<'_, AppState>, input: BookingInput) -> Result<Quote> {
    let (desk, actor) = state.signed_in().await?;
    bookings::quote(&desk, &actor, input).await
}

#[command]
pub fn canteen_default_slots() -> Vec<SlotSettings> {
    setup::default_slots()
}

/// Which meal can still be booked and which day the printouts are for, now.
#[command]
pub async fn canteen_now(state: State<'_, AppState>, canteen_id: i32) -> Result<CanteenNow> {
    let (desk, actor) = state.signed_in().await?;
    schedule::canteen_now(&desk, &actor, canteen_id).await
}

register!(
    canteen_list,
    canteen_now,
    canteen_create,
    canteen_update,
    canteen_dishes,
    canteen_save_dish,
    canteen_week_menu,
    canteen_set_menu,
    canteen_copy_last_week,
    canteen_diners,
    canteen_register_diner,
    canteen_update_diner,
    canteen_subsidy_rules,
    canteen_save_subsidy_rule,
    canteen_book,
    canteen_cancel,
    canteen_day_bookings,
    canteen_walk_in,
    canteen_scan,
    canteen_serve,
    canteen_board,
    canteen_print_list,
    canteen_print_tickets,
    canteen_print_kitchen,
    canteen_print_delivery,
    canteen_day_summary,
    canteen_monthly_claim,
    canteen_print_claim,
    canteen_export_claim,
    canteen_standing_orders,
    canteen_save_standing_order,
    canteen_pause_standing_order,
    canteen_resume_standing_order,
    canteen_end_standing_order,
    canteen_quote,
    canteen_default_slots,
);
