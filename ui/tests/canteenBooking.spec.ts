import { beforeEach, describe, expect, it, vi } from "vitest";
import * as canteen from "../src/api/canteen";
import type { BookingInfo } from "../src/bindings/BookingInfo";
import type { CanteenInfo } from "../src/bindings/CanteenInfo";
import type { DinerRow } from "../src/bindings/DinerRow";
import type { DishInfo } from "../src/bindings/DishInfo";
import type { MenuDay } from "../src/bindings/MenuDay";
import BookingDialog from "../src/views/canteen/BookingDialog.vue";
import BookingsPage from "../src/views/canteen/BookingsPage.vue";
import { LARGE_1366_TABLE, columnWidths, headers, largeTextAt1366, sum, wideWindow } from "./columnsFit";
import { appError, mountPage, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/canteen");
vi.mock("../src/api/print");
vi.mock("../src/api/files");

const CANTEEN: CanteenInfo = {
  id: 1,
  name: "双桥社区长者食堂",
  communityId: 3,
  communityName: "双桥社区",
  address: "振兴街8号",
  walkInsAllowed: true,
  active: true,
  slots: [
    { slot: "breakfast", serveFrom: "07:00", serveTo: "08:30", bookingCutoff: "07:00", capacity: null, active: false },
    { slot: "lunch", serveFrom: "11:00", serveTo: "12:30", bookingCutoff: "10:00", capacity: 80, active: true },
    { slot: "dinner", serveFrom: "17:00", serveTo: "18:30", bookingCutoff: "16:00", capacity: null, active: false },
  ],
};

const DINER: DinerRow = {
  id: 5,
  canteenId: 1,
  residentId: 7,
  name: "王秀英",
  community: "双桥社区",
  age: 82,
  categories: ["独居", "低保"],
  highlight: true,
  highlightCategories: ["独居"],
  cardNumber: "0005",
  dinerType: "elderly",
  dinerTypeLabel: "老年人",
  defaultMode: "dine_in",
  defaultModeLabel: "堂食",
  route: null,
  deliveryAddress: null,
  notes: null,
  active: true,
};

function dish(id: number, name: string, kind: DishInfo["kind"]): DishInfo {
  return {
    id,
    canteenId: 1,
    name,
    kind,
    kindLabel: kind === "set_meal" ? "套餐" : "小碗菜",
    prices: { elderly: 1200, child: 1000, resident: 1500, staff: 1500 },
    tags: [],
    active: true,
  };
}

function week(): MenuDay[] {
  return ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"].map(
    (date) => ({
      date,
      label: date,
      slots: [
        {
          slot: "lunch",
          label: "午餐",
          dishes: date === "2026-11-28" ? [dish(11, "红烧鱼套餐", "set_meal"), dish(12, "番茄炒蛋", "dish")] : [],
        },
      ],
    }),
  );
}

function booking(extra: Partial<BookingInfo> = {}): BookingInfo {
  return {
    id: 40,
    canteenId: 1,
    dinerId: 5,
    residentId: 7,
    name: "王秀英",
    community: "双桥社区",
    categories: ["独居"],
    highlight: true,
    highlightCategories: ["独居"],
    cardNumber: "0005",
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
    ticketNumber: "T40",
    ...extra,
  };
}

const AFTER_CUTOFF = "双桥社区长者食堂今天午餐的订餐已于 10:00 截止，如需补订请食堂管理员操作";

async function openDialog(permissions = {}) {
  const res = await mountPage(BookingDialog, {
    pinia: signedInPinia(permissions),
    options: { props: { visible: true, initialDiner: DINER, defaultDate: "2026-11-28" } },
  });
  await settle(0);
  return res;
}

async function pickAndSave() {
  q('[data-test="booking-dish-11"]')!.click();
  await settle(0);
  q('[data-test="booking-save"]')!.click();
  await settle();
}

