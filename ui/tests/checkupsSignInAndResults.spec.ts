import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import * as checkups from "../src/api/checkups";
import type { InvitationRow } from "../src/bindings/InvitationRow";
import CampaignPage from "../src/views/checkups/CampaignPage.vue";
import InvitationsTable from "../src/views/checkups/InvitationsTable.vue";
import SignInBox from "../src/views/checkups/SignInBox.vue";
import { CAMPAIGN, invitation, resultView } from "./checkupsFixtures";
import { LARGE_1366_TABLE, columnWidths, headers, largeTextAt1366, sum, wideWindow } from "./columnsFit";
import { appError, mountPage, pressEnter, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/checkups");
vi.mock("../src/api/residents");

const ROWS: InvitationRow[] = [
  invitation(1, "王秀英"),
  invitation(2, "李桂兰", { status: "invited", statusLabel: "已邀请", signedInAt: null }),
  invitation(3, "王建国"),
];

describe("sign-in box", () => {
  beforeEach(() => vi.resetAllMocks());
  const input = () => q('[data-test="signin-input"]') as HTMLInputElement;
  async function submit(text: string) {
    await typeInto(input(), text);
    pressEnter(input());
    await settle(0);
  }

  it("a scanned slip code signs in by slip, and the focus stays in the box", async () => {
    vi.mocked(checkups.signInBySlip).mockResolvedValue(invitation(2, "李桂兰"));
    const { wrapper } = await mountPage(SignInBox, { pinia: signedInPinia(), options: { props: { campaignId: 5 } } });
    await flushPromises();
    expect(document.activeElement).toBe(input());

    await submit("CK1-5-2-8f3a9c");
    expect(checkups.signInBySlip).toHaveBeenCalledWith(5, "CK1-5-2-8f3a9c");
    expect(checkups.signIn).not.toHaveBeenCalled();
    expect(q('[data-test="signin-result"]')!.classList.contains("is-ok")).toBe(true);
    expect(q('[data-test="signin-name"]')?.textContent).toBe("李桂兰");
    expect(wrapper.emitted("signedIn")?.[0]?.[0]).toMatchObject({ id: 2 });
    expect(input().value).toBe("");
    expect(document.activeElement).toBe(input());

    // A click elsewhere on the page gives the focus back.
    input().blur();
    q('[data-test="signin-result"]')!.click();
    await flushPromises();
    expect(document.activeElement).toBe(input());
  });

  it("shows the core's refusal in red and keeps the focus", async () => {
    vi.mocked(checkups.signInBySlip).mockRejectedValue(
      appError("forged_slip", "这张通知单的二维码无法验证：不是本系统打印的，或已被改动", "code"),
    );
    await mountPage(SignInBox, { pinia: signedInPinia(), options: { props: { campaignId: 5 } } });
    await submit("CK1-bad");
    expect(q('[data-test="signin-result"]')!.classList.contains("is-error")).toBe(true);
    expect(q('[data-test="signin-error"]')?.textContent).toContain("这张通知单的二维码无法验证");
    expect(document.activeElement).toBe(input());
  });

  it("asks the core to find the typed name or pinyin: one found signs in, several filter the list", async () => {
    vi.mocked(checkups.signIn).mockResolvedValue(invitation(2, "李桂兰"));
    vi.mocked(checkups.findInvitees).mockResolvedValueOnce([ROWS[1]!]);
    const { wrapper } = await mountPage(SignInBox, { pinia: signedInPinia(), options: { props: { campaignId: 5 } } });
    await submit("lgl");
    expect(checkups.findInvitees).toHaveBeenCalledWith(5, "lgl");
    expect(checkups.signIn).toHaveBeenCalledWith(ROWS[1]!.id);

    vi.mocked(checkups.findInvitees).mockResolvedValueOnce([ROWS[0]!, ROWS[2]!]);
    await submit("王");
    expect(vi.mocked(checkups.signIn).mock.calls.length).toBe(1);
    expect(wrapper.emitted("filter")?.at(-1)).toEqual([{ text: "王", ids: [ROWS[0]!.id, ROWS[2]!.id] }]);
    expect(q('[data-test="signin-info"]')?.textContent).toContain("有 2 人与“王”相符");
    expect(document.activeElement).toBe(input());

    vi.mocked(checkups.findInvitees).mockResolvedValueOnce([]);
    await submit("zzz");
    expect(q('[data-test="signin-error"]')?.textContent).toContain("没有找到“zzz”");
  });

  it("after a name with several matches the name is selected, and a slip scanned after it signs in by slip", async () => {
    vi.mocked(checkups.findInvitees).mockResolvedValueOnce([ROWS[0]!, ROWS[2]!]);
    vi.mocked(checkups.signInBySlip).mockResolvedValue(invitation(3, "王建国"));
    await mountPage(SignInBox, { pinia: signedInPinia(), options: { props: { campaignId: 5 } } });
    await submit("wjg");
    await flushPromises();
    expect([input().selectionStart, input().selectionEnd]).toEqual([0, 3]);

    // A scanner that types after the name: the core reads the code at the end.
    await submit("wjgCK1-3-8f3a9c");
    expect(checkups.signInBySlip).toHaveBeenCalledWith(5, "wjgCK1-3-8f3a9c");
    expect(input().value).toBe("");
  });
});

describe("result entry on the campaign page", () => {
  const Blank = defineComponent({ render: () => h("div") });

  async function mountCampaign(permissions = {}) {
    const pinia = signedInPinia(permissions);
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: "/", name: "home", component: Blank },
        { path: "/checkups", name: "checkups", component: Blank },
        { path: "/checkups/campaigns/:id(\\d+)", name: "checkups-campaign", component: CampaignPage },
      ],
    });
    await router.push("/checkups/campaigns/5");
    await router.isReady();
    const wrapper = mount(CampaignPage, {
      attachTo: document.body,
      global: { plugins: [pinia, router, [ElementPlus, { locale: zhCn }]] },
    });
    await settle(0);
    return wrapper;
  }
  const field = (name: string) => q(`[data-test="result-${name}"]`) as HTMLInputElement;
  const clickRow = async (id: number) => {
    (q(`[data-test="invitation-row"][data-id="${id}"] td`) as HTMLElement).click();
    await settle(0);
  };

  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(checkups.getCampaign).mockResolvedValue(CAMPAIGN);
    vi.mocked(checkups.listInvitations).mockResolvedValue(ROWS);
  });

  it("Enter moves field to field and saves on the last; flags and the urgent alert show, then the next invitee", async () => {
    await mountCampaign();
    expect(checkups.getCampaign).toHaveBeenCalledWith(5);
    expect(q('[data-test="campaign-slot"]')?.textContent).toContain("2 / 2 人");
    await clickRow(1);
    expect(q('[data-test="result-person"]')?.textContent).toContain("王秀英");
    expect(document.activeElement).toBe(field("systolic"));

    const typed: [string, string][] = [
      ["systolic", "185"],
      ["diastolic", "112"],
      ["heart-rate", "80"],
      ["glucose", "6.7"],
      ["height", "160"],
      ["weight", "70"],
      ["waist", "88"],
    ];
    for (const [name, value] of typed) {
      await typeInto(field(name), value);
      pressEnter(field(name));
      await flushPromises();
    }
    expect(document.activeElement).toBe(field("notes"));
    expect(checkups.saveResult).not.toHaveBeenCalled();

    vi.mocked(checkups.saveResult).mockResolvedValue(resultView());
    vi.mocked(checkups.listInvitations).mockResolvedValue([
      { ...ROWS[0]!, status: "checked", statusLabel: "已体检", resultId: 900 },
      ROWS[1]!,
      ROWS[2]!,
    ]);
    pressEnter(field("notes"));
    await settle(0);
    expect(checkups.saveResult).toHaveBeenCalledWith(1, {
      systolic: 185,
      diastolic: 112,
      heartRate: 80,
      glucose: 6.7,
      glucoseKind: "fasting",
      height: 160,
      weight: 70,
      waist: 88,
      notes: null,
    });
    expect(q('[data-test="flag-bp"]')?.textContent).toContain("3级高血压");
    expect(q('[data-test="flag-glucose"]')?.textContent).toContain("空腹血糖受损");
    expect(q('[data-test="flag-bmi-value"]')?.textContent).toBe("27.3");
    expect(q('[data-test="flag-bmi"]')?.textContent).toContain("超重");
    expect(q('[data-test="result-urgent"]')?.textContent).toContain("达到紧急转诊标准");
    expect(q('[data-test="result-tasks"]')?.textContent).toContain("紧急转诊");

    // On to the next signed-in invitee without a result (李桂兰 has not signed in yet).
    await settle(0);
    expect(q('[data-test="result-person"]')?.textContent).toContain("王建国");
    expect(field("systolic").value).toBe("");
    expect(document.activeElement).toBe(field("systolic"));
  });

  it("shows the core's error on its field", async () => {
    vi.mocked(checkups.saveResult).mockRejectedValue(
      appError("diastolic_not_below_systolic", "舒张压应低于收缩压", "diastolic"),
    );
    await mountCampaign();
    await clickRow(1);
    await typeInto(field("systolic"), "120");
    await typeInto(field("diastolic"), "130");
    q('[data-test="result-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-diastolic"]')?.textContent).toContain("舒张压应低于收缩压");
    expect(q('[data-test="field-error-systolic"]')).toBeNull();
    expect(document.activeElement).toBe(field("diastolic"));
  });

  it("loads an existing result to correct it", async () => {
    vi.mocked(checkups.listInvitations).mockResolvedValue([
      { ...ROWS[0]!, status: "checked", statusLabel: "已体检", resultId: 900 },
    ]);
    vi.mocked(checkups.getResult).mockResolvedValue(resultView());
    await mountCampaign();
    await clickRow(1);
    expect(checkups.getResult).toHaveBeenCalledWith(1);
    expect(field("systolic").value).toBe("185");
    expect(field("glucose").value).toBe("6.7");
    expect(field("height").value).toBe("160");
    expect(q('[data-test="result-existing"]')?.textContent).toContain("第 1 版");
  });

  it("without seeHealthValues there is no result form", async () => {
    await mountCampaign({ seeHealthValues: false });
    expect(q('[data-test="invitation-row"]')).not.toBeNull();
    expect(q('[data-test="result-entry"]')).toBeNull();
    expect(q('[data-test="print-checkup-list"]')).not.toBeNull();
  });
});

