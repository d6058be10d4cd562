import { onBeforeUnmount, onMounted } from "vue";
import * as authApi from "../api/auth";
import { useSessionStore } from "../stores/session";

/** `auth_touch` is sent at most this often while the user is active. */
export const TOUCH_INTERVAL_MS = 30_000;
const CHECK_INTERVAL_MS = 5_000;
const ACTIVITY_EVENTS = ["mousemove", "mousedown", "keydown", "wheel", "touchstart"] as const;

/**
 * Tracks mouse/keyboard activity while signed in: keeps the core session alive with `auth_touch`
 * and locks the screen (`auth_lock`) after `idleLockMinutes` without activity.
 */
export function useIdleLock() {
  const store = useSessionStore();
  let lastActivity = Date.now();
  let lastTouch = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;

  function onActivity() {
    if (store.locked || !store.loggedIn) return;
    const now = Date.now();
    lastActivity = now;
    if (now - lastTouch >= TOUCH_INTERVAL_MS) {
      lastTouch = now;
      // session_locked / not_logged_in are handled globally; nothing else matters here.
      authApi.touch().catch(() => undefined);
    }
  }

  function check() {
    if (store.locked || !store.loggedIn) {
      // Coming back from the lock screen counts as activity.
      lastActivity = Date.now();
      lastTouch = lastActivity;
      return;
    }
    const minutes = store.idleLockMinutes;
    if (minutes > 0 && Date.now() - lastActivity >= minutes * 60_000) {
      store.lock().catch(() => undefined);
    }
  }

  onMounted(() => {
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, onActivity, { passive: true, capture: true });
    timer = setInterval(check, CHECK_INTERVAL_MS);
  });

  onBeforeUnmount(() => {
    for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, onActivity, { capture: true });
    if (timer) clearInterval(timer);
  });
}
