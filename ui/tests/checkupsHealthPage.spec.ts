import { flushPromises } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as checkups from "../src/api/checkups";
import type { HealthPage } from "../src/bindings/HealthPage";
import ResidentHealthPage from "../src/views/checkups/ResidentHealthPage.vue";
import { resultView } from "./checkupsFixtures";
import { appError, mountPage, q, settle, signedInPinia } from "./helpers";

vi.mock("../src/api/checkups");
// ECharts cannot draw in happy-dom: the chart is replaced by a component that only keeps its props.
vi.mock("../src/components/TrendChart.vue", async () => {
  const { defineComponent, h } = await import("vue");
  return {
    default: defineComponent({
      name: "TrendChart",
      props: { option: { type: Object, required: true }, height: String, testId: String },
      setup: (props) => () => h("div", { "data-test": props.testId }),
    }),
  };
});

// The date pickers are slow to mount in happy-dom; these tests do not type dates.
const STUBS = { DateInput: true };

type Option = {
  series: { name: string; data: unknown[]; markLine: { data: { yAxis: number }[] } }[];
  tooltip: { formatter: (params: unknown) => string };
};

const VISIBLE: HealthPage = {
  residentId: 101,
  name: "王秀英",
  valuesVisible: true,
  checkups: [
    {
      checkedOn: "2026-11-28",
      campaign: "2026年双桥社区老年人健康体检",
      station: "双桥社区健康服务站",
      result: resultView(),
    },
    {
      checkedOn: "2025-10-12",
      campaign: null,
      station: null,
      result: resultView({
        id: 800,
        checkedOn: "2025-10-12",
        reading: {
          systolic: null,
          diastolic: null,
          heartRate: null,
          glucoseX10: null,
          glucoseKind: null,
          heightX10: null,
          weightX10: null,
          waistX10: null,
          notes: null,
        },
        flags: {
          bpGrade: null,
          glucoseClass: null,
          bmiX10: null,
          bmiClass: null,
          bpUncontrolled: false,
          glucoseUncontrolled: false,
          urgent: false,
          urgentReasons: [],
        },
        tasks: [],
      }),
    },
  ],
  followups: [
    {
      followedOn: "2026-05-10",
      method: "phone",
      methodLabel: "电话",
      bloodPressure: "150/95",
      glucose: "7.8（空腹）",
      outcome: "血压偏高，已调整用药",
      nextOn: "2026-05-24",
    },
  ],
  conditions: [{ condition: "hypertension", since: "2019-03-01" }],
  openTasks: [{ kind: "urgent_referral", dueOn: "2026-11-28", reason: "血压 185/112 mmHg" }],
  bpSeries: [
    { date: "2026-05-10", systolic: 150, diastolic: 95, source: "随访" },
    { date: "2026-11-28", systolic: 185, diastolic: 112, source: "体检" },
  ],
  glucoseSeries: [
    { date: "2026-05-10", valueX10: 78, kind: "fasting", source: "随访" },
    { date: "2026-11-28", valueX10: 67, kind: "random", source: "体检" },
  ],
};

const HIDDEN: HealthPage = {
  ...VISIBLE,
  valuesVisible: false,
  checkups: VISIBLE.checkups.map((c) => ({ ...c, result: null })),
  followups: [{ ...VISIBLE.followups[0]!, bloodPressure: null, glucose: null, outcome: null, nextOn: null }],
  conditions: [],
  openTasks: [],
  bpSeries: [],
  glucoseSeries: [],
};

async function open(page: HealthPage, perms = {}) {
  vi.mocked(checkups.healthPage).mockResolvedValue(page);
  const mounted = await mountPage(ResidentHealthPage, {
    pinia: signedInPinia(perms),
    options: { props: { residentId: 101 } },
    stubs: STUBS,
  });
  await settle(0);
  return mounted;
}

const chartOption = (wrapper: Awaited<ReturnType<typeof open>>["wrapper"], testId: string) => {
  const chart = wrapper.findAllComponents({ name: "TrendChart" }).find((c) => c.props("testId") === testId);
  expect(chart, testId).toBeDefined();
  return chart!.props("option") as Option;
};

beforeEach(() => {
  vi.resetAllMocks();
  // Thresholds not readable: the charts keep the default lines.
  vi.mocked(checkups.getThresholds).mockRejectedValue(appError("forbidden", "没有权限"));
});

