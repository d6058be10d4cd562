import { beforeEach, describe, expect, it, vi } from "vitest";
import * as print from "../src/api/print";
import * as volunteers from "../src/api/volunteers";
import ActivitiesPage from "../src/views/volunteers/ActivitiesPage.vue";
import ActivityDialog from "../src/views/volunteers/ActivityDialog.vue";
import ActivityPage from "../src/views/volunteers/ActivityPage.vue";
import { appError, mountPage, pressEnter, q, settle, signedInPinia, typeInto } from "./helpers";
import {
  PRINTED,
  activity,
  activityDetail,
  confirmBox,
  mountVolunteersPage,
  pair,
  signup,
  team,
  typeText,
  volunteer,
} from "./volunteersFixtures";

vi.mock("../src/api/volunteers");
vi.mock("../src/api/print");

// The date pickers are Element Plus's and slow to mount in happy-dom; these tests are about the form.
const STUBS = { DateInput: true };
const all = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(volunteers.listTeams).mockResolvedValue([team(1, "银龄互助队")]);
  vi.mocked(volunteers.listVolunteers).mockResolvedValue([volunteer(7, "张建国"), volunteer(9, "刘洋")]);
  vi.mocked(print.openPrinted).mockResolvedValue(undefined);
});

describe("activities page", () => {
  it("lists the core's activities; a row opens its activity", async () => {
    vi.mocked(volunteers.listActivities).mockResolvedValue([
      activity(5, "重阳节敬老义剪"),
      activity(4, "社区环境清扫", {
        status: "confirmed",
        statusLabel: "已确认",
        needs: [],
        needed: 0,
        signedUp: 6,
        heldOn: "2026-11-20",
      }),
    ]);
    const { router } = await mountVolunteersPage(ActivitiesPage, {
      path: "/volunteers/activities",
      name: "volunteers-activities",
      pattern: "/volunteers/activities",
      pinia: signedInPinia(),
      stubs: STUBS,
    });
    expect(volunteers.listActivities).toHaveBeenCalledWith({ from: null, to: null, status: null });
    const rows = all('[data-test="activity-row"]');
    expect(rows.map((r) => r.getAttribute("data-title"))).toEqual(["重阳节敬老义剪", "社区环境清扫"]);
    expect(rows[0]!.textContent).toContain("11月28日 周六");
    expect(rows[0]!.textContent).toContain("09:00–11:30");
    expect(rows[0]!.textContent).toContain("1 / 3 人");
    expect(rows[1]!.textContent).toContain("6 人");
    expect(rows[1]!.querySelector('[data-test="activity-row-status"]')?.textContent).toBe("已确认");

    q('[data-test="activities-status-filter-option-open"]')!.click();
    await settle(0);
    expect(volunteers.listActivities).toHaveBeenLastCalledWith({ from: null, to: null, status: "open" });

    rows[0]!.querySelector("td")!.click();
    await settle(0);
    expect(router.currentRoute.value.name).toBe("volunteers-activity");
    expect(router.currentRoute.value.params.id).toBe("5");
  });

  it("readers get no 新建活动", async () => {
    vi.mocked(volunteers.listActivities).mockResolvedValue([]);
    await mountVolunteersPage(ActivitiesPage, {
      path: "/volunteers/activities",
      name: "volunteers-activities",
      pattern: "/volunteers/activities",
      pinia: signedInPinia({ manageVolunteers: false }),
      stubs: STUBS,
    });
    expect(q('[data-test="new-activity"]')).toBeNull();
    expect(q('[data-test="activities-empty"]')?.textContent).toContain("新建活动");
  });
});

