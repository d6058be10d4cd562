import { beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { defineComponent, h } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import * as checkups from "../src/api/checkups";
import * as volunteers from "../src/api/volunteers";
import { routes, VOLUNTEERS_TABS } from "../src/router";
import HomePage from "../src/views/home/HomePage.vue";
import PairingDialog from "../src/views/volunteers/PairingDialog.vue";
import PairingsPage from "../src/views/volunteers/PairingsPage.vue";
import { LARGE_1366_TABLE, columnWidths, headers, largeTextAt1366, sum, wideWindow } from "./columnsFit";
import { appError, mountPage, q, settle, signedInPinia } from "./helpers";
import { SETTINGS, SUGGESTIONS, overduePairing, pairing, pickerStub, volunteer } from "./volunteersFixtures";

vi.mock("../src/api/volunteers");
vi.mock("../src/api/checkups");

const STUBS = { DateInput: true };
const rows = () => [...document.querySelectorAll<HTMLElement>('[data-test="pairing-row"]')];

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(volunteers.volunteerSettings).mockResolvedValue(SETTINGS);
  vi.mocked(checkups.urgentAlerts).mockResolvedValue([]);
});

describe("routes", () => {
  it("opens 志愿服务 with its tabs; the whole module needs viewVolunteers", () => {
    const router = createRouter({ history: createMemoryHistory(), routes });
    expect(VOLUNTEERS_TABS.map((tab) => tab.name)).toEqual([
      "volunteers",
      "volunteers-activities",
      "volunteers-people",
      "volunteers-teams",
      "volunteers-hours",
      "volunteers-proofs",
    ]);
    expect(router.resolve("/volunteers").name).toBe("volunteers");
    expect(router.resolve("/volunteers/people").name).toBe("volunteers-people");
    expect(router.resolve("/volunteers/teams").name).toBe("volunteers-teams");
    expect(router.resolve("/volunteers/activities").name).toBe("volunteers-activities");
    expect(router.resolve("/volunteers/activities/9").name).toBe("volunteers-activity");
    expect(router.resolve("/volunteers/people/7/record").name).toBe("volunteers-record");
    expect(router.resolve("/volunteers/hours").name).toBe("volunteers-hours");
    expect(router.resolve("/volunteers/proofs").name).toBe("volunteers-proofs");
    const detail = router.resolve("/volunteers/pairing/5");
    expect(detail.name).toBe("volunteers-pairing");
    expect(detail.params.id).toBe("5");
    expect(detail.matched.some((m) => m.meta.needs === "viewVolunteers")).toBe(true);
  });
});

