import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import * as canteen from "../src/api/canteen";
import * as communities from "../src/api/communities";
import * as residents from "../src/api/residents";
import type { CanteenInfo } from "../src/bindings/CanteenInfo";
import type { DishInfo } from "../src/bindings/DishInfo";
import { CANTEEN_TABS, routes } from "../src/router";
import { formatMonthDay } from "../src/utils/format";
import { formatMoney, yuanToFen } from "../src/utils/money";
import CanteenLayout from "../src/views/canteen/CanteenLayout.vue";
import CanteenSettingsPage from "../src/views/canteen/CanteenSettingsPage.vue";
import DishesPage from "../src/views/canteen/DishesPage.vue";
import MenuPage from "../src/views/canteen/MenuPage.vue";
import SubsidyRulesPage from "../src/views/canteen/SubsidyRulesPage.vue";
import { appError, mountPage, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/canteen");
vi.mock("../src/api/communities");
vi.mock("../src/api/residents");

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
    { slot: "lunch", serveFrom: "11:00", serveTo: "12:30", bookingCutoff: "10:00", capacity: null, active: true },
    { slot: "dinner", serveFrom: "17:00", serveTo: "18:30", bookingCutoff: "16:00", capacity: null, active: false },
  ],
};

const DISH: DishInfo = {
  id: 11,
  canteenId: 1,
  name: "红烧鱼套餐",
  kind: "set_meal",
  kindLabel: "套餐",
  prices: { elderly: 1200, child: 1000, resident: 1500, staff: 1500 },
  tags: ["软食"],
  active: true,
};

describe("money and dates", () => {
  it("formats 分 as ¥ and converts typed 元 to whole 分", () => {
    expect(formatMoney(1250)).toBe("¥12.50");
    expect(formatMoney(5)).toBe("¥0.05");
    expect(formatMoney(0)).toBe("¥0.00");
    expect(formatMoney(-300)).toBe("-¥3.00");
    expect(yuanToFen(12.35)).toBe(1235);
    expect(yuanToFen("1.005")).toBe(101);
    expect(yuanToFen("１２.５")).toBe(1250);
    expect(yuanToFen("")).toBeNull();
    expect(yuanToFen(null)).toBeNull();
    expect(formatMonthDay("2026-11-28")).toBe("11月28日");
  });
});

describe("canteen routes", () => {
  const router = createRouter({ history: createMemoryHistory(), routes });

  it("puts every canteen page under 社区食堂, with the permission it needs", () => {
    expect(router.resolve("/canteen").name).toBe("canteen");
    for (const tab of CANTEEN_TABS) {
      const r = router.resolve({ name: tab.name });
      expect(r.matched.map((m) => m.meta.title).filter(Boolean)).toEqual(["nav.canteen", tab.title]);
    }
    expect(router.resolve("/canteen/checkin").matched.some((m) => m.meta.needs === "bookMeals")).toBe(true);
    expect(router.resolve("/canteen/print").matched.some((m) => m.meta.needs === "bookMeals")).toBe(true);
    expect(router.resolve("/canteen/settings").matched.some((m) => m.meta.needs === "manageCanteen")).toBe(true);
  });
});

describe("CanteenLayout", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
  });

  it("leads a manager to create the first canteen", async () => {
    vi.mocked(canteen.listCanteens).mockResolvedValue([]);
    await mountPage(CanteenLayout, { pinia: signedInPinia({ manageCanteen: true }), stubs: { RouterView: true } });
    await settle(0);
    expect(q('[data-test="canteen-empty"]')?.textContent).toContain("还没有食堂");
    expect(q('[data-test="canteen-create"]')).not.toBeNull();
  });

  it("tells other staff whom to ask, and hides the tabs they may not use", async () => {
    vi.mocked(canteen.listCanteens).mockResolvedValue([]);
    await mountPage(CanteenLayout, {
      pinia: signedInPinia({ manageCanteen: false, bookMeals: false }),
      stubs: { RouterView: true },
    });
    await settle(0);
    expect(q('[data-test="canteen-empty"]')?.textContent).toContain("请食堂管理员");
    expect(q('[data-test="canteen-create"]')).toBeNull();
    expect(q('[data-test="canteen-tab-canteen-checkin"]')).toBeNull();
    expect(q('[data-test="canteen-tab-canteen-settings"]')).toBeNull();
    expect(q('[data-test="canteen-tab-canteen-bookings"]')).not.toBeNull();
  });

  it("defaults to the first active canteen and remembers the choice", async () => {
    vi.mocked(canteen.listCanteens).mockResolvedValue([
      { ...CANTEEN, id: 1, active: false, name: "旧食堂" },
      { ...CANTEEN, id: 2 },
    ]);
    await mountPage(CanteenLayout, { pinia: signedInPinia(), stubs: { RouterView: true } });
    await settle(0);
    expect(q('[data-test="canteen-select"]')?.textContent).toContain("双桥社区长者食堂");
  });
});

