import type { CampaignInput } from "../bindings/CampaignInput";
import type { ConditionEntry } from "../bindings/ConditionEntry";
import type { FollowupInput } from "../bindings/FollowupInput";
import type { ProviderInput } from "../bindings/ProviderInput";
import type { ReadingInput } from "../bindings/ReadingInput";
import type { StationInput } from "../bindings/StationInput";
import type { Thresholds } from "../bindings/Thresholds";
import { call } from "./invoke";

// ---- stations and providers (`organizeCheckups` to save) ----

export function listStations() {
  return call("checkups_stations");
}

/** `id` null adds. A duplicate name is a conflict on `name`. */
export function saveStation(id: number | null, input: StationInput) {
  return call("checkups_save_station", { id, input });
}

export function listProviders() {
  return call("checkups_providers");
}

/** `input.doctors`: names separated by "、" or commas. */
export function saveProvider(id: number | null, input: ProviderInput) {
  return call("checkups_save_provider", { id, input });
}

// ---- campaigns ----

/** Newest first, with counts (invited, signed in, checked) and slots with how many are assigned. */
export function listCampaigns() {
  return call("checkups_campaigns");
}

export function getCampaign(id: number) {
  return call("checkups_campaign", { id });
}

/**
 * `organizeCheckups`; `id` null creates. Slot errors are on `slots` (the message names the slot); a slot with
 * invitees cannot be removed or shrunk below them (`slot_in_use`). Keep `SlotInput.id` for existing slots.
 */
export function saveCampaign(id: number | null, input: CampaignInput) {
  return call("checkups_save_campaign", { id, input });
}

// ---- invitations and sign-in (`organizeCheckups`) ----

/** Residents the target rule proposes who are not invited yet (eligible on the first day). */
export function propose(campaignId: number) {
  return call("checkups_propose", { campaignId });
}

/** Each into the earliest slot with room; all or nothing (`no_room`, `not_eligible` on `residentIds`). */
export function invite(campaignId: number, residentIds: number[]) {
  return call("checkups_invite", { campaignId, residentIds });
}

/** In slot order, walk-ins last. */
export function listInvitations(campaignId: number) {
  return call("checkups_invitations", { campaignId });
}

/** Invitees found by name, pinyin or initials ("wxy"), or the last digits of the ID number or phone. */
export function findInvitees(campaignId: number, text: string) {
  return call("checkups_find_invitees", { campaignId, text });
}

/** A full slot is `slot_full` on `slotId`. */
export function moveToSlot(invitationId: number, slotId: number) {
  return call("checkups_move_to_slot", { invitationId, slotId });
}

/** Only before sign-in. */
export function withdraw(invitationId: number) {
  return call("checkups_withdraw", { invitationId });
}

/** Only on the campaign's days; signing in twice keeps the first time. */
export function signIn(invitationId: number) {
  return call("checkups_sign_in", { invitationId });
}

/** The text a scanner types from a slip's QR (`CK1-…`); forged or other campaigns' slips are refused on `code`. */
export function signInBySlip(campaignId: number, code: string) {
  return call("checkups_sign_in_by_slip", { campaignId, code });
}

/** Someone who came without an invitation: signed in now, no slot. */
export function walkIn(campaignId: number, residentId: number) {
  return call("checkups_walk_in", { campaignId, residentId });
}

// ---- results and follow-ups (`seeHealthValues`) ----

/**
 * Saves or corrects an invitee's readings; implausible values are refused on their field
 * (`systolic`, `diastolic`, `heartRate`, `glucose`, `glucoseKind`, `height`, `weight`, `waist`, `notes`).
 * Returns the flags (computed in the core) and the follow-up tasks scheduled.
 */
export function saveResult(invitationId: number, reading: ReadingInput) {
  return call("checkups_save_result", { invitationId, reading });
}

export function getResult(invitationId: number) {
  return call("checkups_result", { invitationId });
}

/** Open tasks due within `dueWithin` days (default 7; overdue included): urgent, then overdue, then by date. */
export function listTasks(dueWithin: number | null) {
  return call("checkups_tasks", { dueWithin });
}

/** Urgent referrals and referrals not yet handled; empty for roles without `seeHealthValues`. */
export function urgentAlerts() {
  return call("checkups_urgent_alerts");
}

/** Closes `input.taskId` and schedules the next follow-up by the rules. */
export function recordFollowup(input: FollowupInput) {
  return call("checkups_record_followup", { input });
}

/** Known hypertension / diabetes; a new one gets a routine follow-up due today. */
export function setConditions(residentId: number, entries: ConditionEntry[]) {
  return call("checkups_set_conditions", { residentId, entries });
}

export function getThresholds() {
  return call("checkups_thresholds");
}

/** `editThresholds` (admin): saved as a new version; earlier results keep theirs. */
export function saveThresholds(thresholds: Thresholds) {
  return call("checkups_save_thresholds", { thresholds });
}

// ---- printouts (saved in the prints folder; open with `openPrinted`) ----

/** 体检名单: masked ID numbers and phones, empty columns for the doctors; sorted by slot. */
export function printList(campaignId: number) {
  return call("checkups_print_list", { campaignId });
}

/** 体检通知单, 8 per page, each with its sign-in QR code. */
export function printSlips(campaignId: number) {
  return call("checkups_print_slips", { campaignId });
}

/** 随访任务单 (`seeHealthValues`; holds readings, so printing it is audited). */
export function printTasks(dueWithin: number | null) {
  return call("checkups_print_tasks", { dueWithin });
}

// ---- the resident's health page, counts, and the hospital's sheet ----

/** Values, series, conditions and tasks only with `seeHealthValues`; others see dates only. */
export function healthPage(residentId: number) {
  return call("checkups_health_page", { residentId });
}

/** Check-ups per station and month of `year`, the flagged share (per mille) and the cumulative total. */
export function counts(year: number) {
  return call("checkups_counts", { year });
}

/** Dry run of the hospital's result sheet (`path` from `files_choose_open`): row by row, nothing written. */
export function importPreview(path: string) {
  return call("checkups_import_preview", { path });
}

/** Writes every row without errors in one transaction (or nothing). */
export function importCommit(path: string) {
  return call("checkups_import_commit", { path });
}
