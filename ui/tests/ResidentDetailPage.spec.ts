import { beforeEach, describe, expect, it, vi } from "vitest";
import * as residents from "../src/api/residents";
import ResidentDetailPage from "../src/views/residents/ResidentDetailPage.vue";
import { mountPage, q, settle, signedInPinia } from "./helpers";
import { detail } from "./residentFixtures";

vi.mock("../src/api/residents");
vi.mock("../src/api/communities");

describe("ResidentDetailPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(residents.getResident).mockResolvedValue(detail());
  });

  it("shows the masked profile and reveals it (audited) only on request", async () => {
    vi.mocked(residents.revealResident).mockResolvedValue({
      idNumber: "140525194803051234",
      phone: "13812345678",
      relationPhones: [],
    });
    await mountPage(ResidentDetailPage, { pinia: signedInPinia(), path: "/residents/7" });
    expect(residents.getResident).toHaveBeenCalledWith(7);
    expect(q('[data-test="resident-detail-name"]')?.textContent).toBe("王秀英");
    expect(q('[data-test="resident-detail-id-number"]')?.textContent).toContain("140525********1234");
    expect(residents.revealResident).not.toHaveBeenCalled();

    q('[data-test="resident-detail-id-number-reveal"]')!.click();
    await settle(0);
    expect(residents.revealResident).toHaveBeenCalledWith(7);
    expect(q('[data-test="resident-detail-id-number"]')?.textContent).toContain("140525194803051234");
    expect(q('[data-test="resident-detail-phone"]')?.textContent).toContain("13812345678");
  });

  it("has no eye button without revealPersonal, and shows why services are not allowed", async () => {
    vi.mocked(residents.getResident).mockResolvedValue(
      detail({ eligibilityToday: { allowed: false, reason: "王秀英已于2026年10月3日去世" } }),
    );
    await mountPage(ResidentDetailPage, { pinia: signedInPinia({ revealPersonal: false }), path: "/residents/7" });
    expect(q('[data-test="resident-detail-id-number-reveal"]')).toBeNull();
    expect(q('[data-test="resident-eligibility"]')?.textContent).toContain("王秀英已于2026年10月3日去世");
  });

  it("asks, naming the person and date, before recording a death", async () => {
    vi.mocked(residents.changeResidentStatus).mockResolvedValue(detail({ status: "deceased", statusLabel: "去世" }));
    await mountPage(ResidentDetailPage, { pinia: signedInPinia(), path: "/residents/7" });
    q('[data-test="resident-change-status"]')!.click();
    await settle(0);
    (q('[data-test="status-choice"] input[value="deceased"]') as HTMLInputElement).click();
    await settle(0);
    q('[data-test="status-save"]')!.click();
    await settle();
    expect(q(".el-message-box")?.textContent).toContain(
      "确定登记 王秀英 于 2026年11月28日 去世？此后不能再为其预订餐食、发放补贴或邀请体检。",
    );
    expect(residents.changeResidentStatus).not.toHaveBeenCalled();
    (q(".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary") as HTMLElement).click();
    await settle();
    expect(residents.changeResidentStatus).toHaveBeenCalledWith(7, {
      status: "deceased",
      effectiveDate: "2026-11-28",
      note: null,
    });
    expect(q('[data-test="resident-detail-status"]')?.textContent).toContain("去世");
  });
});
