import { flushPromises } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import * as checkups from "../src/api/checkups";
import { CHECKUP_TABS, routes } from "../src/router";
import TasksPage from "../src/views/checkups/TasksPage.vue";
import HomePage from "../src/views/home/HomePage.vue";
import { task } from "./checkupsFixtures";
import { LARGE_1366_TABLE, columnWidths, headers, largeTextAt1366, sum, wideWindow } from "./columnsFit";
import { appError, mountPage, q, settle, signedInPinia } from "./helpers";

vi.mock("../src/api/checkups");

const URGENT = task(1, "王秀英", {
  kind: "urgent_referral",
  kindLabel: "紧急转诊",
  dueOn: "2026-11-28",
  reason: "血压 185/112 mmHg，达到紧急转诊标准",
  urgent: true,
});
const OVERDUE = task(2, "李桂兰", { dueOn: "2026-11-20", overdue: true, overdueDays: 8 });
const ROUTINE = task(3, "王建国", { kind: "routine_hypertension", kindLabel: "高血压季度随访" });

async function typeText(el: Element | null, value: string) {
  if (!(el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)) throw new Error("no text field");
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  await flushPromises();
}

describe("routes", () => {
  it("opens 健康体检 with its tabs; tasks need seeHealthValues, setup organizeCheckups", () => {
    const router = createRouter({ history: createMemoryHistory(), routes });
    expect(router.resolve("/checkups").name).toBe("checkups");
    const campaign = router.resolve("/checkups/campaigns/5");
    expect(campaign.name).toBe("checkups-campaign");
    expect(campaign.params.id).toBe("5");
    expect(router.resolve("/checkups/tasks").matched.some((r) => r.meta.needs === "seeHealthValues")).toBe(true);
    expect(router.resolve("/checkups/setup").matched.some((r) => r.meta.needs === "organizeCheckups")).toBe(true);
    expect(CHECKUP_TABS.map((t) => t.name)).toEqual([
      "checkups",
      "checkups-tasks",
      "checkups-setup",
      "checkups-thresholds",
    ]);
  });
});

describe("tasks", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(checkups.listTasks).mockResolvedValue([URGENT, OVERDUE, ROUTINE]);
  });

  it("shows 社区 in its own column on a wide window", async () => {
    wideWindow();
    await mountPage(TasksPage, { pinia: signedInPinia() });
    await settle(0);
    expect(headers("tasks-table")).toEqual(["到期日", "类型", "姓名", "社区", "电话", "原因", "操作"]);
  });

  it("in 大字模式 at 1366 puts 社区 under the name so 记录随访 is in sight without scrolling sideways", async () => {
    await mountPage(TasksPage, { pinia: largeTextAt1366(signedInPinia()) });
    await settle(0);
    expect(headers("tasks-table")).toEqual(["到期日", "类型", "姓名", "电话", "原因", "操作"]);
    expect(sum(columnWidths("tasks-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
    const first = q('[data-test="task-row"]')!;
    expect(first.textContent).toContain(URGENT.person.community);
    expect(first.querySelector('[data-test="task-phone"]')).not.toBeNull();
    expect(first.querySelector('[data-test="task-record"]')).not.toBeNull();
  });

  it("lists the tasks in the core's order, urgent rows red, overdue marked", async () => {
    await mountPage(TasksPage, { pinia: signedInPinia() });
    await settle(0);
    expect(checkups.listTasks).toHaveBeenCalledWith(7);
    const rows = [...document.querySelectorAll('[data-test="task-row"]')];
    expect(rows.map((r) => r.getAttribute("data-name"))).toEqual(["王秀英", "李桂兰", "王建国"]);
    expect(rows[0]!.classList.contains("is-urgent")).toBe(true);
    expect(rows[0]!.textContent).toContain("紧急转诊");
    expect(rows[1]!.classList.contains("is-urgent")).toBe(false);
    expect(rows[1]!.querySelector('[data-test="task-overdue"]')?.textContent).toContain("已逾期 8 天");
    // 电话 is a follow-up method: the core gives health staff the whole number.
    expect(rows[1]!.querySelector('[data-test="task-phone"]')?.textContent).toBe("13803561234");
    expect(rows[2]!.textContent).toContain("高血压季度随访");

    (q('[data-test="tasks-due-30"] input') as HTMLInputElement).click();
    await settle(0);
    expect(checkups.listTasks).toHaveBeenLastCalledWith(30);
  });

  it("记录随访 requires the outcome and sends the task id; the next tasks are shown after", async () => {
    vi.mocked(checkups.recordFollowup).mockResolvedValue({
      recordId: 50,
      residentId: 202,
      followedOn: "2026-11-28",
      closedTaskId: 2,
      flags: {
        bpGrade: "grade1",
        glucoseClass: null,
        bmiX10: null,
        bmiClass: null,
        bpUncontrolled: true,
        glucoseUncontrolled: false,
        urgent: false,
        urgentReasons: [],
      },
      nextTasks: [{ kind: "recheck", dueOn: "2026-12-12", reason: "血压未控制，两周内复查" }],
    });
    await mountPage(TasksPage, { pinia: signedInPinia() });
    await settle(0);
    (document.querySelectorAll('[data-test="task-record"]')[1] as HTMLElement).click();
    await settle(0);
    expect(q('[data-test="followup-dialog"]')?.textContent).toContain("李桂兰");

    q('[data-test="followup-save"]')!.click();
    await settle();
    expect(checkups.recordFollowup).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-outcome"]')?.textContent).toContain("请填写随访结果");

    (q('[data-test="followup-method-phone"] input') as HTMLInputElement).click();
    await typeText(q('[data-test="followup-systolic"]'), "150");
    await typeText(q('[data-test="followup-diastolic"]'), "95");
    await typeText(q('[data-test="followup-outcome"]'), "血压偏高，嘱按时服药");
    vi.mocked(checkups.listTasks).mockResolvedValue([URGENT, ROUTINE]);
    q('[data-test="followup-save"]')!.click();
    await settle();
    expect(checkups.recordFollowup).toHaveBeenCalledWith({
      residentId: 202,
      taskId: 2,
      followedOn: "2026-11-28",
      method: "phone",
      reading: {
        systolic: 150,
        diastolic: 95,
        heartRate: null,
        glucose: null,
        glucoseKind: null,
        height: null,
        weight: null,
        waist: null,
        notes: null,
      },
      outcome: "血压偏高，嘱按时服药",
      nextOn: null,
    });
    expect(q('[data-test="followup-saved"]')?.textContent).toContain("已记录 李桂兰 的随访");
    expect(q('[data-test="followup-next-task"]')?.textContent).toContain("复查随访：2026年12月12日 前");
    expect(document.querySelectorAll('[data-test="task-row"]').length).toBe(2);
  });

  it("shows the core's error on the follow-up's field", async () => {
    vi.mocked(checkups.recordFollowup).mockRejectedValue(
      appError("invalid_next", "下次随访日期要晚于本次随访日期", "nextOn"),
    );
    await mountPage(TasksPage, { pinia: signedInPinia() });
    await settle(0);
    (q('[data-test="task-record"]') as HTMLElement).click();
    await settle(0);
    await typeText(q('[data-test="followup-outcome"]'), "已转诊至孝义市中心医院");
    q('[data-test="followup-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-nextOn"]')?.textContent).toContain("下次随访日期要晚于本次随访日期");
  });
});