describe("BookingDialog", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.listDiners).mockResolvedValue([DINER]);
    vi.mocked(canteen.weekMenu).mockResolvedValue(week());
  });

  it("offers the day's menu and books the chosen set meal and 小碗菜", async () => {
    vi.mocked(canteen.book).mockResolvedValue(booking());
    const { wrapper } = await openDialog();
    expect(canteen.weekMenu).toHaveBeenCalledWith(1, "2026-11-28");
    expect(q('[data-test="booking-diner-info"]')?.textContent).toContain("老年人");

    q('[data-test="booking-dish-11"]')!.click();
    q('[data-test="booking-dish-12"]')!.click();
    await settle(0);
    expect(q('[data-test="booking-dish-11"]')?.getAttribute("aria-checked")).toBe("true");
    expect(q('[data-test="booking-qty-12"]')).not.toBeNull();
    q('[data-test="booking-save"]')!.click();
    await settle();

    expect(canteen.book).toHaveBeenCalledWith({
      dinerId: 5,
      date: "2026-11-28",
      slot: "lunch",
      items: [
        { dishId: 11, quantity: 1 },
        { dishId: 12, quantity: 1 },
      ],
      mode: "dine_in",
      late: false,
    });
    expect(wrapper.emitted("saved")?.[0]).toEqual([booking()]);
    expect(q(".el-message--success")?.textContent).toContain("已为 王秀英 预订 11月28日午餐");
  });

  it("shows the core's quote (餐价 / 补贴（规则）/ 个人应付) as dishes are picked, and nothing when it fails", async () => {
    vi.mocked(canteen.quote).mockResolvedValue({
      price: 1500,
      subsidy: 300,
      payable: 1200,
      subsidyRule: "80岁以上",
      dinerTypeLabel: "老年人",
    });
    await openDialog();
    // The diner's attention categories stand out; the others are plain.
    const cats = [...document.querySelectorAll('[data-test="booking-diner-category"]')];
    expect(cats.map((c) => [c.textContent, c.classList.contains("category-highlight")])).toEqual([
      ["独居", true],
      ["低保", false],
    ]);
    // Nothing picked yet: no quote asked.
    await settle(400);
    expect(canteen.quote).not.toHaveBeenCalled();
    expect(q('[data-test="booking-quote"]')).toBeNull();

    q('[data-test="booking-dish-11"]')!.click();
    q('[data-test="booking-dish-12"]')!.click();
    await settle(400);
    // Debounced: the two clicks make one request, with the whole booking.
    expect(canteen.quote).toHaveBeenCalledTimes(1);
    expect(canteen.quote).toHaveBeenCalledWith({
      dinerId: 5,
      date: "2026-11-28",
      slot: "lunch",
      items: [
        { dishId: 11, quantity: 1 },
        { dishId: 12, quantity: 1 },
      ],
      mode: "dine_in",
      late: false,
    });
    expect(q('[data-test="booking-quote-price"]')?.textContent).toBe("¥15.00");
    expect(q('[data-test="booking-quote-subsidy"]')?.textContent).toBe("¥3.00");
    expect(q('[data-test="booking-quote-rule"]')?.textContent).toContain("（80岁以上）");
    expect(q('[data-test="booking-quote-payable"]')?.textContent).toBe("¥12.00");
    expect(q('[data-test="booking-quote"]')?.textContent).toContain("按老年人价格");

    // A failing quote shows nothing (and no error).
    vi.mocked(canteen.quote).mockRejectedValue(appError("no_menu", "11月28日午餐还没有菜单", "items"));
    q('[data-test="booking-mode-take_away"] input')!.click();
    await settle(400);
    expect(q('[data-test="booking-quote"]')).toBeNull();
    expect(q('[data-test="booking-error"]')).toBeNull();
    expect(q('[data-test="field-error-items"]')).toBeNull();

    // Nothing picked: nothing shown.
    vi.mocked(canteen.quote).mockResolvedValue({
      price: 1200,
      subsidy: 0,
      payable: 1200,
      subsidyRule: null,
      dinerTypeLabel: "老年人",
    });
    q('[data-test="booking-dish-12"]')!.click();
    await settle(400);
    expect(q('[data-test="booking-quote-rule"]')?.textContent).toContain("无适用的补贴");
    q('[data-test="booking-dish-11"]')!.click();
    await settle(400);
    expect(q('[data-test="booking-quote"]')).toBeNull();
  });

  it("opens on the meal the core says is still open, not on lunch after its cutoff", async () => {
    vi.mocked(canteen.canteenNow).mockResolvedValue({
      today: "2026-11-27",
      booking: { date: "2026-11-28", slot: "lunch" },
      printDate: "2026-11-27",
      printSlot: "lunch",
    });
    vi.mocked(canteen.book).mockResolvedValue(booking());
    await mountPage(BookingDialog, {
      pinia: signedInPinia(),
      options: { props: { visible: true, initialDiner: DINER } },
    });
    await settle(0);
    expect(canteen.canteenNow).toHaveBeenCalledWith(1);
    expect(canteen.weekMenu).toHaveBeenCalledWith(1, "2026-11-28");
    await pickAndSave();
    expect(vi.mocked(canteen.book).mock.calls[0]![0]).toMatchObject({ date: "2026-11-28", slot: "lunch" });
  });

  it("shows the refusal under the slot in place of the cutoff hint", async () => {
    vi.mocked(canteen.book).mockRejectedValue(appError("after_cutoff", AFTER_CUTOFF, "slot"));
    await openDialog();
    expect(q('[data-test="booking-cutoff-hint"]')?.textContent).toContain("10:00 截止订餐");
    await pickAndSave();
    expect(q('[data-test="field-error-slot"]')?.textContent).toContain(AFTER_CUTOFF);
    expect(q('[data-test="booking-cutoff-hint"]')).toBeNull();
  });

  it("shows the core's error on its field", async () => {
    vi.mocked(canteen.book).mockRejectedValue(appError("slot_full", "11月28日午餐已订满（80 份）", "slot"));
    await openDialog();
    await pickAndSave();
    expect(q('[data-test="field-error-slot"]')?.textContent).toContain("11月28日午餐已订满（80 份）");
    expect(q('[data-test="booking-error"]')).toBeNull();

    vi.mocked(canteen.book).mockRejectedValue(appError("not_eligible", "王秀英已于2026年10月3日去世", "dinerId"));
    q('[data-test="booking-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-dinerId"]')?.textContent).toContain("王秀英已于2026年10月3日去世");
  });

  it("after the cutoff a canteen manager may book late, after a confirmation", async () => {
    vi.mocked(canteen.book)
      .mockRejectedValueOnce(appError("after_cutoff", AFTER_CUTOFF, "slot"))
      .mockResolvedValueOnce(booking());
    await openDialog({ manageCanteen: true });
    await pickAndSave();

    expect(q('[data-test="field-error-slot"]')?.textContent).toContain(AFTER_CUTOFF);
    expect(q(".el-message-box")?.textContent).toContain("截止后补订");
    (q(".el-message-box__btns .el-button--primary") as HTMLElement).click();
    await settle();

    expect(canteen.book).toHaveBeenCalledTimes(2);
    expect(vi.mocked(canteen.book).mock.calls[1]![0]).toMatchObject({ dinerId: 5, late: true });
  });

  it("after the cutoff other staff only see the core's message", async () => {
    vi.mocked(canteen.book).mockRejectedValue(appError("after_cutoff", AFTER_CUTOFF, "slot"));
    await openDialog({ manageCanteen: false });
    await pickAndSave();

    expect(q('[data-test="field-error-slot"]')?.textContent).toContain(AFTER_CUTOFF);
    expect(q(".el-message-box")).toBeNull();
    expect(q('[data-test="booking-late"]')).toBeNull();
    expect(canteen.book).toHaveBeenCalledTimes(1);
  });
});