describe("activity dialog", () => {
  async function openDialog(row: ReturnType<typeof activity> | null = null) {
    const mounted = await mountPage(ActivityDialog, {
      pinia: signedInPinia(),
      options: { props: { activity: row, visible: true } },
      stubs: STUBS,
    });
    await settle(0);
    return mounted;
  }

  it("新建活动 sends the ActivityInput with its needs", async () => {
    const { wrapper } = await openDialog();
    await typeText('[data-test="activity-title"]', " 重阳节敬老义剪 ");
    await typeText('[data-test="activity-starts"]', "09:00");
    await typeText('[data-test="activity-ends"]', "11:30");
    await typeText('[data-test="activity-place"]', "中阳楼社区活动室");
    await typeText('[data-test="activity-organiser"]', "中阳楼社区居委会");
    q('[data-test="activity-team-option-1"]')!.click();
    q('[data-test="activity-minors"]')!.click();
    q('[data-test="add-need"]')!.click();
    await settle(0);
    // A new need starts with the activity's times.
    expect((q('[data-test="need-starts"]') as HTMLInputElement).value).toBe("09:00");
    await typeText('[data-test="need-role"]', "理发");
    await typeText('[data-test="need-ends"]', "11:00");
    q('[data-test="add-need"]')!.click();
    await settle(0);
    expect(all('[data-test="need-line"]')).toHaveLength(2);
    all('[data-test="remove-need"]')[1]!.click();
    await settle(0);
    expect(all('[data-test="need-line"]')).toHaveLength(1);

    const saved = activity(11, "重阳节敬老义剪");
    vi.mocked(volunteers.saveActivity).mockResolvedValueOnce(saved);
    q('[data-test="activity-save"]')!.click();
    await settle();
    expect(volunteers.saveActivity).toHaveBeenCalledWith(null, {
      title: "重阳节敬老义剪",
      heldOn: "2026-11-28",
      startsAt: "09:00",
      endsAt: "11:30",
      place: "中阳楼社区活动室",
      organiser: "中阳楼社区居委会",
      teamId: 1,
      content: "",
      minorsOk: true,
      needs: [{ id: null, role: "理发", people: 1, startsAt: "09:00", endsAt: "11:00" }],
    });
    expect(wrapper.emitted("saved")?.[0]).toEqual([saved]);
    expect(document.body.textContent).toContain("已发布活动 重阳节敬老义剪");
  });

  it("the core's refusal shows its Chinese message under the field it names", async () => {
    await openDialog();
    q('[data-test="activity-save"]')!.click();
    await settle();
    expect(volunteers.saveActivity).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-title"]')?.textContent).toContain("请填写活动名称");

    await typeText('[data-test="activity-title"]', "义剪");
    await typeText('[data-test="activity-starts"]', "9点");
    vi.mocked(volunteers.saveActivity).mockRejectedValueOnce(
      appError("invalid_time", "开始时间应为“09:00”这样的时间", "input.startsAt"),
    );
    q('[data-test="activity-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-startsAt"]')?.textContent).toContain("开始时间应为“09:00”这样的时间");
    expect(q('[data-test="activity-error"]')).toBeNull();

    vi.mocked(volunteers.saveActivity).mockRejectedValueOnce(
      appError("need_outside_activity", "“理发”的时间应在活动时间 09:00–11:30 之内", "input.needs"),
    );
    q('[data-test="activity-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-needs"]')?.textContent).toContain("“理发”的时间应在活动时间 09:00–11:30 之内");
  });

  it("editing keeps the needs' ids", async () => {
    const row = activity(5, "重阳节敬老义剪");
    vi.mocked(volunteers.saveActivity).mockResolvedValueOnce(row);
    await openDialog(row);
    expect((q('[data-test="activity-title"]') as HTMLInputElement).value).toBe("重阳节敬老义剪");
    q('[data-test="activity-save"]')!.click();
    await settle();
    expect(volunteers.saveActivity).toHaveBeenCalledWith(
      5,
      expect.objectContaining({ needs: [{ id: 31, role: "理发", people: 3, startsAt: "09:00", endsAt: "11:00" }] }),
    );
  });
});

