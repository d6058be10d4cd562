import type { BookingInput } from "../bindings/BookingInput";
import type { CancelRequest } from "../bindings/CancelRequest";
import type { CanteenInput } from "../bindings/CanteenInput";
import type { DayQuery } from "../bindings/DayQuery";
import type { DinerInput } from "../bindings/DinerInput";
import type { DishInput } from "../bindings/DishInput";
import type { PauseRequest } from "../bindings/PauseRequest";
import type { Slot } from "../bindings/Slot";
import type { StandingOrderInput } from "../bindings/StandingOrderInput";
import type { SubsidyRuleInput } from "../bindings/SubsidyRuleInput";
import type { TicketRequest } from "../bindings/TicketRequest";
import { call } from "./invoke";

// ---- canteens ----

/** All canteens (active and not), each with its three slots in order. */
export function listCanteens() {
  return call("canteen_list");
}

/**
 * `manageCanteen`. Slot errors name the slot and setting (`slots.lunch.serveFrom`, `slots.dinner.capacity`);
 * "no slot open" names `slots`. `input.active` false closes the canteen (history kept, no new bookings).
 */
export function createCanteen(input: CanteenInput) {
  return call("canteen_create", { input });
}

export function updateCanteen(id: number, input: CanteenInput) {
  return call("canteen_update", { id, input });
}

/** The standard breakfast / lunch / dinner settings a new canteen starts with. */
/** The next meal open for booking and the day printouts are for, decided by the core's clock. */
export function canteenNow(canteenId: number) {
  return call("canteen_now", { canteenId });
}

export function defaultSlots() {
  return call("canteen_default_slots");
}

// ---- dishes and menus ----

/** Active first, set meals before 小碗菜, then by name. */
export function listDishes(canteenId: number) {
  return call("canteen_dishes", { canteenId });
}

/** `id` null creates. Price errors name `prices.elderly` / `prices.child` / `prices.resident` / `prices.staff`. */
export function saveDish(canteenId: number, id: number | null, input: DishInput) {
  return call("canteen_save_dish", { canteenId, id, input });
}

/** Monday to Sunday of the week holding `date`. */
export function weekMenu(canteenId: number, date: string) {
  return call("canteen_week_menu", { canteenId, date });
}

/** Replaces one day-slot's menu with `dishIds`, in that order. */
export function setMenu(canteenId: number, date: string, slot: Slot, dishIds: number[]) {
  return call("canteen_set_menu", { canteenId, date, slot, dishIds });
}

/** Fills the empty day-slots of the week holding `date` from last week. */
export function copyLastWeek(canteenId: number, date: string) {
  return call("canteen_copy_last_week", { canteenId, date });
}

// ---- diners ----

/** `text`: name, pinyin (full or initials) or exact card number. */
export function listDiners(canteenId: number, text: string | null) {
  return call("canteen_diners", { canteenId, text });
}

export function registerDiner(canteenId: number, input: DinerInput) {
  return call("canteen_register_diner", { canteenId, input });
}

export function updateDiner(id: number, input: DinerInput) {
  return call("canteen_update_diner", { id, input });
}

// ---- subsidy rules ----

export function listSubsidyRules() {
  return call("canteen_subsidy_rules");
}

/** `editSubsidyRules`; `id` null creates. An unknown category names `categoryTypeId`. */
export function saveSubsidyRule(id: number | null, input: SubsidyRuleInput) {
  return call("canteen_save_subsidy_rule", { id, input });
}

// ---- bookings ----

/** Rejects with `after_cutoff` (field `slot`) after the cutoff unless `late` (managers only, audited). */
export function book(input: BookingInput) {
  return call("canteen_book", { input });
}

/** Rejects with `after_cutoff` (field `bookingId`) after the cutoff unless `request.late`. */
export function cancelBooking(id: number, request: CancelRequest) {
  return call("canteen_cancel", { id, request });
}

export function dayBookings(query: DayQuery) {
  return call("canteen_day_bookings", { query });
}

/** What a booking would cost (price, subsidy and its rule, payable), before it is made. */
export function quote(input: BookingInput) {
  return call("canteen_quote", { input });
}

// ---- standing orders (长期订餐) ----

export function standingOrders(canteenId: number) {
  return call("canteen_standing_orders", { canteenId });
}

/**
 * `bookMeals`; `id` null creates. Books the coming week at once (`filled`). Errors name `weekdays`,
 * `startDate`, `endDate`, `slot` (closed, or the diner already has an order for it).
 */
export function saveStandingOrder(id: number | null, input: StandingOrderInput) {
  return call("canteen_save_standing_order", { id, input });
}

/** Cancels the order's bookings in the pause that are still before their cutoff. Errors name `from` / `resumeOn`. */
export function pauseStandingOrder(id: number, request: PauseRequest) {
  return call("canteen_pause_standing_order", { id, request });
}

/** Clears the pause and books the coming week (`filled`). */
export function resumeStandingOrder(id: number) {
  return call("canteen_resume_standing_order", { id });
}

/** Ends the order today: it books nothing more. */
export function endStandingOrder(id: number) {
  return call("canteen_end_standing_order", { id });
}

// ---- the counter ----

/** Booked and served at once (today only, canteens that allow walk-ins). */
export function walkIn(input: BookingInput) {
  return call("canteen_walk_in", { input });
}

/** A ticket code is served at once; anything else lists today's matching bookings. */
export function scan(canteenId: number, text: string) {
  return call("canteen_scan", { canteenId, text });
}

/** Serves a booking picked from the matches. */
export function serve(id: number) {
  return call("canteen_serve", { id });
}

export function board(canteenId: number, date: string) {
  return call("canteen_board", { canteenId, date });
}

// ---- the ledger (served meals only) ----

/** Served meals and money of one day, per slot and diner type, with the day's totals. */
export function daySummary(canteenId: number, date: string) {
  return call("canteen_day_summary", { canteenId, date });
}

/** `month` "2026-11"; bad months name `month`. */
export function monthlyClaim(canteenId: number, month: string) {
  return call("canteen_monthly_claim", { canteenId, month });
}

/** 助餐补贴申领表 as a PDF (open with api/print). */
export function printClaim(canteenId: number, month: string) {
  return call("canteen_print_claim", { canteenId, month });
}

/** 助餐补贴申领表 as Excel, written to `savePath` (from `files_choose_save` with kind "xlsx"). */
export function exportClaim(canteenId: number, month: string, savePath: string) {
  return call("canteen_export_claim", { canteenId, month, savePath });
}

// ---- printouts (PDF files in the prints folder; open with api/print) ----

export function printList(canteenId: number, date: string, slot: Slot) {
  return call("canteen_print_list", { canteenId, date, slot });
}

export function printTickets(request: TicketRequest) {
  return call("canteen_print_tickets", { request });
}

export function printKitchen(canteenId: number, date: string) {
  return call("canteen_print_kitchen", { canteenId, date });
}

/** Holds full phones and addresses: every print is written to the audit log. */
export function printDelivery(canteenId: number, date: string) {
  return call("canteen_print_delivery", { canteenId, date });
}
