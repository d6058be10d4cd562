import { beforeEach, describe, expect, it, vi } from "vitest";
import * as files from "../src/api/files";
import * as print from "../src/api/print";
import * as volunteers from "../src/api/volunteers";
import HoursPage from "../src/views/volunteers/HoursPage.vue";
import { appError, mountPage, q, settle, signedInPinia } from "./helpers";
import { PRINTED, hoursRow } from "./volunteersFixtures";

vi.mock("../src/api/volunteers");
vi.mock("../src/api/print");
vi.mock("../src/api/files");

const STUBS = { DateInput: true };
const all = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];

const REPORT = {
  from: "2026-01-01",
  to: "2026-11-28",
  rows: [
    hoursRow(7, "张建国"),
    hoursRow(8, "李芳", { hours: "1.0", totalMinutes: 60, correctedMinutes: -15, correctedHours: "-0.3" }),
  ],
  total: hoursRow(0, "合计", { teams: "", activities: 4, totalMinutes: 405, hours: "6.8" }),
};

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(print.openPrinted).mockResolvedValue(undefined);
});

describe("hours page", () => {
  it("asks for this year so far (the core's today) and shows the rows and the 合计", async () => {
    vi.mocked(volunteers.hoursReport).mockResolvedValue(REPORT);
    await mountPage(HoursPage, { pinia: signedInPinia(), stubs: STUBS });
    await settle(0);
    expect(volunteers.hoursReport).toHaveBeenCalledWith("2026-01-01", "2026-11-28");
    const rows = all('[data-test="hours-row"]');
    expect(rows.map((r) => r.getAttribute("data-name"))).toEqual(["张建国", "李芳"]);
    expect(rows[1]!.querySelector('[data-test="hours-value"]')?.textContent).toBe("1.0");
    expect(rows[1]!.textContent).toContain("-0.3");
    expect(rows[0]!.textContent).toContain("5.0");
    const total = q('[data-test="hours-total"]')!;
    expect(total.textContent).toContain("合计");
    expect(total.querySelector('[data-test="hours-value"]')?.textContent).toBe("6.8");
    expect(q('[data-test="hours-scope"]')?.textContent).toContain("2026年1月1日 至 2026年11月28日，共 2 名志愿者");
  });

  it("打印 and 导出 Excel send the period", async () => {
    vi.mocked(volunteers.hoursReport).mockResolvedValue(REPORT);
    await mountPage(HoursPage, { pinia: signedInPinia(), stubs: STUBS });
    await settle(0);
    vi.mocked(volunteers.printHours).mockResolvedValueOnce(PRINTED);
    q('[data-test="hours-print"]')!.click();
    await settle(0);
    expect(volunteers.printHours).toHaveBeenCalledWith("2026-01-01", "2026-11-28");
    expect(print.openPrinted).toHaveBeenCalledWith(PRINTED.path);

    vi.mocked(files.chooseSaveFile).mockResolvedValueOnce("/tmp/时长.xlsx");
    vi.mocked(volunteers.exportHours).mockResolvedValueOnce(undefined);
    q('[data-test="hours-export"]')!.click();
    await settle(0);
    expect(files.chooseSaveFile).toHaveBeenCalledWith("xlsx", "志愿服务时长统计_20260101_20261128.xlsx");
    expect(volunteers.exportHours).toHaveBeenCalledWith("2026-01-01", "2026-11-28", "/tmp/时长.xlsx");
    expect(document.body.textContent).toContain("已导出：/tmp/时长.xlsx");
  });

  it("says so when nobody served, and shows the core's refusal", async () => {
    vi.mocked(volunteers.hoursReport).mockResolvedValueOnce({ ...REPORT, rows: [] });
    await mountPage(HoursPage, { pinia: signedInPinia(), stubs: STUBS });
    await settle(0);
    expect(q('[data-test="hours-total"]')).toBeNull();
    expect(q('[data-test="hours-empty"]')?.textContent).toContain("这段时间没有志愿服务记录");

    document.body.innerHTML = "";
    vi.mocked(volunteers.hoursReport).mockRejectedValueOnce(appError("period_too_long", "统计期间最长三年", "to"));
    await mountPage(HoursPage, { pinia: signedInPinia(), stubs: STUBS });
    await settle(0);
    expect(q('[data-test="hours-error"]')?.textContent).toContain("统计期间最长三年");
  });
});