/** What `canteen_default_slots` gives (the UI keeps no copy of its own). */
const DEFAULT_SLOTS: CanteenInfo["slots"] = [
  { slot: "breakfast", serveFrom: "07:00", serveTo: "08:30", bookingCutoff: "07:00", capacity: null, active: false },
  { slot: "lunch", serveFrom: "11:00", serveTo: "12:30", bookingCutoff: "10:00", capacity: null, active: true },
  { slot: "dinner", serveFrom: "17:00", serveTo: "18:30", bookingCutoff: "16:00", capacity: null, active: false },
];

describe("CanteenSettingsPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(communities.communitiesTree).mockResolvedValue([]);
    vi.mocked(canteen.defaultSlots).mockResolvedValue(DEFAULT_SLOTS);
  });

  it("creates the first canteen from the core's standard slots and shows a slot error on its input", async () => {
    vi.mocked(canteen.listCanteens).mockResolvedValue([]);
    vi.mocked(canteen.defaultSlots).mockResolvedValue([
      { ...DEFAULT_SLOTS[0]!, serveFrom: "06:45" },
      DEFAULT_SLOTS[1]!,
      DEFAULT_SLOTS[2]!,
    ]);
    vi.mocked(canteen.createCanteen).mockRejectedValueOnce(
      appError("cutoff_after_serving", "午餐的订餐截止时间不能晚于开饭时间", "slots.lunch.bookingCutoff"),
    );
    vi.mocked(canteen.createCanteen).mockResolvedValueOnce({ ...CANTEEN, id: 9 });
    await mountPage(CanteenSettingsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(canteen.defaultSlots).toHaveBeenCalled();
    expect((q('[data-test="canteen-slot-breakfast-from"]') as HTMLInputElement).value).toBe("06:45");
    await typeInto(q('[data-test="canteen-name"]'), "双桥社区长者食堂");
    await typeInto(q('[data-test="canteen-address"]'), "振兴街8号");
    await typeInto(q('[data-test="canteen-slot-lunch-cutoff"]'), "11:30");
    q('[data-test="canteen-save"]')!.click();
    await settle();
    expect(vi.mocked(canteen.createCanteen).mock.calls[0]![0]).toMatchObject({
      name: "双桥社区长者食堂",
      address: "振兴街8号",
      walkInsAllowed: false,
      active: true,
      communityId: null,
    });
    expect(vi.mocked(canteen.createCanteen).mock.calls[0]![0].slots.find((s) => s.slot === "lunch")).toMatchObject({
      bookingCutoff: "11:30",
      active: true,
    });
    expect(q('[data-test="field-error-slots.lunch.bookingCutoff"]')?.textContent).toContain(
      "午餐的订餐截止时间不能晚于开饭时间",
    );
    expect(q('[data-test="field-error-slots.lunch.serveFrom"]')).toBeNull();
    expect(q('[data-test="canteen-slots-error"]')).toBeNull();

    await typeInto(q('[data-test="canteen-slot-lunch-cutoff"]'), "10:00");
    expect(q('[data-test="field-error-slots.lunch.bookingCutoff"]')).toBeNull();
    q('[data-test="canteen-save"]')!.click();
    await settle();
    expect(canteen.createCanteen).toHaveBeenCalledTimes(2);
    expect(localStorage.getItem("caredesk.canteenId")).toBe("9");
    expect(q(".el-message--success")?.textContent).toContain("已新建食堂");
  });

  it("shows a capacity error on that slot's input, and 'open one slot' above the slots", async () => {
    vi.mocked(canteen.listCanteens).mockResolvedValue([
      { ...CANTEEN, slots: CANTEEN.slots.map((s) => ({ ...s, active: true })) },
    ]);
    vi.mocked(canteen.updateCanteen)
      .mockRejectedValueOnce(
        appError("invalid_capacity", "晚餐的容量应在 1 到 5000 份之间，不限请留空", "slots.dinner.capacity"),
      )
      .mockRejectedValueOnce(appError("no_slot", "至少开放一个餐别", "slots"));
    await mountPage(CanteenSettingsPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="canteen-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-slots.dinner.capacity"]')?.textContent).toContain(
      "晚餐的容量应在 1 到 5000 份之间",
    );
    q('[data-test="canteen-save"]')!.click();
    await settle();
    expect(q('[data-test="canteen-slots-error"]')?.textContent).toContain("至少开放一个餐别");
  });

  it("closes a canteen only after a confirmation naming it", async () => {
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.updateCanteen).mockResolvedValue({ ...CANTEEN, active: false });
    await mountPage(CanteenSettingsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="canteen-active"]')?.classList.contains("is-checked")).toBe(true);
    q('[data-test="canteen-active"]')!.click();
    await settle(0);
    q('[data-test="canteen-save"]')!.click();
    await settle();
    const box = [...document.querySelectorAll(".el-message-box")].at(-1) as HTMLElement;
    expect(box.textContent).toContain("确定停用 双桥社区长者食堂？");
    expect(canteen.updateCanteen).not.toHaveBeenCalled();
    // Declined: nothing saved.
    (
      box.querySelector(
        ".el-message-box__btns .el-button:not(.el-button--danger):not(.el-button--primary)",
      ) as HTMLElement
    ).click();
    await settle(400);
    expect(canteen.updateCanteen).not.toHaveBeenCalled();

    q('[data-test="canteen-save"]')!.click();
    await settle();
    const box2 = [...document.querySelectorAll(".el-message-box")].at(-1) as HTMLElement;
    (
      box2.querySelector(
        ".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary",
      ) as HTMLElement
    ).click();
    await settle();
    expect(canteen.updateCanteen).toHaveBeenCalledWith(
      1,
      expect.objectContaining({ name: "双桥社区长者食堂", active: false }),
    );
  });
});

