import { flushPromises } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as checkups from "../src/api/checkups";
import * as residents from "../src/api/residents";
import CampaignDrawer from "../src/views/checkups/CampaignDrawer.vue";
import CampaignsPage from "../src/views/checkups/CampaignsPage.vue";
import InviteDialog from "../src/views/checkups/InviteDialog.vue";
import { CAMPAIGN, person } from "./checkupsFixtures";
import { LARGE_1366_TABLE, columnWidths, largeTextAt1366, sum } from "./columnsFit";
import { appError, mountPage, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/checkups");
vi.mock("../src/api/residents");

const STATION = {
  id: 2,
  name: "双桥社区健康服务站",
  communityId: 3,
  communityName: "双桥社区",
  address: "振兴街8号",
  phone: null,
  active: true,
};
// The date pickers are Element Plus's and slow to mount in happy-dom; these tests are about the form.
const STUBS = { DateInput: true };
const PROVIDER = {
  id: 3,
  name: "街道卫生院",
  kind: "health_center" as const,
  kindLabel: "卫生院",
  doctors: ["张医生"],
  phone: null,
  active: true,
};

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(checkups.listStations).mockResolvedValue([STATION]);
  vi.mocked(checkups.listProviders).mockResolvedValue([PROVIDER]);
  vi.mocked(residents.listCategoryTypes).mockResolvedValue([{ id: 7, name: "独居", builtin: true, active: true }]);
});

