import { computed } from "vue";
import { useSessionStore } from "../stores/session";
import { officeToday } from "../utils/format";

/**
 * Today on the office's calendar ("YYYY-MM-DD"). The core's date wins when it is known, because
 * the core decides what "today" is for bookings, sign-in and deadlines; until the status has
 * arrived the window's own reading of Beijing time stands in.
 */
export function useToday() {
  const session = useSessionStore();
  return computed(() => session.status?.today || officeToday());
}
