import { flushPromises } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as canteen from "../src/api/canteen";
import type { BookingInfo } from "../src/bindings/BookingInfo";
import type { CanteenInfo } from "../src/bindings/CanteenInfo";
import type { DayBoard } from "../src/bindings/DayBoard";
import CheckinPage from "../src/views/canteen/CheckinPage.vue";
import { appError, mountPage, pressEnter, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/canteen");

const CANTEEN: CanteenInfo = {
  id: 1,
  name: "双桥社区长者食堂",
  communityId: 3,
  communityName: "双桥社区",
  address: "振兴街8号",
  walkInsAllowed: false,
  active: true,
  slots: [
    { slot: "lunch", serveFrom: "11:00", serveTo: "12:30", bookingCutoff: "10:00", capacity: null, active: true },
  ],
};

function booking(id: number, name: string, extra: Partial<BookingInfo> = {}): BookingInfo {
  return {
    id,
    canteenId: 1,
    dinerId: id,
    residentId: id,
    name,
    community: "双桥社区",
    categories: ["独居", "低保"],
    highlight: true,
    highlightCategories: ["独居"],
    cardNumber: `000${id}`,
    date: "2026-11-28",
    slot: "lunch",
    slotLabel: "午餐",
    meal: "红烧鱼套餐",
    mode: "dine_in",
    modeLabel: "堂食",
    route: null,
    address: null,
    dinerTypeLabel: "老年人",
    price: 1500,
    subsidy: 300,
    payable: 1200,
    subsidyRule: "80岁以上",
    status: "booked",
    statusLabel: "已预订",
    servedTime: null,
    walkIn: false,
    ticketNumber: `T${id}`,
    ...extra,
  };
}

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
      capacity: null,
      booked: 30,
      served: 12,
      waiting: 18,
      delivery: 4,
      collected: 14400,
      subsidy: 3600,
    },
  ],
};

const input = () => q('[data-test="checkin-input"]') as HTMLInputElement;

async function scanText(text: string) {
  await typeInto(input(), text);
  pressEnter(input());
  await settle(0);
}

