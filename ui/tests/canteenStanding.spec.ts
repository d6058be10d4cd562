import { beforeEach, describe, expect, it, vi } from "vitest";
import * as canteen from "../src/api/canteen";
import type { CanteenInfo } from "../src/bindings/CanteenInfo";
import type { DinerRow } from "../src/bindings/DinerRow";
import type { DishInfo } from "../src/bindings/DishInfo";
import type { StandingOrderInfo } from "../src/bindings/StandingOrderInfo";
import DinersPage from "../src/views/canteen/DinersPage.vue";
import StandingOrdersPage from "../src/views/canteen/StandingOrdersPage.vue";
import { LARGE_1366_TABLE, columnWidths, headers, largeTextAt1366, sum, wideWindow } from "./columnsFit";
import { appError, mountPage, q, settle, signedInPinia, typeInto } from "./helpers";

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
    { slot: "breakfast", serveFrom: "07:00", serveTo: "08:30", bookingCutoff: "07:00", capacity: null, active: false },
    { slot: "lunch", serveFrom: "11:00", serveTo: "12:30", bookingCutoff: "10:00", capacity: null, active: true },
    { slot: "dinner", serveFrom: "17:00", serveTo: "18:30", bookingCutoff: "16:00", capacity: null, active: true },
  ],
};

const DINER: DinerRow = {
  id: 5,
  canteenId: 1,
  residentId: 7,
  name: "王秀英",
  community: "双桥社区",
  age: 82,
  categories: ["独居"],
  highlight: true,
  highlightCategories: ["独居"],
  cardNumber: "0005",
  dinerType: "elderly",
  dinerTypeLabel: "老年人",
  defaultMode: "delivery",
  defaultModeLabel: "送餐上门",
  route: "东线",
  deliveryAddress: "振兴街8号3单元",
  notes: null,
  active: true,
};

function dish(id: number, name: string, kind: DishInfo["kind"], active = true): DishInfo {
  return {
    id,
    canteenId: 1,
    name,
    kind,
    kindLabel: kind === "set_meal" ? "套餐" : "小碗菜",
    prices: { elderly: 1200, child: 1000, resident: 1500, staff: 1500 },
    tags: [],
    active,
  };
}

function order(extra: Partial<StandingOrderInfo> = {}): StandingOrderInfo {
  return {
    id: 3,
    dinerId: 5,
    name: "王秀英",
    cardNumber: "0005",
    slot: "lunch",
    slotLabel: "午餐",
    weekdays: 31,
    weekdaysLabel: "工作日",
    dishId: 11,
    dishName: "红烧鱼套餐",
    mode: "delivery",
    modeLabel: "送餐上门",
    startDate: "2026-11-30",
    endDate: null,
    pausedFrom: null,
    state: "active",
    resumeOn: null,
    stateLabel: "生效中",
    active: true,
    ...extra,
  };
}

const PAUSED = order({
  id: 4,
  name: "李建国",
  cardNumber: "0006",
  dinerId: 6,
  pausedFrom: "2026-11-25",
  state: "paused",
  stateLabel: "11月25日起暂停",
});
const ENDED = order({
  id: 5,
  name: "张桂兰",
  cardNumber: "0007",
  dinerId: 7,
  active: false,
  endDate: "2026-11-20",
  state: "ended",
  stateLabel: "已结束",
});

const lastBox = () => [...document.querySelectorAll(".el-message-box")].at(-1) as HTMLElement;

