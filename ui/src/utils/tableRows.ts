import { onBeforeUnmount, watch, type Ref } from "vue";

/**
 * Puts attributes (`data-test`, `data-name`, …) on the `<tr>` rows of an el-table, which has no
 * slot for them: rows are matched to `rows` by position whenever the table body re-renders.
 */
export function useTableRowAttrs<T>(
  root: Ref<HTMLElement | undefined | null>,
  rows: Ref<T[]>,
  attrs: (row: T) => Record<string, string>,
) {
  let observer: MutationObserver | null = null;

  function apply() {
    const el = root.value;
    if (!el) return;
    const trs = el.querySelectorAll<HTMLTableRowElement>(".el-table__body-wrapper tbody > tr.el-table__row");
    trs.forEach((tr, i) => {
      const row = rows.value[i];
      if (!row) return;
      for (const [k, v] of Object.entries(attrs(row))) {
        if (tr.getAttribute(k) !== v) tr.setAttribute(k, v);
      }
    });
  }

  // The wrapper may appear later (v-if), so follow it.
  watch(
    root,
    (el) => {
      observer?.disconnect();
      observer = null;
      if (!el) return;
      apply();
      if (typeof MutationObserver !== "undefined") {
        observer = new MutationObserver(apply);
        observer.observe(el, { childList: true, subtree: true, characterData: true });
      }
    },
    { flush: "post", immediate: true },
  );
  onBeforeUnmount(() => observer?.disconnect());

  return { apply };
}
