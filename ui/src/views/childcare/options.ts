import { convertFileSrc } from "@tauri-apps/api/core";
import type { DayState } from "../../bindings/DayState";
import type { EnrolmentStatus } from "../../bindings/EnrolmentStatus";
import type { PickupPerson } from "../../bindings/PickupPerson";
import type { PickupStatus } from "../../bindings/PickupStatus";
import {
  ABSENCE_REASON_LABELS,
  ARRIVAL_MODE_LABELS,
  FEE_STATUS_LABELS,
  PROGRAM_KIND_LABELS,
} from "../../bindings/labels";
import type { AbsenceReason } from "../../bindings/AbsenceReason";
import type { ArrivalMode } from "../../bindings/ArrivalMode";
import type { FeeStatus } from "../../bindings/FeeStatus";
import type { ProgramKind } from "../../bindings/ProgramKind";
import { t } from "../../i18n";
import { formatMonthDay } from "../../utils/format";

// The values in the core's order, and their words from the core (ui/src/bindings/labels.ts).
export const PROGRAM_KINDS = Object.keys(PROGRAM_KIND_LABELS) as ProgramKind[];
export const ARRIVAL_MODES = Object.keys(ARRIVAL_MODE_LABELS) as ArrivalMode[];
export const ABSENCE_REASONS = Object.keys(ABSENCE_REASON_LABELS) as AbsenceReason[];
export const FEE_STATUSES = Object.keys(FEE_STATUS_LABELS) as FeeStatus[];

/** The desk's program, remembered on this PC (each desk usually serves one program). */
export const DESK_PROGRAM_KEY = "caredesk.childcare.programId";

// A program's open weekdays use the standing orders' encoding (Monday = 1 … Sunday = 64).
export { EVERY_DAY_BITS, WEEKDAYS, WORKDAYS_BITS } from "../canteen/options";

/**
 * The school term around `today` ("YYYY-MM-DD"), a new program's default: the autumn term runs from
 * 1 September to 20 January, the spring term from 15 February to 10 July. The user corrects it to the
 * local school calendar; the core only needs the end not before the start.
 */
export function schoolTerm(today: string): { start: string; end: string } {
  const m = /^(\d{4})-(\d{2})/.exec(today);
  const year = m ? Number(m[1]) : new Date().getFullYear();
  const month = m ? Number(m[2]) : 9;
  if (month >= 8) return { start: `${year}-09-01`, end: `${year + 1}-01-20` };
  if (month === 1) return { start: `${year - 1}-09-01`, end: `${year}-01-20` };
  return { start: `${year}-02-15`, end: `${year}-07-10` };
}

/** Red for 禁止接送, so it cannot be missed at the door. */
export function pickupStatusType(s: PickupStatus): "success" | "warning" | "danger" {
  if (s === "barred") return "danger";
  if (s === "emergency_only") return "warning";
  return "success";
}

export function enrolmentStatusType(s: EnrolmentStatus): "success" | "warning" | "info" {
  if (s === "enrolled") return "success";
  if (s === "waiting") return "warning";
  return "info";
}

export function dayStateType(s: DayState): "info" | "warning" | "success" | "primary" {
  if (s === "in") return "success";
  if (s === "absent") return "warning";
  if (s === "left") return "primary";
  return "info";
}

/** "11月30日" or "11月30日 至 12月4日": a delegate's days. */
export function delegateDays(p: Pick<PickupPerson, "delegateFrom" | "delegateTo">): string {
  if (!p.delegateFrom || !p.delegateTo) return "";
  if (p.delegateFrom === p.delegateTo) return formatMonthDay(p.delegateFrom);
  return t("childcare.dateRange", { from: formatMonthDay(p.delegateFrom), to: formatMonthDay(p.delegateTo) });
}

/**
 * The address the webview loads a pick-up person's photo from. Outside the app (tests, a plain
 * browser) there is no file protocol: no photo then, the name and the status still show.
 */
export function photoSrc(path: string | null): string | null {
  if (!path) return null;
  try {
    return convertFileSrc(path);
  } catch {
    return null;
  }
}
