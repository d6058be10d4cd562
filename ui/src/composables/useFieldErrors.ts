import { nextTick, reactive } from "vue";
import { AppError } from "../api/invoke";

/**
 * Core errors shown on the form field named by `AppError.field`
 * (bound to `el-form-item :error`).
 */
export function useFieldErrors<K extends string>(fields: readonly K[]) {
  const errors = reactive<Record<string, string>>(Object.fromEntries(fields.map((f) => [f, ""]))) as Record<K, string>;

  function clear() {
    for (const f of fields) errors[f] = "";
  }

  function clearField(f: K) {
    errors[f] = "";
  }

  /** Shows the error on its field; returns false when it names none of this form's fields. */
  async function apply(e: unknown): Promise<boolean> {
    const err = AppError.from(e);
    const key = err.fieldKey as K | null;
    if (!key || !fields.includes(key)) return false;
    // Reset first so the same message shown twice is still re-rendered by el-form-item.
    errors[key] = "";
    await nextTick();
    errors[key] = err.message;
    return true;
  }

  return { errors, clear, clearField, apply };
}
