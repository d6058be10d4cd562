import { beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { defineComponent, h } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import * as volunteers from "../src/api/volunteers";
import PairingPage from "../src/views/volunteers/PairingPage.vue";
import VisitDialog from "../src/views/volunteers/VisitDialog.vue";
import { appError, mountPage, q, settle, signedInPinia } from "./helpers";
import { confirmBox, overduePairing, pairing, typeText, visit } from "./volunteersFixtures";

vi.mock("../src/api/volunteers");

// The date pickers are Element Plus's and slow to mount in happy-dom; these tests are about the form.
const STUBS = { DateInput: true };

beforeEach(() => {
  vi.resetAllMocks();
});

async function typeMinutes(value: string) {
  const input = q('[data-test="visit-minutes"] input') as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
  await settle(0);
}

describe("visit dialog", () => {
  async function openDialog(p = overduePairing(5, "王秀英")) {
    const mounted = await mountPage(VisitDialog, {
      pinia: signedInPinia(),
      options: { props: { pairing: p, visible: true } },
      stubs: STUBS,
    });
    await settle(0);
    return mounted;
  }

  it("sends the VisitInput: the pairing's first volunteer, today, the way and what was found", async () => {
    const saved = visit(31, { pairingId: 5, visitedOn: "2026-11-28" });
    vi.mocked(volunteers.recordVisit).mockResolvedValueOnce(saved);
    const { wrapper } = await openDialog();
    expect(q('[data-test="visit-volunteer"]')?.textContent).toContain("张建国");
    expect(q('[data-test="visit-way-home"]')?.classList.contains("is-active")).toBe(true);

    await typeMinutes("45");
    (q('[data-test="visit-way-phone"] input') as HTMLInputElement).click();
    await typeText('[data-test="visit-health"]', " 血压偏高，头晕 ");
    await typeText('[data-test="visit-safety"]', "燃气正常");
    await typeText('[data-test="visit-mood"]', "精神一般");
    await typeText('[data-test="visit-needs"]', "想请人修水龙头");
    (q('[data-test="visit-help"] input') as HTMLInputElement).click();
    await settle(0);
    q('[data-test="visit-save"]')!.click();
    await settle();
    expect(volunteers.recordVisit).toHaveBeenCalledWith(5, {
      volunteerId: 7,
      visitedOn: "2026-11-28",
      durationMinutes: 45,
      way: "phone",
      health: "血压偏高，头晕",
      safety: "燃气正常",
      mood: "精神一般",
      needs: "想请人修水龙头",
      needsHelp: true,
      healthWorry: false,
      nextVisitOn: null,
    });
    expect(wrapper.emitted("saved")?.[0]).toEqual([saved]);
    expect(wrapper.emitted("update:visible")?.at(-1)).toEqual([false]);
    expect(document.body.textContent).toContain("已登记 王秀英 11月28日的走访");
    expect(document.body.textContent).not.toContain("已通知卫生人员");
  });

  it("a health worry explains itself, and the message says the health staff were told", async () => {
    await openDialog();
    expect(q('[data-test="visit-worry-hint"]')?.textContent).toContain("将为卫生人员生成随访任务");
    q('[data-test="visit-volunteer-option-staff"]')!.click();
    await settle(0);
    await typeMinutes("20");
    await typeText('[data-test="visit-health"]', "腿肿，行走困难");
    (q('[data-test="visit-worry"] input') as HTMLInputElement).click();
    await settle(0);
    vi.mocked(volunteers.recordVisit).mockResolvedValueOnce(
      visit(32, { volunteerId: null, by: "工作人员", healthWorry: true, followupTaskId: 90, visitedOn: "2026-11-28" }),
    );
    q('[data-test="visit-save"]')!.click();
    await settle();
    expect(volunteers.recordVisit).toHaveBeenCalledWith(
      5,
      expect.objectContaining({ volunteerId: null, durationMinutes: 20, healthWorry: true, health: "腿肿，行走困难" }),
    );
    expect(document.body.textContent).toContain("已登记 王秀英 11月28日的走访，已通知卫生人员随访");
  });

  it("asks for the duration before anything is sent, and shows the core's refusals on their fields", async () => {
    await openDialog();
    q('[data-test="visit-save"]')!.click();
    await settle();
    expect(volunteers.recordVisit).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-durationMinutes"]')?.textContent).toContain("请填写时长");

    await typeMinutes("30");
    vi.mocked(volunteers.recordVisit).mockRejectedValueOnce(
      appError("visit_in_future", "走访日期不能晚于今天", "visitedOn"),
    );
    q('[data-test="visit-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-visitedOn"]')?.textContent).toContain("走访日期不能晚于今天");

    (q('[data-test="visit-worry"] input') as HTMLInputElement).click();
    await settle(0);
    vi.mocked(volunteers.recordVisit).mockRejectedValueOnce(
      appError("worry_unexplained", "勾选了健康问题需关注：请写明老人的健康情况", "input.health"),
    );
    q('[data-test="visit-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-health"]')?.textContent).toContain("请写明老人的健康情况");
    expect(q('[data-test="visit-error"]')).toBeNull();
  });

  it("a pairing without volunteers left is visited by 工作人员", async () => {
    await openDialog(pairing(6, "赵德明", { volunteers: [] }));
    await typeMinutes("15");
    vi.mocked(volunteers.recordVisit).mockResolvedValueOnce(visit(33, { volunteerId: null }));
    q('[data-test="visit-save"]')!.click();
    await settle();
    expect(volunteers.recordVisit).toHaveBeenCalledWith(6, expect.objectContaining({ volunteerId: null }));
  });
});

