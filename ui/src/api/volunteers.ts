import type { ActivityFilter } from "../bindings/ActivityFilter";
import type { ActivityInput } from "../bindings/ActivityInput";
import type { CorrectionInput } from "../bindings/CorrectionInput";
import type { EvaluationInput } from "../bindings/EvaluationInput";
import type { HonourInput } from "../bindings/HonourInput";
import type { PairingFilter } from "../bindings/PairingFilter";
import type { PairingInput } from "../bindings/PairingInput";
import type { ProofInput } from "../bindings/ProofInput";
import type { TeamInput } from "../bindings/TeamInput";
import type { VisitInput } from "../bindings/VisitInput";
import type { VolunteerInput } from "../bindings/VolunteerInput";
import type { VolunteerQuery } from "../bindings/VolunteerQuery";
import type { VolunteerSettings } from "../bindings/VolunteerSettings";
import { call } from "./invoke";

// Reading (lists, pairings, visits, activities, the service record, the hours report, printouts) is for
// `viewVolunteers` (社工, 管理员, 只读); keeping volunteers, teams, pairings, visits, activities,
// sign-ups, sign-ins, corrections and proofs is for `manageVolunteers` (社工, 管理员). The core decides
// ages, minors, "not visited lately" (`PairingRow.visit`), minutes and hours (`minutesText`, `hours`,
// `totalText`) and what is masked: readers get masked phones.

// ---- volunteers ----

/** 社工, 管理员, 只读. By number; `query.text` matches part of the name, the number or the phone's end. */
export function listVolunteers(query: VolunteerQuery) {
  return call("volunteers_list", { query });
}

/** 社工, 管理员, 只读. One volunteer's row (teams, open pairings, age and `minor` today). */
export function getVolunteer(id: number) {
  return call("volunteers_get", { id });
}

/**
 * 社工, 管理员. `id` null registers a new volunteer (the core gives the next 志愿者编号). A resident's name,
 * ID and birth date come from the registry (`phone` empty: the registry's); an outside person needs them
 * typed. Errors name `residentId` (not eligible, already a volunteer), `name`, `idType`, `idNumber`,
 * `birthDate` (other documents than 居民身份证), `phone`, `guardianConsentOn` (a minor without the
 * guardian's consent: `guardian_consent_required`), `guardianConsentBy`, `skills`, `availability`,
 * `notes`.
 */
export function saveVolunteer(id: number | null, input: VolunteerInput) {
  return call("volunteers_save", { id, input });
}

// ---- teams ----

/** 社工, 管理员, 只读. In the order they were created, with the leader's name and the member count. */
export function listTeams() {
  return call("volunteers_teams");
}

/**
 * 社工, 管理员. `id` null creates; the leader is made a member. Errors name `name` (empty, too long, or a
 * duplicate name: a conflict), `description`, `leaderId` (not a registered volunteer).
 */
export function saveTeam(id: number | null, input: TeamInput) {
  return call("volunteers_save_team", { id, input });
}

// ---- pairings (结对帮扶) ----

/**
 * 社工, 管理员, 只读. `active`: in force today; `overdue`: in force and not visited lately; `all`: ended
 * ones too. The overdue first (most days late first). Pairings of elders who left the registry are ended
 * first.
 */
export function listPairings(filter: PairingFilter) {
  return call("volunteers_pairings", { filter });
}

/** 社工, 管理员, 只读. One pairing with its visit state today. */
export function getPairing(id: number) {
  return call("volunteers_pairing", { id });
}

/**
 * 社工, 管理员. `id` null creates. Errors name `frequencyDays` (1–90), `volunteerIds` (none, not 在册,
 * under 14 on the start date), `elderId` (not eligible, under 60, already paired: a conflict), `notes`.
 */
export function savePairing(id: number | null, input: PairingInput) {
  return call("volunteers_save_pairing", { id, input });
}

/** 社工, 管理员. Ends the pairing on `endDate`; the visits stay. Errors name `reason`, `endDate` (before the start), `id` (already ended). */
export function endPairing(id: number, endDate: string, reason: string) {
  return call("volunteers_end_pairing", { id, endDate, reason });
}

/** 社工, 管理员. Elders of 60 and over, 独居 / 失能 / 半失能 / 空巢, with no pairing in force: 独居 first, the oldest first. */
export function suggestElders() {
  return call("volunteers_suggest_elders");
}

