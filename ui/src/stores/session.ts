import { defineStore } from "pinia";
import { computed, ref } from "vue";
import * as appApi from "../api/app";
import * as authApi from "../api/auth";
import { AppError } from "../api/invoke";
import type { AppStatus } from "../bindings/AppStatus";
import type { Permissions } from "../bindings/Permissions";
import type { SessionInfo } from "../bindings/SessionInfo";
import type { UserInfo } from "../bindings/UserInfo";
import { applyTextScale } from "../utils/scale";

const NO_PERMISSIONS: Permissions = {
  manageSystem: false,
  viewAudit: false,
  editResidents: false,
  revealPersonal: false,
  bookMeals: false,
  viewLedger: false,
  manageCanteen: false,
  editSubsidyRules: false,
  organizeCheckups: false,
  seeHealthValues: false,
  editThresholds: false,
  manageChildcare: false,
  viewVolunteers: false,
  manageVolunteers: false,
};

/** A permission's name in `SessionInfo.permissions` (what a route or a tab `needs`). */
export type Permission = keyof Permissions;

export const useSessionStore = defineStore("session", () => {
  const status = ref<AppStatus | null>(null);
  const session = ref<SessionInfo | null>(null);
  /** Lock overlay visible. */
  const locked = ref(false);
  /** Error of the first `app_status` call (the app cannot start). */
  const startupError = ref<AppError | null>(null);
  /** One-off notice for the login page (e.g. after a restore). */
  const notice = ref<string | null>(null);

  const initialized = computed(() => status.value?.initialized ?? false);
  const loggedIn = computed(() => session.value !== null);
  const user = computed<UserInfo | null>(() => session.value?.user ?? null);
  const permissions = computed<Permissions>(() => session.value?.permissions ?? NO_PERMISSIONS);
  /** Whether the user may open what needs `permission` (nothing needed: everyone). */
  function allows(permission: Permission | undefined): boolean {
    return permission === undefined || permissions.value[permission];
  }
  const officeName = computed(() => status.value?.officeName ?? "");
  const todayText = computed(() => status.value?.todayText ?? "");
  const idleLockMinutes = computed(() => session.value?.idleLockMinutes ?? 0);

  function setSession(s: SessionInfo | null) {
    session.value = s;
    locked.value = s?.locked ?? false;
    applyTextScale(s?.user.largeText ?? false);
  }

  /** Loads `app_status`; throws on failure (and records it as startupError). */
  async function loadStatus(): Promise<AppStatus> {
    try {
      const s = await appApi.appStatus();
      status.value = s;
      startupError.value = null;
      setSession(s.session);
      return s;
    } catch (e) {
      startupError.value = AppError.from(e);
      throw startupError.value;
    }
  }

  /** Periodic refresh (date text after midnight, office name, backend idle lock). */
  async function refreshStatus(): Promise<void> {
    const s = await appApi.appStatus();
    status.value = s;
    if (!s.session) {
      if (session.value) endSession();
      return;
    }
    if (s.session.locked) locked.value = true;
  }

  async function login(username: string, password: string): Promise<SessionInfo> {
    const s = await authApi.login(username, password);
    notice.value = null;
    setSession(s);
    return s;
  }

  /** Logs out; the local session ends even if the core call fails. */
  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } catch {
      // The session is dropped locally either way.
    }
    endSession();
  }

  async function lock(): Promise<void> {
    locked.value = true;
    await authApi.lock();
  }

  async function unlock(password: string): Promise<void> {
    const s = await authApi.unlock(password);
    setSession(s);
    locked.value = false;
  }

  async function setLargeText(enabled: boolean): Promise<void> {
    const u = await authApi.setLargeText(enabled);
    if (session.value) session.value = { ...session.value, user: u };
    applyTextScale(u.largeText);
  }

  /** A command said `session_locked`. */
  function markLocked() {
    if (session.value) locked.value = true;
  }

  /** Drops the local session (logout, `not_logged_in`, after a restore). */
  function endSession(message: string | null = null) {
    setSession(null);
    if (status.value) status.value = { ...status.value, session: null };
    notice.value = message;
  }

  function markInitialized(office: string) {
    if (status.value) status.value = { ...status.value, initialized: true, officeName: office };
  }

  function setOfficeName(name: string) {
    if (status.value) status.value = { ...status.value, officeName: name };
  }

  function setIdleLockMinutes(minutes: number) {
    if (session.value) session.value = { ...session.value, idleLockMinutes: minutes };
  }

  return {
    status,
    session,
    locked,
    startupError,
    notice,
    initialized,
    loggedIn,
    user,
    permissions,
    allows,
    officeName,
    todayText,
    idleLockMinutes,
    loadStatus,
    refreshStatus,
    login,
    logout,
    lock,
    unlock,
    setLargeText,
    markLocked,
    endSession,
    markInitialized,
    setOfficeName,
    setIdleLockMinutes,
  };
});
