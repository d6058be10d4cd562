import { flushPromises } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as auth from "../src/api/auth";
import type { SessionInfo } from "../src/bindings/SessionInfo";
import LoginPage from "../src/views/auth/LoginPage.vue";
import { appError, mountPage, pressEnter, q, typeInto } from "./helpers";

vi.mock("../src/api/auth");
vi.mock("../src/api/app");

const session: SessionInfo = {
  user: {
    id: 1,
    username: "admin",
    displayName: "王主任",
    role: "admin",
    roleLabel: "管理员",
    disabled: false,
    largeText: false,
    lockedUntil: null,
    lastLoginAt: null,
  },
  locked: false,
  idleLockMinutes: 15,
  permissions: {
    manageSystem: true,
    viewAudit: true,
    editResidents: true,
    revealPersonal: true,
    bookMeals: true,
    viewLedger: true,
    manageCanteen: true,
    editSubsidyRules: true,
    organizeCheckups: true,
    seeHealthValues: true,
    editThresholds: true,
    manageChildcare: true,
    viewVolunteers: true,
    manageVolunteers: true,
  },
};

describe("LoginPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it("shows the core's error message when login is rejected", async () => {
    vi.mocked(auth.login).mockRejectedValue(appError("invalid_credentials", "用户名或密码错误，还可尝试 3 次"));
    await mountPage(LoginPage, { path: "/login" });

    await typeInto(q('[data-test="login-username"]'), "admin");
    await typeInto(q('[data-test="login-password"]'), "wrong-password");
    q('[data-test="login-submit"]')!.click();
    await flushPromises();

    expect(auth.login).toHaveBeenCalledWith("admin", "wrong-password");
    expect(q('[data-test="login-error"]')?.textContent).toContain("用户名或密码错误，还可尝试 3 次");
    // The password is cleared for the next try.
    expect((q('[data-test="login-password"]') as HTMLInputElement).value).toBe("");
  });

  it("shows the account-lock message as given by the core", async () => {
    vi.mocked(auth.login).mockRejectedValue(appError("account_locked", "账号已锁定，请 15 分钟后再试"));
    await mountPage(LoginPage, { path: "/login" });
    await typeInto(q('[data-test="login-username"]'), "admin");
    await typeInto(q('[data-test="login-password"]'), "whatever1");
    pressEnter(q('[data-test="login-password"]'));
    await flushPromises();
    expect(q('[data-test="login-error"]')?.textContent).toBe("账号已锁定，请 15 分钟后再试");
  });

  it("submits on Enter and goes to the home page", async () => {
    vi.mocked(auth.login).mockResolvedValue(session);
    const { router } = await mountPage(LoginPage, { path: "/login" });

    await typeInto(q('[data-test="login-username"]'), " admin ");
    await typeInto(q('[data-test="login-password"]'), "secret-123");
    pressEnter(q('[data-test="login-password"]'));
    await flushPromises();

    expect(auth.login).toHaveBeenCalledTimes(1);
    expect(auth.login).toHaveBeenCalledWith("admin", "secret-123");
    expect(router.currentRoute.value.name).toBe("home");
    expect(q('[data-test="login-error"]')).toBeNull();
  });

  it("does not call the core while a field is empty", async () => {
    await mountPage(LoginPage, { path: "/login" });
    await typeInto(q('[data-test="login-username"]'), "admin");
    pressEnter(q('[data-test="login-username"]'));
    await flushPromises();
    expect(auth.login).not.toHaveBeenCalled();
    expect(q('[data-test="login-error"]')?.textContent).toBe("请输入密码");
  });

  it("ignores the Enter that commits an input-method composition", async () => {
    await mountPage(LoginPage, { path: "/login" });
    await typeInto(q('[data-test="login-username"]'), "admin");
    await typeInto(q('[data-test="login-password"]'), "secret-123");
    q('[data-test="login-password"]')!.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true }),
    );
    await flushPromises();
    expect(auth.login).not.toHaveBeenCalled();
  });
});
