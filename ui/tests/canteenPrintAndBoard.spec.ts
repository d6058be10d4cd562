import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as canteen from "../src/api/canteen";
import * as files from "../src/api/files";
import * as print from "../src/api/print";
import type { CanteenInfo } from "../src/bindings/CanteenInfo";
import type { DayBoard } from "../src/bindings/DayBoard";
import type { PrintedFile } from "../src/bindings/PrintedFile";
import BoardPage from "../src/views/canteen/BoardPage.vue";
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

describe("PrintCenterPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
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

    // The document and date are remembered for next time.
    expect(JSON.parse(localStorage.getItem("caredesk.canteen.print")!)).toMatchObject({ doc: "list", date: "2026-11-28", slot: "lunch" });
  });

  it("prints tickets for a date range and the delivery sheet with its audit note", async () => {
    vi.mocked(canteen.printTickets).mockResolvedValue({ ...FILE, fileName: "餐券-2026-11-30-090000.pdf", unprintable: [] });
    vi.mocked(canteen.printDelivery).mockResolvedValue({ ...FILE, fileName: "送餐路线单-2026-11-28-090000.pdf", unprintable: [] });
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
    expect(canteen.printTickets).toHaveBeenCalledWith({ canteenId: 1, from: "2026-11-28", to: "2026-12-04", dinerIds: [] });
    expect(q('[data-test="print-unprintable"]')).toBeNull();

    (q('[data-test="print-doc-delivery"] input') as HTMLInputElement).click();
    await settle(0);
    expect(q('[data-test="print-audit-note"]')?.textContent).toContain("记入操作日志");
    q('[data-test="print-generate"]')!.click();
    await settle(0);
    expect(canteen.printDelivery).toHaveBeenCalledWith(1, "2026-11-28");
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

describe("BoardPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.board).mockResolvedValue(BOARD);
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
