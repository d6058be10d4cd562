import { defineComponent, h } from "vue";
import type { ElderSuggestion } from "../src/bindings/ElderSuggestion";
import type { PairingRow } from "../src/bindings/PairingRow";
import type { ResidentRow } from "../src/bindings/ResidentRow";
import type { TeamRow } from "../src/bindings/TeamRow";
import type { VisitRow } from "../src/bindings/VisitRow";
import type { VolunteerRow } from "../src/bindings/VolunteerRow";

/** The test clock's today (signedInPinia). */
export const TODAY = "2026-11-28";

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
