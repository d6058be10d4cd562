import { beforeEach, describe, expect, it, vi } from "vitest";
import * as print from "../src/api/print";
import * as volunteers from "../src/api/volunteers";
import ProofsPage from "../src/views/volunteers/ProofsPage.vue";
import VolunteersPage from "../src/views/volunteers/VolunteersPage.vue";
import VolunteerRecordPage from "../src/views/volunteers/VolunteerRecordPage.vue";
import { appError, q, settle, signedInPinia } from "./helpers";
import {
  PRINTED,
  SETTINGS,
  entry,
  mountVolunteersPage,
  proof,
  serviceRecordOf,
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
  vi.mocked(print.openPrinted).mockResolvedValue(undefined);
  vi.mocked(volunteers.volunteerSettings).mockResolvedValue(SETTINGS);
});

describe("service record", () => {
  it("opens from the 志愿者 list, for readers too", async () => {
    vi.mocked(volunteers.listVolunteers).mockResolvedValue([volunteer(7, "张建国")]);
    vi.mocked(volunteers.listTeams).mockResolvedValue([team(1, "银龄互助队")]);
    const { router } = await mountVolunteersPage(VolunteersPage, {
      path: "/volunteers/people",
      name: "volunteers-people",
      pattern: "/volunteers/people",
      pinia: signedInPinia({ manageVolunteers: false }),
    });
    q('[data-test="volunteer-record"]')!.click();
    await settle(0);
    expect(router.currentRoute.value.name).toBe("volunteers-record");
    expect(router.currentRoute.value.params.id).toBe("7");
  });

  async function openRecord(permissions = {}, record = serviceRecordOf()) {
    vi.mocked(volunteers.serviceRecord).mockResolvedValue(record);
    vi.mocked(volunteers.listProofs).mockResolvedValue([proof(12)]);
    return mountVolunteersPage(VolunteerRecordPage, {
      path: "/volunteers/people/7/record",
      name: "volunteers-record",
      pattern: "/volunteers/people/:id/record",
      pinia: signedInPinia(permissions),
      stubs: STUBS,
    });
  }

  it("shows the entries newest first with the core's minutes, the total and the proofs issued", async () => {
    await openRecord(
      {},
      serviceRecordOf({
        entries: [
          entry(81, {
            minutes: 120,
            minutesText: "2小时",
            corrections: [
              {
                id: 1,
                oldMinutes: 150,
                newMinutes: 120,
                reason: "提前离开",
                requestedBy: "队长 李强",
                by: "李文员",
                at: "2026-11-21T02:00:00Z",
              },
            ],
          }),
        ],
      }),
    );
    expect(volunteers.serviceRecord).toHaveBeenCalledWith(7);
    expect(volunteers.listProofs).toHaveBeenCalledWith(7);
    expect(q('[data-test="service-record"]')).not.toBeNull();
    expect(q('[data-test="record-total"]')?.textContent).toBe("3小时15分（3.3 小时）");
    const rows = all('[data-test="entry-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.querySelector('[data-test="entry-minutes"]')?.textContent).toBe("2小时");
    expect(rows[0]!.querySelector('[data-test="entry-correction"]')?.textContent).toContain(
      "2026-11-21 10:00 李文员更正：150 分钟 → 120 分钟（提前离开；申请人：队长 李强）",
    );
    expect(q('[data-test="record-proof"]')?.textContent).toContain("ZYZM-2026-0012");
  });

  it("更正 sends the new minutes, the reason and who asked", async () => {
    await openRecord();
    all('[data-test="correct-entry"]')[0]!.click();
    await settle(0);
    expect(q('[data-test="correction-now"]')?.textContent).toBe("2小时30分");
    const minutes = q('[data-test="correction-minutes"] input') as HTMLInputElement;
    expect(minutes.value).toBe("150");
    minutes.value = "120";
    minutes.dispatchEvent(new Event("input", { bubbles: true }));
    minutes.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(0);
    q('[data-test="correction-save"]')!.click();
    await settle();
    expect(volunteers.correctEntry).not.toHaveBeenCalled();
    expect(q('[data-test="field-error-reason"]')?.textContent).toContain("请填写更正原因");

    await typeText('[data-test="correction-reason"]', "提前离开");
    await typeText('[data-test="correction-by"]', " 队长 李强 ");
    vi.mocked(volunteers.correctEntry).mockRejectedValueOnce(
      appError("correction_same", "更正后的时长与现在相同（2小时30分）", "input.newMinutes"),
    );
    q('[data-test="correction-save"]')!.click();
    await settle();
    expect(volunteers.correctEntry).toHaveBeenCalledWith(81, {
      newMinutes: 120,
      reason: "提前离开",
      requestedBy: "队长 李强",
    });
    expect(q('[data-test="field-error-newMinutes"]')?.textContent).toContain("更正后的时长与现在相同");

    vi.mocked(volunteers.correctEntry).mockResolvedValueOnce(
      serviceRecordOf({ totalText: "2小时45分", totalHours: "2.8" }),
    );
    q('[data-test="correction-save"]')!.click();
    await settle();
    expect(q('[data-test="record-total"]')?.textContent).toBe("2小时45分（2.8 小时）");
    expect(document.body.textContent).toContain("已更正 2026年11月20日 的服务时长");
  });

  it("添加 training or a commendation", async () => {
    await openRecord();
    q('[data-test="add-honour"]')!.click();
    await settle(0);
    (q('[data-test="honour-kind-commendation"] input') as HTMLInputElement).click();
    await typeText('[data-test="honour-title"]', "2026年度优秀志愿者");
    await typeText('[data-test="honour-issuer"]', "中阳楼街道办事处");
    vi.mocked(volunteers.addHonour).mockResolvedValueOnce(
      serviceRecordOf({
        honours: [
          {
            id: 1,
            kind: "commendation",
            kindLabel: "表彰",
            onDate: "2026-11-28",
            title: "2026年度优秀志愿者",
            issuer: "中阳楼街道办事处",
            notes: "",
          },
        ],
      }),
    );
    q('[data-test="honour-save"]')!.click();
    await settle();
    expect(volunteers.addHonour).toHaveBeenCalledWith(7, {
      kind: "commendation",
      onDate: "2026-11-28",
      title: "2026年度优秀志愿者",
      issuer: "中阳楼街道办事处",
      notes: "",
    });
    expect(q('[data-test="honour-row"]')?.textContent).toContain("2026年11月28日 表彰：2026年度优秀志愿者");
  });

  it("出具证明 for this year so far shows the number and opens the PDF", async () => {
    await openRecord();
    q('[data-test="issue-proof"]')!.click();
    await settle(0);
    vi.mocked(volunteers.issueProof).mockRejectedValueOnce(
      appError("no_service_in_period", "张建国在这段时间没有志愿服务记录", "input.from"),
    );
    q('[data-test="proof-issue"]')!.click();
    await settle();
    expect(volunteers.issueProof).toHaveBeenCalledWith({ volunteerId: 7, from: "2026-01-01", to: "2026-11-28" });
    expect(q('[data-test="field-error-from"]')?.textContent).toContain("张建国在这段时间没有志愿服务记录");

    vi.mocked(volunteers.issueProof).mockRejectedValueOnce(
      appError(
        "proof_signatory_missing",
        "请管理员先在“志愿服务设置”中填写证明的负责人和联系电话",
        "proofPersonInCharge",
      ),
    );
    q('[data-test="proof-issue"]')!.click();
    await settle();
    expect(q('[data-test="proof-error"]')?.textContent).toContain("请管理员先在“志愿服务设置”中填写");

    vi.mocked(volunteers.issueProof).mockResolvedValueOnce({ proof: proof(13), file: PRINTED });
    q('[data-test="proof-issue"]')!.click();
    await settle();
    expect(q('[data-test="proof-number"]')?.textContent).toBe("ZYZM-2026-0013");
    expect(q('[data-test="proof-hours"]')?.textContent).toContain("3.3 小时（2 次服务）");
    expect(print.openPrinted).toHaveBeenCalledWith(PRINTED.path);
    // The register is read again, with the new proof.
    expect(volunteers.listProofs).toHaveBeenCalledTimes(2);
  });

  it("readers see the record without 更正, 添加 or 出具证明", async () => {
    await openRecord({ manageVolunteers: false });
    expect(all('[data-test="entry-row"]')).toHaveLength(2);
    expect(q('[data-test="correct-entry"]')).toBeNull();
    expect(q('[data-test="add-honour"]')).toBeNull();
    expect(q('[data-test="issue-proof"]')).toBeNull();
  });
});

describe("proofs page", () => {
  async function openProofs(permissions = {}) {
    vi.mocked(volunteers.listProofs).mockResolvedValue([proof(13, { reprints: 1 }), proof(12)]);
    return mountVolunteersPage(ProofsPage, {
      path: "/volunteers/proofs",
      name: "volunteers-proofs",
      pattern: "/volunteers/proofs",
      pinia: signedInPinia(permissions),
    });
  }

  it("lists the register and 补打 prints a proof again", async () => {
    await openProofs();
    expect(volunteers.listProofs).toHaveBeenCalledWith(null);
    const rows = all('[data-test="proof-row"]');
    expect(rows.map((r) => r.getAttribute("data-number"))).toEqual(["ZYZM-2026-0013", "ZYZM-2026-0012"]);
    expect(rows[0]!.textContent).toContain("张建国（ZY00007）");
    expect(rows[0]!.textContent).toContain("2026年1月1日 至 2026年11月28日");
    expect(rows[0]!.textContent).toContain("3.3");
    expect(rows[0]!.textContent).toContain("李文员");
    expect(q('[data-test="proofs-signatory"]')?.textContent).toContain("证明负责人：王主任");

    vi.mocked(volunteers.reprintProof).mockResolvedValueOnce({ proof: proof(12, { reprints: 1 }), file: PRINTED });
    rows[1]!.querySelector<HTMLElement>('[data-test="reprint-proof"]')!.click();
    await settle(0);
    expect(volunteers.reprintProof).toHaveBeenCalledWith(12);
    expect(print.openPrinted).toHaveBeenCalledWith(PRINTED.path);
    expect(all('[data-test="proof-row"]')[1]!.querySelector('[data-test="proof-reprints"]')?.textContent).toBe("1");
  });

  it("readers see the register without 补打 or the settings", async () => {
    await openProofs({ manageVolunteers: false, manageSystem: false });
    expect(all('[data-test="proof-row"]')).toHaveLength(2);
    expect(q('[data-test="reprint-proof"]')).toBeNull();
    expect(q('[data-test="proofs-settings"]')).toBeNull();
  });

  it("the administrator sets the proof's 负责人 and phone here", async () => {
    await openProofs();
    q('[data-test="proofs-settings"]')!.click();
    await settle(0);
    await typeText('[data-test="settings-in-charge"]', "赵主任");
    vi.mocked(volunteers.saveVolunteerSettings).mockResolvedValueOnce({ ...SETTINGS, proofPersonInCharge: "赵主任" });
    q('[data-test="settings-save"]')!.click();
    await settle();
    expect(volunteers.saveVolunteerSettings).toHaveBeenCalledWith({ ...SETTINGS, proofPersonInCharge: "赵主任" });
    expect(q('[data-test="proofs-signatory"]')?.textContent).toContain("证明负责人：赵主任");
  });
});
