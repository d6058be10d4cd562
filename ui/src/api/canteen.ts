import type { BookingInfo } from "../bindings/BookingInfo";
import type { BookingInput } from "../bindings/BookingInput";
import type { CancelRequest } from "../bindings/CancelRequest";
import type { CanteenInfo } from "../bindings/CanteenInfo";
import type { CanteenInput } from "../bindings/CanteenInput";
import type { CopyWeekResult } from "../bindings/CopyWeekResult";
import type { DayBoard } from "../bindings/DayBoard";
import type { DayQuery } from "../bindings/DayQuery";
import type { DinerInput } from "../bindings/DinerInput";
import type { DinerRow } from "../bindings/DinerRow";
import type { DishInfo } from "../bindings/DishInfo";
import type { DishInput } from "../bindings/DishInput";
import type { MenuDay } from "../bindings/MenuDay";
import type { PrintedFile } from "../bindings/PrintedFile";
import type { ScanOutcome } from "../bindings/ScanOutcome";
import type { Slot } from "../bindings/Slot";
import type { SubsidyRuleInfo } from "../bindings/SubsidyRuleInfo";
import type { SubsidyRuleInput } from "../bindings/SubsidyRuleInput";
import type { TicketRequest } from "../bindings/TicketRequest";
import { call } from "./invoke";

// ---- canteens ----

/** All canteens (active and not), each with its three slots in order. */
export function listCanteens(): Promise<CanteenInfo[]> {
  return call<CanteenInfo[]>("canteen_list");
}

/** `manageCanteen`; slot errors name `serveFrom` / `serveTo` / `bookingCutoff` / `capacity` / `slots`. */
export function createCanteen(input: CanteenInput): Promise<CanteenInfo> {
  return call<CanteenInfo>("canteen_create", { input });
}

export function updateCanteen(id: number, input: CanteenInput): Promise<CanteenInfo> {
  return call<CanteenInfo>("canteen_update", { id, input });
}

// ---- dishes and menus ----

/** Active first, set meals before 小碗菜, then by name. */
export function listDishes(canteenId: number): Promise<DishInfo[]> {
  return call<DishInfo[]>("canteen_dishes", { canteenId });
}

/** `id` null creates. Price errors name `priceElderly` / `priceChild` / `priceResident` / `priceStaff`. */
export function saveDish(canteenId: number, id: number | null, input: DishInput): Promise<DishInfo> {
  return call<DishInfo>("canteen_save_dish", { canteenId, id, input });
}

/** Monday to Sunday of the week holding `date`. */
export function weekMenu(canteenId: number, date: string): Promise<MenuDay[]> {
  return call<MenuDay[]>("canteen_week_menu", { canteenId, date });
}

/** Replaces one day-slot's menu with `dishIds`, in that order. */
export function setMenu(canteenId: number, date: string, slot: Slot, dishIds: number[]): Promise<MenuDay> {
  return call<MenuDay>("canteen_set_menu", { canteenId, date, slot, dishIds });
}

/** Fills the empty day-slots of the week holding `date` from last week. */
export function copyLastWeek(canteenId: number, date: string): Promise<CopyWeekResult> {
  return call<CopyWeekResult>("canteen_copy_last_week", { canteenId, date });
}

// ---- diners ----

/** `text`: name, pinyin (full or initials) or exact card number. */
export function listDiners(canteenId: number, text: string | null): Promise<DinerRow[]> {
  return call<DinerRow[]>("canteen_diners", { canteenId, text });
}

export function registerDiner(canteenId: number, input: DinerInput): Promise<DinerRow> {
  return call<DinerRow>("canteen_register_diner", { canteenId, input });
}

export function updateDiner(id: number, input: DinerInput): Promise<DinerRow> {
  return call<DinerRow>("canteen_update_diner", { id, input });
}

// ---- subsidy rules ----

export function listSubsidyRules(): Promise<SubsidyRuleInfo[]> {
  return call<SubsidyRuleInfo[]>("canteen_subsidy_rules");
}

/** `editSubsidyRules`; `id` null creates. */
export function saveSubsidyRule(id: number | null, input: SubsidyRuleInput): Promise<SubsidyRuleInfo> {
  return call<SubsidyRuleInfo>("canteen_save_subsidy_rule", { id, input });
}

// ---- bookings ----

/** Rejects with `after_cutoff` (field `slot`) after the cutoff unless `late` (managers only, audited). */
export function book(input: BookingInput): Promise<BookingInfo> {
  return call<BookingInfo>("canteen_book", { input });
}

/** Rejects with `after_cutoff` (field `bookingId`) after the cutoff unless `request.late`. */
export function cancelBooking(id: number, request: CancelRequest): Promise<BookingInfo> {
  return call<BookingInfo>("canteen_cancel", { id, request });
}

export function dayBookings(query: DayQuery): Promise<BookingInfo[]> {
  return call<BookingInfo[]>("canteen_day_bookings", { query });
}

// ---- the counter ----

/** Booked and served at once (today only, canteens that allow walk-ins). */
export function walkIn(input: BookingInput): Promise<BookingInfo> {
  return call<BookingInfo>("canteen_walk_in", { input });
}

/** A ticket code is served at once; anything else lists today's matching bookings. */
export function scan(canteenId: number, text: string): Promise<ScanOutcome> {
  return call<ScanOutcome>("canteen_scan", { canteenId, text });
}

/** Serves a booking picked from the matches. */
export function serve(id: number): Promise<BookingInfo> {
  return call<BookingInfo>("canteen_serve", { id });
}

export function board(canteenId: number, date: string): Promise<DayBoard> {
  return call<DayBoard>("canteen_board", { canteenId, date });
}

// ---- printouts (PDF files in the prints folder; open with api/print) ----

export function printList(canteenId: number, date: string, slot: Slot): Promise<PrintedFile> {
  return call<PrintedFile>("canteen_print_list", { canteenId, date, slot });
}

export function printTickets(request: TicketRequest): Promise<PrintedFile> {
  return call<PrintedFile>("canteen_print_tickets", { request });
}

export function printKitchen(canteenId: number, date: string): Promise<PrintedFile> {
  return call<PrintedFile>("canteen_print_kitchen", { canteenId, date });
}

/** Holds full phones and addresses: every print is written to the audit log. */
export function printDelivery(canteenId: number, date: string): Promise<PrintedFile> {
  return call<PrintedFile>("canteen_print_delivery", { canteenId, date });
}