describe("CheckinPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.board).mockResolvedValue(BOARD);
  });

  it("keeps the focus in the one input and shows today's served / booked", async () => {
    await mountPage(CheckinPage, { pinia: signedInPinia() });
    await settle(0);
    expect(document.activeElement).toBe(input());
    expect(canteen.board).toHaveBeenCalledWith(1, "2026-11-28");
    expect(q('[data-test="checkin-counter-lunch"]')?.textContent).toContain("午餐 已核销 12 / 预订 30");

    // A click elsewhere on the page gives the focus back to the input.
    input().blur();
    expect(document.activeElement).not.toBe(input());
    q('[data-test="checkin-counter"]')!.click();
    await flushPromises();
    expect(document.activeElement).toBe(input());
  });

  it("served: a green panel with the name, meal and the amount to collect, then focus back in the input", async () => {
    vi.mocked(canteen.scan).mockResolvedValue({
      kind: "served",
      booking: booking(7, "王秀英", { status: "served", statusLabel: "已核销", servedTime: "11:42" }),
    });
    await mountPage(CheckinPage, { pinia: signedInPinia() });
    await settle(0);
    await scanText("CD1:7:abcdef");

    expect(canteen.scan).toHaveBeenCalledWith(1, "CD1:7:abcdef");
    const ok = q('[data-test="checkin-result-ok"]');
    expect(ok).not.toBeNull();
    expect(q('[data-test="checkin-result"]')!.classList.contains("is-ok")).toBe(true);
    expect(q('[data-test="checkin-name"]')?.textContent).toContain("★");
    expect(q('[data-test="checkin-name"]')?.textContent).toContain("王秀英");
    expect(q('[data-test="checkin-payable"]')?.textContent).toBe("¥12.00");
    expect(ok!.textContent).toContain("红烧鱼套餐");
    expect(ok!.textContent).toContain("11:42");
    // Only the categories the core asks attention for are highlighted.
    expect(
      [...document.querySelectorAll('[data-test="checkin-category"]')].map((e) => [
        e.textContent?.trim(),
        e.classList.contains("is-highlight"),
      ]),
    ).toEqual([
      ["独居", true],
      ["低保", false],
    ]);
    expect(input().value).toBe("");
    expect(document.activeElement).toBe(input());
    // The counter refreshes after a meal is served.
    expect(vi.mocked(canteen.board).mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it("error: a red panel with the core's message", async () => {
    vi.mocked(canteen.scan).mockRejectedValue(
      appError("ticket_used", "王秀英的午餐已于 11:42 核销，不能重复使用", "code"),
    );
    await mountPage(CheckinPage, { pinia: signedInPinia() });
    await settle(0);
    await scanText("CD1:7:abcdef");

    expect(q('[data-test="checkin-result-ok"]')).toBeNull();
    expect(q('[data-test="checkin-result"]')!.classList.contains("is-error")).toBe(true);
    expect(q('[data-test="checkin-result-error"]')?.textContent).toContain("王秀英的午餐已于 11:42 核销，不能重复使用");
    expect(q('[data-test="checkin-result-error"]')?.getAttribute("data-code")).toBe("ticket_used");
    expect(q('[data-test="checkin-result-error"]')?.textContent).not.toContain("ticket_used");
    expect(document.activeElement).toBe(input());
  });

  it("a name gives today's matches to pick with the arrow keys and Enter", async () => {
    vi.mocked(canteen.scan).mockResolvedValue({
      kind: "matches",
      bookings: [booking(7, "王秀英"), booking(8, "王秀兰", { highlight: false })],
    });
    vi.mocked(canteen.serve).mockResolvedValue(
      booking(8, "王秀兰", { status: "served", statusLabel: "已核销", servedTime: "11:50", payable: 1500 }),
    );
    await mountPage(CheckinPage, { pinia: signedInPinia() });
    await settle(0);
    await scanText("wxy");

    expect(q('[data-test="checkin-match-7"]')?.classList.contains("is-selected")).toBe(true);
    expect(q('[data-test="checkin-match-8"]')).not.toBeNull();
    input().dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    await flushPromises();
    expect(q('[data-test="checkin-match-8"]')?.classList.contains("is-selected")).toBe(true);
    pressEnter(input());
    await settle(0);

    expect(canteen.serve).toHaveBeenCalledWith(8);
    expect(canteen.scan).toHaveBeenCalledTimes(1);
    expect(q('[data-test="checkin-payable"]')?.textContent).toBe("¥15.00");
    expect(document.activeElement).toBe(input());
  });

  it("selects the searched name, so the next scan replaces it", async () => {
    vi.mocked(canteen.scan).mockResolvedValue({
      kind: "matches",
      bookings: [booking(7, "王秀英"), booking(8, "王秀兰")],
    });
    await mountPage(CheckinPage, { pinia: signedInPinia() });
    await settle(0);
    await scanText("wxy");
    await settle(0);

    expect(document.activeElement).toBe(input());
    expect([input().selectionStart, input().selectionEnd]).toEqual([0, 3]);
  });

  it("says so when no booking of today matches", async () => {
    vi.mocked(canteen.scan).mockResolvedValue({ kind: "matches", bookings: [] });
    await mountPage(CheckinPage, { pinia: signedInPinia() });
    await settle(0);
    await scanText("zhang");
    expect(q('[data-test="checkin-no-match"]')?.textContent).toContain("无匹配的今日预订");
    expect(q('[data-test="checkin-result"]')!.classList.contains("is-error")).toBe(true);
  });

  it("offers walk-ins only where the canteen allows them", async () => {
    await mountPage(CheckinPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="checkin-walk-in"]')).toBeNull();

    vi.mocked(canteen.listCanteens).mockResolvedValue([{ ...CANTEEN, walkInsAllowed: true }]);
    await mountPage(CheckinPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="checkin-walk-in"]')).not.toBeNull();
  });
});
