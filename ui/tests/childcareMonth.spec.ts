import { beforeEach, describe, expect, it, vi } from "vitest";
import * as childcare from "../src/api/childcare";
import * as files from "../src/api/files";
import * as print from "../src/api/print";
import type { MonthReport } from "../src/bindings/MonthReport";
import type { MonthRow } from "../src/bindings/MonthRow";
import type { ProgramInfo } from "../src/bindings/ProgramInfo";
import MonthPage from "../src/views/childcare/MonthPage.vue";
import { DESK_PROGRAM_KEY } from "../src/views/childcare/options";
import { LARGE_1366_TABLE, columnWidths, headers, largeTextAt1366, sum, wideWindow } from "./columnsFit";
import { appError, mountPage, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/childcare");
vi.mock("../src/api/files");
vi.mock("../src/api/print");

const PROGRAM = { id: 3, name: "四点半课堂", kind: "after_school", kindLabel: "课后托管", active: true } as ProgramInfo;
const OTHER = { ...PROGRAM, id: 4, name: "童乐驿站" } as ProgramInfo;

function monthRow(enrolmentId: number, name: string, extra: Partial<MonthRow> = {}): MonthRow {
  return {
    enrolmentId,
    name,
    dueDays: 20,
    attended: 18,
    sick: 1,
    personal: 0,
    other: 0,
    unexcused: 1,
    ratePermille: 900,
    rate: "90.0%",
    late: 0,
    fee: 0,
    ...extra,
  };
}

const REPORT: MonthReport = {
  program: "四点半课堂",
  month: "2026年11月",
  firstDay: "2026-11-01",
  lastDay: "2026-11-30",
  openDays: 21,
  charges: false,
  rows: [
    monthRow(7, "王小明", { dueDays: 20, ratePermille: 925, rate: "92.5%", late: 2 }),
    monthRow(8, "刘佳", { dueDays: 21, attended: 21, sick: 0, unexcused: 0, ratePermille: 1000, rate: "100.0%" }),
  ],
  // The core's sums; deliberately not what the rows add up to, so the page must not add them itself.
  total: monthRow(0, "合计", {
    dueDays: 41,
    attended: 39,
    sick: 1,
    personal: 0,
    other: 0,
    unexcused: 1,
    ratePermille: 951,
    rate: "95.1%",
    late: 2,
  }),
};

beforeEach(() => {
  vi.resetAllMocks();
  localStorage.removeItem(DESK_PROGRAM_KEY);
  vi.mocked(childcare.listPrograms).mockResolvedValue([PROGRAM, OTHER]);
  vi.mocked(childcare.monthReport).mockResolvedValue(REPORT);
});

const row = (name: string) => q(`[data-test="childcare-month-row"][data-name="${name}"]`);

async function open(pinia = signedInPinia()) {
  const mounted = await mountPage(MonthPage, { pinia });
  await settle(0);
  return mounted;
}

describe("childcare 月度出勤表", () => {
  it("loads the remembered program's report for the current month", async () => {
    localStorage.setItem(DESK_PROGRAM_KEY, "4");
    await open();
    expect(childcare.listPrograms).toHaveBeenCalled();
    // signedInPinia's core today is 2026-11-28.
    expect(childcare.monthReport).toHaveBeenCalledWith(4, "2026-11");
    expect((q('[data-test="childcare-month-month"]') as HTMLInputElement).value).toBe("2026-11");
    expect(q('[data-test="childcare-month-scope"]')?.textContent).toBe(
      "四点半课堂 · 2026年11月（11月1日 至 11月30日） · 开放 21 天 · 在册 2 人",
    );
  });

  it("shows each child's counts, the core's rate and the core's total row", async () => {
    wideWindow();
    await open();
    expect(childcare.monthReport).toHaveBeenCalledWith(3, "2026-11");
    expect(localStorage.getItem(DESK_PROGRAM_KEY)).toBe("3");
    const names = [...document.querySelectorAll('[data-test="childcare-month-row"]')].map((r) =>
      r.getAttribute("data-name"),
    );
    expect(names).toEqual(["王小明", "刘佳"]);
    const cells = [...row("王小明")!.querySelectorAll("td")].map((td) => td.textContent?.trim());
    expect(cells).toEqual(["1", "王小明", "20", "18", "1", "0", "0", "1", "92.5%", "2"]);
    expect(row("刘佳")?.querySelector('[data-test="childcare-month-rate"]')?.textContent).toBe("100.0%");

    const footer = q('[data-test="childcare-month-table"] .el-table__footer-wrapper');
    const totals = [...footer!.querySelectorAll("td")].map((td) => td.textContent?.trim());
    expect(totals).toEqual(["合计", "", "41", "39", "1", "0", "0", "1", "95.1%", "2"]);
  });

  it("adds the 月费（元） column, in the total row too, only for a program that charges", async () => {
    wideWindow();
    vi.mocked(childcare.monthReport).mockResolvedValue({
      ...REPORT,
      charges: true,
      rows: [
        monthRow(7, "王小明", { ratePermille: 925, rate: "92.5%", late: 2, fee: 30000 }),
        monthRow(8, "刘佳", { fee: 10000 }),
      ],
      // The core's sum.
      total: { ...REPORT.total, fee: 40000 },
    });
    await open();
    expect(headers("childcare-month-table")).toContain("月费（元）");
    expect(row("王小明")?.querySelector('[data-test="childcare-month-fee"]')?.textContent).toBe("300.00");
    expect(row("刘佳")?.querySelector('[data-test="childcare-month-fee"]')?.textContent).toBe("100.00");
    const footer = q('[data-test="childcare-month-table"] .el-table__footer-wrapper');
    const totals = [...footer!.querySelectorAll("td")].map((td) => td.textContent?.trim());
    expect(totals).toEqual(["合计", "", "41", "39", "1", "0", "0", "1", "95.1%", "2", "400.00"]);
  });

  it("without fees there is no fee column", async () => {
    wideWindow();
    await open();
    expect(headers("childcare-month-table")).not.toContain("月费（元）");
    expect(q('[data-test="childcare-month-fee"]')).toBeNull();
  });

  it("reloads for another month", async () => {
    await open();
    const month = q('[data-test="childcare-month-month"]') as HTMLInputElement;
    await typeInto(month, "2026-10");
    month.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    month.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(0);
    expect(childcare.monthReport).toHaveBeenLastCalledWith(3, "2026-10");
  });

  it("says so when nobody was enrolled that month", async () => {
    vi.mocked(childcare.monthReport).mockResolvedValue({
      ...REPORT,
      rows: [],
      total: monthRow(0, "合计", { dueDays: 0, attended: 0, sick: 0, unexcused: 0, ratePermille: 0, rate: "—" }),
    });
    await open();
    expect(q('[data-test="childcare-month-empty"]')?.textContent).toContain("这个月没有在册的儿童");
    expect(q('[data-test="childcare-month-scope"]')?.textContent).toContain("在册 0 人");
  });

  it("prints the PDF and exports the Excel file to the chosen path", async () => {
    vi.mocked(childcare.printMonth).mockResolvedValue({
      path: "/data/prints/月度出勤表-四点半课堂-2026-11.pdf",
      fileName: "月度出勤表-四点半课堂-2026-11.pdf",
      pages: 1,
      unprintable: [],
    });
    vi.mocked(print.openPrinted).mockResolvedValue();
    vi.mocked(files.chooseSaveFile).mockResolvedValue("D:/托育/月度出勤表-四点半课堂-2026-11.xlsx");
    vi.mocked(childcare.exportMonth).mockResolvedValue();
    await open();

    q('[data-test="childcare-month-print"]')!.click();
    await settle(0);
    expect(childcare.printMonth).toHaveBeenCalledWith(3, "2026-11");
    expect(print.openPrinted).toHaveBeenCalledWith("/data/prints/月度出勤表-四点半课堂-2026-11.pdf");

    q('[data-test="childcare-month-export"]')!.click();
    await settle(0);
    expect(files.chooseSaveFile).toHaveBeenCalledWith("xlsx", "月度出勤表-四点半课堂-2026-11.xlsx");
    expect(childcare.exportMonth).toHaveBeenCalledWith(3, "2026-11", "D:/托育/月度出勤表-四点半课堂-2026-11.xlsx");
    expect(q(".el-message--success")?.textContent).toContain("已导出：D:/托育/月度出勤表-四点半课堂-2026-11.xlsx");

    // Cancelling the save dialog exports nothing.
    vi.mocked(files.chooseSaveFile).mockResolvedValue(null);
    q('[data-test="childcare-month-export"]')!.click();
    await settle(0);
    expect(childcare.exportMonth).toHaveBeenCalledTimes(1);
  });

  it("shows the core's message when the report fails", async () => {
    const message = "月份“2026-13”无效，请写成 2026-11";
    vi.mocked(childcare.monthReport).mockRejectedValue(appError("invalid_month", message, "month"));
    await open();
    expect(q('[data-test="childcare-month-error"]')?.textContent).toContain(message);
    expect(q('[data-test="childcare-month-table"]')).toBeNull();
  });

  it("in a narrow window the three kinds of leave share a column, in the total row too", async () => {
    await open();
    expect(headers("childcare-month-table")).toContain("病假 / 事假 / 其他");
    const cells = [...row("王小明")!.querySelectorAll("td")].map((td) => td.textContent?.trim());
    expect(cells).toEqual(["1", "王小明", "20", "18", "1 / 0 / 0", "1", "92.5%", "2"]);
    const footer = q('[data-test="childcare-month-table"] .el-table__footer-wrapper');
    const totals = [...footer!.querySelectorAll("td")].map((td) => td.textContent?.trim());
    expect(totals).toEqual(["合计", "", "41", "39", "1 / 0 / 0", "1", "95.1%", "2"]);
  });

  it("in 大字模式 at 1366 fits every column without scrolling sideways", async () => {
    await open(largeTextAt1366(signedInPinia()));
    expect(headers("childcare-month-table")).toContain("其他请假");
    expect(columnWidths("childcare-month-table")).toHaveLength(10);
    expect(sum(columnWidths("childcare-month-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
  });

  it("in 大字模式 at 1366 a program that charges still fits, the leave sharing a column", async () => {
    vi.mocked(childcare.monthReport).mockResolvedValue({ ...REPORT, charges: true });
    await open(largeTextAt1366(signedInPinia()));
    expect(headers("childcare-month-table")).toContain("月费（元）");
    expect(headers("childcare-month-table")).toContain("病假 / 事假 / 其他");
    expect(sum(columnWidths("childcare-month-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
  });
});