describe("DishesPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.listDishes).mockResolvedValue([DISH]);
  });

  it("shows prices in ¥ and saves typed 元 as 分, with the core's price error on its field", async () => {
    vi.mocked(canteen.saveDish).mockRejectedValueOnce(
      appError("invalid_amount", "儿童价格应在 0 到 1000 元之间", "prices.child"),
    );
    vi.mocked(canteen.saveDish).mockResolvedValueOnce(DISH);
    await mountPage(DishesPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="dish-row"]')?.textContent).toContain("¥12.00");

    q('[data-test="dish-edit"]')!.click();
    await settle(0);
    const elderly = q('[data-test="dish-price-elderly"] input') as HTMLInputElement;
    await typeInto(elderly, "12.35");
    elderly.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(0);
    q('[data-test="dish-save"]')!.click();
    await settle();
    expect(canteen.saveDish).toHaveBeenCalledWith(1, 11, {
      name: "红烧鱼套餐",
      kind: "set_meal",
      prices: { elderly: 1235, child: 1000, resident: 1500, staff: 1500 },
      tags: ["软食"],
      active: true,
    });
    expect(q('[data-test="field-error-priceChild"]')?.textContent).toContain("儿童价格应在 0 到 1000 元之间");
  });

  it("is read-only without manageCanteen", async () => {
    await mountPage(DishesPage, { pinia: signedInPinia({ manageCanteen: false }) });
    await settle(0);
    expect(q('[data-test="dish-add"]')).toBeNull();
    expect(q('[data-test="dish-edit"]')).toBeNull();
  });
});

