import type { PairingFilter } from "../bindings/PairingFilter";
import type { PairingInput } from "../bindings/PairingInput";
import type { TeamInput } from "../bindings/TeamInput";
import type { VisitInput } from "../bindings/VisitInput";
import type { VolunteerInput } from "../bindings/VolunteerInput";
import type { VolunteerQuery } from "../bindings/VolunteerQuery";
import type { VolunteerSettings } from "../bindings/VolunteerSettings";
import { call } from "./invoke";

// Reading (lists, pairings, visits, printouts) is for `viewVolunteers` (社工, 管理员, 只读); keeping
// volunteers, teams, pairings and visits is for `manageVolunteers` (社工, 管理员). The core decides ages,
// minors, "not visited lately" (`PairingRow.visit`) and what is masked: readers get masked phones.

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

/** 社工, 管理员, 只读. The grace days after a visit is due before a pairing counts as not visited. */
export function volunteerSettings() {
  return call("volunteers_settings");
}

/** 管理员 only. Errors name `visitGraceDays` (0–30). */
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
