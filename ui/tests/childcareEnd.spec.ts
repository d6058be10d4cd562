import { beforeEach, describe, expect, it, vi } from "vitest";
import * as childcare from "../src/api/childcare";
import type { EnrolmentRow } from "../src/bindings/EnrolmentRow";
import EndEnrolmentDialog from "../src/views/childcare/EndEnrolmentDialog.vue";
import { appError, mountPage, q, settle, signedInPinia } from "./helpers";
import { confirmBox, typeText } from "./volunteersFixtures";

vi.mock("../src/api/childcare");

const ENROLMENT = { id: 12, name: "张小雨" } as EnrolmentRow;

beforeEach(() => {
  vi.resetAllMocks();
});

async function openDialog() {
  const mounted = await mountPage(EndEnrolmentDialog, {
    pinia: signedInPinia(),
    options: { props: { enrolment: ENROLMENT, visible: true } },
    stubs: { DateInput: true },
  });
  await settle(0);
  return mounted;
}

describe("结束托育", () => {
  it("asks for a reason, confirms naming the child, then ends on today", async () => {
    const { wrapper } = await openDialog();
    q('[data-test="end-save"]')!.click();
    await settle();
    expect(q('[data-test="field-error-reason"]')?.textContent).toContain("结束原因");
    await typeText('[data-test="end-reason"]', "转学");
    await settle(0);
    vi.mocked(childcare.endEnrolment).mockResolvedValueOnce({ ...ENROLMENT, status: "ended" } as EnrolmentRow);
    q('[data-test="end-save"]')!.click();
    await settle();
    expect(q(".el-message-box")?.textContent).toContain("张小雨");
    confirmBox();
    await settle();
    expect(childcare.endEnrolment).toHaveBeenCalledWith(12, "2026-11-28", "转学");
    expect(wrapper.emitted("saved")).toHaveLength(1);
  });

  it("shows the core's refusal on the date (the core calls it `on`)", async () => {
    await openDialog();
    await typeText('[data-test="end-reason"]', "转学");
    await settle(0);
    vi.mocked(childcare.endEnrolment).mockRejectedValueOnce(
      appError("end_before_start", "结束日期不能早于开始日期", "on"),
    );
    q('[data-test="end-save"]')!.click();
    await settle();
    confirmBox();
    await settle();
    expect(q('[data-test="field-error-on"]')?.textContent).toContain("结束日期不能早于开始日期");
  });
});
