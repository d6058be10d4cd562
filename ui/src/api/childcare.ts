import type { AbsenceInput } from "../bindings/AbsenceInput";
import type { ArrivalMode } from "../bindings/ArrivalMode";
import type { ClosedDay } from "../bindings/ClosedDay";
import type { EnrolInput } from "../bindings/EnrolInput";
import type { PickupPersonInput } from "../bindings/PickupPersonInput";
import type { ProgramInput } from "../bindings/ProgramInput";
import type { SignOutInput } from "../bindings/SignOutInput";
import { call } from "./invoke";

// Everything here is for `manageChildcare` (托育, 管理员): children's schools, allergies and notes
// are sensitive, so the core refuses every other role.

// ---- programs ----

/** In the order they were created, with the counts 在托 and 候补. */
export function listPrograms() {
  return call("childcare_programs");
}

/**
 * `id` null creates. Errors name `name` (also a duplicate name, a conflict), `place`, `minAge` (the age
 * range), `capacity`, `termEnd`, `weekdays`, `startsAt`, `endsAt`, `missingCallAt`, `selfHomeMinAge`.
 */
export function saveProgram(id: number | null, input: ProgramInput) {
  return call("childcare_save_program", { id, input });
}

/** The program's closed days (停托日), by date. */
export function listClosedDays(programId: number) {
  return call("childcare_closed_days", { programId });
}

/** Replaces all closed days of the program; a repeated date or a missing reason is an error on `days`. */
export function setClosedDays(programId: number, days: ClosedDay[]) {
  return call("childcare_set_closed_days", { programId, days });
}

// ---- enrolment ----

/** Every enrolment of the program, ended ones too; children who left the registry are ended first. */
export function listEnrolments(programId: number) {
  return call("childcare_enrolments", { programId });
}

/**
 * Enrols a child, or puts them at the end of the waiting list when the program is full. Errors name
 * `residentId` (not eligible, outside the age range, already enrolled), `consentDate` / `consentBy`
 * (under 14), `endDate`, `fee` (减免 without 低保 in the household).
 */
export function enrol(programId: number, input: EnrolInput) {
  return call("childcare_enrol", { programId, input });
}

/** Ends an enrolment on `on`; the first child waiting takes the place. Errors name `reason`. */
export function endEnrolment(enrolmentId: number, on: string, reason: string) {
  return call("childcare_end_enrolment", { enrolmentId, on, reason });
}

// ---- pick-up persons and cards ----

export function listPersons(enrolmentId: number) {
  return call("childcare_persons", { enrolmentId });
}

/**
 * Errors name `relationship`, `residentId` (a resident under 18), `name`, `adultConfirmed` (an outside
 * contact not confirmed adult), `delegateTo`, `delegatedBy`, `delegatedHow`, `status` (a delegate not 可接送).
 */
export function addPerson(enrolmentId: number, input: PickupPersonInput) {
  return call("childcare_add_person", { enrolmentId, input });
}

/** The same rules as `addPerson`. */
export function updatePerson(personId: number, input: PickupPersonInput) {
  return call("childcare_update_person", { personId, input });
}

/** 挂失补卡: the card's code is refused from now on; resolves the new card's id (print it with the cards). */
export function revokeCard(cardId: number) {
  return call("childcare_revoke_card", { cardId });
}

// ---- the desk ----

/** The day at the desk: each child's state, the missing-call flag, whether the day is closed. */
export function deskDay(programId: number, date: string) {
  return call("childcare_desk", { programId, date });
}

/**
 * A scanned card or typed name: a child's card signs the child in with `mode`, a pick-up card signs its
 * child out, a name or initials list the matches. Refusals (the core's words) are errors on `code` or
 * `personId`; a refused pick-up has been recorded.
 */
export function scan(programId: number, text: string, mode: ArrivalMode) {
  return call("childcare_scan", { programId, text, mode });
}

/** Today only; errors on `enrolmentId` (already in, waiting, not in force) or `date` (closed). */
export function signIn(enrolmentId: number, mode: ArrivalMode) {
  return call("childcare_sign_in", { enrolmentId, mode });
}

/** Refusals (barred, emergency only, a delegate's other day, …) are errors on `personId`, recorded first. */
export function signOut(enrolmentId: number, input: SignOutInput) {
  return call("childcare_sign_out", { enrolmentId, input });
}

/** Errors name `by` (the guardian) and `date` (already signed in, closed). */
export function recordAbsence(enrolmentId: number, input: AbsenceInput) {
  return call("childcare_absence", { enrolmentId, input });
}

/** 日结; refused on `date` while a child is still in (the message names them). */
export function closeDay(programId: number, date: string) {
  return call("childcare_close_day", { programId, date });
}

/** The refused pick-ups of a child, newest first. */
export function listRefusals(enrolmentId: number) {
  return call("childcare_refusals", { enrolmentId });
}

// ---- printouts (PDF files in the prints folder; open with api/print) ----

/** 每日签到签退表 of the program for `date`. */
export function printRoster(programId: number, date: string) {
  return call("childcare_print_roster", { programId, date });
}

/** 儿童签到卡 and 接送卡 of every child in the program today (not for 禁止接送 persons); missing cards are made. */
export function printCards(programId: number) {
  return call("childcare_print_cards", { programId });
}

// ---- 月度出勤表 ----

/**
 * The month's attendance per child ("YYYY-MM"), with the core's total row; the rate comes in per mille
 * so that only the display divides. A malformed month is an error on `month`.
 */
export function monthReport(programId: number, month: string) {
  return call("childcare_month", { programId, month });
}

/** 月度出勤表 as a PDF (in the prints folder; open with api/print). */
export function printMonth(programId: number, month: string) {
  return call("childcare_print_month", { programId, month });
}

/** 月度出勤表 as an Excel file at `savePath` (chosen with api/files). */
export function exportMonth(programId: number, month: string, savePath: string) {
  return call("childcare_export_month", { programId, month, savePath });
}

/** 联系单: children not come and still in, with the phones to call (audited). */
export function printCallList(programId: number, date: string) {
  return call("childcare_print_call_list", { programId, date });
}