describe("campaigns list", () => {
  it("lists campaigns with their counts; 新建活动 only for organisers", async () => {
    vi.mocked(checkups.listCampaigns).mockResolvedValue([CAMPAIGN]);
    await mountPage(CampaignsPage, { pinia: signedInPinia({ organizeCheckups: false }) });
    await settle(0);
    const row = q('[data-test="campaign-row"]');
    expect(row?.getAttribute("data-id")).toBe("5");
    expect(row?.textContent).toContain("2026年11月28日 至 2026年11月29日");
    expect(row?.textContent).toContain("65岁及以上、本年度未体检");
    expect(row?.textContent).toContain("双桥社区健康服务站");
    expect(q('[data-test="checkups-new-campaign"]')).toBeNull();
  });

  it("in 大字模式 at 1366 fits every column without scrolling sideways", async () => {
    vi.mocked(checkups.listCampaigns).mockResolvedValue([CAMPAIGN]);
    await mountPage(CampaignsPage, { pinia: largeTextAt1366(signedInPinia({ organizeCheckups: false })) });
    await settle(0);
    expect(columnWidths("campaigns-table")).toHaveLength(7);
    expect(sum(columnWidths("campaigns-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
  });

  it("a new campaign is checked locally before it is sent", async () => {
    vi.mocked(checkups.listCampaigns).mockResolvedValue([]);
    await mountPage(CampaignsPage, { pinia: signedInPinia(), stubs: STUBS });
    await settle(0);
    expect(q('[data-test="campaigns-empty"]')).not.toBeNull();
    q('[data-test="checkups-new-campaign"]')!.click();
    await settle(0);
    expect((q('[data-test="campaign-bring"]') as HTMLInputElement).value).toBe("身份证、医保卡");
    q('[data-test="campaign-form-save"]')!.click();
    await settle();
    expect(checkups.saveCampaign).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-name"]')?.textContent).toContain("请填写活动名称");
    expect(q('[data-test="field-error-stationId"]')?.textContent).toContain("请选择服务站");
  });
});

describe("campaign form", () => {
  it("shows the core's field error on its field and saves the slots with their ids", async () => {
    vi.mocked(checkups.saveCampaign).mockRejectedValueOnce(
      appError("invalid_age", "起始年龄应在 0–120 岁之间", "target.minAge"),
    );
    await mountPage(CampaignDrawer, {
      pinia: signedInPinia(),
      options: { props: { campaign: CAMPAIGN, visible: true } },
      stubs: STUBS,
    });
    await settle(0);
    expect((q('[data-test="campaign-name"]') as HTMLInputElement).value).toBe(CAMPAIGN.name);
    expect(document.querySelectorAll('[data-test="slot-row"]').length).toBe(2);
    // The full slot has invitees: it cannot be removed.
    expect(q('[data-test="slot-remove-0"]')).toBeNull();
    expect(q('[data-test="slot-assigned"]')?.textContent).toContain("已安排 2 人");

    q('[data-test="slot-add"]')!.click();
    await flushPromises();
    await typeInto(q('[data-test="slot-end-2"]'), "11:00");

    q('[data-test="campaign-form-save"]')!.click();
    await settle();
    expect(checkups.saveCampaign).toHaveBeenCalledWith(5, {
      name: CAMPAIGN.name,
      stationId: 2,
      providerId: 3,
      firstDay: "2026-11-28",
      lastDay: "2026-11-29",
      target: { minAge: 65, categoryTypeId: null, notCheckedThisYear: true },
      bringNote: "身份证、医保卡",
      fasting: true,
      notes: null,
      slots: [
        { id: 11, day: "2026-11-28", startsAt: "08:00", endsAt: "09:00", capacity: 2 },
        { id: 12, day: "2026-11-28", startsAt: "09:00", endsAt: "10:00", capacity: 20 },
        { id: null, day: "2026-11-28", startsAt: "10:00", endsAt: "11:00", capacity: 20 },
      ],
    });
    expect(q('[data-test="field-error-minAge"]')?.textContent).toContain("起始年龄应在 0–120 岁之间");

    vi.mocked(checkups.saveCampaign).mockRejectedValueOnce(
      appError("slot_in_use", "时段 11月28日 08:00–09:00 已安排 2 人，名额不能少于 2", "slots"),
    );
    q('[data-test="campaign-form-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-slots"]')?.textContent).toContain("名额不能少于 2");
    expect(q('[data-test="campaign-form-error"]')).toBeNull();
  });
});

describe("invite dialog", () => {
  const CANDIDATES = [
    { person: person(1, "王秀英"), lastCheckup: "2025-10-12" },
    { person: person(2, "李桂兰"), lastCheckup: null },
    { person: person(3, "王建国", { sex: "男" }), lastCheckup: null },
  ];

  async function open() {
    vi.mocked(checkups.propose).mockResolvedValue(CANDIDATES);
    await mountPage(InviteDialog, {
      pinia: signedInPinia(),
      options: { props: { campaign: CAMPAIGN, visible: true } },
    });
    await settle(0);
  }
  const tick = (id: number) => (q(`[data-test="invite-candidate-${id}"] input`) as HTMLInputElement).click();

  it("invites the ticked candidates by resident id", async () => {
    vi.mocked(checkups.invite).mockResolvedValue({ invited: 2, already: 0 });
    await open();
    expect(checkups.propose).toHaveBeenCalledWith(5);
    expect(q('[data-test="invite-dialog"]')?.textContent).toContain("65岁及以上、本年度未体检");
    expect(q('[data-test="invite-room"]')?.textContent).toContain("还可安排 20 人");
    expect(q('[data-test="invite-confirm"]')!.hasAttribute("disabled")).toBe(true);

    tick(1);
    tick(3);
    await flushPromises();
    expect(q('[data-test="invite-selected"]')?.textContent).toContain("已选 2 人");
    q('[data-test="invite-confirm"]')!.click();
    await settle(0);
    expect(checkups.invite).toHaveBeenCalledWith(5, [1, 3]);
  });

  it("全选 takes the candidates the name filter shows, and the core's 名额不足 is shown", async () => {
    vi.mocked(checkups.invite).mockRejectedValue(
      appError("no_room", "时段名额不足：还可安排 20 人，本次选择了 2 人。请增加时段或名额", "residentIds"),
    );
    await open();
    await typeInto(q('[data-test="invite-search"]'), "王");
    expect(document.body.textContent).not.toContain("李桂兰");
    (q('[data-test="invite-select-all"] input') as HTMLInputElement).click();
    await flushPromises();
    q('[data-test="invite-confirm"]')!.click();
    await settle(0);
    expect(checkups.invite).toHaveBeenCalledWith(5, [1, 3]);
    expect(q('[data-test="invite-error"]')?.textContent).toContain("时段名额不足");
    // The dialog stays open with the choice, to change it.
    expect(q('[data-test="invite-selected"]')?.textContent).toContain("已选 2 人");
  });
});
