import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as canteen from "../src/api/canteen";
import * as files from "../src/api/files";
import * as print from "../src/api/print";
import type { CanteenInfo } from "../src/bindings/CanteenInfo";
import type { DayBoard } from "../src/bindings/DayBoard";
import type { DaySummary } from "../src/bindings/DaySummary";
import type { DinerRow } from "../src/bindings/DinerRow";
import type { MonthlyClaim } from "../src/bindings/MonthlyClaim";
import type { PrintedFile } from "../src/bindings/PrintedFile";
import BoardPage from "../src/views/canteen/BoardPage.vue";
import type { CanteenNow } from "../src/bindings/CanteenNow";
import PrintCenterPage from "../src/views/canteen/PrintCenterPage.vue";
import { appError, mountPage, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/canteen");
vi.mock("../src/api/print");
vi.mock("../src/api/files");

const CANTEEN: CanteenInfo = {
  id: 1,
  name: "双桥社区长者食堂",
  communityId: null,
  communityName: null,
  address: "振兴街8号",
  walkInsAllowed: false,
  active: true,
  slots: [
    { slot: "breakfast", serveFrom: "07:00", serveTo: "08:30", bookingCutoff: "07:00", capacity: null, active: false },
    { slot: "lunch", serveFrom: "11:00", serveTo: "12:30", bookingCutoff: "10:00", capacity: 80, active: true },
    { slot: "dinner", serveFrom: "17:00", serveTo: "18:30", bookingCutoff: "16:00", capacity: null, active: true },
  ],
};

const FILE: PrintedFile = {
  path: "/data/prints/就餐名单-2026-11-28-午餐-101500.pdf",
  fileName: "就餐名单-2026-11-28-午餐-101500.pdf",
  pages: 3,
  unprintable: ["姓名“𠮷田”含有无法打印的字"],
};

function diner(id: number, name: string): DinerRow {
  return {
    id,
    canteenId: 1,
    residentId: id,
    name,
    community: "双桥社区",
    age: 80,
    categories: [],
    highlight: false,
    highlightCategories: [],
    cardNumber: `000${id}`,
    dinerType: "elderly",
    dinerTypeLabel: "老年人",
    defaultMode: "dine_in",
    defaultModeLabel: "堂食",
    route: null,
    deliveryAddress: null,
    notes: null,
    active: true,
  };
}

const CLAIM: MonthlyClaim = {
  canteen: "双桥社区长者食堂",
  month: "2026-10",
  firstDay: "2026-10-01",
  lastDay: "2026-10-31",
  rows: [],
  rules: [
    { rule: "80岁以上", residents: 12, meals: 230, subsidy: 69000 },
    { rule: "低保老人", residents: 5, meals: 88, subsidy: 35200 },
  ],
  residents: 40,
  subsidisedMeals: 318,
  servedMeals: 402,
  subsidy: 104200,
  collected: 412300,
};

const NOW: CanteenNow = {
  today: "2026-11-28",
  booking: { date: "2026-11-28", slot: "lunch" },
  printDate: "2026-11-28",
  printSlot: "lunch",
};

describe("PrintCenterPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.listDiners).mockResolvedValue([diner(5, "王秀英"), diner(6, "李建国")]);
    vi.mocked(canteen.monthlyClaim).mockResolvedValue(CLAIM);
    vi.mocked(canteen.canteenNow).mockResolvedValue(NOW);
  });

  it("opens on the core's service day, shows it large, and asks before printing a past day", async () => {
    vi.mocked(canteen.canteenNow).mockResolvedValue({ ...NOW, printDate: "2026-11-29", printSlot: "lunch" });
    vi.mocked(canteen.printList).mockResolvedValue(FILE);
    vi.mocked(print.openPrinted).mockResolvedValue();
    localStorage.setItem("caredesk.canteen.print", JSON.stringify({ doc: "list", date: "2026-11-20", slot: "lunch" }));
    await mountPage(PrintCenterPage, { pinia: signedInPinia() });
    await settle(0);
    expect((q('[data-test="print-date"]') as HTMLInputElement).value).toBe("2026-11-29");
    expect(q('[data-test="print-date-banner"]')?.textContent).toBe("2026年11月29日");

    const date = q('[data-test="print-date"]') as HTMLInputElement;
    await typeInto(date, "2026-11-27");
    date.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    date.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(0);
    expect(q('[data-test="print-date-banner"]')?.textContent).toBe("2026年11月27日（已过去）");
    q('[data-test="print-generate"]')!.click();
    await settle(0);
    expect(q(".el-message-box")?.textContent).toContain("要打印的是 2026年11月27日 的就餐名单，这一天已经过去");
    (q(".el-message-box__btns .el-button:not(.el-button--primary)") as HTMLElement).click();
    await settle();
    expect(canteen.printList).not.toHaveBeenCalled();

    q('[data-test="print-generate"]')!.click();
    await settle(0);
    // The closed box may still be fading out: confirm in the one just opened.
    const boxes = document.querySelectorAll<HTMLElement>(".el-message-box__btns .el-button--primary");
    boxes[boxes.length - 1]!.click();
    await settle();
    expect(canteen.printList).toHaveBeenCalledWith(1, "2026-11-27", "lunch");
  });

  it("generates, opens the PDF, shows pages and warnings, and saves a copy", async () => {
    let finish: (f: PrintedFile) => void = () => undefined;
    vi.mocked(canteen.printList).mockReturnValue(new Promise((r) => (finish = r)));
    vi.mocked(print.openPrinted).mockResolvedValue();
    vi.mocked(files.chooseSaveFile).mockResolvedValue("D:/打印/名单.pdf");
    vi.mocked(print.savePrintedAs).mockResolvedValue();
    await mountPage(PrintCenterPage, { pinia: signedInPinia() });
    await settle(0);

    expect((q('[data-test="print-date"]') as HTMLInputElement).value).toBe("2026-11-28");
    q('[data-test="print-generate"]')!.click();
    await flushPromises();
    // Cannot be started twice while running.
    q('[data-test="print-generate"]')!.click();
    await flushPromises();
    expect(canteen.printList).toHaveBeenCalledTimes(1);
    expect(canteen.printList).toHaveBeenCalledWith(1, "2026-11-28", "lunch");
    expect(q('[data-test="print-generate"]')?.textContent).toContain("正在生成");

    finish(FILE);
    await settle(0);
    expect(print.openPrinted).toHaveBeenCalledWith(FILE.path);
    const result = q('[data-test="print-result"]');
    expect(result?.textContent).toContain(FILE.fileName);
    expect(q('[data-test="print-pages"]')?.textContent).toContain("共 3 页");
    expect(q('[data-test="print-unprintable"]')?.textContent).toContain("姓名“𠮷田”含有无法打印的字");

    q('[data-test="print-save-as"]')!.click();
    await settle(0);
    expect(files.chooseSaveFile).toHaveBeenCalledWith("pdf", FILE.fileName);
    expect(print.savePrintedAs).toHaveBeenCalledWith(FILE.path, "D:/打印/名单.pdf");

    // The document is remembered for next time, the date never.
    expect(JSON.parse(localStorage.getItem("caredesk.canteen.print")!)).toEqual({ doc: "list" });
    expect(q('[data-test="print-date-banner"]')?.textContent).toBe("2026年11月28日（今天）");
  });

  it("prints tickets for a date range and the delivery sheet with its audit note", async () => {
    vi.mocked(canteen.printTickets).mockResolvedValue({
      ...FILE,
      fileName: "餐券-2026-11-30-090000.pdf",
      unprintable: [],
    });
    vi.mocked(canteen.printDelivery).mockResolvedValue({
      ...FILE,
      fileName: "送餐路线单-2026-11-28-090000.pdf",
      unprintable: [],
    });
    vi.mocked(print.openPrinted).mockResolvedValue();
    await mountPage(PrintCenterPage, { pinia: signedInPinia() });
    await settle(0);

    (q('[data-test="print-doc-tickets"] input') as HTMLInputElement).click();
    await settle(0);
    const to = q('[data-test="print-date-to"]') as HTMLInputElement;
    await typeInto(to, "2026-12-04");
    to.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    to.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(0);
    q('[data-test="print-generate"]')!.click();
    await settle(0);
    expect(canteen.printTickets).toHaveBeenCalledWith({
      canteenId: 1,
      from: "2026-11-28",
      to: "2026-12-04",
      dinerIds: [],
    });
    expect(q('[data-test="print-unprintable"]')).toBeNull();

    (q('[data-test="print-doc-delivery"] input') as HTMLInputElement).click();
    await settle(0);
    expect(q('[data-test="print-audit-note"]')?.textContent).toContain("记入操作日志");
    q('[data-test="print-generate"]')!.click();
    await settle(0);
    expect(canteen.printDelivery).toHaveBeenCalledWith(1, "2026-11-28");
  });

  it("prints tickets for the chosen diners only", async () => {
    vi.mocked(canteen.printTickets).mockResolvedValue({ ...FILE, unprintable: [] });
    vi.mocked(print.openPrinted).mockResolvedValue();
    await mountPage(PrintCenterPage, { pinia: signedInPinia() });
    await settle(0);
    (q('[data-test="print-doc-tickets"] input') as HTMLInputElement).click();
    await settle(0);
    expect(q('[data-test="print-diners"]')).not.toBeNull();
    expect(canteen.listDiners).toHaveBeenCalledWith(1, null);
    (q('[data-test="print-diners"]') as HTMLElement).click();
    await settle(0);
    q('[data-test="diner-option-6"]')!.click();
    await settle(0);
    q('[data-test="print-generate"]')!.click();
    await settle(0);
    expect(canteen.printTickets).toHaveBeenCalledWith({ canteenId: 1, from: "2026-11-28", to: null, dinerIds: [6] });
  });

  it("助餐补贴申领表: last month by default, totals per rule, PDF and Excel", async () => {
    vi.mocked(canteen.printClaim).mockResolvedValue({
      ...FILE,
      fileName: "助餐补贴申领表-2026-10-101500.pdf",
      unprintable: [],
    });
    vi.mocked(print.openPrinted).mockResolvedValue();
    vi.mocked(files.chooseSaveFile).mockResolvedValue("D:/申领/助餐补贴申领表-2026-10.xlsx");
    vi.mocked(canteen.exportClaim).mockResolvedValue();
    await mountPage(PrintCenterPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="claim-export"]')).toBeNull();
    (q('[data-test="print-doc-claim"] input') as HTMLInputElement).click();
    await settle(0);

    expect((q('[data-test="print-month"]') as HTMLInputElement).value).toBe("2026-10");
    expect(canteen.monthlyClaim).toHaveBeenCalledWith(1, "2026-10");
    const rules = [...document.querySelectorAll('[data-test="claim-rule"]')];
    expect(rules.map((r) => r.getAttribute("data-name"))).toEqual(["80岁以上", "低保老人"]);
    expect(rules[0]!.textContent).toContain("¥690.00");
    const table = q('[data-test="claim-rules"]')!;
    expect(table.textContent).toContain("合计");
    expect(table.textContent).toContain("¥1042.00");
    expect(q('[data-test="claim-totals"]')?.textContent).toContain("本月共核销 402 份，其中享受补贴 318 份");

    q('[data-test="print-generate"]')!.click();
    await settle(0);
    expect(canteen.printClaim).toHaveBeenCalledWith(1, "2026-10");
    expect(print.openPrinted).toHaveBeenCalledWith(FILE.path);
    expect(q('[data-test="print-file-name"]')?.textContent).toContain("助餐补贴申领表-2026-10");

    q('[data-test="claim-export"]')!.click();
    await settle(0);
    expect(files.chooseSaveFile).toHaveBeenCalledWith("xlsx", "助餐补贴申领表-2026-10.xlsx");
    expect(canteen.exportClaim).toHaveBeenCalledWith(1, "2026-10", "D:/申领/助餐补贴申领表-2026-10.xlsx");
    expect(q(".el-message--success")?.textContent).toContain("已导出：D:/申领/助餐补贴申领表-2026-10.xlsx");
    expect(JSON.parse(localStorage.getItem("caredesk.canteen.print")!)).toMatchObject({ doc: "claim" });

    // Cancelling the save dialog exports nothing.
    vi.mocked(files.chooseSaveFile).mockResolvedValue(null);
    q('[data-test="claim-export"]')!.click();
    await settle(0);
    expect(canteen.exportClaim).toHaveBeenCalledTimes(1);

    // Another month: a new preview.
    vi.mocked(canteen.monthlyClaim).mockRejectedValue(
      appError("invalid_month", "月份“2026-13”无效，请写成 2026-11", "month"),
    );
    const month = q('[data-test="print-month"]') as HTMLInputElement;
    await typeInto(month, "2026-09");
    month.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    month.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(0);
    expect(canteen.monthlyClaim).toHaveBeenLastCalledWith(1, "2026-09");
    expect(q('[data-test="claim-error"]')?.textContent).toContain("无效");
  });

  it("shows the core's error and still offers 另存为 when the viewer cannot be opened", async () => {
    vi.mocked(canteen.printKitchen).mockRejectedValueOnce(appError("nothing_to_print", "所选日期没有预订", "from"));
    await mountPage(PrintCenterPage, { pinia: signedInPinia() });
    await settle(0);
    (q('[data-test="print-doc-kitchen"] input') as HTMLInputElement).click();
    await settle(0);
    q('[data-test="print-generate"]')!.click();
    await settle(0);
    expect(q('[data-test="print-error"]')?.textContent).toContain("所选日期没有预订");
    expect(print.openPrinted).not.toHaveBeenCalled();

    vi.mocked(canteen.printKitchen).mockResolvedValue(FILE);
    vi.mocked(print.openPrinted).mockRejectedValue(appError("io", "无法打开 PDF 阅读器，请用“另存为”保存后打开"));
    q('[data-test="print-generate"]')!.click();
    await settle(0);
    expect(q('[data-test="print-open-error"]')?.textContent).toContain("无法打开 PDF 阅读器");
    expect(q('[data-test="print-save-as"]')).not.toBeNull();
  });
});

