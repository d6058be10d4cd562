import { beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { defineComponent, h } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import * as childcare from "../src/api/childcare";
import type { EnrolmentRow } from "../src/bindings/EnrolmentRow";
import type { ProgramInfo } from "../src/bindings/ProgramInfo";
import type { ResidentRow } from "../src/bindings/ResidentRow";
import * as communities from "../src/api/communities";
import EnrolDialog from "../src/views/childcare/EnrolDialog.vue";
import ProgramPage from "../src/views/childcare/ProgramPage.vue";
import PersonDialog from "../src/views/childcare/PersonDialog.vue";
import ProgramDrawer from "../src/views/childcare/ProgramDrawer.vue";
import ProgramsPage from "../src/views/childcare/ProgramsPage.vue";
import { schoolTerm } from "../src/views/childcare/options";
import * as files from "../src/api/files";
import type { PickupPerson } from "../src/bindings/PickupPerson";
import PersonsDrawer from "../src/views/childcare/PersonsDrawer.vue";
import { LARGE_1366_TABLE, columnWidths, headers, largeTextAt1366, sum, wideWindow } from "./columnsFit";
import { appError, mountPage, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/childcare");
vi.mock("../src/api/communities");
vi.mock("../src/api/files");

function pickupPerson(id: number, name: string, extra: Partial<PickupPerson> = {}): PickupPerson {
  return {
    id,
    enrolmentId: 1,
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

/** Clicks the OK button of the (last) confirmation box. */
function confirmBox() {
  const boxes = [...document.querySelectorAll(".el-message-box")];
  const ok = boxes
    .at(-1)
    ?.querySelector<HTMLElement>(".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary");
  if (!ok) throw new Error("no confirmation box");
  ok.click();
}

const PROGRAM: ProgramInfo = {
  id: 3,
  name: "四点半课堂",
  kind: "after_school",
  kindLabel: "课后托管",
  communityId: 2,
  communityName: "双桥社区",
  place: "双桥社区党群服务中心二楼",
  minAge: 6,
  maxAge: 12,
  capacity: 30,
  termStart: "2026-09-01",
  termEnd: "2027-01-20",
  weekdays: 31,
  weekdaysLabel: "周一至周五",
  startsAt: "16:30",
  endsAt: "18:30",
  missingCallAt: "17:00",
  selfHomeMinAge: 10,
  active: true,
  monthlyFee: 30000,
  reducedFee: 10000,
  staff: [
    { userId: 5, name: "陈老师" },
    { userId: 6, name: "王老师" },
  ],
  helpers: [{ volunteerId: 9, number: "ZY00009", name: "刘阿姨" }],
  enrolled: 12,
  waiting: 2,
};

function enrolment(id: number, name: string, extra: Partial<EnrolmentRow> = {}): EnrolmentRow {
  return {
    id,
    programId: PROGRAM.id,
    residentId: 40 + id,
    name,
    sexLabel: "男",
    age: 8,
    status: "enrolled",
    statusLabel: "在托",
    waitingPosition: null,
    startDate: "2026-11-28",
    endDate: null,
    endReason: null,
    consentDate: "2026-11-20",
    consentBy: "母亲 李梅",
    school: "双桥小学",
    className: "三年级二班",
    allergies: "",
    notes: "",
    fee: "free",
    feeLabel: "免费",
    monthlyFee: 0,
    selfHomePermittedOn: null,
    ...extra,
  };
}

// The date pickers are Element Plus's and slow to mount in happy-dom; these tests are about the form.
const STUBS = { DateInput: true };

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(communities.communitiesTree).mockResolvedValue([]);
  vi.mocked(childcare.listStaffCandidates).mockResolvedValue([
    { userId: 1, name: "李文员" },
    { userId: 5, name: "陈老师" },
  ]);
  vi.mocked(childcare.listHelperCandidates).mockResolvedValue([{ volunteerId: 9, number: "ZY00009", name: "刘阿姨" }]);
});

describe("programs list", () => {
  it("lists each program with its ages, places taken and waiting", async () => {
    vi.mocked(childcare.listPrograms).mockResolvedValue([
      PROGRAM,
      { ...PROGRAM, id: 4, name: "童乐驿站", active: false },
    ]);
    await mountPage(ProgramsPage, { pinia: signedInPinia() });
    await settle(0);
    const rows = document.querySelectorAll('[data-test="program-row"]');
    expect(rows).toHaveLength(2);
    const row = rows[0] as HTMLElement;
    expect(row.getAttribute("data-id")).toBe("3");
    expect(row.getAttribute("data-name")).toBe("四点半课堂");
    expect(row.textContent).toContain("6–12 岁");
    expect(row.querySelector('[data-test="program-enrolled"]')?.textContent).toBe("12 / 30");
    expect(row.querySelector('[data-test="program-waiting"]')?.textContent).toBe("2");
    expect(row.textContent).toContain("周一至周五");
    expect(row.textContent).toContain("16:30–18:30");
    expect(rows[1]!.textContent).toContain("已停办");
  });

  it("shows each program's fees and staff; a free program says 免费", async () => {
    wideWindow();
    vi.mocked(childcare.listPrograms).mockResolvedValue([
      PROGRAM,
      { ...PROGRAM, id: 4, name: "童乐驿站", monthlyFee: 0, reducedFee: 0, staff: [] },
      { ...PROGRAM, id: 5, name: "暑期班", monthlyFee: 50000, reducedFee: 0 },
    ]);
    await mountPage(ProgramsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(headers("programs-table")).toContain("收费 / 工作人员");
    const row = (name: string) => q(`[data-test="program-row"][data-name="${name}"]`)!;
    expect(row("四点半课堂").querySelector('[data-test="program-fee"]')?.textContent).toBe(
      "每月 300.00 元，低保减免后 100.00 元",
    );
    expect(row("四点半课堂").querySelector('[data-test="program-staff-names"]')?.textContent).toBe("陈老师、王老师");
    expect(row("童乐驿站").querySelector('[data-test="program-fee"]')?.textContent).toBe("免费");
    expect(row("童乐驿站").querySelector('[data-test="program-staff-names"]')?.textContent).toBe("未安排");
    expect(row("暑期班").querySelector('[data-test="program-fee"]')?.textContent).toBe("每月 500.00 元，低保家庭免费");
  });

  it("in a narrow window the fee goes under the name", async () => {
    vi.mocked(childcare.listPrograms).mockResolvedValue([PROGRAM]);
    await mountPage(ProgramsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(headers("programs-table")).not.toContain("收费 / 工作人员");
    expect(q('[data-test="program-row"] [data-test="program-fee"]')?.textContent).toBe(
      "每月 300.00 元，低保减免后 100.00 元",
    );
  });

  it("in 大字模式 at 1366 fits every column without scrolling sideways", async () => {
    vi.mocked(childcare.listPrograms).mockResolvedValue([PROGRAM]);
    await mountPage(ProgramsPage, { pinia: largeTextAt1366(signedInPinia()) });
    await settle(0);
    expect(columnWidths("programs-table").length).toBeGreaterThanOrEqual(5);
    expect(sum(columnWidths("programs-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
  });

  it("says how to start when there is no program", async () => {
    vi.mocked(childcare.listPrograms).mockResolvedValue([]);
    await mountPage(ProgramsPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="programs-empty"]')?.textContent).toContain("新建项目");
  });
});

describe("program form", () => {
  it("a new program starts on this school term, 16:30–18:30 on weekdays", () => {
    expect(schoolTerm("2026-11-30")).toEqual({ start: "2026-09-01", end: "2027-01-20" });
    expect(schoolTerm("2027-01-05")).toEqual({ start: "2026-09-01", end: "2027-01-20" });
    expect(schoolTerm("2027-03-02")).toEqual({ start: "2027-02-15", end: "2027-07-10" });
  });

  it("saves the ProgramInput, and shows the core's field error on its field", async () => {
    vi.mocked(childcare.saveProgram).mockRejectedValueOnce(
      appError("invalid_age_range", "年龄范围应在 0–17 岁之间，且最小年龄不大于最大年龄", "minAge"),
    );
    const { wrapper } = await mountPage(ProgramDrawer, {
      pinia: signedInPinia(),
      options: { props: { program: null, visible: true } },
      stubs: STUBS,
    });
    await settle(0);
    for (const day of ["mon", "tue", "wed", "thu", "fri"]) {
      expect(q(`[data-test="program-weekday-${day}"]`)?.classList.contains("is-checked")).toBe(true);
    }
    expect(q('[data-test="program-weekday-sat"]')?.classList.contains("is-checked")).toBe(false);
    expect((q('[data-test="program-starts-at"]') as HTMLInputElement).value).toBe("16:30");

    q('[data-test="program-form-save"]')!.click();
    await settle();
    expect(childcare.saveProgram).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-name"]')?.textContent).toContain("请填写项目名称");
    expect(q('[data-test="field-error-place"]')?.textContent).toContain("请填写地点");

    await typeInto(q('[data-test="program-name"]'), "双桥四点半课堂");
    await typeInto(q('[data-test="program-place"]'), "双桥社区党群服务中心");
    q('[data-test="program-form-save"]')!.click();
    await settle();
    expect(childcare.saveProgram).toHaveBeenCalledWith(null, {
      name: "双桥四点半课堂",
      kind: "after_school",
      communityId: null,
      place: "双桥社区党群服务中心",
      minAge: 6,
      maxAge: 12,
      capacity: 30,
      termStart: "2026-09-01",
      termEnd: "2027-01-20",
      weekdays: 31,
      startsAt: "16:30",
      endsAt: "18:30",
      missingCallAt: null,
      selfHomeMinAge: null,
      active: true,
      monthlyFee: 0,
      reducedFee: 0,
      staffIds: [],
      helperIds: [],
    });
    expect(q('[data-test="field-error-minAge"]')?.textContent).toContain("年龄范围应在 0–17 岁之间");
    expect(q('[data-test="program-form-error"]')).toBeNull();

    vi.mocked(childcare.saveProgram).mockResolvedValueOnce({ ...PROGRAM, name: "双桥四点半课堂" });
    q('[data-test="program-form-save"]')!.click();
    await settle();
    expect(wrapper.emitted("saved")?.[0]).toEqual([{ ...PROGRAM, name: "双桥四点半课堂" }]);
    expect(wrapper.emitted("update:visible")?.at(-1)).toEqual([false]);
  });
});

describe("program form: fees and staff", () => {
  async function openDrawer() {
    const mounted = await mountPage(ProgramDrawer, {
      pinia: signedInPinia(),
      options: { props: { program: PROGRAM, visible: true } },
      stubs: STUBS,
    });
    await settle(0);
    return mounted;
  }
  const option = (userId: number) => q(`[data-test="program-staff-option-${userId}"]`);

  it("shows the fees in 元 and the staff, and sends 分 and the user ids", async () => {
    vi.mocked(childcare.saveProgram).mockResolvedValue(PROGRAM);
    await openDrawer();
    expect(childcare.listStaffCandidates).toHaveBeenCalled();
    expect((q('[data-test="program-monthly-fee"] input') as HTMLInputElement).value).toBe("300.00");
    expect((q('[data-test="program-reduced-fee"] input') as HTMLInputElement).value).toBe("100.00");
    const staff = q('[data-test="program-staff"]');
    expect(staff?.textContent).toContain("陈老师");
    // 王老师 is no longer a candidate (disabled since) but stays shown as the program's.
    expect(staff?.textContent).toContain("王老师");
    expect(option(1)?.textContent).toContain("李文员");

    const monthly = q('[data-test="program-monthly-fee"] input') as HTMLInputElement;
    await typeInto(monthly, "350.5");
    monthly.dispatchEvent(new Event("change", { bubbles: true }));
    option(6)!.click();
    await settle(0);
    option(1)!.click();
    await settle(0);
    q('[data-test="program-form-save"]')!.click();
    await settle();
    expect(childcare.saveProgram).toHaveBeenCalledWith(
      3,
      expect.objectContaining({ monthlyFee: 35050, reducedFee: 10000, staffIds: [5, 1], helperIds: [9] }),
    );
  });

  it("shows the core's fee and staff errors on their fields", async () => {
    await openDrawer();
    vi.mocked(childcare.saveProgram).mockRejectedValueOnce(
      appError("invalid_fee", "减免后的月费应在 0 元和月费之间", "reducedFee"),
    );
    q('[data-test="program-form-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-reducedFee"]')?.textContent).toContain("减免后的月费应在 0 元和月费之间");

    vi.mocked(childcare.saveProgram).mockRejectedValueOnce(
      appError("staff_role", "张三的角色是“文员”，只有托育或管理员可以安排到托育项目", "input.staffIds"),
    );
    q('[data-test="program-form-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-staffIds"]')?.textContent).toContain("只有托育或管理员");
    expect(q('[data-test="program-form-error"]')).toBeNull();
  });
});

/** The registry search is the residents module's: here a button that picks one child. */
const PickerStub = defineComponent({
  props: { modelValue: { type: Number, default: null } },
  emits: ["update:modelValue", "picked"],
  setup(_props, { emit }) {
    const row = { id: 41, name: "王小明", age: 8 } as ResidentRow;
    // The button inside: the dialog's own data-test falls through onto the root.
    return () =>
      h("span", [
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

describe("enrol dialog", () => {
  it("sends the EnrolInput and shows the core's error on its field", async () => {
    vi.mocked(childcare.enrol).mockRejectedValueOnce(
      appError("consent_required", "王小明未满 14 岁：请填写监护人同意的日期和同意人", "consentDate"),
    );
    const { wrapper } = await mountPage(EnrolDialog, {
      pinia: signedInPinia(),
      options: { props: { program: PROGRAM, visible: true } },
      stubs: { ...STUBS, ResidentPicker: PickerStub },
    });
    await settle(0);
    expect(q('[data-test="enrol-consent-hint"]')).toBeNull();
    q('[data-test="stub-pick"]')!.click();
    await settle(0);
    // Under 14: the consent looks required (the core decides).
    expect(q('[data-test="enrol-consent-hint"]')?.textContent).toContain("未满 14 周岁");

    await typeInto(q('[data-test="enrol-consent-by"]'), "母亲 李梅");
    await typeInto(q('[data-test="enrol-school"]'), "双桥小学");
    await typeInto(q('[data-test="enrol-class"]'), "三年级二班");
    await typeInto(q('[data-test="enrol-allergies"]'), " 花生 ");
    (q('[data-test="enrol-fee-monthly"] input') as HTMLInputElement).click();
    await settle(0);
    q('[data-test="enrol-save"]')!.click();
    await settle();
    expect(childcare.enrol).toHaveBeenCalledWith(3, {
      residentId: 41,
      startDate: "2026-11-28",
      endDate: null,
      consentDate: null,
      consentBy: "母亲 李梅",
      school: "双桥小学",
      className: "三年级二班",
      allergies: "花生",
      notes: "",
      fee: "monthly",
      selfHomePermittedOn: null,
    });
    expect(q('[data-test="field-error-consentDate"]')?.textContent).toContain("请填写监护人同意的日期和同意人");
    expect(q('[data-test="enrol-error"]')).toBeNull();

    // The program is full: the child joins the waiting list, and the dialog says where.
    const waiting = enrolment(9, "王小明", { status: "waiting", statusLabel: "候补", waitingPosition: 2 });
    vi.mocked(childcare.enrol).mockResolvedValueOnce(waiting);
    q('[data-test="enrol-save"]')!.click();
    await settle();
    expect(wrapper.emitted("saved")?.[0]).toEqual([waiting]);
    expect(document.body.textContent).toContain("已进入候补（第 2 位）");
  });

  it("says what the program costs, and shows the core's refusal of a fee on the fee field", async () => {
    const free = { ...PROGRAM, monthlyFee: 0, reducedFee: 0 };
    vi.mocked(childcare.enrol).mockRejectedValueOnce(
      appError("program_is_free", "四点半课堂没有设月费：请选“免费”，或先在项目里填写月费", "input.fee"),
    );
    await mountPage(EnrolDialog, {
      pinia: signedInPinia(),
      options: { props: { program: free, visible: true } },
      stubs: { ...STUBS, ResidentPicker: PickerStub },
    });
    await settle(0);
    expect(q('[data-test="enrol-fee-hint"]')?.textContent).toContain("本项目：免费");
    q('[data-test="stub-pick"]')!.click();
    await typeInto(q('[data-test="enrol-consent-by"]'), "母亲 李梅");
    (q('[data-test="enrol-fee-monthly"] input') as HTMLInputElement).click();
    await settle(0);
    q('[data-test="enrol-save"]')!.click();
    await settle();
    expect(childcare.enrol).toHaveBeenCalledWith(3, expect.objectContaining({ fee: "monthly" }));
    expect(q('[data-test="field-error-fee"]')?.textContent).toContain("没有设月费");
  });

  it("asks for the child before anything is sent", async () => {
    await mountPage(EnrolDialog, {
      pinia: signedInPinia(),
      options: { props: { program: PROGRAM, visible: true } },
      stubs: { ...STUBS, ResidentPicker: PickerStub },
    });
    await settle(0);
    q('[data-test="enrol-save"]')!.click();
    await settle();
    expect(childcare.enrol).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-residentId"]')?.textContent).toContain("请选择儿童");
  });
});

describe("pick-up person form", () => {
  it("sends an outside contact the clerk confirmed as an adult", async () => {
    const saved = { id: 5, name: "赵敏" } as Awaited<ReturnType<typeof childcare.addPerson>>;
    vi.mocked(childcare.addPerson).mockResolvedValue(saved);
    const { wrapper } = await mountPage(PersonDialog, {
      pinia: signedInPinia(),
      options: { props: { enrolmentId: 9, person: null, visible: true } },
      stubs: STUBS,
    });
    await settle(0);
    await typeInto(q('[data-test="person-name"]'), "赵敏");
    await typeInto(q('[data-test="person-relationship"]'), "姨妈");
    await typeInto(q('[data-test="person-phone"]'), "13600001234");
    (q('[data-test="person-adult"] input') as HTMLInputElement).click();
    await settle(0);
    q('[data-test="person-save"]')!.click();
    await settle();
    expect(childcare.addPerson).toHaveBeenCalledWith(9, {
      residentId: null,
      name: "赵敏",
      phone: "13600001234",
      relationship: "姨妈",
      status: "allowed",
      adultConfirmed: true,
      delegateFrom: null,
      delegateTo: null,
      delegatedBy: null,
      delegatedHow: null,
    });
    expect(wrapper.emitted("saved")?.[0]).toEqual([saved]);
  });

  it("a new person gets a photo once saved; no path is typed", async () => {
    await mountPage(PersonDialog, {
      pinia: signedInPinia(),
      options: { props: { enrolmentId: 9, person: null, visible: true } },
      stubs: STUBS,
    });
    await settle(0);
    expect(q('[data-test="person-photo-later"]')?.textContent).toContain("保存后可添加照片");
    expect(q('[data-test="person-photo-choose"]')).toBeNull();
    expect(q('[data-test="person-photo"]')).toBeNull();
    expect(childcare.personPhoto).not.toHaveBeenCalled();
  });

  it("shows a saved person's photo, replaces it from a chosen file and shows the core's refusal", async () => {
    const mother = pickupPerson(11, "李梅", { hasPhoto: true });
    vi.mocked(childcare.personPhoto).mockResolvedValue("data:image/jpeg;base64,/9j/4AAQ");
    const { wrapper } = await mountPage(PersonDialog, {
      pinia: signedInPinia(),
      options: { props: { enrolmentId: 1, person: mother, visible: true } },
      stubs: STUBS,
    });
    await settle(0);
    expect(childcare.personPhoto).toHaveBeenCalledWith(11);
    expect(q('[data-test="person-photo"]')?.getAttribute("src")).toBe("data:image/jpeg;base64,/9j/4AAQ");

    vi.mocked(files.chooseOpenFile).mockResolvedValue("D:/照片/李梅.heic");
    vi.mocked(childcare.setPersonPhoto).mockRejectedValueOnce(
      appError("photo_format", "只能使用 JPG 或 PNG 格式的照片", "photo"),
    );
    q('[data-test="person-photo-choose"]')!.click();
    await settle();
    expect(files.chooseOpenFile).toHaveBeenCalledWith("photo");
    expect(childcare.setPersonPhoto).toHaveBeenCalledWith(11, "D:/照片/李梅.heic");
    expect(q('[data-test="field-error-photo"]')?.textContent).toContain("只能使用 JPG 或 PNG 格式的照片");

    vi.mocked(files.chooseOpenFile).mockResolvedValue("D:/照片/李梅.jpg");
    vi.mocked(childcare.setPersonPhoto).mockResolvedValueOnce(mother);
    vi.mocked(childcare.personPhoto).mockResolvedValue("data:image/jpeg;base64,NEW");
    q('[data-test="person-photo-choose"]')!.click();
    await settle();
    expect(childcare.setPersonPhoto).toHaveBeenLastCalledWith(11, "D:/照片/李梅.jpg");
    expect(q('[data-test="person-photo"]')?.getAttribute("src")).toBe("data:image/jpeg;base64,NEW");
    expect(q('[data-test="field-error-photo"]')).toBeNull();
    expect(wrapper.emitted("photoChanged")?.[0]).toEqual([mother]);

    // Cancelling the file dialog changes nothing.
    vi.mocked(files.chooseOpenFile).mockResolvedValue(null);
    q('[data-test="person-photo-choose"]')!.click();
    await settle(0);
    expect(childcare.setPersonPhoto).toHaveBeenCalledTimes(2);
  });

  it("删除照片 asks first", async () => {
    const mother = pickupPerson(11, "李梅", { hasPhoto: true });
    vi.mocked(childcare.personPhoto).mockResolvedValue("data:image/jpeg;base64,/9j/4AAQ");
    vi.mocked(childcare.removePersonPhoto).mockResolvedValue({ ...mother, hasPhoto: false });
    await mountPage(PersonDialog, {
      pinia: signedInPinia(),
      options: { props: { enrolmentId: 1, person: mother, visible: true } },
      stubs: STUBS,
    });
    await settle(0);
    q('[data-test="person-photo-remove"]')!.click();
    await settle();
    expect(q(".el-message-box")?.textContent).toContain("确定删除 李梅 的照片？");
    expect(childcare.removePersonPhoto).not.toHaveBeenCalled();
    confirmBox();
    await settle();
    expect(childcare.removePersonPhoto).toHaveBeenCalledWith(11);
    expect(q('[data-test="person-photo"]')).toBeNull();
    expect(q('[data-test="person-photo-remove"]')).toBeNull();
    expect(q('[data-test="person-photo-none"]')?.textContent).toContain("还没有照片");
  });

  it("shows the core's refusal of an unconfirmed adult on the checkbox", async () => {
    vi.mocked(childcare.addPerson).mockRejectedValue(
      appError("adult_unconfirmed", "请核实张强已年满 18 岁后勾选确认", "adultConfirmed"),
    );
    await mountPage(PersonDialog, {
      pinia: signedInPinia(),
      options: { props: { enrolmentId: 9, person: null, visible: true } },
      stubs: STUBS,
    });
    await settle(0);
    await typeInto(q('[data-test="person-name"]'), "张强");
    await typeInto(q('[data-test="person-relationship"]'), "父亲");
    q('[data-test="person-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-adultConfirmed"]')?.textContent).toContain("已年满 18 岁");
  });
});

describe("program page", () => {
  /** The page reads its id from the route and links back to the list. */
  async function openPage() {
    const pinia = signedInPinia();
    const blank = defineComponent({ render: () => h("div") });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: "/childcare", name: "childcare", component: blank },
        { path: "/childcare/programs/:id", name: "childcare-program", component: ProgramPage },
      ],
    });
    await router.push("/childcare/programs/3");
    await router.isReady();
    mount(ProgramPage, { attachTo: document.body, global: { plugins: [pinia, router, ElementPlus], stubs: STUBS } });
    await flushPromises();
    await settle(0);
  }

  it("lists the children with their place on the waiting list; ended ones on request", async () => {
    vi.mocked(childcare.listPrograms).mockResolvedValue([PROGRAM]);
    vi.mocked(childcare.listEnrolments).mockResolvedValue([
      enrolment(1, "王小明", { allergies: "花生" }),
      enrolment(2, "李小红", { status: "waiting", statusLabel: "候补", waitingPosition: 1, consentDate: null }),
      enrolment(3, "赵大伟", { status: "ended", statusLabel: "已结束" }),
    ]);
    await openPage();
    expect(childcare.listEnrolments).toHaveBeenCalledWith(3);
    expect(q('[data-test="program-title"]')?.textContent).toBe("四点半课堂");
    expect(q('[data-test="program-counts"]')?.textContent).toContain("在托 12 / 名额 30，候补 2 人");
    const rows = () => [...document.querySelectorAll<HTMLElement>('[data-test="enrolment-row"]')];
    expect(rows().map((r) => r.getAttribute("data-name"))).toEqual(["王小明", "李小红"]);
    expect(rows()[0]!.textContent).toContain("花生");
    expect(rows()[0]!.textContent).toContain("2026年11月20日 母亲 李梅");
    expect(rows()[1]!.querySelector('[data-test="enrolment-status"]')?.textContent).toContain("候补第 1 位");
    expect(rows()[1]!.textContent).toContain("未登记");
    (q('[data-test="enrolments-show-ended"] input') as HTMLInputElement).click();
    await settle(0);
    expect(rows()).toHaveLength(3);
    expect(rows()[2]!.querySelector('[data-test="enrolment-end"]')).toBeNull();
  });

  it("shows the program's fees and staff, and what a month costs each family", async () => {
    wideWindow();
    vi.mocked(childcare.listPrograms).mockResolvedValue([PROGRAM]);
    vi.mocked(childcare.listEnrolments).mockResolvedValue([
      enrolment(1, "王小明", { fee: "monthly", feeLabel: "按月收费", monthlyFee: 30000 }),
      enrolment(2, "李小红", { fee: "reduced", feeLabel: "减免（低保）", monthlyFee: 10000 }),
      enrolment(3, "赵大伟"),
    ]);
    await openPage();
    expect(q('[data-test="program-fee"]')?.textContent).toBe("每月 300.00 元，低保减免后 100.00 元");
    expect(q('[data-test="program-staff-names"]')?.textContent?.trim()).toBe("陈老师、王老师");
    const fee = (name: string) =>
      q(`[data-test="enrolment-row"][data-name="${name}"] [data-test="enrolment-fee"]`)?.textContent;
    expect(fee("王小明")).toBe("按月收费 · 300.00 元/月");
    expect(fee("李小红")).toBe("减免（低保） · 100.00 元/月");
    expect(fee("赵大伟")).toBe("免费");
  });

  it("the persons drawer shows 禁止接送 in red, and 挂失补卡 asks first", async () => {
    vi.mocked(childcare.listPrograms).mockResolvedValue([PROGRAM]);
    vi.mocked(childcare.listEnrolments).mockResolvedValue([enrolment(1, "王小明")]);
    vi.mocked(childcare.listRefusals).mockResolvedValue([
      {
        at: "2026-11-27T09:40:00Z",
        who: "张强",
        reason: "pickup_barred",
        message: "张强被设为“禁止接送”，不能接走孩子",
      },
    ]);
    const base = { enrolmentId: 1, residentId: null, phone: "13912345678", adultConfirmed: true, hasPhoto: false };
    const none = { delegateFrom: null, delegateTo: null, delegatedBy: null, delegatedHow: null, active: true };
    vi.mocked(childcare.listPersons).mockResolvedValue([
      {
        ...base,
        ...none,
        id: 11,
        name: "李梅",
        relationship: "母亲",
        status: "allowed",
        statusLabel: "可接送",
        cardId: 4,
      },
      {
        ...base,
        ...none,
        id: 12,
        name: "张强",
        relationship: "父亲",
        status: "barred",
        statusLabel: "禁止接送",
        cardId: null,
      },
    ]);
    await openPage();
    q('[data-test="enrolment-persons"]')!.click();
    await settle();
    expect(childcare.listPersons).toHaveBeenCalledWith(1);
    const barred = q('[data-test="person-row"][data-name="张强"]');
    expect(barred?.getAttribute("data-status")).toBe("barred");
    const tag = barred?.querySelector('[data-test="person-status"]');
    expect(tag?.classList.contains("el-tag--danger")).toBe(true);
    expect(barred?.querySelector('[data-test="person-revoke-card"]')).toBeNull();
    expect(q('[data-test="refusal-row"]')?.textContent).toContain("张强被设为“禁止接送”");

    q('[data-test="person-row"][data-name="李梅"] [data-test="person-revoke-card"]')!.click();
    await settle();
    expect(document.querySelector(".el-message-box")?.textContent).toContain("挂失 李梅 的接送卡（No. 4）");
    expect(childcare.revokeCard).not.toHaveBeenCalled();
  });
});

describe("persons drawer: 移出名单", () => {
  const ROW = enrolment(1, "王小明");
  async function openDrawer(persons: PickupPerson[]) {
    vi.mocked(childcare.listPersons).mockResolvedValue(persons);
    vi.mocked(childcare.listRefusals).mockResolvedValue([]);
    await mountPage(PersonsDrawer, {
      pinia: signedInPinia(),
      options: { props: { enrolment: ROW, visible: false } },
      stubs: STUBS,
    }).then(async ({ wrapper }) => {
      await wrapper.setProps({ visible: true });
      await settle();
    });
  }
  const row = (name: string) => q(`[data-test="person-row"][data-name="${name}"]`)!;

  it("takes a person off the list after the warning, and lists them greyed with 恢复", async () => {
    const uncle = pickupPerson(12, "张强", { relationship: "舅舅", cardId: 7 });
    await openDrawer([pickupPerson(11, "李梅"), uncle]);
    expect(row("张强").getAttribute("data-active")).toBe("true");
    expect(row("张强").querySelector('[data-test="person-reactivate"]')).toBeNull();

    vi.mocked(childcare.setPersonActive).mockResolvedValue({ ...uncle, active: false });
    row("张强").querySelector<HTMLElement>('[data-test="person-deactivate"]')!.click();
    await settle();
    expect(q(".el-message-box")?.textContent).toContain("移出后此人将不能再接走孩子，接送卡也随之失效。确定移出吗？");
    expect(childcare.setPersonActive).not.toHaveBeenCalled();
    vi.mocked(childcare.listPersons).mockResolvedValue([pickupPerson(11, "李梅"), { ...uncle, active: false }]);
    confirmBox();
    await settle();
    expect(childcare.setPersonActive).toHaveBeenCalledWith(12, false);
    expect(q(".el-message--success")?.textContent).toContain("已将 张强 移出接送名单");

    const gone = row("张强");
    expect(gone.getAttribute("data-active")).toBe("false");
    expect(gone.classList.contains("is-inactive")).toBe(true);
    expect(gone.querySelector('[data-test="person-inactive"]')?.textContent).toContain("已移出");
    expect(gone.querySelector('[data-test="person-deactivate"]')).toBeNull();
    expect(gone.querySelector('[data-test="person-revoke-card"]')).toBeNull();
    expect(row("李梅").classList.contains("is-inactive")).toBe(false);
  });

  it("恢复 asks, then puts the person back on the list", async () => {
    const uncle = pickupPerson(12, "张强", { active: false });
    await openDrawer([uncle]);
    vi.mocked(childcare.setPersonActive).mockResolvedValue({ ...uncle, active: true });
    row("张强").querySelector<HTMLElement>('[data-test="person-reactivate"]')!.click();
    await settle();
    expect(q(".el-message-box")?.textContent).toContain("确定把 张强 恢复到接送名单？");
    confirmBox();
    await settle();
    expect(childcare.setPersonActive).toHaveBeenCalledWith(12, true);
    expect(childcare.listPersons).toHaveBeenCalledTimes(2);
  });
});
