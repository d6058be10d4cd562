import { computed, ref, watch } from "vue";
import { errorMessage } from "../utils/errors";
import { confirmDiscard } from "../utils/notify";
import { useFieldErrors } from "./useFieldErrors";
import { useUnsavedGuard } from "./useUnsavedGuard";

export type FormDialogOptions<K extends string> = {
  /** What counts as the user's edits (usually the form model); compared as JSON. Without it the
   * form never counts as dirty (a one-choice dialog that is simply closed). */
  snapshot?: () => unknown;
  /** Whether the form is showing: a closed dialog has nothing unsaved. Always, for a page's form. */
  isOpen?: () => boolean;
  /** While true the dialog refuses to close; by default, while `submit` is writing. */
  isBusy?: () => boolean;
  /** The form's fields on which the core's `field` errors are shown. */
  fields?: readonly K[];
  /** Also ask before unsaved edits are lost by navigating away or logging out. */
  guardLeave?: boolean;
  /** The form model whose `fields`, once edited, no longer show their (now stale) error. */
  clearOnEdit?: { [F in K]: unknown };
};

/**
 * The skeleton every form dialog, drawer and form page shares, so they all behave alike:
 * - dirty: the form differs from what it was when opened (or last saved);
 * - closing (×, Esc, 取消) with unsaved edits asks "放弃未保存的修改？" first, and is refused while saving;
 * - the core's error lands on the field it names, or else in `generalError` above the form
 *   (shown with the shared `.form-error` style).
 */
export function useFormDialog<K extends string = never>(options: FormDialogOptions<K>) {
  /** True while `submit` is writing (保存 shows its spinner). */
  const saving = ref(false);
  const isOpen = options.isOpen ?? (() => true);
  const isBusy = options.isBusy ?? (() => saving.value);
  const fieldErrors = useFieldErrors<K>(options.fields ?? []);
  const generalError = ref("");
  const edited = options.clearOnEdit;
  if (edited) {
    for (const f of options.fields ?? []) {
      watch(
        () => edited[f],
        () => fieldErrors.clearField(f),
      );
    }
  }

  const snapshot = options.snapshot ?? (() => null);
  const current = () => JSON.stringify(snapshot());
  let saved = current();
  const dirty = computed(() => isOpen() && current() !== saved);
  if (options.guardLeave) useUnsavedGuard(dirty);

  /** The form as it is now is what "unchanged" means (just opened, filled, or saved). */
  function markSaved() {
    saved = current();
  }

  /** Clears every error shown, on the fields and above the form. */
  function clearErrors() {
    generalError.value = "";
    fieldErrors.clear();
  }

  /** Call once the form has been filled for a fresh start: nothing unsaved, no errors. */
  function opened() {
    markSaved();
    clearErrors();
  }

  /** For `:before-close` of el-dialog / el-drawer: `done` closes it. */
  async function beforeClose(done: () => void) {
    if (isBusy()) return;
    if (!dirty.value || (await confirmDiscard())) done();
  }

  /** The 取消 button: closes through the same question as ×. */
  function requestClose(close: () => void) {
    void beforeClose(close);
  }

  /** A failed save: on its field when the core names one of this form's, else above the form. */
  async function showSaveError(e: unknown) {
    if (!(await fieldErrors.apply(e))) generalError.value = errorMessage(e);
  }

  /**
   * Saves: `write` sends the form to the core (and closes, says so, tells the parent). Once it has
   * succeeded the form counts as saved; if it fails, the error is shown on its field or above the
   * form. Refused while a save is running. Resolves whether it was saved.
   */
  async function submit(write: () => Promise<unknown>): Promise<boolean> {
    if (saving.value) return false;
    saving.value = true;
    try {
      await write();
      markSaved();
      return true;
    } catch (e) {
      await showSaveError(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return {
    dirty,
    saving,
    submit,
    markSaved,
    opened,
    clearErrors,
    beforeClose,
    requestClose,
    showSaveError,
    generalError,
    ...fieldErrors,
  };
}
