import { beforeEach, describe, expect, it, vi } from "vitest";
import * as childcare from "../src/api/childcare";
import type { DeskChild } from "../src/bindings/DeskChild";
import type { CallLine } from "../src/bindings/CallLine";
import type { DeskDay } from "../src/bindings/DeskDay";
import type { PickupPerson } from "../src/bindings/PickupPerson";
import type { ProgramInfo } from "../src/bindings/ProgramInfo";
import DeskPage from "../src/views/childcare/DeskPage.vue";
import { DESK_PROGRAM_KEY } from "../src/views/childcare/options";
import { LARGE_1366_TABLE, columnWidths, largeTextAt1366, sum } from "./columnsFit";
import { appError, mountPage, pressEnter, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/childcare");

const PROGRAM = {
  id: 3,
  name: "四点半课堂",
  kind: "after_school",
  kindLabel: "课后托管",
  active: true,
} as ProgramInfo;

function person(id: number, name: string, extra: Partial<PickupPerson> = {}): PickupPerson {
  return {
    id,
    enrolmentId: 7,
    residentId: null,
    name,
    phone: "13912345678",
    relationship: "母亲",
    status: "allowed",
    statusLabel: "可接送",
    adultConfirmed: true,
    hasPhoto: false,
    delegateFrom: null,
    delegateTo: null,
    delegatedBy: null,
    delegatedHow: null,
    cardId: null,
    active: true,
    ...extra,
  };
}

const MOTHER = person(71, "李梅");
const BARRED = person(72, "张强", {
  relationship: "父亲",
  phone: "13800000000",
  status: "barred",
  statusLabel: "禁止接送",
});

function child(enrolmentId: number, name: string, extra: Partial<DeskChild> = {}): DeskChild {
  return {
    enrolmentId,
    name,
    age: 8,
    school: "双桥小学",
    className: "三年级二班",
    allergies: "",
    state: "not_arrived",
    arrivedAt: null,
    arrivalModeLabel: null,
    leftAt: null,
    leftWith: null,
    late: false,
    absenceLabel: null,
    absenceStreak: 0,
    flagged: false,
    mayGoAlone: false,
    cardId: null,
    persons: [MOTHER, BARRED],
    ...extra,
  };
}

function day(children: DeskChild[], extra: Partial<DeskDay> = {}): DeskDay {
  return {
    programId: 3,
    program: "四点半课堂",
    date: "2026-11-28",
    closedReason: null,
    children,
    missingCall: false,
    toCall: [],
    dayClosed: false,
    ...extra,
  };
}

const XIAOMING = child(7, "王小明", { allergies: "花生" });
const IN = child(8, "刘佳", {
  state: "in",
  arrivedAt: "16:32",
  arrivalModeLabel: "家长送",
  persons: [person(81, "刘芳"), person(82, "周伟", { status: "barred", statusLabel: "禁止接送" })],
});

beforeEach(() => {
  vi.resetAllMocks();
  localStorage.removeItem(DESK_PROGRAM_KEY);
  vi.mocked(childcare.listPrograms).mockResolvedValue([PROGRAM]);
});

const scanInput = () => q('[data-test="desk-scan"]') as HTMLInputElement;
const row = (name: string) => q(`[data-test="desk-row"][data-name="${name}"]`);

async function open(d: DeskDay) {
  vi.mocked(childcare.deskDay).mockResolvedValue(d);
  const mounted = await mountPage(DeskPage, { pinia: signedInPinia() });
  await settle(0);
  return mounted;
}

describe("childcare desk", () => {
  it("loads the remembered program's day, today, with each child's state", async () => {
    await open(day([XIAOMING, IN], { date: "2026-11-28" }));
    expect(childcare.deskDay).toHaveBeenCalledWith(3, "2026-11-28");
    expect(localStorage.getItem(DESK_PROGRAM_KEY)).toBe("3");
    expect(q('[data-test="desk-date"]')?.textContent).toContain("2026年11月28日 星期六");
    expect(row("王小明")?.getAttribute("data-state")).toBe("not_arrived");
    expect(row("王小明")?.querySelector('[data-test="desk-state"]')?.textContent).toContain("未到");
    expect(row("王小明")?.querySelector('[data-test="desk-allergies"]')?.textContent).toContain("过敏：花生");
    expect(row("刘佳")?.querySelector('[data-test="desk-state"]')?.textContent).toContain("在托");
    expect(row("刘佳")?.querySelector('[data-test="desk-sign-out"]')).not.toBeNull();
    expect(row("刘佳")?.querySelector('[data-test="desk-sign-in"]')).toBeNull();
    // Not yet the call time: no card.
    expect(q('[data-test="desk-missing-call"]')).toBeNull();
  });

  it("a scanned child's card signs in with the chosen arrival mode, shown green", async () => {
    await open(day([XIAOMING]));
    vi.mocked(childcare.scan).mockResolvedValue({
      kind: "signed_in",
      child: { ...XIAOMING, state: "in", arrivedAt: "16:35", arrivalModeLabel: "志愿者从学校接" },
    });
    (q('[data-test="desk-mode-volunteer"] input') as HTMLInputElement).click();
    await settle(0);
    await typeInto(scanInput(), "CC1-5-ABCDEF");
    pressEnter(scanInput());
    await settle(0);
    expect(childcare.scan).toHaveBeenCalledWith(3, "CC1-5-ABCDEF", "volunteer");
    expect(q('[data-test="desk-result"]')?.classList.contains("is-ok")).toBe(true);
    const shown = q('[data-test="desk-signed-in"]');
    expect(shown?.querySelector('[data-test="desk-result-name"]')?.textContent).toBe("王小明");
    expect(shown?.textContent).toContain("16:35 到达 · 志愿者从学校接");
    // The box is empty for the next card, and the day was loaded again.
    expect(scanInput().value).toBe("");
    expect(vi.mocked(childcare.deskDay).mock.calls.length).toBe(2);
  });

  it("a refused pick-up is shown large and red, in the core's words", async () => {
    await open(day([IN]));
    const message = "周伟被设为“禁止接送”，不能接走孩子";
    vi.mocked(childcare.signOut).mockRejectedValue(appError("pickup_barred", message, "personId"));
    row("刘佳")!.querySelector<HTMLElement>('[data-test="desk-sign-out"]')!.click();
    await settle(0);
    const persons = document.querySelectorAll<HTMLElement>('[data-test="signout-person"]');
    expect([...persons].map((p) => p.getAttribute("data-name"))).toEqual(["刘芳", "周伟"]);
    const barred = q('[data-test="signout-person"][data-name="周伟"]')!;
    expect(barred.querySelector('[data-test="signout-person-status"]')?.textContent).toContain("禁止接送");
    // Listed, and the click still goes to the core, which refuses.
    barred.click();
    await settle();
    expect(childcare.signOut).toHaveBeenCalledWith(8, { personId: 82, alone: false, emergency: false });
    const refused = q('[data-test="desk-refused"]');
    expect(refused?.getAttribute("data-code")).toBe("pickup_barred");
    expect(refused?.textContent).toContain("不能接走");
    expect(q('[data-test="desk-refused-message"]')?.textContent).toBe(message);
    expect(q('[data-test="desk-result"]')?.classList.contains("is-error")).toBe(true);
  });

  it("the sign-out dialog shows the core's photos, and never a person taken off the list", async () => {
    const withPhoto = person(81, "刘芳", { hasPhoto: true });
    const gone = person(83, "刘强", { relationship: "叔叔", active: false, hasPhoto: true });
    const IN_PHOTO = { ...IN, persons: [withPhoto, person(82, "周伟"), gone] };
    vi.mocked(childcare.personPhoto).mockResolvedValue("data:image/png;base64,iVBORw0KGgo=");
    await open(day([IN_PHOTO]));
    row("刘佳")!.querySelector<HTMLElement>('[data-test="desk-sign-out"]')!.click();
    await settle(0);
    const persons = [...document.querySelectorAll<HTMLElement>('[data-test="signout-person"]')];
    expect(persons.map((p) => p.getAttribute("data-name"))).toEqual(["刘芳", "周伟"]);
    // Only the active person with a photo is asked for one.
    expect(childcare.personPhoto).toHaveBeenCalledTimes(1);
    expect(childcare.personPhoto).toHaveBeenCalledWith(81);
    const img = persons[0]!.querySelector<HTMLImageElement>('[data-test="signout-photo"]');
    expect(img?.getAttribute("src")).toBe("data:image/png;base64,iVBORw0KGgo=");
    // Without a photo: the initial.
    expect(persons[1]!.querySelector('[data-test="signout-photo"]')).toBeNull();
    expect(persons[1]!.querySelector(".photo.is-empty")?.textContent).toBe("周");
  });

  it("from the call time, lists the children not come with the phones to call", async () => {
    const absent = child(9, "赵雨", { state: "absent", absenceLabel: "病假" });
    const streak = child(10, "孙浩", {
      absenceStreak: 3,
      flagged: true,
      persons: [person(101, "孙军", { phone: "13700001111" })],
    });
    // The core decides who is to be called and with which phones (never the barred father's).
    const toCall: CallLine[] = [
      {
        enrolmentId: 7,
        name: "王小明",
        state: "not_arrived",
        contacts: [{ name: "李梅", relationship: "母亲", phone: "13912345678" }],
      },
      {
        enrolmentId: 10,
        name: "孙浩",
        state: "not_arrived",
        contacts: [{ name: "孙军", relationship: "父亲", phone: "13700001111" }],
      },
    ];
    await open(day([XIAOMING, absent, streak, IN], { missingCall: true, toCall }));
    const card = q('[data-test="desk-missing-call"]');
    expect(card).not.toBeNull();
    const missing = [...document.querySelectorAll('[data-test="missing-child"]')];
    expect(missing.map((m) => m.getAttribute("data-name"))).toEqual(["王小明", "孙浩"]);
    // The barred father is not someone to call.
    expect(missing[0]!.textContent).toContain("母亲 李梅 13912345678");
    expect(missing[0]!.textContent).not.toContain("13800000000");
    expect(missing[1]!.textContent).toContain("13700001111");
    expect(row("孙浩")?.querySelector('[data-test="desk-flag-absence"]')?.textContent).toContain("连续缺勤 3 天");
    expect(row("赵雨")?.querySelector('[data-test="desk-state"]')?.textContent).toContain("请假（病假）");
  });

  it("in 大字模式 at 1366 fits every column without scrolling sideways", async () => {
    vi.mocked(childcare.deskDay).mockResolvedValue(day([XIAOMING, IN]));
    await mountPage(DeskPage, { pinia: largeTextAt1366(signedInPinia()) });
    await settle(0);
    expect(columnWidths("desk-table").length).toBeGreaterThanOrEqual(5);
    expect(sum(columnWidths("desk-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
  });
});
