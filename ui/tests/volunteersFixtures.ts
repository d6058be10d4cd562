import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn";
import type { Pinia } from "pinia";
import { defineComponent, h, type Component } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import type { ActivityDetail } from "../src/bindings/ActivityDetail";
import type { ActivityRow } from "../src/bindings/ActivityRow";
import type { ElderSuggestion } from "../src/bindings/ElderSuggestion";
import type { EntryRow } from "../src/bindings/EntryRow";
import type { HoursRow } from "../src/bindings/HoursRow";
import type { NeedRow } from "../src/bindings/NeedRow";
import type { PairRow } from "../src/bindings/PairRow";
import type { ProofRow } from "../src/bindings/ProofRow";
import type { ServiceRecord } from "../src/bindings/ServiceRecord";
import type { SignupRow } from "../src/bindings/SignupRow";
import type { VolunteerSettings } from "../src/bindings/VolunteerSettings";
import type { PairingRow } from "../src/bindings/PairingRow";
import type { ResidentRow } from "../src/bindings/ResidentRow";
import type { TeamRow } from "../src/bindings/TeamRow";
import type { VisitRow } from "../src/bindings/VisitRow";
import type { VolunteerRow } from "../src/bindings/VolunteerRow";

/** The test clock's today (signedInPinia). */
export const TODAY = "2026-11-28";

export const SETTINGS: VolunteerSettings = {
  visitGraceDays: 3,
  minorActivityAge: 14,
  proofPersonInCharge: "王主任",
  proofContactPhone: "010-12345678",
};

export function pairing(id: number, elderName: string, extra: Partial<PairingRow> = {}): PairingRow {
  return {
    id,
    elderId: 100 + id,
    elderName,
    elderAge: 82,
    community: "双桥社区",
    address: "幸福路 12 号 3 单元",
    categories: ["独居", "空巢"],
    volunteers: [
      { id: 7, number: "ZY00007", name: "张建国", phone: "13812345678" },
      { id: 8, number: "ZY00008", name: "李芳", phone: "13987654321" },
    ],
    frequencyDays: 7,
    frequencyLabel: "每周",
    notes: "",
    startDate: "2026-11-01",
    endDate: null,
    endReason: null,
    active: true,
    visit: {
      lastVisitedOn: "2026-11-25",
      dueOn: "2026-12-02",
      overdue: false,
      overdueDays: 0,
      label: "最近走访 2026年11月25日",
    },
    visits: 3,
    nextVisitOn: null,
    ...extra,
  };
}

/** A pairing never visited since 1 November, weekly: the core says 22 days late. */
export function overduePairing(id: number, elderName: string, extra: Partial<PairingRow> = {}): PairingRow {
  return pairing(id, elderName, {
    visit: { lastVisitedOn: null, dueOn: "2026-11-08", overdue: true, overdueDays: 20, label: "从未走访，逾期 20 天" },
    visits: 0,
    ...extra,
  });
}

export function visit(id: number, extra: Partial<VisitRow> = {}): VisitRow {
  return {
    id,
    pairingId: 1,
    volunteerId: 7,
    by: "张建国",
    visitedOn: "2026-11-25",
    durationMinutes: 45,
    way: "home",
    wayLabel: "上门",
    health: "血压平稳",
    safety: "",
    mood: "精神好",
    needs: "",
    needsHelp: false,
    healthWorry: false,
    nextVisitOn: null,
    followupTaskId: null,
    ...extra,
  };
}

export function volunteer(id: number, name: string, extra: Partial<VolunteerRow> = {}): VolunteerRow {
  return {
    id,
    number: `ZY${String(id).padStart(5, "0")}`,
    residentId: null,
    name,
    idType: "resident_card",
    idTypeLabel: "居民身份证",
    maskedId: "110105********002X",
    phone: "13812345678",
    birthDate: "1980-05-01",
    age: 46,
    minor: false,
    skills: "理发",
    availability: "周二下午",
    joinedOn: "2026-01-05",
    status: "active",
    statusLabel: "在册",
    guardianConsentOn: null,
    guardianConsentBy: null,
    notes: "",
    teams: [{ id: 1, name: "银龄互助队" }],
    pairings: 1,
    ...extra,
  };
}

