import { beforeEach, describe, expect, it, vi } from "vitest";
import * as checkups from "../src/api/checkups";
import * as communities from "../src/api/communities";
import CheckupSetupPage from "../src/views/checkups/CheckupSetupPage.vue";
import { appError, mountPage, q, settle, signedInPinia, typeInto } from "./helpers";

vi.mock("../src/api/checkups");
vi.mock("../src/api/communities");

describe("服务站与机构", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(checkups.listStations).mockResolvedValue([
      {
        id: 2,
        name: "双桥社区健康服务站",
        communityId: 3,
        communityName: "双桥社区",
        address: "振兴街8号",
        phone: null,
        active: true,
      },
    ]);
    vi.mocked(checkups.listProviders).mockResolvedValue([
      {
        id: 3,
        name: "街道卫生院",
        kind: "health_center",
        kindLabel: "卫生院",
        doctors: ["张医生", "李医生"],
        phone: "0358-1234567",
        active: true,
      },
    ]);
    vi.mocked(communities.communitiesTree).mockResolvedValue([]);
  });

  it("lists stations and providers with the kind in words", async () => {
    await mountPage(CheckupSetupPage, { pinia: signedInPinia() });
    await settle(0);
    expect(q('[data-test="station-row"]')?.textContent).toContain("双桥社区");
    const provider = q('[data-test="provider-row"]');
    expect(provider?.textContent).toContain("卫生院");
    expect(provider?.textContent).toContain("张医生、李医生");
  });

  it("shows a duplicate name from the core on the name field", async () => {
    vi.mocked(checkups.saveStation).mockRejectedValue(
      appError("conflict", "已有名为“双桥社区健康服务站”的健康服务站", "name"),
    );
    await mountPage(CheckupSetupPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="station-add"]')!.click();
    await settle(0);
    await typeInto(q('[data-test="station-name"]'), "双桥社区健康服务站");
    await typeInto(q('[data-test="station-address"]'), "振兴街8号");
    q('[data-test="station-save"]')!.click();
    await settle();
    expect(checkups.saveStation).toHaveBeenCalledWith(null, {
      name: "双桥社区健康服务站",
      communityId: null,
      address: "振兴街8号",
      phone: null,
      active: true,
    });
    expect(q('[data-test="field-error-name"]')?.textContent).toContain("已有名为“双桥社区健康服务站”的健康服务站");
  });

  it("edits a provider: doctors joined with 、 and the kind code kept", async () => {
    vi.mocked(checkups.saveProvider).mockImplementation(async (_id, input) => ({
      id: 3,
      name: input.name,
      kind: input.kind,
      kindLabel: "医院",
      doctors: ["张医生"],
      phone: input.phone,
      active: input.active,
    }));
    await mountPage(CheckupSetupPage, { pinia: signedInPinia() });
    await settle(0);
    q('[data-test="provider-edit"]')!.click();
    await settle(0);
    expect((q('[data-test="provider-doctors"]') as HTMLInputElement).value).toBe("张医生、李医生");
    (q('[data-test="provider-kind-hospital"] input') as HTMLInputElement).click();
    q('[data-test="provider-save"]')!.click();
    await settle(0);
    expect(checkups.saveProvider).toHaveBeenCalledWith(3, {
      name: "街道卫生院",
      kind: "hospital",
      doctors: "张医生、李医生",
      phone: "0358-1234567",
      active: true,
    });
  });
});