const BOARD: DayBoard = {
  canteenId: 1,
  canteenName: "双桥社区长者食堂",
  date: "2026-11-28",
  slots: [
    {
      slot: "lunch",
      label: "午餐",
      serveFrom: "11:00",
      serveTo: "12:30",
      bookingCutoff: "10:00",
      capacity: 80,
      booked: 42,
      served: 17,
      waiting: 25,
      delivery: 6,
      collected: 20400,
      subsidy: 5100,
    },
    {
      slot: "dinner",
      label: "晚餐",
      serveFrom: "17:00",
      serveTo: "18:30",
      bookingCutoff: "16:00",
      capacity: null,
      booked: 9,
      served: 0,
      waiting: 9,
      delivery: 0,
      collected: 0,
      subsidy: 0,
    },
  ],
};

const SUMMARY: DaySummary = {
  date: "2026-11-28",
  lines: [
    { slotLabel: "午餐", dinerTypeLabel: "老年人", meals: 15, price: 22500, collected: 17400, subsidy: 5100 },
    { slotLabel: "午餐", dinerTypeLabel: "其他居民", meals: 2, price: 3000, collected: 3000, subsidy: 0 },
  ],
  meals: 17,
  price: 25500,
  collected: 20400,
  subsidy: 5100,
};

describe("BoardPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.board).mockResolvedValue(BOARD);
    vi.mocked(canteen.daySummary).mockResolvedValue(SUMMARY);
  });

  it("shows the day's summary per slot and diner type, with the core's totals", async () => {
    await mountPage(BoardPage, { pinia: signedInPinia() });
    await settle(0);
    expect(canteen.daySummary).toHaveBeenCalledWith(1, "2026-11-28");
    const lines = [...document.querySelectorAll('[data-test="board-summary-line"]')];
    expect(lines.map((l) => [...l.querySelectorAll("td")].map((td) => td.textContent?.trim()))).toEqual([
      ["午餐", "老年人", "15", "¥225.00", "¥174.00", "¥51.00"],
      ["午餐", "其他居民", "2", "¥30.00", "¥30.00", "¥0.00"],
    ]);
    expect(q('[data-test="board-summary-total"]')?.textContent).toContain("合计");
    expect(q('[data-test="board-summary-meals"]')?.textContent).toBe("17");
    expect(q('[data-test="board-summary-price"]')?.textContent).toBe("¥255.00");
    expect(q('[data-test="board-summary-collected"]')?.textContent).toBe("¥204.00");
    expect(q('[data-test="board-summary-subsidy"]')?.textContent).toBe("¥51.00");
  });

  it("refreshes the summary with the board, and says when nothing is served yet", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    vi.mocked(canteen.daySummary).mockResolvedValue({
      date: "2026-11-28",
      lines: [],
      meals: 0,
      price: 0,
      collected: 0,
      subsidy: 0,
    });
    await mountPage(BoardPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="board-summary-empty"]')?.textContent).toContain("今天还没有核销的餐");
    expect(q('[data-test="board-summary-collected"]')?.textContent).toBe("¥0.00");
    vi.mocked(canteen.daySummary).mockResolvedValue(SUMMARY);
    vi.advanceTimersByTime(10_000);
    await settle(0);
    expect(q('[data-test="board-summary-meals"]')?.textContent).toBe("17");
  });

  it("has no summary for roles that may not see the ledger", async () => {
    await mountPage(BoardPage, { pinia: signedInPinia({ viewLedger: false }) });
    await settle(0);
    expect(canteen.daySummary).not.toHaveBeenCalled();
    expect(q('[data-test="board-summary"]')).toBeNull();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows today's counts and money per open slot", async () => {
    await mountPage(BoardPage, { pinia: signedInPinia() });
    await settle(0);
    expect(canteen.board).toHaveBeenCalledWith(1, "2026-11-28");
    expect(q('[data-test="canteen-board"]')).not.toBeNull();
    expect(q('[data-test="board-booked-lunch"]')?.textContent).toBe("42");
    expect(q('[data-test="board-served-lunch"]')?.textContent).toBe("17");
    expect(q('[data-test="board-waiting-lunch"]')?.textContent).toBe("25");
    expect(q('[data-test="board-delivery-lunch"]')?.textContent).toBe("6");
    expect(q('[data-test="board-collected-lunch"]')?.textContent).toBe("¥204.00");
    expect(q('[data-test="board-subsidy-lunch"]')?.textContent).toBe("¥51.00");
    expect(q('[data-test="board-slot-lunch"]')?.textContent).toContain("订餐截止 10:00");
    expect(q('[data-test="board-slot-lunch"]')?.textContent).toContain("供餐 11:00–12:30");
    expect(q('[data-test="board-served-dinner"]')?.textContent).toBe("0");
    expect(q('[data-test="board-slot-breakfast"]')).toBeNull();
  });

  it("refreshes every 10 seconds", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    await mountPage(BoardPage, { pinia: signedInPinia() });
    await settle(0);
    const calls = vi.mocked(canteen.board).mock.calls.length;
    vi.mocked(canteen.board).mockResolvedValue({ ...BOARD, slots: [{ ...BOARD.slots[0]!, served: 18 }] });
    vi.advanceTimersByTime(10_000);
    await settle(0);
    expect(vi.mocked(canteen.board).mock.calls.length).toBe(calls + 1);
    expect(q('[data-test="board-served-lunch"]')?.textContent).toBe("18");
  });

  it("shows the core's message when the board cannot be loaded", async () => {
    vi.mocked(canteen.board).mockRejectedValue(appError("db_unavailable", "数据库暂时无法访问"));
    await mountPage(BoardPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="load-error"]')?.textContent).toContain("数据库暂时无法访问");
  });
});
