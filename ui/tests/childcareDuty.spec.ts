import { beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { defineComponent, h } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import * as childcare from "../src/api/childcare";
import * as print from "../src/api/print";
import type { DutyDay } from "../src/bindings/DutyDay";
import type { DutyMonth } from "../src/bindings/DutyMonth";
import type { ProgramInfo } from "../src/bindings/ProgramInfo";
import { CHILDCARE_TABS, routes } from "../src/router";
import DutyPage from "../src/views/childcare/DutyPage.vue";
import { DESK_PROGRAM_KEY } from "../src/views/childcare/options";
import { appError, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/childcare");
vi.mock("../src/api/print");

const PROGRAM = { id: 3, name: "四点半课堂", kind: "after_school", kindLabel: "课后托管", active: true } as ProgramInfo;
const OTHER = { ...PROGRAM, id: 4, name: "童乐驿站" } as ProgramInfo;

const CHEN = { userId: 5, name: "陈老师" };
const WANG = { userId: 6, name: "王老师" };

function dutyDay(day: string, weekdayLabel: string, extra: Partial<DutyDay> = {}): DutyDay {
  return { day, weekdayLabel, open: true, closedReason: null, onDuty: [], ...extra };
}

const DAYS: DutyDay[] = [
  dutyDay("2026-11-02", "周一", { onDuty: [CHEN] }),
  dutyDay("2026-11-03", "周二", { onDuty: [CHEN, WANG] }),
  dutyDay("2026-11-04", "周三"),
  dutyDay("2026-11-05", "周四", { open: false, closedReason: "停托（运动会）" }),
];

function month(extra: Partial<DutyMonth> = {}): DutyMonth {
  return {
    programId: 3,
    program: "四点半课堂",
    month: "2026年11月",
    staff: [CHEN, WANG],
    days: DAYS,
    // The core's counts: deliberately not what the rows above add up to.
    unstaffed: 7,
    counts: [8, 5],
    ...extra,
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  localStorage.removeItem(DESK_PROGRAM_KEY);
  vi.mocked(childcare.listPrograms).mockResolvedValue([PROGRAM, OTHER]);
  vi.mocked(childcare.dutyMonth).mockResolvedValue(month());
});

const row = (day: string) => q(`[data-test="duty-row"][data-day="${day}"]`);

/** The page, with the routes it links to (the program's page, the programs). */
async function open() {
  const pinia = signedInPinia();
  const blank = defineComponent({ render: () => h("div") });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/childcare", name: "childcare", component: blank },
      { path: "/childcare/programs/:id", name: "childcare-program", component: blank },
      { path: "/childcare/duty", name: "childcare-duty", component: blank },
    ],
  });
  await router.push("/childcare/duty");
  await router.isReady();
  const wrapper = mount(DutyPage, { attachTo: document.body, global: { plugins: [pinia, router, ElementPlus] } });
  await flushPromises();
  await settle(0);
  return { wrapper, router };
}

/** The row's multi-select, as the user changes it (Element Plus emits the new list, then `change`). */
function pickIn(wrapper: VueWrapper, day: string, userIds: number[]) {
  const selects = wrapper.findAllComponents({ name: "ElSelect" }).filter((s) => row(day)?.contains(s.element));
  expect(selects).toHaveLength(1);
  selects[0]!.vm.$emit("update:modelValue", userIds);
  selects[0]!.vm.$emit("change", userIds);
}