describe("resident health page, values visible", () => {
  it("gives the charts the series, the reference lines and a tooltip naming the source", async () => {
    const { wrapper } = await open(VISIBLE);
    expect(checkups.healthPage).toHaveBeenCalledWith(101);

    const bp = chartOption(wrapper, "health-bp-chart");
    expect(bp.series.map((s) => s.name)).toEqual(["收缩压", "舒张压"]);
    expect(bp.series[0]!.data).toEqual([
      ["2026-05-10", 150],
      ["2026-11-28", 185],
    ]);
    expect(bp.series[1]!.data).toEqual([
      ["2026-05-10", 95],
      ["2026-11-28", 112],
    ]);
    expect(bp.series[0]!.markLine.data).toEqual([{ yAxis: 140 }]);
    expect(bp.series[1]!.markLine.data).toEqual([{ yAxis: 90 }]);
    const followupTip = bp.tooltip.formatter([{ dataIndex: 0 }, { dataIndex: 0 }]);
    expect(followupTip).toContain("2026年5月10日");
    expect(followupTip).toContain("随访");
    expect(followupTip).toContain("150");
    expect(bp.tooltip.formatter([{ dataIndex: 1 }])).toContain("体检");

    const glucose = chartOption(wrapper, "health-glucose-chart");
    expect(glucose.series[0]!.data).toEqual([
      ["2026-05-10", 7.8],
      ["2026-11-28", 6.7],
    ]);
    expect(glucose.series[0]!.markLine.data).toEqual([{ yAxis: 7 }]);
    const tip = glucose.tooltip.formatter([{ dataIndex: 1 }]);
    expect(tip).toContain("6.7 mmol/L（随机）");
    expect(tip).toContain("体检");
  });

  it("lists check-ups and follow-ups with their values, the conditions and the open tasks", async () => {
    await open(VISIBLE);
    expect(q('[data-test="health-title"]')?.textContent).toContain("王秀英 的健康档案");
    expect(q('[data-test="health-values-hidden"]')).toBeNull();

    const rows = [...document.querySelectorAll('[data-test="health-checkup-row"]')];
    expect(rows.map((r) => r.getAttribute("data-date"))).toEqual(["2026-11-28", "2025-10-12"]);
    const first = rows[0]!;
    expect(first.textContent).toContain("2026年11月28日");
    expect(first.textContent).toContain("双桥社区健康服务站");
    expect(first.querySelector('[data-test="health-checkup-bp"]')?.textContent).toBe("185/112");
    expect(first.querySelector('[data-test="health-checkup-glucose"]')?.textContent).toBe("6.7（空腹）");
    expect(first.querySelector('[data-test="health-checkup-bmi"]')?.textContent).toBe("27.3");
    expect(first.querySelector('[data-test="flag-tag-urgent"]')).not.toBeNull();
    expect(first.querySelector('[data-test="flag-tag-bp"]')?.textContent).toContain("3级高血压");
    expect(first.querySelector('[data-test="flag-tag-glucose"]')?.textContent).toContain("空腹血糖受损");
    expect(first.querySelector('[data-test="flag-tag-bmi"]')?.textContent).toContain("超重");
    expect(first.textContent).toContain("第 1 版");
    // A hospital-sheet result without a campaign, nothing measured.
    expect(rows[1]!.textContent).toContain("医院导入");
    expect(rows[1]!.querySelector('[data-test="health-checkup-bp"]')?.textContent).toBe("未测");

    const followup = q('[data-test="health-followup-row"]')!;
    expect(followup.textContent).toContain("电话");
    expect(followup.textContent).toContain("150/95");
    expect(followup.textContent).toContain("7.8（空腹）");
    expect(followup.textContent).toContain("血压偏高，已调整用药");
    expect(followup.textContent).toContain("2026年5月24日");

    expect(q('[data-test="health-condition"]')?.getAttribute("data-condition")).toBe("hypertension");
    expect(q('[data-test="health-conditions"]')?.textContent).toContain("2019年3月1日 确诊");
    expect(q('[data-test="health-task"]')?.textContent).toContain("紧急转诊");
  });

  it("the conditions editor saves the ticked conditions after confirmation, then reloads", async () => {
    vi.mocked(checkups.setConditions).mockResolvedValue([
      { condition: "hypertension", since: "2019-03-01" },
      { condition: "diabetes", since: null },
    ]);
    await open(VISIBLE);
    q('[data-test="conditions-edit"]')!.click();
    await settle(0);
    const hypertension = q('[data-test="conditions-hypertension"] input') as HTMLInputElement;
    expect(hypertension.checked).toBe(true);
    (q('[data-test="conditions-diabetes"] input') as HTMLInputElement).click();
    await flushPromises();

    q('[data-test="conditions-save"]')!.click();
    await settle(50);
    const box = [...document.querySelectorAll(".el-message-box")].pop()!;
    expect(box.textContent).toContain("确定把 王秀英 的慢病登记为：高血压（2019年3月1日 确诊）、糖尿病？");
    expect(checkups.setConditions).not.toHaveBeenCalled();
    (box.querySelector(".el-message-box__btns .el-button--primary") as HTMLElement).click();
    await settle(50);

    expect(checkups.setConditions).toHaveBeenCalledWith(101, [
      { condition: "hypertension", since: "2019-03-01" },
      { condition: "diabetes", since: null },
    ]);
    expect(checkups.healthPage).toHaveBeenCalledTimes(2);
  });

  it("shows the core's error on the named field and keeps the dialog open", async () => {
    vi.mocked(checkups.setConditions).mockRejectedValue(
      appError("invalid_date", "确诊日期不能晚于今天", "entries[1].since"),
    );
    await open(VISIBLE);
    q('[data-test="conditions-edit"]')!.click();
    await settle(0);
    q('[data-test="conditions-save"]')!.click();
    await settle(50);
    const box = [...document.querySelectorAll(".el-message-box")].pop()!;
    (box.querySelector(".el-message-box__btns .el-button--primary") as HTMLElement).click();
    await settle();
    expect(checkups.setConditions).toHaveBeenCalledWith(101, [{ condition: "hypertension", since: "2019-03-01" }]);
    expect(q('[data-test="field-error-since"]')?.textContent).toContain("确诊日期不能晚于今天");
    expect(q('[data-test="conditions-error"]')).toBeNull();
  });
});

