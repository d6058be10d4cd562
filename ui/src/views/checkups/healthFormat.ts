import type { Condition } from "../../bindings/Condition";
import type { Reading } from "../../bindings/Reading";
import { t } from "../../i18n";
import { glucoseKindLabel } from "./options";

/** The chronic conditions the core manages, in the order the editor lists them. */
export const CONDITIONS: Condition[] = ["hypertension", "diabetes"];
export const conditionLabel = (c: Condition) => t(`checkups.conditions.names.${c}`);

/** "150/95", or null when the pressure was not taken. */
export function bpText(reading: Reading): string | null {
  if (reading.systolic == null || reading.diastolic == null) return null;
  return t("checkups.health.bpValue", { systolic: reading.systolic, diastolic: reading.diastolic });
}

/** "6.7（空腹）" from the stored tenths, or null when glucose was not taken. */
export function glucoseText(reading: Reading): string | null {
  if (reading.glucoseX10 == null) return null;
  const value = (reading.glucoseX10 / 10).toFixed(1);
  return reading.glucoseKind
    ? t("checkups.health.glucoseCell", { value, kind: glucoseKindLabel(reading.glucoseKind) })
    : value;
}

/** The core sends the flagged share in per mille so that only the display divides: 125 → "12.5%". */
export function perMilleText(perMille: number): string {
  return t("checkups.counts.percent", { value: (perMille / 10).toFixed(1) });
}

/** "2026-11" → "2026年11月". */
export function monthText(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? t("checkups.counts.monthText", { year: m[1]!, month: Number(m[2]) }) : month;
}
