import type { DayState } from "../../bindings/DayState";
import type { EnrolmentRow } from "../../bindings/EnrolmentRow";
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
import type { ProgramInfo } from "../../bindings/ProgramInfo";
import type { ProgramKind } from "../../bindings/ProgramKind";
import { t } from "../../i18n";
import { formatMonthDay } from "../../utils/format";
import { formatMoney } from "../../utils/money";

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

/** 30000 → "300.00": an amount in 分 as 元 with two decimals, for "…元" texts and 元 columns. */
export function yuanText(fen: number): string {
  return formatMoney(fen).replace("¥", "");
}

/**
 * "每月 300.00 元，低保减免后 100.00 元" (or "…，低保家庭免费"), or "免费" for a program without a
 * monthly fee.
 */
export function programFeeText(p: Pick<ProgramInfo, "monthlyFee" | "reducedFee">): string {
  if (p.monthlyFee <= 0) return t("childcare.fee.free");
  if (p.reducedFee <= 0) return t("childcare.fee.programReducedFree", { monthly: yuanText(p.monthlyFee) });
  return t("childcare.fee.program", { monthly: yuanText(p.monthlyFee), reduced: yuanText(p.reducedFee) });
}

/** "按月收费 · 300.00 元/月"; just the label when the family pays nothing. */
export function enrolmentFeeText(r: Pick<EnrolmentRow, "feeLabel" | "monthlyFee">): string {
  if (r.monthlyFee <= 0) return r.feeLabel;
  return t("childcare.fee.enrolment", { label: r.feeLabel, amount: yuanText(r.monthlyFee) });
}

/** "陈老师、王老师", or "未安排" while the program has no staff. */
export function staffNames(p: Pick<ProgramInfo, "staff">): string {
  return p.staff.length ? p.staff.map((s) => s.name).join("、") : t("childcare.staff.none");
}
