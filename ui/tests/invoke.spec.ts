import { beforeEach, describe, expect, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import { AppError, call, setSessionErrorHandler } from "../src/api/invoke";

// This file tests the one helper that wraps Tauri's invoke, so here (only) the Tauri module is mocked.
vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("api/invoke call()", () => {
  beforeEach(() => {
    vi.mocked(invoke).mockReset();
    setSessionErrorHandler(null);
  });

  it("passes command and args through and returns the result", async () => {
    vi.mocked(invoke).mockResolvedValue({ ok: 1 });
    await expect(call("settings_get", { a: 1 } as never)).resolves.toEqual({ ok: 1 });
    expect(invoke).toHaveBeenCalledWith("settings_get", { a: 1 });
  });

  it("turns the core's error payload into an AppError", async () => {
    vi.mocked(invoke).mockRejectedValue({
      code: "conflict",
      message: "名称重复",
      field: "settings.officeName",
      row: 3,
    });
    const err = await call("settings_update", {} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "conflict", message: "名称重复", field: "settings.officeName", row: 3 });
    expect((err as AppError).fieldKey).toBe("officeName");
  });

  it("wraps a plain string rejection", async () => {
    vi.mocked(invoke).mockRejectedValue("invalid args `id` for command `users_set_role`");
    await expect(call("users_set_role", {} as never)).rejects.toMatchObject({ code: "internal", field: null });
  });

  it("reports session errors to the handler and still rejects", async () => {
    const handler = vi.fn();
    setSessionErrorHandler(handler);
    vi.mocked(invoke).mockRejectedValue({ code: "session_locked", message: "已锁定" });
    await expect(call("users_list")).rejects.toMatchObject({ code: "session_locked" });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]![1]).toBe("users_list");

    vi.mocked(invoke).mockRejectedValue({ code: "forbidden", message: "无权限" });
    await expect(call("users_list")).rejects.toMatchObject({ code: "forbidden" });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
