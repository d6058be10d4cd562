import type { DinerType } from "../../bindings/DinerType";
import type { DishKind } from "../../bindings/DishKind";
import type { Mode } from "../../bindings/Mode";
import type { Slot } from "../../bindings/Slot";
import { DINER_TYPE_LABELS, DISH_KIND_LABELS, MODE_LABELS, SLOT_LABELS } from "../../bindings/labels";

// The values in the core's order, and their words from the core (ui/src/bindings/labels.ts).
export const SLOTS = Object.keys(SLOT_LABELS) as Slot[];
export const MODES = Object.keys(MODE_LABELS) as Mode[];
export const DINER_TYPES = Object.keys(DINER_TYPE_LABELS) as DinerType[];
export const DISH_KINDS = Object.keys(DISH_KIND_LABELS) as DishKind[];
/** Tags offered for dishes (others may be typed). */
export const TAG_SUGGESTIONS = ["软食", "低盐", "低糖", "清真", "素食"];

export const slotLabel = (s: Slot) => SLOT_LABELS[s];
export const modeLabel = (m: Mode) => MODE_LABELS[m];
export const dinerTypeLabel = (d: DinerType) => DINER_TYPE_LABELS[d];
export const dishKindLabel = (k: DishKind) => DISH_KIND_LABELS[k];

/** Tag colour of a booking status: 已核销 green, 已取消 grey, 已预订 blue. */
export function bookingStatusType(s: string): "success" | "info" | "primary" {
  if (s === "served") return "success";
  if (s === "cancelled") return "info";
  return "primary";
}

/**
 * The weekday checkboxes of a standing order, Monday first. The bit of each box is how
 * `StandingOrderInput.weekdays` encodes it (Monday = 1 … Sunday = 64).
 */
export const WEEKDAYS = [
  { bit: 1, key: "mon" },
  { bit: 2, key: "tue" },
  { bit: 4, key: "wed" },
  { bit: 8, key: "thu" },
  { bit: 16, key: "fri" },
  { bit: 32, key: "sat" },
  { bit: 64, key: "sun" },
] as const;
/** 工作日 and 每天 as checkbox sets. */
export const WORKDAYS_BITS = 31;
export const EVERY_DAY_BITS = 127;

/** "2026-11-28" → "2026-10": the month before, the claim form's default. */
export function previousMonth(date: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  if (!m) return date.slice(0, 7);
  let year = Number(m[1]);
  let month = Number(m[2]) - 1;
  if (month === 0) {
    month = 12;
    year -= 1;
  }
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** Whether the core asks the counter to call attention to this category (独居, 失能, 半失能). */
export function isHighlighted(row: { highlightCategories: string[] }, category: string): boolean {
  return row.highlightCategories.includes(category);
}
