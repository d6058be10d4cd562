import { beforeEach, describe, expect, it, vi } from "vitest";
import * as volunteers from "../src/api/volunteers";
import TeamDialog from "../src/views/volunteers/TeamDialog.vue";
import TeamsPage from "../src/views/volunteers/TeamsPage.vue";
import VolunteerDrawer from "../src/views/volunteers/VolunteerDrawer.vue";
import VolunteersPage from "../src/views/volunteers/VolunteersPage.vue";
import { LARGE_1366_TABLE, columnWidths, headers, largeTextAt1366, sum, wideWindow } from "./columnsFit";
import { appError, mountPage, q, settle, signedInPinia, typeInto } from "./helpers";
import { pickerStub, team, typeText, volunteer } from "./volunteersFixtures";

vi.mock("../src/api/volunteers");

const STUBS = { DateInput: true };
const TEAMS = [
  team(1, "银龄互助队"),
  team(2, "党员先锋岗", { leaderId: null, leaderName: null }),
  team(3, "旧队", { active: false }),
];

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(volunteers.listTeams).mockResolvedValue(TEAMS);
});

describe("volunteers list", () => {
  const LIST = [
    volunteer(1, "张建国"),
    volunteer(2, "刘洋", {
      age: 16,
      minor: true,
      idType: "passport",
      idTypeLabel: "护照",
      maskedId: "E1*****78",
      teams: [],
      status: "paused",
      statusLabel: "暂停",
    }),
  ];

  it("lists the core's rows: number, age with 未成年, masked document, teams and status", async () => {
    wideWindow();
    vi.mocked(volunteers.listVolunteers).mockResolvedValue(LIST);
    await mountPage(VolunteersPage, { pinia: signedInPinia() });
    await settle(0);
    expect(volunteers.listVolunteers).toHaveBeenCalledWith({ text: null, teamId: null, status: null });
    const rows = [...document.querySelectorAll<HTMLElement>('[data-test="volunteer-row"]')];
    expect(rows.map((r) => r.getAttribute("data-name"))).toEqual(["张建国", "刘洋"]);
    expect(rows[0]!.textContent).toContain("ZY00001");
    expect(rows[0]!.querySelector('[data-test="volunteer-id"]')?.textContent).toBe("居民身份证 110105********002X");
    expect(rows[0]!.querySelector('[data-test="volunteer-team"]')?.textContent).toBe("银龄互助队");
    expect(rows[0]!.querySelector('[data-test="volunteer-minor"]')).toBeNull();
    expect(rows[1]!.querySelector('[data-test="volunteer-minor"]')?.textContent).toBe("未成年");
    expect(rows[1]!.textContent).toContain("16 岁");
    expect(rows[1]!.querySelector('[data-test="volunteer-id"]')?.textContent).toBe("护照 E1*****78");
    expect(rows[1]!.querySelector('[data-test="volunteer-status"]')?.textContent).toBe("暂停");
  });

  it("searches by text, team and status", async () => {
    vi.mocked(volunteers.listVolunteers).mockResolvedValue(LIST);
    await mountPage(VolunteersPage, { pinia: signedInPinia() });
    await settle(0);
    const search = q('[data-test="volunteers-search"]') as HTMLInputElement;
    await typeInto(search, "张");
    search.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle(0);
    expect(volunteers.listVolunteers).toHaveBeenLastCalledWith({ text: "张", teamId: null, status: null });
    q('[data-test="volunteers-team-filter-option-1"]')!.click();
    await settle(0);
    expect(volunteers.listVolunteers).toHaveBeenLastCalledWith({ text: "张", teamId: 1, status: null });
    q('[data-test="volunteers-status-filter-option-active"]')!.click();
    await settle(0);
    expect(volunteers.listVolunteers).toHaveBeenLastCalledWith({ text: "张", teamId: 1, status: "active" });
  });

  it("in 大字模式 at 1366 fits every column; readers get no 新增 / 编辑", async () => {
    vi.mocked(volunteers.listVolunteers).mockResolvedValue(LIST);
    await mountPage(VolunteersPage, { pinia: largeTextAt1366(signedInPinia({ manageVolunteers: false })) });
    await settle(0);
    expect(headers("volunteers-table")).toContain("状态");
    expect(sum(columnWidths("volunteers-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
    expect(q('[data-test="volunteer-add"]')).toBeNull();
    expect(q('[data-test="volunteer-edit"]')).toBeNull();
  });

  it("in 大字模式 at 1366 the editors' list fits too", async () => {
    vi.mocked(volunteers.listVolunteers).mockResolvedValue(LIST);
    await mountPage(VolunteersPage, { pinia: largeTextAt1366(signedInPinia()) });
    await settle(0);
    expect(headers("volunteers-table")).toContain("操作");
    expect(sum(columnWidths("volunteers-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
  });
});

describe("volunteer drawer", () => {
  const Picker = pickerStub({ id: 41, name: "孙丽", age: 35 });

  async function openDrawer(row: ReturnType<typeof volunteer> | null = null) {
    const mounted = await mountPage(VolunteerDrawer, {
      pinia: signedInPinia(),
      options: { props: { volunteer: row, visible: true } },
      stubs: { ...STUBS, ResidentPicker: Picker },
    });
    await settle(0);
    return mounted;
  }
  const consentOpen = () => q('[data-test="volunteer-consent"] .el-collapse-item')?.classList.contains("is-active");

  it("a resident: the registry's person, the phone only when typed, the teams chosen", async () => {
    const saved = volunteer(12, "孙丽", { residentId: 41 });
    vi.mocked(volunteers.saveVolunteer).mockResolvedValueOnce(saved);
    const { wrapper } = await openDrawer();
    expect(q('[data-test="volunteer-kind-resident"]')?.classList.contains("is-active")).toBe(true);
    expect(q('[data-test="volunteer-name"]')).toBeNull();
    // A stopped team is not offered to a new volunteer.
    expect(q('[data-test="volunteer-team-option-3"]')).toBeNull();
    q('[data-test="volunteer-save"]')!.click();
    await settle();
    expect(volunteers.saveVolunteer).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-residentId"]')?.textContent).toContain("请选择居民");

    q('[data-test="stub-pick"]')!.click();
    q('[data-test="volunteer-team-option-1"]')!.click();
    await settle(0);
    await typeText('[data-test="volunteer-skills"]', "理发");
    q('[data-test="volunteer-save"]')!.click();
    await settle();
    expect(volunteers.saveVolunteer).toHaveBeenCalledWith(null, {
      residentId: 41,
      name: "",
      idType: null,
      idNumber: null,
      birthDate: null,
      phone: "",
      skills: "理发",
      availability: "",
      joinedOn: "2026-11-28",
      status: "active",
      guardianConsentOn: null,
      guardianConsentBy: null,
      notes: "",
      teamIds: [1],
    });
    expect(wrapper.emitted("saved")?.[0]).toEqual([saved]);
    expect(document.body.textContent).toContain("已登记志愿者 孙丽（ZY00012）");
  });

  it("an outside person: name, document and phone; the birth date only for other documents", async () => {
    await openDrawer();
    (q('[data-test="volunteer-kind-outside"] input') as HTMLInputElement).click();
    await settle(0);
    expect(q('[data-test="volunteer-resident"]')).toBeNull();
    expect(q('[data-test="volunteer-id-type"]')?.textContent).toContain("居民身份证");
    expect(q('[data-test="field-birthDate"]')).toBeNull();
    await typeText('[data-test="volunteer-name"]', " 陈思 ");
    await typeText('[data-test="volunteer-id-number"]', "110105199001010023");
    await typeText('[data-test="volunteer-phone"]', "13600001234");
    vi.mocked(volunteers.saveVolunteer).mockRejectedValueOnce(
      appError("invalid_id_number", "身份证号校验位不正确", "input.idNumber"),
    );
    q('[data-test="volunteer-save"]')!.click();
    await settle();
    expect(volunteers.saveVolunteer).toHaveBeenCalledWith(
      null,
      expect.objectContaining({
        residentId: null,
        name: "陈思",
        idType: "resident_card",
        idNumber: "110105199001010023",
        birthDate: null,
        phone: "13600001234",
      }),
    );
    expect(q('[data-test="field-error-idNumber"]')?.textContent).toContain("校验位不正确");

    q('[data-test="volunteer-id-type-option-passport"]')!.click();
    await settle(0);
    expect(q('[data-test="field-birthDate"]')).not.toBeNull();
    vi.mocked(volunteers.saveVolunteer).mockRejectedValueOnce(
      appError("birth_date_required", "请填写出生日期", "input.birthDate"),
    );
    q('[data-test="volunteer-save"]')!.click();
    await settle();
    expect(volunteers.saveVolunteer).toHaveBeenLastCalledWith(
      null,
      expect.objectContaining({ idType: "passport", birthDate: null }),
    );
    expect(q('[data-test="field-error-birthDate"]')?.textContent).toContain("请填写出生日期");
  });

  it("opens the consent section when the core asks for a minor's guardian consent", async () => {
    await openDrawer();
    expect(consentOpen()).toBe(false);
    q('[data-test="stub-pick"]')!.click();
    await settle(0);
    vi.mocked(volunteers.saveVolunteer).mockRejectedValueOnce(
      appError(
        "guardian_consent_required",
        "孙丽未满 18 岁：请记录监护人同意的日期和同意人",
        "input.guardianConsentOn",
      ),
    );
    q('[data-test="volunteer-save"]')!.click();
    await settle();
    expect(consentOpen()).toBe(true);
    expect(q('[data-test="field-error-guardianConsentOn"]')?.textContent).toContain("请记录监护人同意的日期和同意人");
    expect(q('[data-test="volunteer-error"]')).toBeNull();

    await typeText('[data-test="volunteer-consent-by"]', "母亲 李梅");
    vi.mocked(volunteers.saveVolunteer).mockResolvedValueOnce(volunteer(13, "孙丽"));
    q('[data-test="volunteer-save"]')!.click();
    await settle();
    expect(volunteers.saveVolunteer).toHaveBeenLastCalledWith(
      null,
      expect.objectContaining({ guardianConsentBy: "母亲 李梅" }),
    );
  });

  it("editing a minor shows the consent; an outside person's number is typed again to change it", async () => {
    const minor = volunteer(2, "刘洋", {
      minor: true,
      age: 16,
      guardianConsentOn: "2026-09-01",
      guardianConsentBy: "父亲 刘强",
      idType: "passport",
      idTypeLabel: "护照",
      maskedId: "E1*****78",
      birthDate: "2010-03-04",
    });
    vi.mocked(volunteers.saveVolunteer).mockResolvedValueOnce(minor);
    await openDrawer(minor);
    expect(consentOpen()).toBe(true);
    expect(q('[data-test="volunteer-kind-outside"]')?.classList.contains("is-active")).toBe(true);
    expect((q('[data-test="volunteer-name"]') as HTMLInputElement).value).toBe("刘洋");
    expect((q('[data-test="volunteer-consent-by"]') as HTMLInputElement).value).toBe("父亲 刘强");
    expect(q('[data-test="volunteer-id-current"]')?.textContent).toContain("护照 E1*****78");
    q('[data-test="volunteer-save"]')!.click();
    await settle();
    expect(volunteers.saveVolunteer).toHaveBeenCalledWith(
      2,
      expect.objectContaining({
        residentId: null,
        name: "刘洋",
        idType: "passport",
        idNumber: null,
        birthDate: "2010-03-04",
        guardianConsentOn: "2026-09-01",
        guardianConsentBy: "父亲 刘强",
        teamIds: [1],
      }),
    );
  });
});

describe("teams", () => {
  it("lists the teams with leader, members and state", async () => {
    await mountPage(TeamsPage, { pinia: signedInPinia() });
    await settle(0);
    const rows = [...document.querySelectorAll<HTMLElement>('[data-test="team-row"]')];
    expect(rows.map((r) => r.getAttribute("data-name"))).toEqual(["银龄互助队", "党员先锋岗", "旧队"]);
    expect(rows[0]!.textContent).toContain("张建国");
    expect(rows[0]!.textContent).toContain("12");
    expect(rows[1]!.textContent).toContain("未设队长");
    expect(rows[2]!.textContent).toContain("已停用");
  });

  it("the dialog sends the TeamInput and shows a duplicate name on its field", async () => {
    vi.mocked(volunteers.listVolunteers).mockResolvedValue([volunteer(7, "张建国")]);
    vi.mocked(volunteers.saveTeam).mockRejectedValueOnce(
      appError("conflict", "已有名为“银龄互助队”的志愿服务队", "name"),
    );
    const { wrapper } = await mountPage(TeamDialog, {
      pinia: signedInPinia(),
      options: { props: { team: null, visible: true } },
    });
    await settle(0);
    await typeInto(q('[data-test="team-name"]'), "银龄互助队");
    q('[data-test="team-leader-option-7"]')!.click();
    await settle(0);
    q('[data-test="team-save"]')!.click();
    await settle();
    expect(volunteers.saveTeam).toHaveBeenCalledWith(null, {
      name: "银龄互助队",
      leaderId: 7,
      description: "",
      active: true,
    });
    expect(q('[data-test="field-error-name"]')?.textContent).toContain("已有名为");

    vi.mocked(volunteers.saveTeam).mockResolvedValueOnce(team(4, "银龄互助二队"));
    await typeInto(q('[data-test="team-name"]'), "银龄互助二队");
    q('[data-test="team-save"]')!.click();
    await settle();
    expect(wrapper.emitted("saved")?.[0]).toEqual([team(4, "银龄互助二队")]);
  });
});