describe("StandingOrdersPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.listDiners).mockResolvedValue([DINER]);
    vi.mocked(canteen.listDishes).mockResolvedValue([
      dish(11, "红烧鱼套餐", "set_meal"),
      dish(12, "番茄炒蛋", "dish"),
      dish(13, "旧套餐", "set_meal", false),
    ]);
    vi.mocked(canteen.standingOrders).mockResolvedValue([order(), PAUSED, ENDED]);
  });

  it("lists the canteen's orders with the core's labels; ended ones on request", async () => {
    await mountPage(StandingOrdersPage, { pinia: signedInPinia() });
    await settle(0);
    expect(canteen.standingOrders).toHaveBeenCalledWith(1);
    const rows = () => [...document.querySelectorAll('[data-test="standing-row"]')];
    expect(rows().map((r) => r.getAttribute("data-name"))).toEqual(["王秀英", "李建国"]);
    expect(rows()[0]!.textContent).toContain("工作日");
    expect(rows()[0]!.textContent).toContain("红烧鱼套餐");
    expect(rows()[0]!.textContent).toContain("送餐上门");
    expect(rows()[0]!.textContent).toContain("2026年11月30日 起");
    expect(rows()[0]!.textContent).toContain("生效中");
    expect(rows()[1]!.textContent).toContain("11月25日起暂停");
    // A paused order is resumed, a running one paused.
    expect(q('[data-test="standing-pause-3"]')).not.toBeNull();
    expect(q('[data-test="standing-resume-3"]')).toBeNull();
    expect(q('[data-test="standing-resume-4"]')).not.toBeNull();
    expect(q('[data-test="standing-pause-4"]')).toBeNull();

    (q('[data-test="standing-show-ended"] input') as HTMLInputElement).click();
    await settle(0);
    expect(rows().map((r) => r.getAttribute("data-name"))).toEqual(["王秀英", "李建国", "张桂兰"]);
    expect(rows()[2]!.textContent).toContain("2026年11月30日 至 2026年11月20日");
    expect(q('[data-test="standing-end-5"]')).toBeNull();
  });

  it("shows every column on a wide window", async () => {
    wideWindow();
    await mountPage(StandingOrdersPage, { pinia: signedInPinia() });
    await settle(0);
    expect(headers("standing-table")).toEqual([
      "姓名",
      "卡号",
      "餐别",
      "星期",
      "餐食",
      "方式",
      "起止日期",
      "状态",
      "操作",
    ]);
  });

  it("in 大字模式 at 1366 keeps 状态 and the actions in sight without scrolling sideways", async () => {
    await mountPage(StandingOrdersPage, { pinia: largeTextAt1366(signedInPinia()) });
    await settle(0);
    expect(headers("standing-table")).toEqual(["姓名", "餐别", "星期", "餐食", "起止日期", "状态", "操作"]);
    expect(sum(columnWidths("standing-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
    const first = q('[data-test="standing-row"]')!;
    // 方式 is shown under the meal.
    expect(first.textContent).toContain("送餐上门");
    expect(first.querySelector('[data-test="standing-state"]')?.textContent).toContain("生效中");
    expect(first.querySelector('[data-test="standing-end-3"]')).not.toBeNull();
  });

  it("is read-only without bookMeals", async () => {
    await mountPage(StandingOrdersPage, { pinia: signedInPinia({ bookMeals: false }) });
    await settle(0);
    expect(q('[data-test="standing-row"]')).not.toBeNull();
    expect(q('[data-test="standing-new"]')).toBeNull();
    expect(q('[data-test="standing-pause-3"]')).toBeNull();
    expect(q('[data-test="standing-end-3"]')).toBeNull();
  });

  it("creates an order on the chosen weekdays and shows what was booked and what was skipped", async () => {
    vi.mocked(canteen.saveStandingOrder).mockResolvedValue({
      order: order({ id: 9, weekdays: 63, weekdaysLabel: "周一至周六" }),
      filled: {
        created: 5,
        skipped: ["王秀英 12月5日午餐：所选菜品不在菜单上", "王秀英 12月6日午餐：12月6日午餐还没有菜单，请先排菜单"],
      },
    });
    vi.mocked(canteen.standingOrders).mockResolvedValue([]);
    await mountPage(StandingOrdersPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="standing-empty"]')?.textContent).toContain("新增长期订餐");

    q('[data-test="standing-new"]')!.click();
    await settle(0);
    expect(q('[data-test="standing-drawer"]')).not.toBeNull();
    expect(canteen.listDishes).toHaveBeenCalledWith(1);
    // Defaults: lunch, 工作日, starting today.
    expect(q('[data-test="standing-slot-lunch"]')?.classList.contains("is-active")).toBe(true);
    expect((q('[data-test="standing-start"]') as HTMLInputElement).value).toBe("2026-11-28");
    const checked = () =>
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].filter((d) =>
        q(`[data-test="standing-weekday-${d}"]`)?.classList.contains("is-checked"),
      );
    expect(checked()).toEqual(["mon", "tue", "wed", "thu", "fri"]);

    // Nothing chosen yet: local checks, no call.
    (q('[data-test="standing-weekday-mon"] input') as HTMLInputElement).click();
    q('[data-test="standing-save"]')!.click();
    await settle();
    expect(canteen.saveStandingOrder).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-dinerId"]')?.textContent).toContain("请选择就餐人");
    expect(q('[data-test="field-error-dishId"]')?.textContent).toContain("请选择餐食");

    // 每天, then not Sunday.
    q('[data-test="standing-weekdays-all"]')!.click();
    await settle(0);
    expect(checked()).toHaveLength(7);
    (q('[data-test="standing-weekday-sun"] input') as HTMLInputElement).click();
    await settle(0);
    expect(checked()).toEqual(["mon", "tue", "wed", "thu", "fri", "sat"]);

    (q('[data-test="standing-diner"]') as HTMLElement).click();
    await settle(0);
    q('[data-test="diner-option-5"]')!.click();
    await settle(0);
    // The diner's usual mode is the default.
    expect(q('[data-test="standing-mode-delivery"]')?.classList.contains("is-checked")).toBe(true);

    (q('[data-test="standing-dish"]') as HTMLElement).click();
    await settle(0);
    // Set meals first; stopped dishes cannot be chosen.
    const groups = [...document.querySelectorAll(".el-select-group__title")].map((g) => g.textContent?.trim());
    expect(groups).toEqual(["套餐", "小碗菜"]);
    expect(q('[data-test="standing-dish-option-13"]')).toBeNull();
    q('[data-test="standing-dish-option-11"]')!.click();
    await settle(0);

    q('[data-test="standing-save"]')!.click();
    await settle();
    expect(canteen.saveStandingOrder).toHaveBeenCalledWith(null, {
      dinerId: 5,
      slot: "lunch",
      weekdays: 63,
      dishId: 11,
      mode: "delivery",
      startDate: "2026-11-28",
      endDate: null,
    });
    expect(q(".el-message--success")?.textContent).toContain("已保存 王秀英 的长期订餐");
    expect(q('[data-test="standing-filled-count"]')?.textContent).toContain("已生成 5 份预订");
    const skipped = [...document.querySelectorAll('[data-test="standing-skipped-item"]')].map((s) => s.textContent);
    expect(skipped).toEqual([
      "王秀英 12月5日午餐：所选菜品不在菜单上",
      "王秀英 12月6日午餐：12月6日午餐还没有菜单，请先排菜单",
    ]);
    expect(q('[data-test="standing-skipped"]')?.textContent).toContain("以下 2 餐没有生成预订");
    expect(vi.mocked(canteen.standingOrders).mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it("edits an order and shows the core's error on its field", async () => {
    vi.mocked(canteen.saveStandingOrder)
      .mockRejectedValueOnce(appError("conflict", "该就餐人已有晚餐的长期订餐，请修改原订单", "slot"))
      .mockResolvedValueOnce({
        order: order({ slot: "dinner", slotLabel: "晚餐" }),
        filled: { created: 0, skipped: [] },
      });
    await mountPage(StandingOrdersPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="standing-edit-3"]')!.click();
    await settle(0);
    expect(q('[data-test="standing-diner-fixed"]')?.textContent).toContain("王秀英");
    (q('[data-test="standing-slot-dinner"] input') as HTMLInputElement).click();
    await settle(0);
    q('[data-test="standing-save"]')!.click();
    await settle();
    expect(canteen.saveStandingOrder).toHaveBeenCalledWith(3, {
      dinerId: 5,
      slot: "dinner",
      weekdays: 31,
      dishId: 11,
      mode: "delivery",
      startDate: "2026-11-30",
      endDate: null,
    });
    expect(q('[data-test="field-error-slot"]')?.textContent).toContain("该就餐人已有晚餐的长期订餐");

    q('[data-test="standing-save"]')!.click();
    await settle();
    expect(q('[data-test="standing-filled-count"]')?.textContent).toContain("已生成 0 份预订");
    expect(q('[data-test="standing-skipped"]')).toBeNull();
  });

  it("pauses from tomorrow (or a chosen day) until an optional resume date", async () => {
    vi.mocked(canteen.pauseStandingOrder)
      .mockRejectedValueOnce(appError("date_range", "恢复日期要晚于暂停日期", "resumeOn"))
      .mockResolvedValueOnce(
        order({
          pausedFrom: "2026-11-29",
          resumeOn: "2026-12-05",
          state: "paused",
          stateLabel: "11月29日起暂停，12月5日恢复",
        }),
      );
    await mountPage(StandingOrdersPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="standing-pause-3"]')!.click();
    await settle(0);
    expect(q('[data-test="standing-pause-dialog"]')?.textContent).toContain("暂停长期订餐：王秀英");
    expect((q('[data-test="standing-pause-from"]') as HTMLInputElement).value).toBe("2026-11-29");

    const resume = q('[data-test="standing-pause-resume"]') as HTMLInputElement;
    await typeInto(resume, "2026-11-29");
    resume.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    resume.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(0);
    q('[data-test="standing-pause-save"]')!.click();
    await settle();
    expect(canteen.pauseStandingOrder).toHaveBeenCalledWith(3, { from: "2026-11-29", resumeOn: "2026-11-29" });
    expect(q('[data-test="field-error-resumeOn"]')?.textContent).toContain("恢复日期要晚于暂停日期");

    await typeInto(resume, "2026-12-05");
    resume.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    resume.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(0);
    q('[data-test="standing-pause-save"]')!.click();
    await settle();
    expect(canteen.pauseStandingOrder).toHaveBeenLastCalledWith(3, { from: "2026-11-29", resumeOn: "2026-12-05" });
    expect(q(".el-message--success")?.textContent).toContain("已暂停 王秀英 的长期订餐");
  });

  it("pauses until resumed by hand when no resume date is given", async () => {
    vi.mocked(canteen.pauseStandingOrder).mockResolvedValue(order({ pausedFrom: "2026-11-29", state: "paused" }));
    await mountPage(StandingOrdersPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="standing-pause-3"]')!.click();
    await settle(0);
    q('[data-test="standing-pause-save"]')!.click();
    await settle();
    expect(canteen.pauseStandingOrder).toHaveBeenCalledWith(3, { from: "2026-11-29", resumeOn: null });
  });

  it("resumes and shows what was booked", async () => {
    vi.mocked(canteen.resumeStandingOrder).mockResolvedValue({
      order: { ...PAUSED, pausedFrom: null, state: "active", stateLabel: "生效中" },
      filled: { created: 3, skipped: [] },
    });
    await mountPage(StandingOrdersPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="standing-resume-4"]')!.click();
    await settle();
    expect(canteen.resumeStandingOrder).toHaveBeenCalledWith(4);
    expect(q('[data-test="standing-filled-count"]')?.textContent).toContain("已生成 3 份预订");
    expect(q(".el-message--success")?.textContent).toContain("已恢复 李建国 的长期订餐");
  });

  it("ends an order only after a confirmation naming the person", async () => {
    vi.mocked(canteen.endStandingOrder).mockResolvedValue({
      order: { ...order(), active: false, state: "ended", stateLabel: "已结束" },
      filled: { created: 0, skipped: [] },
    });
    await mountPage(StandingOrdersPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="standing-end-3"]')!.click();
    await settle();
    expect(lastBox().textContent).toContain("确定结束 王秀英 的午餐长期订餐（工作日，红烧鱼套餐）？");
    expect(canteen.endStandingOrder).not.toHaveBeenCalled();
    (
      lastBox().querySelector(
        ".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary",
      ) as HTMLElement
    ).click();
    await settle();
    expect(canteen.endStandingOrder).toHaveBeenCalledWith(3);
    expect(q(".el-message--success")?.textContent).toContain("已结束 王秀英 的长期订餐");
  });
});

describe("DinersPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.listDiners).mockResolvedValue([DINER]);
  });

  it("shows every column on a wide window", async () => {
    wideWindow();
    await mountPage(DinersPage, { pinia: signedInPinia() });
    await settle(0);
    expect(headers("diners-table")).toEqual([
      "姓名",
      "卡号",
      "社区",
      "年龄",
      "类别",
      "就餐人类型",
      "默认方式",
      "送餐路线",
      "送餐地址",
      "状态",
      "操作",
    ]);
  });

  it("in 大字模式 at 1366 keeps 状态 and the actions in sight without scrolling sideways", async () => {
    await mountPage(DinersPage, { pinia: largeTextAt1366(signedInPinia()) });
    await settle(0);
    expect(headers("diners-table")).toEqual([
      "姓名",
      "卡号",
      "年龄",
      "类别",
      "就餐人类型",
      "默认方式",
      "送餐路线",
      "状态",
      "操作",
    ]);
    expect(sum(columnWidths("diners-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
    const first = q('[data-test="diner-row"]')!;
    expect(first.getAttribute("data-card")).toBe("0005");
    expect(first.textContent).toContain("双桥社区");
    expect(first.querySelector('[data-test="diner-edit"]')).not.toBeNull();
    expect(first.querySelector('[data-test="diner-book"]')).not.toBeNull();
  });
});