describe("invitations table", () => {
  beforeEach(() => vi.resetAllMocks());
  const props = {
    rows: ROWS,
    slots: [],
    canOrganize: true,
    canEnterResults: false,
    currentId: null,
    emptyText: "",
  };

  it("shows every column on a wide window", async () => {
    wideWindow();
    await mountPage(InvitationsTable, { pinia: signedInPinia(), options: { props } });
    expect(headers("invitations-table")).toEqual([
      "时段",
      "姓名",
      "性别",
      "年龄",
      "社区",
      "身份证号",
      "电话",
      "状态",
      "操作",
    ]);
  });

  it("in 大字模式 at 1366 keeps 状态 and the actions in sight without scrolling sideways", async () => {
    await mountPage(InvitationsTable, { pinia: largeTextAt1366(signedInPinia()), options: { props } });
    expect(headers("invitations-table")).toEqual(["时段", "姓名", "身份证号 / 电话", "状态", "操作"]);
    expect(sum(columnWidths("invitations-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
    const invited = q('[data-test="invitation-row"][data-id="2"]')!;
    expect(invited.textContent).toContain(ROWS[1]!.person.community);
    expect(invited.textContent).toContain(ROWS[1]!.person.maskedPhone);
    expect(invited.querySelector('[data-test="invitation-status"]')?.textContent).toContain("已邀请");
    expect(invited.querySelector('[data-test="invitation-withdraw"]')).not.toBeNull();
  });
});
