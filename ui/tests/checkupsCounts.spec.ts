import { beforeEach, describe, expect, it, vi } from "vitest";
import * as checkups from "../src/api/checkups";
import type { CheckupCounts } from "../src/bindings/CheckupCounts";
import CampaignsPage from "../src/views/checkups/CampaignsPage.vue";
import { appError, mountPage, q, settle, signedInPinia } from "./helpers";

vi.mock("../src/api/checkups");

const COUNTS: CheckupCounts = {
  year: 2026,
  rows: [
    { station: "双桥社区健康服务站", month: "2026-10", checkups: 40, flagged: 6 },
    { station: "双桥社区健康服务站", month: "2026-11", checkups: 72, flagged: 8 },
    { station: "未指定服务站", month: "2026-11", checkups: 8, flagged: 1 },
  ],
  yearTotal: 120,
  yearFlagged: 15,
  flaggedPerMille: 125,
  yearUrgent: 3,
  cumulative: 980,
};

async function open(perms = {}) {
  await mountPage(CampaignsPage, { pinia: signedInPinia({ seeHealthValues: false, ...perms }) });
  await settle(0);
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(checkups.listCampaigns).mockResolvedValue([]);
  vi.mocked(checkups.counts).mockResolvedValue(COUNTS);
});

describe("checkup counts card", () => {
  it("shows the core's figures for this year, and the table by station and month", async () => {
    await open();
    expect(checkups.counts).toHaveBeenCalledWith(2026);
    expect(q('[data-test="counts-cumulative"]')?.textContent).toBe("980");
    expect(q('[data-test="counts-year-total"]')?.textContent).toBe("120");
    expect(q('[data-test="counts-flagged-share"]')?.textContent).toBe("12.5%");
    expect(q('[data-test="counts-urgent"]')?.textContent).toBe("3");

    const rows = [...document.querySelectorAll('[data-test="counts-row"]')];
    expect(rows.map((r) => [r.getAttribute("data-station"), r.getAttribute("data-month")])).toEqual([
      ["双桥社区健康服务站", "2026-10"],
      ["双桥社区健康服务站", "2026-11"],
      ["未指定服务站", "2026-11"],
    ]);
    expect(rows[1]!.textContent).toContain("2026年11月");
    expect(rows[1]!.textContent).toContain("72");
    expect(rows[1]!.textContent).toContain("8");
  });

  it("loads another year when it is chosen", async () => {
    await open();
    vi.mocked(checkups.counts).mockResolvedValue({
      ...COUNTS,
      year: 2025,
      rows: [],
      yearTotal: 0,
      flaggedPerMille: 0,
      yearUrgent: 0,
    });
    q('[data-test="counts-year"] .el-select__wrapper')!.click();
    await settle(50);
    q('[data-test="counts-year-option-2025"]')!.click();
    await settle(0);
    expect(checkups.counts).toHaveBeenLastCalledWith(2025);
    expect(q('[data-test="counts-flagged-share"]')?.textContent).toBe("0.0%");
    expect(q('[data-test="counts-empty"]')?.textContent).toContain("2025年还没有体检记录");
  });

  it("is shown to organisers only, and shows the core's error", async () => {
    vi.mocked(checkups.counts).mockRejectedValue(appError("forbidden", "没有权限查看体检统计"));
    await open();
    expect(q('[data-test="checkup-counts"] [data-test="load-error"]')?.textContent).toContain("没有权限查看体检统计");
  });

  it("is absent without organizeCheckups", async () => {
    await open({ organizeCheckups: false });
    expect(q('[data-test="checkup-counts"]')).toBeNull();
    expect(checkups.counts).not.toHaveBeenCalled();
  });
});
