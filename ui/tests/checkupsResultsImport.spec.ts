import { beforeEach, describe, expect, it, vi } from "vitest";
import * as checkups from "../src/api/checkups";
import * as files from "../src/api/files";
import type { ImportPreview } from "../src/bindings/ImportPreview";
import CampaignsPage from "../src/views/checkups/CampaignsPage.vue";
import { CAMPAIGN } from "./checkupsFixtures";
import { mountPage, q, settle, signedInPinia } from "./helpers";

vi.mock("../src/api/checkups");
vi.mock("../src/api/files");

const PATH = "/tmp/卫生院体检结果.xlsx";
const PREVIEW: ImportPreview = {
  fileName: "卫生院体检结果.xlsx",
  headerRow: 2,
  columns: [
    { key: "idNumber", label: "身份证号", header: "身份证号码" },
    { key: "checkedOn", label: "体检日期", header: "体检日期" },
    { key: "systolic", label: "收缩压", header: "收缩压(mmHg)" },
  ],
  ignoredHeaders: ["体检编号"],
  rows: [
    {
      row: 3,
      outcome: "new",
      name: "王秀英",
      idNumberMasked: "140525********1234",
      changes: [],
      cleared: [],
      errors: [],
    },
    {
      row: 4,
      outcome: "update",
      name: "李建国",
      idNumberMasked: "140525********5678",
      changes: ["血糖"],
      cleared: [],
      errors: [],
    },
    {
      row: 5,
      outcome: "error",
      name: "赵四",
      idNumberMasked: "140525********0011",
      changes: [],
      cleared: [],
      errors: [
        { column: "收缩压(mmHg)", message: "收缩压应在 60–280 mmHg 之间" },
        { column: "", message: "没有找到这位居民" },
      ],
    },
  ],
  counts: { total: 3, new: 1, update: 1, unchanged: 0, error: 1, clearing: 0 },
};

const click = async (sel: string) => {
  q(sel)!.click();
  await settle(50);
};
/** The newest message box's button (a closed one may still be fading out). */
const clickBox = async (primary: boolean) => {
  const boxes = [...document.querySelectorAll(".el-message-box")];
  const btn = boxes[boxes.length - 1]!.querySelector(
    primary ? ".el-message-box__btns .el-button--primary" : ".el-message-box__btns .el-button:not(.el-button--primary)",
  ) as HTMLElement;
  btn.click();
  await settle(50);
};

async function openPreview() {
  // Only the import is under test here: no counts card (organizeCheckups off).
  await mountPage(CampaignsPage, { pinia: signedInPinia({ organizeCheckups: false }) });
  await settle(0);
  await click('[data-test="checkups-import-results"]');
  expect(q('[data-test="results-import-step-choose"]')).not.toBeNull();
  await click('[data-test="results-import-choose"]');
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(checkups.listCampaigns).mockResolvedValue([CAMPAIGN]);
  vi.mocked(files.chooseOpenFile).mockResolvedValue(PATH);
  vi.mocked(checkups.importPreview).mockResolvedValue(PREVIEW);
  vi.mocked(checkups.importCommit).mockResolvedValue({ created: 1, updated: 1, unchanged: 0, skipped: 1 });
});

describe("hospital results import", () => {
  it("is offered only to roles that see health values", async () => {
    await mountPage(CampaignsPage, { pinia: signedInPinia({ seeHealthValues: false, organizeCheckups: false }) });
    await settle(0);
    expect(q('[data-test="campaign-row"]')).not.toBeNull();
    expect(q('[data-test="checkups-import-results"]')).toBeNull();
  });

  it("previews the sheet: counts, and each error on its column, without writing", async () => {
    await openPreview();
    expect(files.chooseOpenFile).toHaveBeenCalledWith("spreadsheet");
    expect(checkups.importPreview).toHaveBeenCalledWith(PATH);

    const counts = q('[data-test="import-counts"]')!;
    expect(counts.textContent).toContain("新增 1，更新 1，无变化 0，错误 1");
    expect(counts.getAttribute("data-error")).toBe("1");
    expect(q('[data-test="results-import-step-preview"]')?.textContent).toContain("收缩压(mmHg) → 收缩压");
    expect(q('[data-test="import-ignored"]')?.textContent).toContain("体检编号");

    const rows = [...document.querySelectorAll('[data-test="import-row"]')];
    expect(rows.map((r) => r.getAttribute("data-outcome"))).toEqual(["new", "update", "error"]);
    const errors = [...rows[2]!.querySelectorAll('[data-test="import-row-error"]')];
    expect(errors.map((e) => e.getAttribute("data-column"))).toEqual(["收缩压(mmHg)", ""]);
    expect(errors[0]!.textContent?.trim()).toBe("收缩压(mmHg)：收缩压应在 60–280 mmHg 之间");
    expect(errors[1]!.textContent?.trim()).toBe("没有找到这位居民");
    expect(rows[1]!.textContent).toContain("变更：血糖");

    expect(checkups.importCommit).not.toHaveBeenCalled();
  });

  it("确认导入 states what is written, imports after confirmation and shows the result", async () => {
    await openPreview();
    const confirm = q('[data-test="results-import-confirm"]') as HTMLButtonElement;
    expect(confirm.disabled).toBe(false);

    // Declining writes nothing.
    await click('[data-test="results-import-confirm"]');
    expect([...document.querySelectorAll(".el-message-box")].pop()?.textContent).toContain(
      "将写入 2 行体检结果（新增 1，更正 1）；有错误的 1 行会跳过，不会导入。确定导入？",
    );
    await clickBox(false);
    expect(checkups.importCommit).not.toHaveBeenCalled();

    await click('[data-test="results-import-confirm"]');
    await clickBox(true);
    expect(checkups.importCommit).toHaveBeenCalledTimes(1);
    expect(checkups.importCommit).toHaveBeenCalledWith(PATH);
    expect(q('[data-test="results-import-result"]')?.textContent).toContain(
      "新增 1 份，更正 1 份，无变化 0 份，跳过 1 行",
    );
    // The campaigns' 已体检 may have changed.
    expect(checkups.listCampaigns).toHaveBeenCalledTimes(2);
  });

  it("disables 确认导入 when every row has errors", async () => {
    vi.mocked(checkups.importPreview).mockResolvedValue({
      ...PREVIEW,
      rows: [PREVIEW.rows[2]!],
      counts: { total: 1, new: 0, update: 0, unchanged: 0, error: 1, clearing: 0 },
    });
    await openPreview();
    expect((q('[data-test="results-import-confirm"]') as HTMLButtonElement).disabled).toBe(true);
    expect(q('[data-test="results-import-nothing"]')?.textContent).toContain("没有可以导入的行");
    await click('[data-test="results-import-confirm"]');
    expect(checkups.importCommit).not.toHaveBeenCalled();
  });

  it("shows the core's message when the file cannot be read, and stays on step 1", async () => {
    vi.mocked(checkups.importPreview).mockRejectedValue({
      code: "unreadable_file",
      message: "无法读取该文件：不是表格文件",
      field: "path",
    });
    await openPreview();
    expect(q('[data-test="results-import-error"]')?.textContent).toContain("无法读取该文件");
    expect(q('[data-test="results-import-step-choose"]')).not.toBeNull();
  });
});
