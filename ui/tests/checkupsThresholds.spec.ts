import { beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import * as checkups from "../src/api/checkups";
import type { ThresholdVersion } from "../src/bindings/ThresholdVersion";
import type { Thresholds } from "../src/bindings/Thresholds";
import { CHECKUP_TABS, routes } from "../src/router";
import ResultEntry from "../src/views/checkups/ResultEntry.vue";
import TasksPage from "../src/views/checkups/TasksPage.vue";
import ThresholdsPage from "../src/views/checkups/ThresholdsPage.vue";
import UrgentAlertsCard from "../src/views/checkups/UrgentAlertsCard.vue";
import { invitation, task } from "./checkupsFixtures";
import { appError, mountPage, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/checkups");

const THRESHOLDS: Thresholds = {
  bp: {
    highNormalSystolic: 130,
    highNormalDiastolic: 85,
    grade1Systolic: 140,
    grade1Diastolic: 90,
    grade2Systolic: 160,
    grade2Diastolic: 100,
    grade3Systolic: 180,
    grade3Diastolic: 110,
    uncontrolledSystolic: 140,
    uncontrolledDiastolic: 90,
    urgentSystolic: 180,
    urgentDiastolic: 110,
  },
  glucose: { fastingImpairedX10: 61, fastingDiabetesX10: 70, randomHighX10: 111, urgentHighX10: 167, urgentLowX10: 39 },
  bmi: { underweightBelowX10: 185, overweightFromX10: 240, obeseFromX10: 280 },
  followup: { recheckDays: 14, routineDays: 90 },
  source: "国家基本公共卫生服务规范（第三版）",
};
const VERSION: ThresholdVersion = {
  id: 1,
  version: "第 1 版",
  thresholds: THRESHOLDS,
  createdAt: "2026-11-01T02:00:00Z",
};

const input = (name: string) => q(`[data-test="threshold-${name}"]`) as HTMLInputElement | null;
const lastBox = () => [...document.querySelectorAll(".el-message-box")].at(-1) as HTMLElement | undefined;
function answerBox(confirm: boolean) {
  const box = lastBox();
  if (!box) throw new Error("no confirmation box");
  const selector = confirm
    ? ".el-message-box__btns .el-button--primary"
    : ".el-message-box__btns .el-button:not(.el-button--primary)";
  (box.querySelector(selector) as HTMLElement).click();
}

describe("判定标准", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(checkups.getThresholds).mockResolvedValue(VERSION);
  });

  it("is a tab for everyone signed in, with its own route", () => {
    const tab = CHECKUP_TABS.find((t) => t.name === "checkups-thresholds");
    expect(tab).toBeDefined();
    expect(Object.keys(tab!)).toEqual(["name", "title"]);
    const router = createRouter({ history: createMemoryHistory(), routes });
    const r = router.resolve("/checkups/thresholds");
    expect(r.name).toBe("checkups-thresholds");
    expect(
      r.matched.some(
        (m) =>
          m.meta.needs === "organizeCheckups" || m.meta.needs === "seeHealthValues" || m.meta.needs === "manageSystem",
      ),
    ).toBe(false);
  });

  it("shows the current version; tenths as decimals with one place, and sends tenths after confirmation", async () => {
    vi.mocked(checkups.saveThresholds).mockImplementation(async (th) => ({
      id: 2,
      version: "第 2 版",
      thresholds: th,
      createdAt: "2026-11-28T03:00:00Z",
    }));
    await mountPage(ThresholdsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="thresholds-version"]')?.textContent).toContain("第 1 版");
    expect(q('[data-test="thresholds-created-at"]')?.textContent).toContain("2026-11-01 10:00");
    expect(q('[data-test="thresholds-current-source"]')?.textContent).toContain("国家基本公共卫生服务规范（第三版）");
    expect(input("fasting-impaired-x10")?.value).toBe("6.1");
    expect(input("fasting-diabetes-x10")?.value).toBe("7.0");
    expect(input("urgent-low-x10")?.value).toBe("3.9");
    expect(input("random-high-x10")?.value).toBe("11.1");
    expect(input("overweight-from-x10")?.value).toBe("24.0");
    expect(input("underweight-below-x10")?.value).toBe("18.5");
    expect(input("grade1-systolic")?.value).toBe("140");
    expect(input("recheck-days")?.value).toBe("14");
    expect(input("source")?.value).toBe("国家基本公共卫生服务规范（第三版）");
    expect(q('[data-test="thresholds-read-only"]')).toBeNull();

    await typeInto(input("fasting-impaired-x10"), "5.6");
    await typeInto(input("obese-from-x10"), "２８．５");
    await typeInto(input("recheck-days"), "7");
    q('[data-test="thresholds-save"]')!.click();
    await settle(0);
    // Nothing is sent before the confirmation.
    expect(checkups.saveThresholds).not.toHaveBeenCalled();
    expect(lastBox()?.textContent).toContain("保存后新录入的结果按新标准判定，已有结果保留原判定");
    answerBox(true);
    await settle();
    expect(checkups.saveThresholds).toHaveBeenCalledWith({
      ...THRESHOLDS,
      glucose: { ...THRESHOLDS.glucose, fastingImpairedX10: 56 },
      bmi: { ...THRESHOLDS.bmi, obeseFromX10: 285 },
      followup: { ...THRESHOLDS.followup, recheckDays: 7 },
    });
    expect(q('[data-test="thresholds-version"]')?.textContent).toContain("第 2 版");
    expect(input("fasting-impaired-x10")?.value).toBe("5.6");
    expect(input("obese-from-x10")?.value).toBe("28.5");
  });

  it("sends nothing when the confirmation is declined", async () => {
    await mountPage(ThresholdsPage, { pinia: signedInPinia() });
    await settle(0);
    await typeInto(input("routine-days"), "60");
    q('[data-test="thresholds-save"]')!.click();
    await settle(0);
    expect(lastBox()?.textContent).toContain("保存后新录入的结果按新标准判定，已有结果保留原判定");
    answerBox(false);
    await settle();
    expect(checkups.saveThresholds).not.toHaveBeenCalled();
    expect(q('[data-test="thresholds-version"]')?.textContent).toContain("第 1 版");
    expect(input("routine-days")?.value).toBe("60");
  });

  it("refuses more than one decimal on its field, without asking or sending", async () => {
    await mountPage(ThresholdsPage, { pinia: signedInPinia() });
    await settle(0);
    await typeInto(input("urgent-high-x10"), "16.75");
    await typeInto(input("grade2-diastolic"), "100.5");
    q('[data-test="thresholds-save"]')!.click();
    await settle();
    expect(lastBox()).toBeUndefined();
    expect(checkups.saveThresholds).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-urgentHighX10"]')?.textContent).toContain("最多一位小数");
    expect(q('[data-test="field-error-grade2Diastolic"]')?.textContent).toContain("请填写整数");
  });

  it("is read-only without editThresholds", async () => {
    await mountPage(ThresholdsPage, { pinia: signedInPinia({ editThresholds: false, manageSystem: false }) });
    await settle(0);
    expect(q('[data-test="thresholds-read-only"]')?.textContent).toContain("只有管理员可以修改判定标准");
    expect(q('[data-test="thresholds-save"]')).toBeNull();
    expect(q('[data-test="thresholds-reset"]')).toBeNull();
    expect(input("fasting-impaired-x10")?.value).toBe("6.1");
    expect(input("fasting-impaired-x10")?.disabled).toBe(true);
    expect(input("grade1-systolic")?.disabled).toBe(true);
    expect(input("source")?.disabled).toBe(true);
  });

  it.each([
    ["bp.grade1Systolic", "grade1Systolic", "1级高血压收缩压下限（130）必须高于正常高值收缩压下限（130）"],
    [
      "glucose.fastingDiabetesX10",
      "fastingDiabetesX10",
      "空腹血糖糖尿病范围下限（6.1）必须高于空腹血糖受损下限（6.1）",
    ],
    ["followup.recheckDays", "recheckDays", "复查间隔应在 1–366 天之间"],
    ["source", "source", "请注明阈值的来源（依据的规范或指南）"],
  ])("shows the core's error on %s on its field", async (path, field, message) => {
    vi.mocked(checkups.saveThresholds).mockRejectedValue(appError("thresholds_not_increasing", message, path));
    await mountPage(ThresholdsPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="thresholds-save"]')!.click();
    await settle(0);
    answerBox(true);
    await settle();
    expect(checkups.saveThresholds).toHaveBeenCalledWith(THRESHOLDS);
    expect(q(`[data-test="field-error-${field}"]`)?.textContent).toContain(message);
    expect(q('[data-test="thresholds-error"]')).toBeNull();
    expect(q('[data-test="thresholds-version"]')?.textContent).toContain("第 1 版");
  });

  it("shows an error without a field above the form", async () => {
    vi.mocked(checkups.saveThresholds).mockRejectedValue(appError("forbidden", "只有管理员可以修改体检判定阈值"));
    await mountPage(ThresholdsPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="thresholds-save"]')!.click();
    await settle(0);
    answerBox(true);
    await settle();
    expect(q('[data-test="thresholds-error"]')?.textContent).toContain("只有管理员可以修改体检判定阈值");
  });
});