describe("home page urgent alerts", () => {
  beforeEach(() => vi.resetAllMocks());
  // The administrators' settings links need routes the test router lacks; they are not under test here.
  const health = (p: { seeHealthValues?: boolean } = {}) => signedInPinia({ manageSystem: false, ...p });

  it("lists the urgent alerts in a red card for roles that see health values", async () => {
    vi.mocked(checkups.urgentAlerts).mockResolvedValue([URGENT]);
    await mountPage(HomePage, { pinia: health() });
    await settle(0);
    expect(q('[data-test="home-urgent-alerts"]')).not.toBeNull();
    const row = q('[data-test="home-urgent-row"]');
    expect(row?.textContent).toContain("王秀英");
    expect(row?.textContent).toContain("双桥社区");
    expect(row?.textContent).toContain("达到紧急转诊标准");
    expect(row?.textContent).toContain("2026年11月28日");
    expect(q('[data-test="home-urgent-link"]')?.getAttribute("href")).toContain("/checkups/tasks");
    expect(q('[data-test="home-urgent-overdue"]')).toBeNull();
  });

  it("says an alert is overdue and by how many days", async () => {
    vi.mocked(checkups.urgentAlerts).mockResolvedValue([
      { ...URGENT, dueOn: "2026-09-28", overdue: true, overdueDays: 61 },
    ]);
    await mountPage(HomePage, { pinia: health() });
    await settle(0);
    expect(q('[data-test="home-urgent-overdue"]')?.textContent).toBe("2026年9月28日 到期，已逾期 61 天");
  });

  it("shows nothing without seeHealthValues, or when there is nothing to handle", async () => {
    vi.mocked(checkups.urgentAlerts).mockResolvedValue([URGENT]);
    await mountPage(HomePage, { pinia: health({ seeHealthValues: false }) });
    await settle(0);
    expect(checkups.urgentAlerts).not.toHaveBeenCalled();
    expect(q('[data-test="home-urgent-alerts"]')).toBeNull();
    expect(q('[data-test="home-welcome"]')).not.toBeNull();
  });

  it("shows no card when the list is empty", async () => {
    vi.mocked(checkups.urgentAlerts).mockResolvedValue([]);
    await mountPage(HomePage, { pinia: health() });
    await settle(0);
    expect(checkups.urgentAlerts).toHaveBeenCalled();
    expect(q('[data-test="home-urgent-alerts"]')).toBeNull();
  });
});