describe("pairing page", () => {
  async function openPage(permissions = {}) {
    const pinia = signedInPinia(permissions);
    const blank = defineComponent({ render: () => h("div") });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: "/volunteers", name: "volunteers", component: blank },
        { path: "/volunteers/pairing/:id", name: "volunteers-pairing", component: PairingPage },
      ],
    });
    await router.push("/volunteers/pairing/5");
    await router.isReady();
    mount(PairingPage, { attachTo: document.body, global: { plugins: [pinia, router, ElementPlus], stubs: STUBS } });
    await flushPromises();
    await settle(0);
  }

  it("shows the elder, the volunteers with their phones, the state and the visits newest first", async () => {
    vi.mocked(volunteers.getPairing).mockResolvedValue(overduePairing(5, "王秀英"));
    vi.mocked(volunteers.listVisits).mockResolvedValue([
      visit(2, { visitedOn: "2026-10-20", healthWorry: true, followupTaskId: 12, health: "腿肿" }),
      visit(1, { visitedOn: "2026-10-02", needsHelp: true, needs: "修水龙头", way: "phone", wayLabel: "电话" }),
    ]);
    await openPage();
    expect(volunteers.getPairing).toHaveBeenCalledWith(5);
    expect(volunteers.listVisits).toHaveBeenCalledWith(5);
    expect(q('[data-test="pairing-title"]')?.textContent).toBe("王秀英");
    const state = q('[data-test="pairing-summary"] [data-test="pairing-state"]')!;
    expect(state.textContent).toBe("从未走访，逾期 20 天");
    expect(state.classList.contains("el-tag--danger")).toBe(true);
    const people = [...document.querySelectorAll('[data-test="pairing-volunteer"]')];
    expect(people.map((p) => p.getAttribute("data-name"))).toEqual(["张建国", "李芳"]);
    expect(people[0]!.textContent).toContain("13812345678");

    const visitRows = [...document.querySelectorAll<HTMLElement>('[data-test="visit-row"]')];
    expect(visitRows.map((r) => r.getAttribute("data-date"))).toEqual(["2026-10-20", "2026-10-02"]);
    expect(visitRows[0]!.textContent).toContain("健康：腿肿");
    expect(visitRows[0]!.textContent).toContain("45 分钟");
    expect(visitRows[0]!.querySelector('[data-test="visit-health-worry"]')?.textContent).toBe("健康问题需关注");
    expect(visitRows[0]!.querySelector('[data-test="visit-notified"]')?.textContent).toBe("已通知卫生人员");
    expect(visitRows[1]!.querySelector('[data-test="visit-needs-help"]')?.textContent).toBe("需要帮助");
    expect(visitRows[1]!.querySelector('[data-test="visit-notified"]')).toBeNull();
    expect(visitRows[1]!.textContent).toContain("电话");
  });

  it("结束结对 asks first, naming the elder, then reloads", async () => {
    vi.mocked(volunteers.getPairing).mockResolvedValue(pairing(5, "王秀英"));
    vi.mocked(volunteers.listVisits).mockResolvedValue([]);
    await openPage();
    expect(q('[data-test="visits-empty"]')?.textContent).toContain("登记走访");
    q('[data-test="pairing-end"]')!.click();
    await settle(0);
    q('[data-test="pairing-end-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-reason"]')?.textContent).toContain("请填写结束原因");
    await typeText('[data-test="pairing-end-reason"]', "老人入住养老院");
    await settle(0);
    q('[data-test="pairing-end-save"]')!.click();
    await settle();
    expect(q(".el-message-box")?.textContent).toContain("确定结束 王秀英 的结对帮扶（2026年11月28日）");
    expect(volunteers.endPairing).not.toHaveBeenCalled();
    vi.mocked(volunteers.endPairing).mockResolvedValueOnce(
      pairing(5, "王秀英", { endDate: "2026-11-28", endReason: "老人入住养老院", active: false }),
    );
    vi.mocked(volunteers.getPairing).mockResolvedValue(
      pairing(5, "王秀英", {
        endDate: "2026-11-28",
        endReason: "老人入住养老院",
        active: false,
        visit: { lastVisitedOn: null, dueOn: "2026-11-08", overdue: false, overdueDays: 0, label: "已结束" },
      }),
    );
    confirmBox();
    await settle();
    expect(volunteers.endPairing).toHaveBeenCalledWith(5, "2026-11-28", "老人入住养老院");
    expect(q('[data-test="pairing-ended"]')?.textContent).toContain("2026年11月28日（老人入住养老院）");
    expect(q('[data-test="pairing-end"]')).toBeNull();
    expect(q('[data-test="visit-add"]')).toBeNull();
  });

  it("readers see the pairing without its buttons", async () => {
    vi.mocked(volunteers.getPairing).mockResolvedValue(pairing(5, "王秀英"));
    vi.mocked(volunteers.listVisits).mockResolvedValue([visit(1)]);
    await openPage({ manageVolunteers: false });
    expect(q('[data-test="pairing-title"]')?.textContent).toBe("王秀英");
    expect(q('[data-test="visit-add"]')).toBeNull();
    expect(q('[data-test="pairing-edit"]')).toBeNull();
    expect(q('[data-test="pairing-end"]')).toBeNull();
  });

  it("shows the core's message when the pairing cannot be loaded", async () => {
    vi.mocked(volunteers.getPairing).mockRejectedValue(appError("not_found", "找不到该结对帮扶"));
    vi.mocked(volunteers.listVisits).mockResolvedValue([]);
    await openPage();
    expect(q('[data-test="load-error"]')?.textContent).toContain("找不到该结对帮扶");
  });
});