export function team(id: number, name: string, extra: Partial<TeamRow> = {}): TeamRow {
  return {
    id,
    name,
    leaderId: 7,
    leaderName: "张建国",
    description: "低龄老人帮扶高龄老人",
    active: true,
    members: 12,
    ...extra,
  };
}

export const SUGGESTIONS: ElderSuggestion[] = [
  { residentId: 201, name: "王秀英", age: 86, community: "双桥社区", categories: ["独居", "空巢"] },
  { residentId: 202, name: "赵德明", age: 79, community: "中阳楼社区", categories: ["失能"] },
];

/**
 * The registry search is the residents module's: here it shows the label it was given (a pick from
 * the suggestions) and a button that picks `row`.
 */
export function pickerStub(row: Partial<ResidentRow>) {
  return defineComponent({
    props: { modelValue: { type: Number, default: null }, initialLabel: { type: String, default: null } },
    emits: ["update:modelValue", "picked"],
    setup(props, { emit }) {
      return () =>
        h("span", [
          h("span", { "data-test": "stub-label" }, props.initialLabel ?? ""),
          h("button", {
            type: "button",
            "data-test": "stub-pick",
            onClick: () => {
              emit("update:modelValue", row.id);
              emit("picked", row);
            },
          }),
        ]);
    },
  });
}

/** Clicks the OK button of the (last) confirmation box. */
export function confirmBox() {
  const boxes = [...document.querySelectorAll(".el-message-box")];
  const ok = boxes
    .at(-1)
    ?.querySelector<HTMLElement>(".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary");
  if (!ok) throw new Error("no confirmation box");
  ok.click();
}

/** Types into a textarea or input named by data-test (on the element itself or its wrapper). */
export async function typeText(selector: string, value: string) {
  const found = document.querySelector(selector);
  const el =
    found instanceof HTMLTextAreaElement || found instanceof HTMLInputElement
      ? found
      : found?.querySelector("textarea, input");
  if (!(el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement))
    throw new Error(`no text field ${selector}`);
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
  await Promise.resolve();
}

export function need(id: number, role: string, extra: Partial<NeedRow> = {}): NeedRow {
  return { id, role, people: 3, startsAt: "09:00", endsAt: "11:00", signedUp: 1, full: false, ...extra };
}

export function activity(id: number, title: string, extra: Partial<ActivityRow> = {}): ActivityRow {
  return {
    id,
    title,
    heldOn: TODAY,
    dayText: "11月28日 周六",
    startsAt: "09:00",
    endsAt: "11:30",
    place: "中阳楼社区活动室",
    organiser: "中阳楼社区居委会",
    teamId: 1,
    teamName: "银龄互助队",
    content: "为高龄老人理发",
    minorsOk: false,
    status: "open",
    statusLabel: "报名中",
    needs: [need(31, "理发")],
    needed: 3,
    signedUp: 1,
    confirmedAt: null,
    confirmedBy: null,
    cancelReason: null,
    ...extra,
  };
}

export function pair(id: number, extra: Partial<PairRow> = {}): PairRow {
  return {
    id,
    signedInAt: "2026-11-28T01:02:00Z",
    signedOutAt: "2026-11-28T03:40:00Z",
    text: "09:02–11:40",
    minutes: 158,
    way: "scan",
    wayLabel: "扫码",
    ...extra,
  };
}

export function signup(id: number, volunteerId: number, name: string, extra: Partial<SignupRow> = {}): SignupRow {
  return {
    id,
    volunteerId,
    number: `ZY${String(volunteerId).padStart(5, "0")}`,
    name,
    age: 46,
    needId: 31,
    role: "理发",
    pairs: [],
    minutes: 0,
    minutesText: "0分",
    present: false,
    evaluation: null,
    evaluationLabel: null,
    ...extra,
  };
}