describe("childcare 值班表", () => {
  it("is the tab after 月度出勤表, at /childcare/duty, for manageChildcare", () => {
    expect(CHILDCARE_TABS.map((tab) => tab.name)).toEqual([
      "childcare",
      "childcare-desk",
      "childcare-month",
      "childcare-duty",
    ]);
    const router = createRouter({ history: createMemoryHistory(), routes });
    const r = router.resolve("/childcare/duty");
    expect(r.name).toBe("childcare-duty");
    expect(r.matched.map((m) => m.meta.title).filter(Boolean)).toEqual(["nav.childcare", "childcare.nav.duty"]);
    expect(r.matched.some((m) => m.meta.needs === "manageChildcare")).toBe(true);
  });

  it("loads the remembered program's month and shows a row per day with who is on duty", async () => {
    localStorage.setItem(DESK_PROGRAM_KEY, "3");
    await open();
    // signedInPinia's core today is 2026-11-28.
    expect(childcare.dutyMonth).toHaveBeenCalledWith(3, "2026-11");
    expect((q('[data-test="duty-month"]') as HTMLInputElement).value).toBe("2026-11");
    expect(q('[data-test="duty-page"]')).not.toBeNull();

    const days = [...document.querySelectorAll('[data-test="duty-row"]')].map((r) => r.getAttribute("data-day"));
    expect(days).toEqual(["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"]);
    expect(row("2026-11-02")?.textContent).toContain("11月2日");
    expect(row("2026-11-02")?.textContent).toContain("周一");
    expect(row("2026-11-03")?.querySelector('[data-test="duty-select"]')?.textContent).toContain("陈老师");
    expect(row("2026-11-03")?.querySelector('[data-test="duty-select"]')?.textContent).toContain("王老师");
    // An open day with nobody: 未排班; a closed day: the core's reason, no select.
    expect(row("2026-11-04")?.querySelector('[data-test="duty-row-unstaffed"]')?.textContent).toBe("未排班");
    expect(row("2026-11-02")?.querySelector('[data-test="duty-row-unstaffed"]')).toBeNull();
    const closed = row("2026-11-05")!;
    expect(closed.querySelector('[data-test="duty-select"]')).toBeNull();
    expect(closed.querySelector('[data-test="duty-closed"]')?.textContent).toBe("停托（运动会）");
    expect(closed.classList.contains("is-closed")).toBe(true);

    // The summary: the open days listed, the core's unstaffed count and each one's days.
    expect(q('[data-test="duty-unstaffed"]')?.textContent).toBe("开放 3 天，7 天未排班");
    const counts = [...document.querySelectorAll('[data-test="duty-count"]')].map((c) => c.textContent);
    expect(counts).toEqual(["陈老师 8 天", "王老师 5 天"]);
  });

  it("saves a day's choice at once and puts the core's day in its row", async () => {
    const { wrapper } = await open();
    const saved = dutyDay("2026-11-04", "周三", { onDuty: [WANG, CHEN] });
    vi.mocked(childcare.setDuty).mockResolvedValue(saved);
    vi.mocked(childcare.dutyMonth).mockResolvedValue(
      month({ days: [DAYS[0]!, DAYS[1]!, saved, DAYS[3]!], unstaffed: 6, counts: [9, 6] }),
    );
    pickIn(wrapper, "2026-11-04", [6, 5]);
    await settle(0);
    expect(childcare.setDuty).toHaveBeenCalledWith(3, "2026-11-04", [6, 5]);
    expect(row("2026-11-04")?.querySelector('[data-test="duty-row-unstaffed"]')).toBeNull();
    expect(row("2026-11-04")?.querySelector('[data-test="duty-select"]')?.textContent).toContain("王老师");
    // The month is read again for the counts.
    expect(childcare.dutyMonth).toHaveBeenCalledTimes(2);
    expect(q('[data-test="duty-unstaffed"]')?.textContent).toBe("开放 3 天，6 天未排班");
  });

  it("changes made while a day is saving go after it, the latest only", async () => {
    const { wrapper } = await open();
    let release: () => void = () => {};
    vi.mocked(childcare.setDuty).mockImplementationOnce(
      (_p, day, ids) =>
        new Promise((resolve) => {
          release = () => resolve(dutyDay(day, "周三", { onDuty: ids.map((id) => (id === 5 ? CHEN : WANG)) }));
        }),
    );
    vi.mocked(childcare.setDuty).mockImplementation(async (_p, day, ids) =>
      dutyDay(day, "周三", { onDuty: ids.map((id) => (id === 5 ? CHEN : WANG)) }),
    );
    pickIn(wrapper, "2026-11-04", [5]);
    await settle(0);
    pickIn(wrapper, "2026-11-04", [5, 6]);
    pickIn(wrapper, "2026-11-04", [6]);
    await settle(0);
    expect(childcare.setDuty).toHaveBeenCalledTimes(1);
    release();
    await settle(0);
    expect(vi.mocked(childcare.setDuty).mock.calls.map((c) => c[2])).toEqual([[5], [6]]);
  });

  it("shows the core's refusal and reloads what the core holds", async () => {
    const { wrapper } = await open();
    const message = "王老师不是四点半课堂的工作人员：请先在项目里添加";
    vi.mocked(childcare.setDuty).mockRejectedValue(appError("not_program_staff", message, "userIds"));
    pickIn(wrapper, "2026-11-02", [5, 6]);
    await settle(0);
    expect(q(".el-message--error")?.textContent).toContain(message);
    expect(childcare.dutyMonth).toHaveBeenCalledTimes(2);
    // The select shows the core's choice again.
    const select = wrapper.findAllComponents({ name: "ElSelect" }).find((s) => row("2026-11-02")?.contains(s.element));
    expect(select?.props("modelValue")).toEqual([5]);
  });

  it("自动排班 asks how many a day, says it keeps what is filled, and shows the filled month", async () => {
    await open();
    q('[data-test="duty-fill"]')!.click();
    await settle(0);
    expect(q('[data-test="duty-fill-dialog"]')?.textContent).toContain("只填今天起未排班的开放日");
    const perDay = q('[data-test="duty-per-day"] input') as HTMLInputElement;
    expect(perDay.value).toBe("1");
    await typeInto(perDay, "2");
    perDay.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(0);

    const filled = month({
      days: DAYS.map((d) => (d.open && d.onDuty.length === 0 ? { ...d, onDuty: [CHEN, WANG] } : d)),
      unstaffed: 0,
      counts: [12, 10],
    });
    vi.mocked(childcare.fillDuty).mockResolvedValue(filled);
    q('[data-test="duty-fill-confirm"]')!.click();
    await settle();
    expect(childcare.fillDuty).toHaveBeenCalledWith(3, "2026-11", 2);
    expect(q('[data-test="duty-unstaffed"]')?.textContent).toBe("开放 3 天，0 天未排班");
    expect(row("2026-11-04")?.querySelector('[data-test="duty-row-unstaffed"]')).toBeNull();
    expect(q(".el-message--success")?.textContent).toContain("还有 0 天未排班");
  });

  it("shows the core's refusal of 每天值班人数 on the field", async () => {
    await open();
    vi.mocked(childcare.fillDuty).mockRejectedValue(appError("invalid_per_day", "每天值班人数应在 1–2 之间", "perDay"));
    q('[data-test="duty-fill"]')!.click();
    await settle(0);
    q('[data-test="duty-fill-confirm"]')!.click();
    await settle();
    expect(childcare.fillDuty).toHaveBeenCalledWith(3, "2026-11", 1);
    expect(q('[data-test="field-error-perDay"]')?.textContent).toContain("每天值班人数应在 1–2 之间");
  });

  it("prints the month", async () => {
    vi.mocked(childcare.printDuty).mockResolvedValue({
      path: "/data/prints/托育值班表-2026-11.pdf",
      fileName: "托育值班表-2026-11.pdf",
      pages: 1,
      unprintable: [],
    });
    vi.mocked(print.openPrinted).mockResolvedValue();
    await open();
    q('[data-test="duty-print"]')!.click();
    await settle(0);
    expect(childcare.printDuty).toHaveBeenCalledWith(3, "2026-11");
    expect(print.openPrinted).toHaveBeenCalledWith("/data/prints/托育值班表-2026-11.pdf");
  });

  it("without staff, says to add them in the program and links there", async () => {
    vi.mocked(childcare.dutyMonth).mockResolvedValue(month({ staff: [], counts: [], unstaffed: 3 }));
    await open();
    expect(q('[data-test="duty-no-staff"]')?.textContent).toContain("四点半课堂 还没有工作人员");
    expect(q('[data-test="duty-to-program"]')?.getAttribute("href")).toContain("/childcare/programs/3");
    expect(q('[data-test="duty-table"]')).toBeNull();
    expect((q('[data-test="duty-fill"]') as HTMLButtonElement).disabled).toBe(true);
  });

  it("loads another program's month when it is chosen", async () => {
    const { wrapper } = await open();
    const program = wrapper
      .findAllComponents({ name: "ElSelect" })
      .find((s) => s.attributes("data-test") === "duty-program");
    program!.vm.$emit("update:modelValue", 4);
    await settle(0);
    expect(childcare.dutyMonth).toHaveBeenLastCalledWith(4, "2026-11");
    expect(localStorage.getItem(DESK_PROGRAM_KEY)).toBe("4");
  });
});
