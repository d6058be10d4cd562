import { inject, onBeforeUnmount, type Ref } from "vue";

type Flag = Readonly<Ref<boolean>>;
import { matchedRouteKey, onBeforeRouteLeave } from "vue-router";
import { useSessionStore } from "../stores/session";
import { confirmDiscard } from "../utils/notify";

const dirtyForms = new Set<Flag>();

/** True when no page has unsaved changes, or the user agreed to discard them. */
export async function confirmLeaveAll(): Promise<boolean> {
  for (const dirty of dirtyForms) {
    if (dirty.value) return confirmDiscard();
  }
  return true;
}

/**
 * A page with a form: asks before its unsaved changes are lost by navigating away or logging out.
 * (When the session has already ended, nothing can be saved, so leaving is not blocked.)
 */
export function useUnsavedGuard(dirty: Flag) {
  const store = useSessionStore();
  dirtyForms.add(dirty);
  onBeforeUnmount(() => dirtyForms.delete(dirty));
  // Outside a <router-view> (a component mounted on its own, e.g. in unit tests) there is no route to leave.
  if (!inject(matchedRouteKey, null)) return;
  onBeforeRouteLeave(async () => (!store.loggedIn || !dirty.value ? true : await confirmDiscard()));
}