describe("BookingsPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.dayBookings).mockResolvedValue([
      booking(),
      booking({
        id: 41,
        name: "李建国",
        highlight: false,
        highlightCategories: [],
        status: "served",
        statusLabel: "已核销",
        servedTime: "11:42",
      }),
    ]);
  });

  it("lists the day's bookings with the money from the core", async () => {
    await mountPage(BookingsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(canteen.dayBookings).toHaveBeenCalledWith({
      canteenId: 1,
      date: "2026-11-28",
      slot: null,
      includeCancelled: false,
    });
    const rows = [...document.querySelectorAll('[data-test="booking-row"]')];
    expect(rows.map((r) => r.getAttribute("data-name"))).toEqual(["王秀英", "李建国"]);
    expect(rows[0]!.textContent).toContain("★");
    expect(rows[0]!.textContent).toContain("¥15.00");
    expect(rows[0]!.textContent).toContain("¥3.00");
    expect(rows[0]!.textContent).toContain("¥12.00");
    // Only bookings not yet served can be cancelled.
    expect(q('[data-test="booking-cancel-40"]')).not.toBeNull();
    expect(q('[data-test="booking-cancel-41"]')).toBeNull();
  });

  it("shows every column on a wide window", async () => {
    wideWindow();
    await mountPage(BookingsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(headers("bookings-table")).toEqual([
      "姓名",
      "卡号",
      "社区",
      "餐别",
      "餐食",
      "方式",
      "餐价",
      "补贴",
      "个人应付",
      "补贴规则",
      "状态",
      "核销时间",
      "操作",
    ]);
  });

  it("in 大字模式 at 1366 keeps 补贴, 个人应付, 状态 and 取消 in sight without scrolling sideways", async () => {
    await mountPage(BookingsPage, { pinia: largeTextAt1366(signedInPinia()) });
    await settle(0);
    expect(headers("bookings-table")).toEqual([
      "姓名",
      "餐别",
      "餐食",
      "方式",
      "餐价",
      "补贴",
      "个人应付",
      "状态",
      "操作",
    ]);
    expect(sum(columnWidths("bookings-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
    const first = q('[data-test="booking-row"]')!;
    expect(first.textContent).toContain(booking().community);
    expect(first.textContent).toContain("¥12.00");
    expect(first.querySelector('[data-test="booking-status"]')?.textContent).toContain("已预订");
    expect(first.querySelector('[data-test="booking-cancel-40"]')).not.toBeNull();
  });

  it("asks the core for the bookings matching a typed name, pinyin or card number", async () => {
    await mountPage(BookingsPage, { pinia: signedInPinia() });
    await settle(0);
    vi.mocked(canteen.dayBookings).mockResolvedValue([booking()]);
    await typeInto(q('[data-test="bookings-search"]') as HTMLInputElement, "wxy");
    await settle(400);
    expect(canteen.dayBookings).toHaveBeenLastCalledWith({
      canteenId: 1,
      date: "2026-11-28",
      slot: null,
      includeCancelled: false,
      text: "wxy",
    });
    expect([...document.querySelectorAll('[data-test="booking-row"]')].map((r) => r.getAttribute("data-name"))).toEqual(
      ["王秀英"],
    );

    vi.mocked(canteen.dayBookings).mockResolvedValue([]);
    await typeInto(q('[data-test="bookings-search"]') as HTMLInputElement, "zzz");
    await settle(400);
    expect(q('[data-test="bookings-empty"]')?.textContent).toContain("没有与“zzz”相符的预订");
  });

  it("asks naming the person and meal before cancelling, and offers a late cancel to managers", async () => {
    vi.mocked(canteen.cancelBooking)
      .mockRejectedValueOnce(
        appError("after_cutoff", "11月28日午餐的订餐已于 10:00 截止，截止后只能由食堂管理员取消", "bookingId"),
      )
      .mockResolvedValueOnce(booking({ status: "cancelled", statusLabel: "已取消" }));
    await mountPage(BookingsPage, { pinia: signedInPinia({ manageCanteen: true }) });
    await settle(0);
    q('[data-test="booking-cancel-40"]')!.click();
    await settle();
    expect(q(".el-message-box")?.textContent).toContain("确定取消 王秀英 11月28日午餐的预订？");
    (q(".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary") as HTMLElement).click();
    await settle(400);
    expect(canteen.cancelBooking).toHaveBeenCalledWith(40, { reason: null, late: false });

    // The late-cancel prompt asks for a reason.
    const boxes = document.querySelectorAll(".el-message-box");
    const box = boxes[boxes.length - 1] as HTMLElement;
    expect(box.textContent).toContain("截止后取消");
    const reason = box.querySelector("input") as HTMLInputElement;
    reason.value = "老人住院";
    reason.dispatchEvent(new Event("input", { bubbles: true }));
    await settle(0);
    (
      box.querySelector(
        ".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary",
      ) as HTMLElement
    ).click();
    await settle();
    expect(canteen.cancelBooking).toHaveBeenLastCalledWith(40, { reason: "老人住院", late: true });
  });
});
