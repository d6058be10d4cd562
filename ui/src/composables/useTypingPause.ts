import { onBeforeUnmount } from "vue";

/** How long typing must pause before a search box asks the core. */
export const SEARCH_DELAY_MS = 250;

/**
 * Search as you type: `typed()` on every keystroke runs `action` once typing pauses; `now()` runs
 * it at once (Enter, clear) and drops a pending run. Nothing runs after the page is left.
 */
export function useTypingPause(action: () => void, delayMs = SEARCH_DELAY_MS) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  function cancel() {
    if (timer) clearTimeout(timer);
    timer = undefined;
  }
  function typed() {
    cancel();
    timer = setTimeout(action, delayMs);
  }
  function now() {
    cancel();
    action();
  }
  onBeforeUnmount(cancel);
  return { typed, now, cancel };
}
