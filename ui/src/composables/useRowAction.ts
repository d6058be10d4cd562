import { ref } from "vue";
import { confirmAction, showError } from "../utils/notify";

/** What the confirmation box says (see `confirmAction`). */
export type RowConfirm = Parameters<typeof confirmAction>[0];

/**
 * An action on one row of a list (停用/启用 a user, a category, a community): first the
 * confirmation naming the object, then the call, while that row's button spins; a failure is shown
 * as the core's message. Several rows may be busy at once, each with its own spinner.
 */
export function useRowAction() {
  const busyIds = ref(new Set<number>());

  /** Resolves true when the action ran and succeeded. */
  async function runOnRow(id: number, confirm: RowConfirm, action: () => Promise<unknown>): Promise<boolean> {
    if (!(await confirmAction(confirm))) return false;
    busyIds.value.add(id);
    try {
      await action();
      return true;
    } catch (e) {
      showError(e);
      return false;
    } finally {
      busyIds.value.delete(id);
    }
  }

  return { busyIds, runOnRow };
}
