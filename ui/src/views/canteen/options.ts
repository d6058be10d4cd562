import { computed } from "vue";
import type { DinerType } from "../../bindings/DinerType";
import type { DishKind } from "../../bindings/DishKind";
import type { Mode } from "../../bindings/Mode";
import type { Slot } from "../../bindings/Slot";
import { t } from "../../i18n";
import { useSessionStore } from "../../stores/session";
import { officeToday } from "../../utils/format";

export const SLOTS: Slot[] = ["breakfast", "lunch", "dinner"];
export const MODES: Mode[] = ["dine_in", "take_away", "delivery"];
export const DINER_TYPES: DinerType[] = ["elderly", "child", "resident", "staff"];
export const DISH_KINDS: DishKind[] = ["set_meal", "dish"];
/** Tags offered for dishes (others may be typed). */
export const TAG_SUGGESTIONS = ["软食", "低盐", "低糖", "清真", "素食"];

export const slotLabel = (s: Slot) => t(`canteen.slots.${s}`);
export const modeLabel = (m: Mode) => t(`canteen.modes.${m}`);
export const dinerTypeLabel = (d: DinerType) => t(`canteen.dinerTypes.${d}`);
export const dishKindLabel = (k: DishKind) => t(`canteen.dishKinds.${k}`);

/** Today on the office's calendar: the core's date when known (it is the core's "today"). */
export function useToday() {
  const session = useSessionStore();
  return computed(() => session.status?.today || officeToday());
}

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