describe("pairings page", () => {
  const LIST = [overduePairing(1, "王秀英"), pairing(2, "赵德明", { nextVisitOn: "2026-12-02" })];

  it("lists 结对中 by default and marks the rows the core says are overdue", async () => {
    wideWindow();
    vi.mocked(volunteers.listPairings).mockResolvedValue(LIST);
    await mountPage(PairingsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(volunteers.listPairings).toHaveBeenCalledTimes(1);
    expect(volunteers.listPairings).toHaveBeenCalledWith("active");
    expect(q('[data-test="pairing-filter-active"]')?.classList.contains("is-active")).toBe(true);
    expect(q('[data-test="pairings-summary"]')?.textContent).toBe("结对 2 户，逾期未走访 1 户");
    expect(q('[data-test="pairings-grace"]')?.textContent).toContain("超过走访频次 3 天未走访即为逾期");

    expect(rows().map((r) => r.getAttribute("data-name"))).toEqual(["王秀英", "赵德明"]);
    const [late, fine] = rows();
    expect(late!.getAttribute("data-id")).toBe("1");
    expect(late!.getAttribute("data-overdue")).toBe("true");
    const lateState = late!.querySelector('[data-test="pairing-state"]')!;
    expect(lateState.textContent).toBe("从未走访，逾期 20 天");
    expect(lateState.classList.contains("el-tag--danger")).toBe(true);
    expect(late!.textContent).toContain("从未走访");
    expect(late!.textContent).toContain("双桥社区 幸福路 12 号 3 单元");
    expect(late!.textContent).toContain("张建国、李芳");
    expect([...late!.querySelectorAll('[data-test="pairing-category"]')].map((c) => c.textContent)).toEqual([
      "独居",
      "空巢",
    ]);

    expect(fine!.getAttribute("data-overdue")).toBe("false");
    const fineState = fine!.querySelector('[data-test="pairing-state"]')!;
    expect(fineState.textContent).toBe("最近走访 2026年11月25日");
    expect(fineState.classList.contains("el-tag--danger")).toBe(false);
    expect(fine!.textContent).toContain("2026年11月25日");
    expect(fine!.textContent).toContain("约定 12月2日");
    expect(fine!.querySelector('[data-test="visit-add"]')).not.toBeNull();
  });

  it("each filter asks the core for its PairingFilter; the summary still counts those in force", async () => {
    vi.mocked(volunteers.listPairings).mockImplementation(async (filter) => {
      if (filter === "overdue") return [LIST[0]!];
      if (filter === "all") return [...LIST, pairing(3, "孙桂兰", { active: false, endDate: "2026-11-20" })];
      return LIST;
    });
    await mountPage(PairingsPage, { pinia: signedInPinia() });
    await settle(0);

    (q('[data-test="pairing-filter-overdue"] input') as HTMLInputElement).click();
    await settle(0);
    expect(volunteers.listPairings).toHaveBeenCalledWith("overdue");
    expect(rows().map((r) => r.getAttribute("data-name"))).toEqual(["王秀英"]);
    expect(q('[data-test="pairings-summary"]')?.textContent).toBe("结对 2 户，逾期未走访 1 户");

    (q('[data-test="pairing-filter-all"] input') as HTMLInputElement).click();
    await settle(0);
    expect(volunteers.listPairings).toHaveBeenLastCalledWith("all");
    expect(rows()).toHaveLength(3);
    // An ended pairing: no 登记走访, and it is not counted as in force.
    expect(rows()[2]!.querySelector('[data-test="visit-add"]')).toBeNull();
    expect(q('[data-test="pairings-summary"]')?.textContent).toBe("结对 2 户，逾期未走访 1 户");
  });

  it("opens the overdue list from the home page's link", async () => {
    vi.mocked(volunteers.listPairings).mockResolvedValue([LIST[0]!]);
    await mountPage(PairingsPage, { pinia: signedInPinia(), path: "/?filter=overdue" });
    await settle(0);
    expect(volunteers.listPairings).toHaveBeenCalledWith("overdue");
    expect(q('[data-test="pairing-filter-overdue"]')?.classList.contains("is-active")).toBe(true);
  });

  it("says what to do when there is no pairing", async () => {
    vi.mocked(volunteers.listPairings).mockResolvedValue([]);
    await mountPage(PairingsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="pairings-empty"]')?.textContent).toContain("新建结对");
  });

  it("readers may look and print, but not pair or record visits; the overdue list has no phones for them", async () => {
    vi.mocked(volunteers.listPairings).mockResolvedValue(LIST);
    await mountPage(PairingsPage, { pinia: signedInPinia({ manageVolunteers: false, manageSystem: false }) });
    await settle(0);
    expect(q('[data-test="pairing-add"]')).toBeNull();
    expect(q('[data-test="visit-add"]')).toBeNull();
    expect(q('[data-test="pairing-detail"]')).not.toBeNull();
    expect(q('[data-test="pairings-grace-edit"]')).toBeNull();
    expect(q('[data-test="print-pairings"]')?.textContent).toContain("结对名单");
    expect(q('[data-test="print-overdue"]')?.textContent).toContain("逾期未走访名单");
    expect(q('[data-test="print-overdue"]')?.textContent).not.toContain("含电话");
    expect(q('[data-test="print-visit-forms"]')?.textContent).toContain("走访记录表");
  });

  it("those who keep the volunteers are told the overdue list lists phones", async () => {
    vi.mocked(volunteers.listPairings).mockResolvedValue(LIST);
    await mountPage(PairingsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="print-overdue"]')?.textContent).toContain("逾期未走访名单（含电话）");
    vi.mocked(volunteers.printPairings).mockResolvedValue({
      path: "/prints/结对帮扶名单.pdf",
      fileName: "结对帮扶名单.pdf",
      pages: 1,
      unprintable: [],
    });
    q('[data-test="print-pairings"]')!.click();
    await settle(0);
    expect(volunteers.printPairings).toHaveBeenCalled();
  });

  it("in 大字模式 at 1366 fits every column, 状态 and the actions in sight", async () => {
    vi.mocked(volunteers.listPairings).mockResolvedValue(LIST);
    await mountPage(PairingsPage, { pinia: largeTextAt1366(signedInPinia()) });
    await settle(0);
    const hs = headers("pairings-table");
    expect(hs).toContain("状态");
    expect(hs).toContain("操作");
    expect(hs).toContain("频次 / 最近走访");
    expect(sum(columnWidths("pairings-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
  });

  it("the volunteer settings are the administrator's to change", async () => {
    vi.mocked(volunteers.listPairings).mockResolvedValue(LIST);
    vi.mocked(volunteers.saveVolunteerSettings).mockRejectedValueOnce(
      appError("invalid_grace_days", "宽限天数应在 0–30 天之间", "visitGraceDays"),
    );
    await mountPage(PairingsPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="pairings-grace-edit"]')!.click();
    await settle(0);
    expect((q('[data-test="settings-in-charge"]') as HTMLInputElement).value).toBe("王主任");
    expect((q('[data-test="settings-contact"]') as HTMLInputElement).value).toBe("010-12345678");
    q('[data-test="settings-save"]')!.click();
    await settle();
    expect(volunteers.saveVolunteerSettings).toHaveBeenCalledWith(SETTINGS);
    expect(q('[data-test="field-error-visitGraceDays"]')?.textContent).toContain("0–30");

    vi.mocked(volunteers.saveVolunteerSettings).mockRejectedValueOnce(
      appError("phone_invalid", "电话号码格式不正确", "proofContactPhone"),
    );
    q('[data-test="settings-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-proofContactPhone"]')?.textContent).toContain("电话号码格式不正确");

    vi.mocked(volunteers.saveVolunteerSettings).mockResolvedValueOnce({ ...SETTINGS, visitGraceDays: 5 });
    q('[data-test="settings-save"]')!.click();
    await settle();
    expect(q('[data-test="pairings-grace"]')?.textContent).toContain("超过走访频次 5 天未走访即为逾期");
    expect(volunteers.listPairings).toHaveBeenCalledTimes(2);
  });
});

describe("pairing dialog", () => {
  const Picker = pickerStub({ id: 305, name: "钱淑芬", age: 71, communityName: "中阳楼社区", categories: [] });

  async function openDialog() {
    vi.mocked(volunteers.suggestElders).mockResolvedValue(SUGGESTIONS);
    vi.mocked(volunteers.listVolunteers).mockResolvedValue([
      volunteer(7, "张建国"),
      volunteer(9, "刘洋", { teams: [], age: 16, minor: true }),
    ]);
    const mounted = await mountPage(PairingDialog, {
      pinia: signedInPinia(),
      options: { props: { pairing: null, visible: true } },
      stubs: { ...STUBS, ResidentPicker: Picker },
    });
    await settle(0);
    return mounted;
  }

  it("offers the core's suggestions first, and sends the PairingInput", async () => {
    const { wrapper } = await openDialog();
    expect(volunteers.listVolunteers).toHaveBeenCalledWith({ text: null, teamId: null, status: "active" });
    expect(document.body.textContent).toContain("建议结对的老人（独居、失能、半失能、空巢）");
    const suggestions = [...document.querySelectorAll<HTMLElement>('[data-test="pairing-suggestion"]')];
    expect(suggestions.map((s) => s.getAttribute("data-name"))).toEqual(["王秀英", "赵德明"]);
    expect(suggestions[0]!.textContent).toContain("86 岁");
    expect(suggestions[0]!.textContent).toContain("独居");

    q('[data-test="pairing-save"]')!.click();
    await settle();
    expect(volunteers.savePairing).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-elderId"]')?.textContent).toContain("请选择老人");
    expect(q('[data-test="field-error-volunteerIds"]')?.textContent).toContain("请选择结对志愿者");

    suggestions[0]!.click();
    await settle(0);
    expect(suggestions[0]!.classList.contains("is-selected")).toBe(true);
    expect(q('[data-test="pairing-elder-chosen"]')?.textContent).toContain("王秀英");
    expect(q('[data-test="stub-label"]')?.textContent).toContain("王秀英");
    expect(q('[data-test="pairing-volunteer-option-7"]')?.textContent).toContain("张建国（ZY00007）");
    q('[data-test="pairing-volunteer-option-7"]')!.click();
    await settle(0);
    // 每周 by default.
    expect(q('[data-test="pairing-frequency"]')?.textContent).toContain("每周");

    const row = pairing(11, "王秀英");
    vi.mocked(volunteers.savePairing).mockResolvedValueOnce(row);
    q('[data-test="pairing-save"]')!.click();
    await settle();
    expect(volunteers.savePairing).toHaveBeenCalledWith(null, {
      elderId: 201,
      volunteerIds: [7],
      frequencyDays: 7,
      startDate: "2026-11-28",
      notes: "",
    });
    expect(wrapper.emitted("saved")?.[0]).toEqual([row]);
    expect(document.body.textContent).toContain("已为 王秀英 建立结对帮扶");
  });

  it("a custom frequency sends its days; the core's refusal shows on its field", async () => {
    await openDialog();
    q('[data-test="stub-pick"]')!.click();
    await settle(0);
    expect(q('[data-test="pairing-elder-chosen"]')?.textContent).toContain("钱淑芬 · 71 岁 · 中阳楼社区");
    q('[data-test="pairing-volunteer-option-9"]')!.click();
    q('[data-test="pairing-frequency-option-custom"]')!.click();
    await settle(0);
    const days = q('[data-test="pairing-frequency-days"] input') as HTMLInputElement;
    days.value = "10";
    days.dispatchEvent(new Event("input", { bubbles: true }));
    days.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(0);
    vi.mocked(volunteers.savePairing).mockRejectedValueOnce(
      appError(
        "volunteer_too_young",
        "刘洋未满 14 岁，不能单独结对走访（可参加适合未成年人的活动）",
        "input.volunteerIds",
      ),
    );
    q('[data-test="pairing-save"]')!.click();
    await settle();
    expect(volunteers.savePairing).toHaveBeenCalledWith(
      null,
      expect.objectContaining({ elderId: 305, volunteerIds: [9], frequencyDays: 10 }),
    );
    expect(q('[data-test="field-error-volunteerIds"]')?.textContent).toContain("未满 14 岁");
    expect(q('[data-test="pairing-error"]')).toBeNull();

    vi.mocked(volunteers.savePairing).mockRejectedValueOnce(
      appError("not_elder", "钱淑芬未满 60 岁，结对帮扶只面向老年人", "input.elderId"),
    );
    q('[data-test="pairing-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-elderId"]')?.textContent).toContain("只面向老年人");
  });

  it("editing keeps the elder and shows the pairing's volunteers and frequency", async () => {
    vi.mocked(volunteers.listVolunteers).mockResolvedValue([volunteer(7, "张建国")]);
    const row = pairing(4, "王秀英", { frequencyDays: 10, frequencyLabel: "每 10 天" });
    await mountPage(PairingDialog, {
      pinia: signedInPinia(),
      options: { props: { pairing: row, visible: true } },
      stubs: { ...STUBS, ResidentPicker: Picker },
    });
    await settle(0);
    expect(volunteers.suggestElders).not.toHaveBeenCalled();
    expect(q('[data-test="pairing-elder-fixed"]')?.textContent).toBe("王秀英");
    // 李芳 is no longer 在册 but stays shown as the pairing's.
    expect(q('[data-test="pairing-volunteers"]')?.textContent).toContain("李芳");
    expect((q('[data-test="pairing-frequency-days"] input') as HTMLInputElement).value).toBe("10");
    vi.mocked(volunteers.savePairing).mockResolvedValueOnce(row);
    q('[data-test="pairing-save"]')!.click();
    await settle();
    expect(volunteers.savePairing).toHaveBeenCalledWith(4, {
      elderId: 104,
      volunteerIds: [7, 8],
      frequencyDays: 10,
      startDate: "2026-11-01",
      notes: "",
    });
  });
});

describe("home page", () => {
  async function openHome(permissions = {}) {
    const pinia = signedInPinia(permissions);
    const blank = defineComponent({ render: () => h("div") });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: "/", name: "home", component: HomePage },
        { path: "/volunteers", name: "volunteers", component: blank },
        { path: "/volunteers/pairing/:id", name: "volunteers-pairing", component: blank },
        { path: "/settings/:tab", name: "settings-communities", component: blank },
      ],
    });
    await router.push("/");
    await router.isReady();
    mount(HomePage, { attachTo: document.body, global: { plugins: [pinia, router, ElementPlus] } });
    await flushPromises();
    await settle(0);
  }

  it("lists up to five overdue pairings with the core's words, each linking to its pairing", async () => {
    const late = Array.from({ length: 7 }, (_, i) =>
      overduePairing(i + 1, `老人${i + 1}`, {
        visit: {
          lastVisitedOn: null,
          dueOn: "2026-11-08",
          overdue: true,
          overdueDays: 30 - i,
          label: `逾期 ${30 - i} 天`,
        },
      }),
    );
    vi.mocked(volunteers.listPairings).mockResolvedValue(late);
    await openHome({ manageSystem: false });
    expect(volunteers.listPairings).toHaveBeenCalledWith("overdue");
    expect(q('[data-test="home-overdue-title"]')?.textContent).toBe("逾期未走访 7 户");
    const shown = [...document.querySelectorAll<HTMLElement>('[data-test="home-overdue-row"]')];
    expect(shown).toHaveLength(5);
    expect(shown[0]!.textContent).toContain("老人1");
    expect(shown[0]!.textContent).toContain("逾期 30 天");
    expect(shown[0]!.querySelector('[data-test="home-overdue-link"]')?.getAttribute("href")).toContain(
      "/volunteers/pairing/1",
    );
    expect(q('[data-test="home-overdue-more"]')?.textContent).toContain("另有 2 户");
    expect(q('[data-test="home-overdue-all"]')?.getAttribute("href")).toContain("filter=overdue");
  });

  it("shows nothing without viewVolunteers, or when every elder was visited in time", async () => {
    vi.mocked(volunteers.listPairings).mockResolvedValue([overduePairing(1, "王秀英")]);
    await openHome({ viewVolunteers: false, manageVolunteers: false, manageSystem: false });
    expect(volunteers.listPairings).not.toHaveBeenCalled();
    expect(q('[data-test="home-overdue-visits"]')).toBeNull();

    document.body.innerHTML = "";
    vi.mocked(volunteers.listPairings).mockResolvedValue([]);
    await openHome({ manageSystem: false });
    expect(volunteers.listPairings).toHaveBeenCalledWith("overdue");
    expect(q('[data-test="home-overdue-visits"]')).toBeNull();
    expect(q('[data-test="home-welcome"]')).not.toBeNull();
  });

  it("says so when the list could not be loaded", async () => {
    vi.mocked(volunteers.listPairings).mockRejectedValue(appError("db_busy", "数据库正忙，请稍后重试"));
    await openHome({ manageSystem: false });
    expect(q('[data-test="home-overdue-error"]')?.textContent).toContain("数据库正忙");
  });
});