// ---- visits (走访) ----

/** 社工, 管理员, 只读. The pairing's visits, newest first. */
export function listVisits(pairingId: number) {
  return call("volunteers_visits", { pairingId });
}

/**
 * 社工, 管理员. Records a visit; a `healthWorry` puts a 随访任务 on the health staff's list
 * (`followupTaskId`). Errors name `visitedOn` (in the future, outside the pairing), `durationMinutes`
 * (1–600), `nextVisitOn` (not after the visit), `health` (a worry without a word on the elder's health,
 * or too long), `safety`, `mood`, `needs`, `volunteerId` (not one of the pairing's volunteers).
 */
export function recordVisit(pairingId: number, input: VisitInput) {
  return call("volunteers_record_visit", { pairingId, input });
}

// ---- settings ----

/**
 * 社工, 管理员, 只读. The grace days after a visit is due before a pairing counts as not visited, the
 * age under which a volunteer only takes part in activities marked for minors, and the 负责人 and
 * contact phone printed on every 志愿服务证明.
 */
export function volunteerSettings() {
  return call("volunteers_settings");
}

/**
 * 管理员 only. Errors name `visitGraceDays` (0–30), `minorActivityAge` (6–17), `proofPersonInCharge`
 * (too long), `proofContactPhone` (not a phone number).
 */
export function saveVolunteerSettings(settings: VolunteerSettings) {
  return call("volunteers_save_settings", { settings });
}

// ---- printouts (PDF files in the prints folder; open with api/print) ----

/** 社工, 管理员, 只读. 结对帮扶名单: the pairings in force today, the overdue marked. */
export function printPairings() {
  return call("volunteers_print_pairings");
}

/** 社工, 管理员, 只读. 逾期未走访名单, with the volunteers' phones for 社工 and 管理员 (audited). */
export function printOverdue() {
  return call("volunteers_print_overdue");
}

/** 社工, 管理员, 只读. 走访记录表: one page per pairing in force, to fill in by hand. */
export function printVisitForms() {
  return call("volunteers_print_visit_forms");
}

// ---- activities (志愿活动) ----

/** 社工, 管理员, 只读. The newest first; `from` / `to` bound the day held, `status` null is every status. */
export function listActivities(filter: ActivityFilter) {
  return call("volunteers_activities", { filter });
}

/** 社工, 管理员, 只读. One activity with its sign-ups, their pairs and minutes, and the totals. */
export function getActivity(id: number) {
  return call("volunteers_activity", { id });
}

/**
 * 社工, 管理员. `id` null creates; only an open activity may be changed. Times are "HH:MM". Errors name
 * `title`, `heldOn`, `startsAt`, `endsAt` (not a time, not after the start), `place`, `organiser`,
 * `content`, `teamId`, `needs` (a role missing or repeated, people out of range, times outside the
 * activity's, a need with sign-ups removed or made smaller than them), `minorsOk` (a minor already
 * signed up), `activityId` (confirmed or cancelled).
 */
export function saveActivity(id: number | null, input: ActivityInput) {
  return call("volunteers_save_activity", { id, input });
}

/** 社工, 管理员. Calls an open activity off. Errors name `reason` (empty, too long), `activityId` (not open). */
export function cancelActivity(id: number, reason: string) {
  return call("volunteers_cancel_activity", { id, reason });
}

/**
 * 社工, 管理员. Signs a volunteer up, for one of the needs or none. Errors name `volunteerId` (already
 * signed up, not 在册, a minor without consent or too young for this activity), `needId` (not of this
 * activity, full), `activityId` (not open).
 */
export function signUp(activityId: number, volunteerId: number, needId: number | null) {
  return call("volunteers_sign_up", { activityId, volunteerId, needId });
}

/** 社工, 管理员. Takes a sign-up back. Errors name `signupId` (already signed in), `activityId` (not open). */
export function withdraw(signupId: number) {
  return call("volunteers_withdraw", { signupId });
}

/**
 * 社工, 管理员. The scan box: a QR of the 签到表 signs its volunteer in, or out when signed in
 * (`kind` "done", with the core's sentence); a name, initials or number lists the sign-ups it matches
 * (`kind` "matches"). Errors name `code` (empty, forged, another activity's, nobody matching),
 * `activityId` (not today, not open), `volunteerId` (three pairs already).
 */
export function attendanceScan(activityId: number, text: string) {
  return call("volunteers_attendance_scan", { activityId, text });
}

