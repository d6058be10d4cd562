import { beforeEach, describe, expect, it, vi } from "vitest";
import * as app from "../src/api/app";
import SetupPage from "../src/views/setup/SetupPage.vue";
import { appError, mountPage, q, settle, typeInto } from "./helpers";

vi.mock("../src/api/app");
vi.mock("../src/api/auth");

/** The error text shown by the el-form-item that holds `[data-test=…]`. */
function fieldError(testId: string): string | null {
  const item = q(`[data-test="${testId}"]`)?.closest(".el-form-item");
  return item?.querySelector(".el-form-item__error")?.textContent?.trim() ?? null;
}

async function fill(office: string, user: string, pw: string, pw2: string) {
  await typeInto(q('[data-test="setup-office"]'), office);
  await typeInto(q('[data-test="setup-username"]'), user);
  await typeInto(q('[data-test="setup-password"]'), pw);
  await typeInto(q('[data-test="setup-password2"]'), pw2);
  await settle();
}

describe("SetupPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it("shows the office placeholder and a live password-length hint", async () => {
    await mountPage(SetupPage, { path: "/setup" });
    expect((q('[data-test="setup-office"]') as HTMLInputElement).placeholder).toBe("例如：中阳楼街道办事处");
    expect(q('[data-test="password-hint"]')?.textContent).toContain("已输入 0 位");
    await typeInto(q('[data-test="setup-password"]'), "abc");
    expect(q('[data-test="password-hint"]')?.textContent).toContain("已输入 3 位");
    await typeInto(q('[data-test="setup-password"]'), "abcdefgh");
    expect(q('[data-test="password-hint"]')?.textContent).toContain("符合要求");
  });

  it("blocks mismatched passwords locally, as you type", async () => {
    await mountPage(SetupPage, { path: "/setup" });
    await fill("中阳楼街道办事处", "admin", "secret-123", "secret-124");
    expect(fieldError("setup-password2")).toBe("两次输入的密码不一致");

    q('[data-test="setup-submit"]')!.click();
    await settle();
    expect(app.setupInitialize).not.toHaveBeenCalled();
    expect(fieldError("setup-password2")).toBe("两次输入的密码不一致");
  });

  it("blocks a short password locally", async () => {
    await mountPage(SetupPage, { path: "/setup" });
    await fill("中阳楼街道办事处", "admin", "short", "short");
    q('[data-test="setup-submit"]')!.click();
    await settle();
    expect(app.setupInitialize).not.toHaveBeenCalled();
    expect(fieldError("setup-password")).toBe("密码至少 8 位");
  });

  it("shows the core's error on the field it names", async () => {
    vi.mocked(app.setupInitialize).mockRejectedValue(
      appError("invalid_username", "用户名只能包含字母、数字和下划线", "adminUsername"),
    );
    await mountPage(SetupPage, { path: "/setup" });
    await fill("中阳楼街道办事处", "管理员", "secret-123", "secret-123");
    q('[data-test="setup-submit"]')!.click();
    await settle();

    expect(app.setupInitialize).toHaveBeenCalledWith({
      officeName: "中阳楼街道办事处",
      adminUsername: "管理员",
      password: "secret-123",
      passwordConfirm: "secret-123",
    });
    expect(fieldError("setup-username")).toBe("用户名只能包含字母、数字和下划线");
    expect(fieldError("setup-office")).toBeNull();

    // Editing the field clears the core's error.
    await typeInto(q('[data-test="setup-username"]'), "admin");
    await settle();
    expect(fieldError("setup-username")).toBeNull();
  });

  it("shows an error without a field above the form", async () => {
    vi.mocked(app.setupInitialize).mockRejectedValue(appError("conflict", "已经完成初始化"));
    await mountPage(SetupPage, { path: "/setup" });
    await fill("中阳楼街道办事处", "admin", "secret-123", "secret-123");
    q('[data-test="setup-submit"]')!.click();
    await settle();
    expect(q('[data-test="setup-error"]')?.textContent).toContain("已经完成初始化");
  });

  it("goes to the login page after success", async () => {
    vi.mocked(app.setupInitialize).mockResolvedValue();
    const { router } = await mountPage(SetupPage, { path: "/setup" });
    await fill("中阳楼街道办事处", "admin", "secret-123", "secret-123");
    q('[data-test="setup-submit"]')!.click();
    await settle();
    expect(router.currentRoute.value.name).toBe("login");
    expect(router.currentRoute.value.query.username).toBe("admin");
  });
});
