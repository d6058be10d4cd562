import { flushPromises } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as files from "../src/api/files";
import type { ImportPreview } from "../src/bindings/ImportPreview";
import type { ImportResult } from "../src/bindings/ImportResult";
import { useImportWizard } from "../src/composables/useImportWizard";
import { appError, settle } from "./helpers";

vi.mock("../src/api/files");

const preview = (n: { new: number; update: number; error: number }): ImportPreview => ({
  fileName: "结果.xlsx",
  headerRow: 1,
  columns: [],
  ignoredHeaders: [],
  rows: [],
  counts: { total: n.new + n.update + n.error, unchanged: 0, clearing: 0, ...n },
});
const RESULT: ImportResult = { created: 2, updated: 1, unchanged: 0, skipped: 1 } as ImportResult;

/** The newest confirmation box's OK or Cancel. */
async function answer(ok: boolean) {
  const boxes = [...document.querySelectorAll(".el-message-box")];
  const box = boxes[boxes.length - 1]!;
  const sel = ok
    ? ".el-message-box__btns .el-button--primary"
    : ".el-message-box__btns .el-button:not(.el-button--primary)";
  (box.querySelector(sel) as HTMLElement).click();
  await settle(50);
}

function wizardWith(p: ImportPreview | Error) {
  const previewFn = vi.fn(async () => {
    if (p instanceof Error) throw p;
    return p;
  });
  const commit = vi.fn(async () => RESULT);
  const onImported = vi.fn();
  const wizard = useImportWizard({
    texts: "checkups.resultsImport",
    preview: previewFn,
    commit,
    confirmMessage: (c, n) => `将写入 ${n} 行（错误 ${c.error}）`,
    onImported,
  });
  return { wizard, previewFn, commit, onImported };
}

describe("useImportWizard", () => {
  beforeEach(() => vi.resetAllMocks());

  it("a cancelled file dialog changes nothing", async () => {
    vi.mocked(files.chooseOpenFile).mockResolvedValue(null);
    const { wizard, previewFn } = wizardWith(preview({ new: 1, update: 0, error: 0 }));
    await wizard.choose();
    expect(previewFn).not.toHaveBeenCalled();
    expect(wizard.step.value).toBe(0);
  });

  it("previews the chosen file, then writes only after the confirmation naming the count", async () => {
    vi.mocked(files.chooseOpenFile).mockResolvedValue("/tmp/结果.xlsx");
    const { wizard, previewFn, commit, onImported } = wizardWith(preview({ new: 2, update: 1, error: 1 }));
    await wizard.choose();
    expect(previewFn).toHaveBeenCalledWith("/tmp/结果.xlsx");
    expect(wizard.step.value).toBe(1);
    expect(wizard.toWrite.value).toBe(3);

    const declined = wizard.confirmImport();
    await settle(50);
    expect(document.querySelector(".el-message-box")?.textContent).toContain("将写入 3 行（错误 1）");
    await answer(false);
    await declined;
    expect(commit).not.toHaveBeenCalled();

    const accepted = wizard.confirmImport();
    await settle(50);
    await answer(true);
    await accepted;
    await flushPromises();
    expect(commit).toHaveBeenCalledWith("/tmp/结果.xlsx");
    expect(wizard.step.value).toBe(2);
    expect(onImported).toHaveBeenCalledWith(RESULT);

    wizard.reset();
    expect(wizard.step.value).toBe(0);
    expect(wizard.preview.value).toBeNull();
  });

  it("does not offer to import a file with nothing to write", async () => {
    vi.mocked(files.chooseOpenFile).mockResolvedValue("/tmp/a.xlsx");
    const { wizard, commit } = wizardWith(preview({ new: 0, update: 0, error: 3 }));
    await wizard.choose();
    await wizard.confirmImport();
    expect(document.querySelector(".el-message-box")).toBeNull();
    expect(commit).not.toHaveBeenCalled();
  });

  it("shows a failed check on step 1", async () => {
    vi.mocked(files.chooseOpenFile).mockResolvedValue("/tmp/a.xlsx");
    const { wizard } = wizardWith(appError("invalid_file", "不是表格文件") as unknown as Error);
    await wizard.choose();
    expect(wizard.step.value).toBe(0);
    expect(wizard.previewError.value).toBe("不是表格文件");
  });
});
