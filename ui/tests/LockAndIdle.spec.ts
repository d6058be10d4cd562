import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import * as auth from "../src/api/auth";
import type { SessionInfo } from "../src/bindings/SessionInfo";
import LockOverlay from "../src/components/LockOverlay.vue";
import { useIdleLock } from "../src/composables/useIdleLock";
import { useSessionStore } from "../src/stores/session";
import { appError, mountPage, pressEnter, q, typeInto } from "./helpers";

vi.mock("../src/api/auth");
vi.mock("../src/api/app");

const session: SessionInfo = {
  user: {
    id: 2,
    username: "canteen01",
    displayName: "李建国",
    role: "canteen",
    roleLabel: "食堂管理员",
    disabled: false,
    largeText: false,
    lockedUntil: null,
    lastLoginAt: null,
  },
  locked: false,
  idleLockMinutes: 2,
  permissions: {
    manageSystem: false,
    viewAudit: false,
    editResidents: false,
    revealPersonal: false,
    bookMeals: true,
    viewLedger: true,
    manageCanteen: true,
    editSubsidyRules: false,
    organizeCheckups: false,
    seeHealthValues: false,
    editThresholds: false,
    manageChildcare: false,
    viewVolunteers: false,
    manageVolunteers: false,
  },
};

describe("LockOverlay", () => {
  beforeEach(() => vi.resetAllMocks());

  it("shows the user, reports a wrong password and unlocks with the right one", async () => {
    const { pinia } = await mountPage(defineComponent({ render: () => h("div") }));
    const store = useSessionStore(pinia);
    store.session = session;
    store.locked = true;
    await mountPage(LockOverlay, { pinia });
    expect(q('[data-test="lock-user"]')?.textContent).toContain("李建国");
    expect(q('[data-test="lock-user"]')?.textContent).toContain("canteen01");

    vi.mocked(auth.unlock).mockRejectedValueOnce(appError("invalid_credentials", "密码错误，还可尝试 4 次"));
    await typeInto(q('[data-test="unlock-password"]'), "wrong");
    pressEnter(q('[data-test="unlock-password"]'));
    await flushPromises();
    expect(q('[data-test="unlock-error"]')?.textContent).toBe("密码错误，还可尝试 4 次");
    expect(store.locked).toBe(true);

    vi.mocked(auth.unlock).mockResolvedValueOnce(session);
    await typeInto(q('[data-test="unlock-password"]'), "right-password");
    q('[data-test="unlock-submit"]')!.click();
    await flushPromises();
    expect(auth.unlock).toHaveBeenLastCalledWith("right-password");
    expect(store.locked).toBe(false);
  });
});

describe("useIdleLock", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.useFakeTimers();
    vi.mocked(auth.touch).mockResolvedValue();
    vi.mocked(auth.lock).mockResolvedValue();
  });
  afterEach(() => vi.useRealTimers());

  const Host = defineComponent({
    setup() {
      useIdleLock();
      return () => h("div");
    },
  });

  it("touches at most every 30 s while active and locks after the idle minutes", async () => {
    const { pinia } = await mountPage(defineComponent({ render: () => h("div") }));
    const store = useSessionStore(pinia);
    store.session = session; // idleLockMinutes: 2
    await mountPage(Host, { pinia });

    // Activity every 10 s for 60 s: touches at 30 s and 60 s only.
    for (let i = 0; i < 6; i++) {
      vi.advanceTimersByTime(10_000);
      window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    }
    expect(auth.touch).toHaveBeenCalledTimes(2);
    expect(auth.lock).not.toHaveBeenCalled();

    // Then 2 minutes without activity: locked.
    vi.advanceTimersByTime(119_000);
    expect(auth.lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(6_000);
    expect(auth.lock).toHaveBeenCalledTimes(1);
    expect(store.locked).toBe(true);

    // While locked, activity does not touch.
    window.dispatchEvent(new MouseEvent("mousemove"));
    vi.advanceTimersByTime(60_000);
    window.dispatchEvent(new MouseEvent("mousemove"));
    expect(auth.touch).toHaveBeenCalledTimes(2);
  });
});