describe("resident health page, values not visible", () => {
  it("shows dates, campaign, station and methods only, with the note", async () => {
    const { wrapper } = await open(HIDDEN, { seeHealthValues: false });
    expect(checkups.getThresholds).not.toHaveBeenCalled();
    expect(q('[data-test="health-values-hidden"]')?.textContent).toContain("体检数值仅卫生、管理员可见");

    const row = q('[data-test="health-checkup-row"]')!;
    expect(row.textContent).toContain("2026年11月28日");
    expect(row.textContent).toContain("2026年双桥社区老年人健康体检");
    expect(row.textContent).toContain("双桥社区健康服务站");
    expect(q('[data-test="health-checkup-bp"]')).toBeNull();
    expect(q('[data-test="flag-tags"]')).toBeNull();
    expect(q('[data-test="health-checkups-table"]')?.textContent).not.toContain("血压");

    const followup = q('[data-test="health-followup-row"]')!;
    expect(followup.textContent).toContain("2026年5月10日");
    expect(followup.textContent).toContain("电话");
    expect(q('[data-test="health-followups-table"]')?.textContent).not.toContain("随访结果");

    expect(wrapper.findAllComponents({ name: "TrendChart" })).toHaveLength(0);
    expect(q('[data-test="health-trends"]')).toBeNull();
    expect(q('[data-test="health-conditions"]')).toBeNull();
    expect(q('[data-test="health-tasks"]')).toBeNull();
    expect(document.body.textContent).not.toContain("185");
  });

  it("shows the core's error when the page cannot be loaded", async () => {
    vi.mocked(checkups.healthPage).mockRejectedValue(appError("not_found", "没有这位居民"));
    await mountPage(ResidentHealthPage, {
      pinia: signedInPinia(),
      options: { props: { residentId: 7 } },
      stubs: STUBS,
    });
    await settle(0);
    expect(q('[data-test="load-error"]')?.textContent).toContain("没有这位居民");
  });
});

describe("health page route", () => {
  it("opens /residents/<id>/health under 居民档案 with the id as a number", async () => {
    const { createMemoryHistory, createRouter } = await import("vue-router");
    const { routes } = await import("../src/router");
    const router = createRouter({ history: createMemoryHistory(), routes });
    const r = router.resolve("/residents/42/health");
    expect(r.name).toBe("resident-health");
    expect(r.matched.map((m) => m.meta.title).filter(Boolean)).toEqual(["nav.residents", "checkups.health.title"]);
    const props = r.matched[r.matched.length - 1]!.props.default as (route: typeof r) => unknown;
    expect(props(r)).toEqual({ residentId: 42 });
  });
});
