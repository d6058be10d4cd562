import { beforeEach, describe, expect, it, vi } from "vitest";
import * as communities from "../src/api/communities";
import * as residents from "../src/api/residents";
import ResidentFormDrawer from "../src/views/residents/ResidentFormDrawer.vue";
import { appError, mountPage, pressEnter, q, settle, signedInPinia, typeInto } from "./helpers";
import { detail } from "./residentFixtures";

vi.mock("../src/api/residents");
vi.mock("../src/api/communities");

const ID = "14052519480305124X";

async function open(d = null as ReturnType<typeof detail> | null) {
  const res = await mountPage(ResidentFormDrawer, {
    pinia: signedInPinia(),
    options: { props: { visible: true, detail: d } },
  });
  await settle(0);
  return res;
}

describe("ResidentFormDrawer", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(communities.communitiesTree).mockResolvedValue([]);
    vi.mocked(residents.relationsToHead).mockResolvedValue(["户主", "配偶", "子女"]);
  });

  it("checks the ID number as it is typed and fills 出生日期 and 性别", async () => {
    vi.mocked(residents.checkIdNumber).mockResolvedValue({
      idNumber: ID,
      birthDate: "1948-03-05",
      sex: "female",
      sexLabel: "女",
      age: 78,
    });
    await open();
    const input = q('[data-test="resident-id-number"]');
    await typeInto(input, "14052519480");
    await settle(350);
    expect(residents.checkIdNumber).not.toHaveBeenCalled();

    await typeInto(input, ID.slice(0, 17));
    await typeInto(input, ID);
    await settle(350);
    // Debounced: only the last value is checked.
    expect(residents.checkIdNumber).toHaveBeenCalledTimes(1);
    expect(residents.checkIdNumber).toHaveBeenCalledWith(ID);
    expect((q('[data-test="resident-birth-date"]') as HTMLInputElement).value).toBe("1948-03-05");
    expect(q('[data-test="resident-sex"]')?.textContent).toContain("女");
    expect(q('[data-test="resident-id-hint"]')?.textContent).toContain("1948年3月5日");
  });

  it("shows the check's error on the ID number field while typing", async () => {
    vi.mocked(residents.checkIdNumber).mockRejectedValue(
      appError("invalid_id_number", "身份证号校验位不对", "idNumber"),
    );
    await open();
    await typeInto(q('[data-test="resident-id-number"]'), "140525194803051241");
    await settle(450);
    expect(q('[data-test="field-error-idNumber"]')?.textContent).toContain("身份证号校验位不对");
  });

  it("saves on Enter and shows the core's field error on the ID number", async () => {
    vi.mocked(residents.createResident).mockRejectedValue(
      appError("duplicate_id_number", "该身份证号已登记：王秀英", "idNumber"),
    );
    vi.mocked(residents.checkIdNumber).mockResolvedValue({
      idNumber: ID,
      birthDate: "1948-03-05",
      sex: "female",
      sexLabel: "女",
      age: 78,
    });
    await open();
    await typeInto(q('[data-test="resident-name"]'), "王秀英");
    await typeInto(q('[data-test="resident-id-number"]'), ID);
    await settle(350);
    await typeInto(q('[data-test="resident-phone"]'), "13812345678");
    pressEnter(q('[data-test="resident-phone"]'));
    await settle();

    expect(residents.createResident).toHaveBeenCalledTimes(1);
    expect(vi.mocked(residents.createResident).mock.calls[0]![0]).toMatchObject({
      name: "王秀英",
      idNumber: ID,
      birthDate: "1948-03-05",
      sex: "female",
      phone: "13812345678",
      noIdReason: null,
      household: { kind: "none" },
    });
    expect(q('[data-test="field-error-idNumber"]')?.textContent).toContain("该身份证号已登记：王秀英");
  });

  it("sends the masked ID number and phone back unchanged when editing", async () => {
    const d = detail();
    vi.mocked(residents.updateResident).mockResolvedValue(d);
    const { wrapper } = await open(d);
    expect((q('[data-test="resident-id-number"]') as HTMLInputElement).value).toBe("140525********1234");
    await typeInto(q('[data-test="resident-address"]'), "振兴街14号");
    q('[data-test="resident-save"]')!.click();
    await settle(0);

    expect(residents.checkIdNumber).not.toHaveBeenCalled();
    expect(residents.updateResident).toHaveBeenCalledWith(
      7,
      expect.objectContaining({ idNumber: "140525********1234", phone: "138****5678", address: "振兴街14号" }),
    );
    expect(wrapper.emitted("saved")?.[0]).toEqual([d]);
  });
});
