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