describe("MenuPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(canteen.listCanteens).mockResolvedValue([CANTEEN]);
    vi.mocked(canteen.listDishes).mockResolvedValue([
      DISH,
      { ...DISH, id: 12, name: "番茄炒蛋", kind: "dish", kindLabel: "小碗菜" },
    ]);
    vi.mocked(canteen.weekMenu).mockResolvedValue(
      ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"].map(
        (date) => ({
          date,
          label: date.slice(5),
          slots: [{ slot: "lunch", label: "午餐", dishes: date === "2026-11-27" ? [DISH] : [] }],
        }),
      ),
    );
  });

  it("edits one day-slot in order, and copies last week after a confirmation", async () => {
    vi.mocked(canteen.setMenu).mockImplementation(async (_c, date) => ({
      date,
      label: date,
      slots: [{ slot: "lunch", label: "午餐", dishes: [] }],
    }));
    vi.mocked(canteen.copyLastWeek).mockResolvedValue({ filled: 4, kept: 1, week: [] });
    await mountPage(MenuPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="menu-cell-2026-11-27-lunch"]')?.textContent).toContain("红烧鱼套餐");

    q('[data-test="menu-cell-2026-11-28-lunch"]')!.click();
    await settle(0);
    (q('[data-test="menu-pick-12"] input') as HTMLInputElement).click();
    (q('[data-test="menu-pick-11"] input') as HTMLInputElement).click();
    await settle(0);
    q('[data-test="menu-save"]')!.click();
    await settle();
    expect(canteen.setMenu).toHaveBeenCalledWith(1, "2026-11-28", "lunch", [12, 11]);

    q('[data-test="menu-copy"]')!.click();
    await settle();
    expect(canteen.copyLastWeek).not.toHaveBeenCalled();
    (q(".el-message-box__btns .el-button--primary") as HTMLElement).click();
    await settle();
    expect(canteen.copyLastWeek).toHaveBeenCalledWith(1, "2026-11-28");
    const messages = [...document.querySelectorAll(".el-message--success")].map((m) => m.textContent);
    expect(messages.at(-1)).toContain("已从上周复制 4 个餐次；1 个已有菜单的餐次保持不变");
  });
});

describe("SubsidyRulesPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(residents.listCategoryTypes).mockResolvedValue([{ id: 2, name: "低保", builtin: true, active: true }]);
    vi.mocked(canteen.listSubsidyRules).mockResolvedValue([
      {
        id: 1,
        name: "80岁以上",
        ageMin: 80,
        ageMax: null,
        categoryTypeId: null,
        categoryName: null,
        conditions: "80 岁及以上",
        validFrom: "2026-01-01",
        validTo: null,
        perMeal: 300,
        perDayCap: 600,
        priority: 10,
        active: true,
      },
    ]);
  });

  it("lists the rules with the core's conditions and money, editable only with editSubsidyRules", async () => {
    await mountPage(SubsidyRulesPage, { pinia: signedInPinia({ editSubsidyRules: false }) });
    await settle(0);
    const row = q('[data-test="subsidy-row"]');
    expect(row?.textContent).toContain("80 岁及以上");
    expect(row?.textContent).toContain("¥3.00");
    expect(row?.textContent).toContain("¥6.00");
    expect(row?.textContent).toContain("2026年1月1日 起");
    expect(q('[data-test="subsidy-help"]')?.textContent).toContain(
      "多条规则同时符合时，优先级高者适用；相同时补贴额高者适用",
    );
    expect(q('[data-test="subsidy-add"]')).toBeNull();
    expect(q('[data-test="subsidy-edit"]')).toBeNull();
  });

  it("saves 元 as 分 and shows the core's error on its field", async () => {
    vi.mocked(canteen.saveSubsidyRule).mockRejectedValue(
      appError("cap_below_meal", "每日上限不能低于每餐补贴", "perDayCap"),
    );
    await mountPage(SubsidyRulesPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="subsidy-edit"]')!.click();
    await settle(0);
    q('[data-test="subsidy-save"]')!.click();
    await settle();
    expect(canteen.saveSubsidyRule).toHaveBeenCalledWith(1, {
      name: "80岁以上",
      ageMin: 80,
      ageMax: null,
      categoryTypeId: null,
      validFrom: "2026-01-01",
      validTo: null,
      perMeal: 300,
      perDayCap: 600,
      priority: 10,
      active: true,
    });
    expect(q('[data-test="field-error-perDayCap"]')?.textContent).toContain("每日上限不能低于每餐补贴");

    vi.mocked(canteen.saveSubsidyRule).mockRejectedValue(
      appError("unknown_category", "所选居民类别不存在，请刷新后重选", "categoryTypeId"),
    );
    q('[data-test="subsidy-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-categoryTypeId"]')?.textContent).toContain("所选居民类别不存在");
  });
});