describe("activity page", () => {
  async function openPage(permissions = {}, detail = activityDetail()) {
    vi.mocked(volunteers.getActivity).mockResolvedValue(detail);
    return mountVolunteersPage(ActivityPage, {
      path: "/volunteers/activities/5",
      name: "volunteers-activity",
      pattern: "/volunteers/activities/:id",
      pinia: signedInPinia(permissions),
      stubs: STUBS,
    });
  }
  const scanInput = () => q('[data-test="attendance-scan"]') as HTMLInputElement;
  async function scan(text: string) {
    await typeInto(scanInput(), text);
    pressEnter(scanInput());
    await settle(0);
  }

  it("shows the activity's facts, status and sign-ups with the core's minutes", async () => {
    await openPage();
    expect(volunteers.getActivity).toHaveBeenCalledWith(5);
    expect(q('[data-test="activity-heading"]')?.textContent).toBe("重阳节敬老义剪");
    expect(q('[data-test="activity-status"]')?.textContent).toBe("报名中");
    expect(q('[data-test="activity-time"]')?.textContent).toContain("11月28日 周六 09:00–11:30");
    const rows = all('[data-test="signup-row"]');
    expect(rows.map((r) => r.getAttribute("data-name"))).toEqual(["张建国", "李芳"]);
    expect(rows[0]!.textContent).toContain("09:02–11:40");
    expect(rows[0]!.querySelector('[data-test="signup-minutes"]')?.textContent).toBe("2小时38分");
    expect(q('[data-test="signups-total"]')?.textContent).toContain("2小时38分");
    expect(q('[data-test="print-signin"]')).not.toBeNull();
    expect(q('[data-test="activity-closed-note"]')).toBeNull();
  });

  it("a scanned code signs in and shows the core's sentence; the table follows", async () => {
    await openPage();
    const after = activityDetail();
    after.signups[1] = signup(52, 8, "李芳", {
      pairs: [pair(62, { signedOutAt: null, text: "09:05–（未签退）", minutes: null })],
      present: true,
    });
    vi.mocked(volunteers.attendanceScan).mockResolvedValueOnce({
      kind: "done",
      message: "李芳 签到 09:05",
      signed_in: true,
      detail: after,
    });
    await scan("VA1-52-ABCDEF");
    expect(volunteers.attendanceScan).toHaveBeenCalledWith(5, "VA1-52-ABCDEF");
    const message = q('[data-test="attendance-message"]')!;
    expect(message.textContent).toContain("李芳 签到 09:05");
    expect(message.getAttribute("data-kind")).toBe("signed-in");
    expect(scanInput().value).toBe("");
    expect(all('[data-test="signup-row"]')[1]!.getAttribute("data-present")).toBe("true");

    vi.mocked(volunteers.attendanceScan).mockRejectedValueOnce(
      appError("signin_code_forged", "签到码无法验证：不是本系统打印的，或已被改动", "code"),
    );
    await scan("VA1-99-XXXX");
    expect(q('[data-test="attendance-message"]')?.textContent).toContain("签到码无法验证");
    expect(q('[data-test="attendance-message"]')?.getAttribute("data-kind")).toBe("error");
  });

  it("a typed name lists the matches; clicking one signs them in or out", async () => {
    await openPage();
    const d = activityDetail();
    vi.mocked(volunteers.attendanceScan).mockResolvedValueOnce({ kind: "matches", signups: d.signups });
    await scan("z");
    const matches = all('[data-test="attendance-match"]');
    expect(matches.map((m) => m.getAttribute("data-name"))).toEqual(["张建国", "李芳"]);
    // The name stays (selected) so the next scan replaces it.
    expect(scanInput().value).toBe("z");

    vi.mocked(volunteers.attendanceToggle).mockResolvedValueOnce({
      kind: "done",
      message: "张建国 签退 11:40，本次 2小时38分",
      signed_in: false,
      detail: d,
    });
    matches[0]!.click();
    await settle(0);
    expect(volunteers.attendanceToggle).toHaveBeenCalledWith(5, 7);
    expect(q('[data-test="attendance-message"]')?.textContent).toContain("张建国 签退 11:40，本次 2小时38分");
    expect(q('[data-test="attendance-match"]')).toBeNull();
  });

  it("报名 sends the volunteer and the need; those signed up are not offered again", async () => {
    await openPage();
    expect(q('[data-test="signup-volunteer-option-7"]')).toBeNull();
    q('[data-test="signup-add"]')!.click();
    await settle();
    expect(volunteers.signUp).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-volunteerId"]')?.textContent).toContain("请选择志愿者");

    q('[data-test="signup-volunteer-option-9"]')!.click();
    q('[data-test="signup-need-option-31"]')!.click();
    await settle(0);
    vi.mocked(volunteers.signUp).mockRejectedValueOnce(appError("need_full", "“理发”名额已满（3 人）", "needId"));
    q('[data-test="signup-add"]')!.click();
    await settle();
    expect(volunteers.signUp).toHaveBeenCalledWith(5, 9, 31);
    expect(q('[data-test="field-error-needId"]')?.textContent).toContain("名额已满");

    const after = activityDetail();
    after.signups.push(signup(53, 9, "刘洋"));
    vi.mocked(volunteers.signUp).mockResolvedValueOnce(after);
    q('[data-test="signup-add"]')!.click();
    await settle();
    expect(all('[data-test="signup-row"]')).toHaveLength(3);
    expect(document.body.textContent).toContain("刘洋 已报名");
  });

  it("补录时间 sends the times; a refused time shows under its field", async () => {
    await openPage();
    all('[data-test="signup-row"]')[1]!.querySelector<HTMLElement>('[data-test="enter-pair"]')!.click();
    await settle(0);
    await typeText('[data-test="pair-in"]', "10:30");
    await typeText('[data-test="pair-out"]', "09:00");
    vi.mocked(volunteers.enterPair).mockRejectedValueOnce(
      appError("out_before_in", "签退时间应晚于签到时间", "signedOut"),
    );
    q('[data-test="pair-save"]')!.click();
    await settle();
    expect(volunteers.enterPair).toHaveBeenCalledWith(5, 8, "10:30", "09:00");
    expect(q('[data-test="field-error-signedOut"]')?.textContent).toContain("签退时间应晚于签到时间");

    await typeText('[data-test="pair-out"]', "11:00");
    vi.mocked(volunteers.enterPair).mockResolvedValueOnce(activityDetail());
    q('[data-test="pair-save"]')!.click();
    await settle();
    expect(volunteers.enterPair).toHaveBeenLastCalledWith(5, 8, "10:30", "11:00");
    expect(document.body.textContent).toContain("已补录 李芳 10:30–11:00");
  });

  it("补录签退 closes an open sign-in with the sign-out time only", async () => {
    const open = pair(62, { signedOutAt: null, text: "09:10–（未签退）", minutes: null });
    const detail = activityDetail();
    detail.signups[0] = { ...detail.signups[0]!, pairs: [open], present: true };
    await openPage({}, detail);
    q('[data-test="close-pair"]')!.click();
    await settle(0);
    expect(q('[data-test="pair-in"]')).toBeNull();
    expect(q('[data-test="pair-open-in"]')?.textContent).toBe("09:10–（未签退）");
    await typeText('[data-test="pair-out"]', "11:20");
    vi.mocked(volunteers.closePair).mockResolvedValueOnce(activityDetail());
    q('[data-test="pair-save"]')!.click();
    await settle();
    expect(volunteers.closePair).toHaveBeenCalledWith(62, "11:20");
    expect(document.body.textContent).toContain("已补录 张建国 签退 11:20");
  });

  it("删除签到 and 取消报名 ask first, naming the person", async () => {
    await openPage();
    vi.mocked(volunteers.removePair).mockResolvedValueOnce(activityDetail());
    q('[data-test="remove-pair"]')!.click();
    await settle(0);
    expect(q(".el-message-box")?.textContent).toContain("确定删除 张建国 的签到记录 09:02–11:40？");
    confirmBox();
    await settle();
    expect(volunteers.removePair).toHaveBeenCalledWith(61);

    vi.mocked(volunteers.withdraw).mockResolvedValueOnce(activityDetail());
    all('[data-test="withdraw"]')[1]!.click();
    await settle(0);
    expect(all(".el-message-box").at(-1)?.textContent).toContain("确定取消 李芳 的报名？");
    confirmBox();
    await settle();
    expect(volunteers.withdraw).toHaveBeenCalledWith(52);
  });

  it("确认时长 sends the evaluations chosen; afterwards nothing can change and the page says why", async () => {
    await openPage();
    q('[data-test="confirm-activity"]')!.click();
    await settle(0);
    expect(q('[data-test="confirm-warning"]')?.textContent).toContain("签到签退时间不能再修改");
    expect(all('[data-test="confirm-minutes"]').map((m) => m.textContent)).toEqual(["2小时38分", "0分"]);
    q('[data-test="confirm-evaluation-option-7-excellent"]')!.click();
    await settle(0);
    const confirmed = activityDetail({
      activity: activity(5, "重阳节敬老义剪", {
        status: "confirmed",
        statusLabel: "已确认",
        confirmedAt: "2026-11-28T06:00:00Z",
        confirmedBy: "李文员",
      }),
    });
    vi.mocked(volunteers.confirmActivity).mockResolvedValueOnce(confirmed);
    q('[data-test="confirm-save"]')!.click();
    await settle();
    expect(volunteers.confirmActivity).toHaveBeenCalledWith(5, [{ volunteerId: 7, evaluation: "excellent" }]);
    expect(q('[data-test="activity-status"]')?.textContent).toBe("已确认");
    expect(q('[data-test="activity-closed-note"]')?.textContent).toContain("2026-11-28 14:00 由 李文员 确认");
    expect(q('[data-test="attendance-scan"]')).toBeNull();
    expect(q('[data-test="signup-add"]')).toBeNull();
    expect(q('[data-test="enter-pair"]')).toBeNull();
    expect(q('[data-test="remove-pair"]')).toBeNull();
    expect(q('[data-test="confirm-activity"]')).toBeNull();
  });

  it("the core's refusal to confirm is shown in the dialog", async () => {
    await openPage();
    q('[data-test="confirm-activity"]')!.click();
    await settle(0);
    vi.mocked(volunteers.confirmActivity).mockRejectedValueOnce(
      appError("pairs_open", "还有 1 人未签退：请先签退或补录签退时间", "activityId"),
    );
    q('[data-test="confirm-save"]')!.click();
    await settle();
    expect(volunteers.confirmActivity).toHaveBeenCalledWith(5, []);
    expect(q('[data-test="confirm-error"]')?.textContent).toContain("还有 1 人未签退");
  });

  it("取消活动 asks for the reason", async () => {
    await openPage();
    vi.mocked(volunteers.cancelActivity).mockResolvedValueOnce(
      activity(5, "重阳节敬老义剪", { status: "cancelled", statusLabel: "已取消", cancelReason: "天气原因" }),
    );
    q('[data-test="cancel-activity"]')!.click();
    await settle(0);
    expect(q(".el-message-box")?.textContent).toContain("确定取消“重阳节敬老义剪”（11月28日 周六）？");
    const input = q(".el-message-box__input input") as HTMLInputElement;
    await typeInto(input, "天气原因");
    vi.mocked(volunteers.getActivity).mockResolvedValue(
      activityDetail({
        activity: activity(5, "重阳节敬老义剪", {
          status: "cancelled",
          statusLabel: "已取消",
          cancelReason: "天气原因",
        }),
      }),
    );
    confirmBox();
    await settle(400);
    expect(volunteers.cancelActivity).toHaveBeenCalledWith(5, "天气原因");
    expect(q('[data-test="activity-closed-note"]')?.textContent).toContain("活动已取消（天气原因）");
    expect(q('[data-test="cancel-activity"]')).toBeNull();
  });

  it("prints the 签到表", async () => {
    await openPage();
    vi.mocked(volunteers.printSignin).mockResolvedValueOnce(PRINTED);
    q('[data-test="print-signin"]')!.click();
    await settle(0);
    expect(volunteers.printSignin).toHaveBeenCalledWith(5);
    expect(print.openPrinted).toHaveBeenCalledWith(PRINTED.path);
  });

  it("readers see the activity without anything that changes it", async () => {
    await openPage({ manageVolunteers: false });
    expect(q('[data-test="activity-heading"]')?.textContent).toBe("重阳节敬老义剪");
    expect(all('[data-test="signup-row"]')).toHaveLength(2);
    for (const hook of ["attendance-scan", "signup-add", "enter-pair", "remove-pair", "withdraw", "print-signin"])
      expect(q(`[data-test="${hook}"]`)).toBeNull();
    for (const hook of ["confirm-activity", "cancel-activity", "activity-edit"])
      expect(q(`[data-test="${hook}"]`)).toBeNull();
  });
});