export function activityDetail(extra: Partial<ActivityDetail> = {}): ActivityDetail {
  return {
    activity: activity(5, "重阳节敬老义剪"),
    signups: [
      signup(51, 7, "张建国", { pairs: [pair(61)], minutes: 158, minutesText: "2小时38分" }),
      signup(52, 8, "李芳", { needId: null, role: null }),
    ],
    openPairs: 0,
    totalMinutes: 158,
    totalText: "2小时38分",
    ...extra,
  };
}

export function entry(id: number, extra: Partial<EntryRow> = {}): EntryRow {
  return {
    id,
    servedOn: "2026-11-20",
    source: "activity",
    sourceLabel: "活动",
    content: "重阳节敬老义剪：为高龄老人理发",
    minutes: 150,
    minutesText: "2小时30分",
    originalMinutes: 150,
    corrections: [],
    activityId: 5,
    visitId: null,
    evaluationLabel: "优秀",
    ...extra,
  };
}

export function serviceRecordOf(extra: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    volunteer: volunteer(7, "张建国"),
    entries: [
      entry(81),
      entry(82, {
        source: "visit",
        sourceLabel: "走访",
        content: "走访 王秀英",
        minutes: 45,
        minutesText: "45分",
        originalMinutes: 45,
        activityId: null,
        visitId: 3,
        evaluationLabel: null,
      }),
    ],
    totalMinutes: 195,
    totalText: "3小时15分",
    totalHours: "3.3",
    honours: [],
    ...extra,
  };
}

export function proof(id: number, extra: Partial<ProofRow> = {}): ProofRow {
  return {
    id,
    number: `ZYZM-2026-${String(id).padStart(4, "0")}`,
    volunteerId: 7,
    volunteerName: "张建国",
    volunteerNumber: "ZY00007",
    periodFrom: "2026-01-01",
    periodTo: TODAY,
    minutes: 195,
    hours: "3.3",
    services: 2,
    issuedOn: TODAY,
    handler: "李文员",
    issuedBy: "李文员",
    reprints: 0,
    ...extra,
  };
}

export function hoursRow(volunteerId: number, name: string, extra: Partial<HoursRow> = {}): HoursRow {
  return {
    volunteerId,
    number: volunteerId ? `ZY${String(volunteerId).padStart(5, "0")}` : "",
    name,
    teams: "银龄互助队",
    activities: 2,
    activityMinutes: 300,
    visits: 1,
    visitMinutes: 45,
    correctedMinutes: 0,
    totalMinutes: 345,
    hours: "5.8",
    activityHours: "5.0",
    visitHours: "0.8",
    correctedHours: "",
    ...extra,
  };
}

export const PRINTED = { path: "/prints/file.pdf", fileName: "file.pdf", pages: 1, unprintable: [] };

/**
 * Mounts a 志愿服务 page at `path` with the routes its links and pushes name (blank targets), the
 * page itself under `name` so its `route.params` are set.
 */
export async function mountVolunteersPage(
  component: Component,
  opts: { path: string; name: string; pattern: string; pinia: Pinia; stubs?: Record<string, boolean | Component> },
) {
  const blank = defineComponent({ render: () => h("div") });
  const others = [
    { path: "/", name: "home" },
    { path: "/volunteers/activities", name: "volunteers-activities" },
    { path: "/volunteers/activities/:id", name: "volunteers-activity" },
    { path: "/volunteers/people", name: "volunteers-people" },
    { path: "/volunteers/people/:id/record", name: "volunteers-record" },
    { path: "/volunteers/proofs", name: "volunteers-proofs" },
  ].filter((r) => r.name !== opts.name);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: opts.pattern, name: opts.name, component }, ...others.map((r) => ({ ...r, component: blank }))],
  });
  await router.push(opts.path);
  await router.isReady();
  const wrapper = mount(component, {
    attachTo: document.body,
    global: { plugins: [opts.pinia, router, [ElementPlus, { locale: zhCn }]], stubs: opts.stubs ?? {} },
  });
  await flushPromises();
  await new Promise((r) => setTimeout(r, 0));
  await flushPromises();
  return { wrapper, router };
}
