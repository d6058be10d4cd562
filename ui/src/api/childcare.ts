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
 * range), `capacity`, `termEnd`, `weekdays`, `startsAt`, `endsAt`, `missingCallAt`, `selfHomeMinAge`,
 * `monthlyFee`, `reducedFee` (more than the monthly fee) and `staffIds` (a disabled account, a role other
 * than 托育 / 管理员). Staff taken off the program leave its duty grid from today on.
 */
export function saveProgram(id: number | null, input: ProgramInput) {
  return call("childcare_save_program", { id, input });
}

/** 托育, 管理员. The users who may work a program (`staffIds`): enabled 托育 staff and administrators. */
export function listStaffCandidates() {
  return call("childcare_staff_candidates");
}

/** 托育, 管理员. The volunteers who may help at a program (`helperIds`): adults in 在册 status. */
export function listHelperCandidates() {
  return call("childcare_helper_candidates");
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
 * (under 14), `endDate`, `fee` (减免 without 低保 in the household; 按月收费 or 减免 in a program without a
 * monthly fee). The row's `monthlyFee` is what a month costs the family.
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

/**
 * 托育, 管理员. 移出名单 (`active` false) or 恢复 (true): a person taken off the list cannot pick the
 * child up and their 接送卡 is refused; they stay listed (greyed) for the record. Errors name no field.
 */
export function setPersonActive(personId: number, active: boolean) {
  return call("childcare_set_person_active", { personId, active });
}

/**
 * 托育, 管理员. Keeps the photo file at `path` (chosen with api/files, kind "photo") as the person's
 * photo, replacing an earlier one. Errors name `photo` (`photo_too_large`, `photo_format`: JPG or PNG).
 */
export function setPersonPhoto(personId: number, path: string) {
  return call("childcare_set_photo", { personId, path });
}

/** 托育, 管理员. Deletes the person's photo (nothing happens when there is none); errors name no field. */
export function removePersonPhoto(personId: number) {
  return call("childcare_remove_photo", { personId });
}

/** 托育, 管理员 (the desk too). The person's photo as a `data:` URL for an `<img src>`; null without one. */
export function personPhoto(personId: number) {
  return call("childcare_photo", { personId });
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

// ---- 值班表 ----

/**
 * 托育, 管理员. Who is on duty on each day of the month ("YYYY-MM") that the program opens or is closed inside the
 * term, with the program's staff to pick from, the open days nobody is on and each one's days. A
 * malformed month is an error on `month`.
 */
export function dutyMonth(programId: number, month: string) {
  return call("childcare_duty", { programId, month });
}

/**
 * 托育, 管理员. Replaces who is on duty on `day` (empty: nobody); resolves that day. Errors name `day` (the program
 * does not open then) and `userIds` (not the program's staff, more than the core allows on one day).
 */
export function setDuty(programId: number, day: string, userIds: number[]) {
  return call("childcare_set_duty", { programId, day, userIds });
}

/**
 * 托育, 管理员. 自动排班: puts `perDay` staff on each open day of the month nobody is on yet, the fewest days first;
 * days already filled stay as they are. Errors name `programId` (no staff yet) and `perDay`.
 */
export function fillDuty(programId: number, month: string, perDay: number) {
  return call("childcare_fill_duty", { programId, month, perDay });
}

/** 托育, 管理员. 托育值班表 of the month as a PDF (in the prints folder; open with api/print); errors as `dutyMonth`. */
export function printDuty(programId: number, month: string) {
  return call("childcare_print_duty", { programId, month });
}