/** 社工, 管理员. Signs one of the listed matches in or out now; errors as `attendanceScan`. */
export function attendanceToggle(activityId: number, volunteerId: number) {
  return call("volunteers_attendance_toggle", { activityId, volunteerId });
}

/**
 * 社工, 管理员. Staff enter a sign-in and sign-out afterwards ("HH:MM" on the activity's day), signing
 * the volunteer up if needed. Errors name `signedIn`, `signedOut` (not a time, not after the sign-in,
 * still to come, overlapping another pair), `volunteerId` (three pairs already, may not take part),
 * `activityId` (not open).
 */
export function enterPair(activityId: number, volunteerId: number, signedIn: string, signedOut: string) {
  return call("volunteers_enter_pair", { activityId, volunteerId, signedIn, signedOut });
}

/**
 * 社工, 管理员. The sign-out ("HH:MM" on the activity's day) of someone who left without scanning. Errors
 * name `signedOut` (bad time, before the sign-in, still to come, already signed out, overlapping another
 * activity: `volunteerId`).
 */
export function closePair(pairId: number, signedOut: string) {
  return call("volunteers_close_pair", { pairId, signedOut });
}

/** 社工, 管理员. Removes one sign-in/sign-out pair. Errors name `activityId` (not open). */
export function removePair(pairId: number) {
  return call("volunteers_remove_pair", { pairId });
}

/**
 * 社工, 管理员. 确认时长: the minutes go into each volunteer's service record and the activity's times
 * can no longer change; `evaluations` are the organiser's, for those given one. Errors name
 * `activityId` (still to come, someone not signed out, not open), `evaluations` (someone not signed up).
 */
export function confirmActivity(id: number, evaluations: EvaluationInput[]) {
  return call("volunteers_confirm_activity", { id, evaluations });
}

/** 社工, 管理员. 签到表: one line per sign-up with its QR code for the scan box. */
export function printSignin(activityId: number) {
  return call("volunteers_print_signin", { activityId });
}

// ---- the service record (服务记录) ----

/** 社工, 管理员, 只读. The volunteer's entries newest first, with corrections, totals and honours. */
export function serviceRecord(volunteerId: number) {
  return call("volunteers_record", { volunteerId });
}

/**
 * 社工, 管理员. Corrects an entry's minutes (kept as a new line, the old value stays visible). Errors
 * name `newMinutes` (out of range, the same as now), `reason`, `requestedBy` (empty, too long).
 */
export function correctEntry(entryId: number, input: CorrectionInput) {
  return call("volunteers_correct_entry", { entryId, input });
}

/** 社工, 管理员. Adds training, a commendation or an evaluation. Errors name `title`, `issuer`, `notes`, `onDate` (in the future). */
export function addHonour(volunteerId: number, input: HonourInput) {
  return call("volunteers_add_honour", { volunteerId, input });
}

// ---- hours (时长统计) ----

/** 社工, 管理员, 只读. Per volunteer with a service in the period, by number, and the 合计. Errors name `to` (before `from`, more than three years). */
export function hoursReport(from: string, to: string) {
  return call("volunteers_hours", { from, to });
}

/** 社工, 管理员, 只读. The hours report as a PDF; errors as `hoursReport`. */
export function printHours(from: string, to: string) {
  return call("volunteers_print_hours", { from, to });
}

/** 社工, 管理员, 只读. The hours report as an Excel file at `savePath` (chosen with api/files); errors as `hoursReport`. */
export function exportHours(from: string, to: string, savePath: string) {
  return call("volunteers_export_hours", { from, to, savePath });
}

// ---- 志愿服务证明 ----

/**
 * 社工, 管理员. Issues a numbered proof of the services in the period and writes its PDF. Errors name
 * `to` (before `from`, in the future), `from` (no service in the period), `proofPersonInCharge` (the
 * administrator has not set the 负责人 and phone yet).
 */
export function issueProof(input: ProofInput) {
  return call("volunteers_issue_proof", { input });
}

/** 社工, 管理员. The same proof printed again (counted in `reprints`). */
export function reprintProof(id: number) {
  return call("volunteers_reprint_proof", { id });
}

/** 社工, 管理员, 只读. The register of proofs, newest first; `volunteerId` null lists everyone's. */
export function listProofs(volunteerId: number | null) {
  return call("volunteers_proofs", { volunteerId });
}
