import { beforeEach, describe, expect, it, vi } from "vitest";
import * as files from "../src/api/files";
import * as residents from "../src/api/residents";
import type { ImportPreview } from "../src/bindings/ImportPreview";
import ImportWizardPage from "../src/views/residents/ImportWizardPage.vue";
import { mountPage, q, settle, signedInPinia } from "./helpers";

vi.mock("../src/api/residents");
vi.mock("../src/api/files");

const PREVIEW: ImportPreview = {
  fileName: "居民.xlsx",
  headerRow: 1,
  columns: [
    { key: "name", label: "姓名", header: "姓名" },
    { key: "idNumber", label: "身份证号", header: "公民身份号码" },
  ],
  ignoredHeaders: ["籍贯"],
  rows: [
    {
      row: 2,
      outcome: "new",
      name: "王秀英",
      idNumberMasked: "140525********1234",
      changes: [],
      cleared: [],
      errors: [],
    },
    {
      row: 3,
      outcome: "update",
      name: "李建国",
      idNumberMasked: "140525********5678",
      changes: ["住址", "电话"],
      cleared: [],
      errors: [],
    },
    {
      row: 4,
      outcome: "unchanged",
      name: "张三",
      idNumberMasked: "140525********0011",
      changes: [],
      cleared: [],
      errors: [],
    },
    {
      row: 5,
      outcome: "error",
      name: "赵四",
      idNumberMasked: null,
      changes: [],
      cleared: [],
      errors: [{ column: "公民身份号码", message: "身份证号校验位不对" }],
    },
  ],
  counts: { total: 4, new: 1, update: 1, unchanged: 1, error: 1, clearing: 0 },
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

describe("ImportWizardPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(files.chooseOpenFile).mockResolvedValue("/tmp/居民.xlsx");
    vi.mocked(residents.previewImport).mockResolvedValue(PREVIEW);
    vi.mocked(residents.commitImport).mockResolvedValue({ created: 1, updated: 1, unchanged: 1, skipped: 1 });
  });

  it("previews the file: counts, column mapping and error rows, without writing anything", async () => {
    await mountPage(ImportWizardPage, { pinia: signedInPinia(), path: "/residents/import" });
    await click('[data-test="import-choose"]');

    expect(files.chooseOpenFile).toHaveBeenCalledWith("spreadsheet");
    expect(residents.previewImport).toHaveBeenCalledWith("/tmp/居民.xlsx");
    expect(q('[data-test="import-counts"]')?.textContent).toContain("新增 1，更新 1，无变化 1，错误 1");
    expect(q('[data-test="import-step-preview"]')?.textContent).toContain("公民身份号码 → 身份证号");
    expect(q('[data-test="import-ignored"]')?.textContent).toContain("籍贯");

    const rows = [...document.querySelectorAll('[data-test="import-row"]')];
    expect(rows.map((r) => r.getAttribute("data-outcome"))).toEqual(["new", "update", "unchanged", "error"]);
    expect(rows[1]!.textContent).toContain("住址、电话");
    expect(rows[3]!.querySelector('[data-test="import-row-error"]')?.textContent).toBe(
      "公民身份号码：身份证号校验位不对",
    );

    await click('[data-test="import-filter-error"] input');
    expect(
      [...document.querySelectorAll('[data-test="import-row"]')].map((r) => r.getAttribute("data-outcome")),
    ).toEqual(["error"]);

    expect(residents.commitImport).not.toHaveBeenCalled();
  });

  it("imports only after the user confirms, then shows the result", async () => {
    await mountPage(ImportWizardPage, { pinia: signedInPinia(), path: "/residents/import" });
    await click('[data-test="import-choose"]');

    // Declining the confirmation writes nothing.
    await click('[data-test="import-confirm"]');
    expect(q(".el-message-box")?.textContent).toContain("将新增 1 人、更新 1 人；有错误的 1 行不会导入。确定导入？");
    await clickBox(false);
    expect(residents.commitImport).not.toHaveBeenCalled();

    await click('[data-test="import-confirm"]');
    await clickBox(true);
    expect(residents.commitImport).toHaveBeenCalledTimes(1);
    expect(residents.commitImport).toHaveBeenCalledWith("/tmp/居民.xlsx");
    expect(q('[data-test="import-result"]')?.textContent).toContain("新增 1 人，更新 1 人，无变化 1 人，跳过 1 行");
  });

  it("names the fields an empty cell will clear, and says so before importing", async () => {
    const clearing = { ...PREVIEW.rows[1]!, changes: ["社区网格"], cleared: ["小区"] };
    vi.mocked(residents.previewImport).mockResolvedValue({
      ...PREVIEW,
      rows: [PREVIEW.rows[0]!, clearing],
      counts: { total: 2, new: 1, update: 1, unchanged: 0, error: 0, clearing: 1 },
    });
    await mountPage(ImportWizardPage, { pinia: signedInPinia(), path: "/residents/import" });
    await click('[data-test="import-choose"]');

    expect(q('[data-test="import-clearing"]')?.textContent).toContain("有 1 行的单元格为空");
    expect(q('[data-test="import-row-cleared"]')?.textContent).toContain("将清空：小区");
    await click('[data-test="import-filter-clearing"] input');
    expect([...document.querySelectorAll('[data-test="import-row"]')].map((r) => r.getAttribute("data-row"))).toEqual([
      "3",
    ]);

    await click('[data-test="import-confirm"]');
    expect(q(".el-message-box")?.textContent).toContain("更新 1 人（其中 1 人会清空已有的信息");
    await clickBox(false);
    expect(residents.commitImport).not.toHaveBeenCalled();
  });

  it("disables 确认导入 when there is nothing to import", async () => {
    vi.mocked(residents.previewImport).mockResolvedValue({
      ...PREVIEW,
      rows: [PREVIEW.rows[3]!],
      counts: { total: 1, new: 0, update: 0, unchanged: 0, error: 1, clearing: 0 },
    });
    await mountPage(ImportWizardPage, { pinia: signedInPinia(), path: "/residents/import" });
    await click('[data-test="import-choose"]');
    expect((q('[data-test="import-confirm"]') as HTMLButtonElement).disabled).toBe(true);
  });

  it("stays on step 1 when the dialog is cancelled, and shows a preview error there", async () => {
    vi.mocked(files.chooseOpenFile).mockResolvedValueOnce(null);
    await mountPage(ImportWizardPage, { pinia: signedInPinia(), path: "/residents/import" });
    await click('[data-test="import-choose"]');
    expect(residents.previewImport).not.toHaveBeenCalled();
    expect(q('[data-test="import-step-choose"]')).not.toBeNull();

    vi.mocked(residents.previewImport).mockRejectedValue(
      Object.assign(new Error("x"), { code: "unreadable_file", message: "无法读取该文件：不是表格文件" }),
    );
    await click('[data-test="import-choose"]');
    expect(q('[data-test="import-error"]')?.textContent).toContain("无法读取该文件");
  });
});
