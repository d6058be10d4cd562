import { computed, ref } from "vue";
import { chooseOpenFile } from "../api/files";
import type { ImportCounts } from "../bindings/ImportCounts";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportResult } from "../bindings/ImportResult";
import { t } from "../i18n";
import { errorMessage } from "../utils/errors";
import { confirmAction, showError } from "../utils/notify";

/** The steps of a spreadsheet import, in order (the index is `el-steps`' active step). */
export const IMPORT_STEPS = ["choose", "preview", "result"] as const;

/** Where a module keeps its wizard's words (`steps.*`, `choose`, `confirm`, `resultText`…). */
export type ImportTexts = "residents.import" | "checkups.resultsImport";

export type ImportWizardOptions = {
  texts: ImportTexts;
  /** The dry run: what the file would do, nothing written. */
  preview: (path: string) => Promise<ImportPreview>;
  /** Writes the importable rows of the file previewed. */
  commit: (path: string) => Promise<ImportResult>;
  /** The question before writing, naming what will be written. */
  confirmMessage: (counts: ImportCounts, toWrite: number) => string;
  /** After a successful commit. */
  onImported?: (result: ImportResult) => void;
};

const NO_COUNTS: ImportCounts = { total: 0, new: 0, update: 0, unchanged: 0, error: 0, clearing: 0 };

/**
 * 选择文件 → 预览 → 确认 → 导入结果, the same for every spreadsheet import (居民, 体检结果): the
 * core checks the file first (a dry run the user reads in `ImportPreviewTable`), and writes only
 * after the user confirmed how many rows it writes. A cancelled file dialog leaves everything as
 * it was; a failed check is shown on step 1, or as a message when it was a re-choice on step 2.
 */
export function useImportWizard(options: ImportWizardOptions) {
  const step = ref(0);
  const path = ref<string | null>(null);
  const preview = ref<ImportPreview | null>(null);
  const result = ref<ImportResult | null>(null);
  const previewError = ref("");
  const choosing = ref(false);
  const committing = ref(false);
  const busy = computed(() => choosing.value || committing.value);

  const counts = computed(() => preview.value?.counts ?? NO_COUNTS);
  /** Rows the commit writes: new and updated ones (unchanged rows write nothing, errors are skipped). */
  const toWrite = computed(() => counts.value.new + counts.value.update);

  /** Picks a file and runs the dry run. */
  async function choose() {
    if (busy.value) return;
    choosing.value = true;
    try {
      const picked = await chooseOpenFile("spreadsheet");
      if (!picked) return;
      previewError.value = "";
      const p = await options.preview(picked);
      path.value = picked;
      preview.value = p;
      result.value = null;
      step.value = 1;
    } catch (e) {
      previewError.value = errorMessage(e);
      if (step.value !== 0) showError(e);
    } finally {
      choosing.value = false;
    }
  }

  async function confirmImport() {
    if (busy.value || !path.value || toWrite.value === 0) return;
    const ok = await confirmAction({
      message: options.confirmMessage(counts.value, toWrite.value),
      confirmText: t(`${options.texts}.confirm`),
    });
    if (!ok || committing.value) return;
    committing.value = true;
    try {
      result.value = await options.commit(path.value);
      step.value = 2;
      options.onImported?.(result.value);
    } catch (e) {
      showError(e);
    } finally {
      committing.value = false;
    }
  }

  /** Back to step 1 with nothing chosen (the file on disk may have changed since). */
  function reset() {
    step.value = 0;
    path.value = null;
    preview.value = null;
    result.value = null;
    previewError.value = "";
  }

  return {
    texts: options.texts,
    step,
    path,
    preview,
    result,
    previewError,
    choosing,
    committing,
    busy,
    counts,
    toWrite,
    choose,
    confirmImport,
    reset,
  };
}

export type ImportWizard = ReturnType<typeof useImportWizard>;
