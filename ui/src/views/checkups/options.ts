import type { BmiClass } from "../../bindings/BmiClass";
import type { BpGrade } from "../../bindings/BpGrade";
import type { FollowupMethod } from "../../bindings/FollowupMethod";
import type { GlucoseClass } from "../../bindings/GlucoseClass";
import type { GlucoseKind } from "../../bindings/GlucoseKind";
import type { ProviderKind } from "../../bindings/ProviderKind";
import type { TaskKind } from "../../bindings/TaskKind";
import {
  BMI_CLASS_LABELS,
  BP_GRADE_LABELS,
  FOLLOWUP_METHOD_LABELS,
  GLUCOSE_CLASS_LABELS,
  GLUCOSE_KIND_LABELS,
  PROVIDER_KIND_LABELS,
  TASK_KIND_LABELS,
} from "../../bindings/labels";
import { t } from "../../i18n";
import { formatDateCn } from "../../utils/format";

/** The core sends codes; the Chinese words for them are the core's too (ui/src/bindings/labels.ts). */
export const bpGradeLabel = (g: BpGrade) => BP_GRADE_LABELS[g];
export const glucoseClassLabel = (c: GlucoseClass) => GLUCOSE_CLASS_LABELS[c];
export const bmiClassLabel = (c: BmiClass) => BMI_CLASS_LABELS[c];
export const taskKindLabel = (k: TaskKind) => TASK_KIND_LABELS[k];
export const methodLabel = (m: FollowupMethod) => FOLLOWUP_METHOD_LABELS[m];
export const glucoseKindLabel = (k: GlucoseKind) => GLUCOSE_KIND_LABELS[k];
export const providerKindLabel = (k: ProviderKind) => PROVIDER_KIND_LABELS[k];

export const FOLLOWUP_METHODS = Object.keys(FOLLOWUP_METHOD_LABELS) as FollowupMethod[];
export const GLUCOSE_KINDS = Object.keys(GLUCOSE_KIND_LABELS) as GlucoseKind[];
export const PROVIDER_KINDS = Object.keys(PROVIDER_KIND_LABELS) as ProviderKind[];
/** The 随访任务 list's "due within" choices, in days. */
export const DUE_WITHIN_CHOICES = [7, 14, 30, 90] as const;

/** The core sends BMI ×10 as an integer; only the display divides. */
export const formatBmi = (bmiX10: number) => (bmiX10 / 10).toFixed(1);
/** Readings are stored in tenths (`glucoseX10` 67 = 6.7); the form shows them as typed. */
export const fromTenths = (x10: number | null) => (x10 == null ? "" : String(x10 / 10));

/** "2026年12月8日" or "2026年12月8日 至 2026年12月10日". */
export function campaignDays(first: string, last: string): string {
  return first === last
    ? t("checkups.campaigns.oneDay", { day: formatDateCn(first) })
    : t("checkups.campaigns.dayRange", { from: formatDateCn(first), to: formatDateCn(last) });
}

/**
 * A typed number ("120", "6.7", full-width "１２０") → number; "" → null; anything else → NaN
 * so the form can say so on its field.
 */
export function parseReading(text: string): number | null {
  const s = text.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (s === "") return null;
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** A slot row in the campaign form; `id` is kept for existing slots (the core keeps their invitees). */
export type SlotDraft = {
  /** For v-for only. */
  key: number;
  id: number | null;
  day: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  /** Invitees already given this slot (from the core; 0 for a new row). */
  assigned: number;
};