describe("links to the resident's 健康档案", () => {
  const Blank = defineComponent({ render: () => h("div") });
  const healthRoute = { path: "/residents/:id(\\d+)/health", name: "resident-health", component: Blank };

  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
  });

  it("opens it from a task's name", async () => {
    vi.mocked(checkups.listTasks).mockResolvedValue([task(1, "王秀英")]);
    const { router } = await mountPage(TasksPage, { pinia: signedInPinia() });
    router.addRoute(healthRoute);
    await settle(0);
    const link = q('[data-test="task-row"] [data-test="task-health-link"]');
    expect(link?.textContent).toContain("王秀英");
    link!.click();
    await settle(0);
    expect(router.currentRoute.value.fullPath).toBe("/residents/201/health");
  });

  it("opens it from an urgent alert", async () => {
    vi.mocked(checkups.urgentAlerts).mockResolvedValue([task(2, "李桂兰", { kind: "urgent_referral", urgent: true })]);
    const { router } = await mountPage(UrgentAlertsCard, { pinia: signedInPinia() });
    router.addRoute(healthRoute);
    await settle(0);
    q('[data-test="home-urgent-row"] [data-test="home-urgent-health-link"]')!.click();
    await settle(0);
    expect(router.currentRoute.value.fullPath).toBe("/residents/202/health");
  });

  it("opens it from the result entry's person line", async () => {
    const inv = invitation(1, "王秀英");
    const { router } = await mountPage(ResultEntry, {
      pinia: signedInPinia(),
      options: { props: { invitation: inv, fasting: true } },
    });
    router.addRoute(healthRoute);
    await settle(0);
    q('[data-test="result-health-link"]')!.click();
    await settle(0);
    expect(router.currentRoute.value.fullPath).toBe("/residents/101/health");
  });

  it("shows no links without seeHealthValues", async () => {
    vi.mocked(checkups.listTasks).mockResolvedValue([task(1, "王秀英")]);
    vi.mocked(checkups.urgentAlerts).mockResolvedValue([task(2, "李桂兰")]);
    const pinia = signedInPinia({ seeHealthValues: false });
    await mountPage(TasksPage, { pinia });
    await mountPage(UrgentAlertsCard, { pinia });
    await mountPage(ResultEntry, { pinia, options: { props: { invitation: invitation(1, "王秀英"), fasting: true } } });
    await settle(0);
    expect(q('[data-test="task-row"]')?.textContent).toContain("王秀英");
    expect(q('[data-test="home-urgent-row"]')?.textContent).toContain("李桂兰");
    expect(q('[data-test="result-person"]')?.textContent).toContain("王秀英");
    expect(q('[data-test="task-health-link"]')).toBeNull();
    expect(q('[data-test="home-urgent-health-link"]')).toBeNull();
    expect(q('[data-test="result-health-link"]')).toBeNull();
  });
});
