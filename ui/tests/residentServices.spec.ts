import { beforeEach, describe, expect, it, vi } from "vitest";
import * as residents from "../src/api/residents";
import type { ResidentServices } from "../src/bindings/ResidentServices";
import ResidentServicesCard from "../src/views/residents/ResidentServicesCard.vue";
import { appError, mountPage, q, settle, signedInPinia } from "./helpers";

vi.mock("../src/api/residents");

const RECORD: ResidentServices = {
  meals: [
    { month: "2026-11", served: 18, booked: 2, cancelled: 1, subsidy: 9000, collected: 12600 },
    { month: "2026-10", served: 20, booked: 0, cancelled: 0, subsidy: 10000, collected: 14000 },
  ],
  checkups: [
    { checkedOn: "2026-10-04", campaign: "2026年秋季老年人免费健康体检", station: "双桥社区健康服务站", result: null },
  ],
  checkupCount: 1,
  followups: [
    {
      followedOn: "2026-10-20",
      method: "phone",
      methodLabel: "电话",
      bloodPressure: null,
      glucose: null,
      outcome: null,
      nextOn: null,
    },
  ],
  followupCount: 1,
  openTasks: 0,
  valuesVisible: false,
};

async function mountCard() {
  await mountPage(ResidentServicesCard, { pinia: signedInPinia(), options: { props: { residentId: 7 } } });
  await settle(0);
}

describe("ResidentServicesCard", () => {
  beforeEach(() => vi.resetAllMocks());

  it("shows the resident's meals by month and their check-ups and follow-ups", async () => {
    vi.mocked(residents.residentServices).mockResolvedValue(RECORD);
    await mountCard();
    expect(residents.residentServices).toHaveBeenCalledWith(7);
    const meals = q('[data-test="services-meals"]')!.textContent!;
    expect(meals).toContain("2026-11");
    expect(meals).toContain("实收");
    expect(meals).toContain("126.00");
    expect(q('[data-test="services-health-counts"]')?.textContent).toContain("体检 1 次，随访 1 次。");
    expect(q('[data-test="services-checkup"]')?.textContent).toContain("2026年10月4日");
    expect(q('[data-test="services-followup"]')?.textContent).toContain("电话随访");
    expect(document.body.textContent).not.toContain("将在相应模块启用后显示");
  });

  it("has no meals section for a role the core gives none, and says when there are no meals", async () => {
    vi.mocked(residents.residentServices).mockResolvedValue({ ...RECORD, meals: null });
    await mountCard();
    expect(q('[data-test="services-meals"]')).toBeNull();
    expect(q('[data-test="services-health"]')).not.toBeNull();

    document.body.innerHTML = "";
    vi.mocked(residents.residentServices).mockResolvedValue({ ...RECORD, meals: [] });
    await mountCard();
    expect(q('[data-test="services-no-meals"]')?.textContent).toContain("没有订餐记录");
  });

  it("shows the core's message when the record cannot be loaded", async () => {
    vi.mocked(residents.residentServices).mockRejectedValue(appError("not_found", "居民不存在"));
    await mountCard();
    expect(q('[data-test="services-error"]')?.textContent).toContain("居民不存在");
  });
});
