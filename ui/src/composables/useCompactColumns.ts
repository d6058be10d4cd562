import {
  computed,
  nextTick,
  onBeforeUnmount,
  onMounted,
  ref,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
} from "vue";
import { useScale } from "./useScale";

/** What lies beside a list's card at scale 1: the side menu, the page padding and the card's own padding. */
export const BESIDE_CARD = 208 + 2 * 20 + 2 * 20;
/** A classic vertical scrollbar of the content area; it does not grow with 大字模式. */
export const SCROLLBAR = 17;

/**
 * Whether a list must show its compact column set: when its card is narrower than the full set's
 * column widths (given at scale 1, scaled as `px()` scales them). Otherwise el-table puts the last
 * columns and the 操作 column behind a horizontal scrollbar, the fixed 操作 column lying over 状态,
 * which is what 1366×768 screens got in 大字模式 (issue 12).
 *
 * `card` is the element the table fills (its content box is the table's width). Until it has been
 * laid out, and while it is hidden, the width is estimated from the window instead.
 */
export function useCompactColumns(
  card: Ref<HTMLElement | null | undefined>,
  fullWidths: MaybeRefOrGetter<readonly number[]>,
) {
  const { scale, px } = useScale();
  const measured = ref(0);
  const windowWidth = ref(window.innerWidth);

  function measure() {
    windowWidth.value = window.innerWidth;
    const el = card.value;
    // Hidden (v-show) or not laid out: keep the last real width, or the estimate.
    if (!el || el.clientWidth === 0) return;
    const style = getComputedStyle(el);
    measured.value = el.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
  }

  const available = computed(() =>
    measured.value > 0 ? measured.value : windowWidth.value - px(BESIDE_CARD) - SCROLLBAR,
  );
  const needed = computed(() => toValue(fullWidths).reduce((sum, w) => sum + px(w), 0));
  const compact = computed(() => available.value < needed.value);

  // The side menu collapsing and 大字模式 change the card's width without resizing the window.
  let observer: ResizeObserver | null = null;
  watch(
    card,
    (el) => {
      observer?.disconnect();
      observer = null;
      if (el && typeof ResizeObserver !== "undefined") {
        observer = new ResizeObserver(measure);
        observer.observe(el);
      }
      measure();
    },
    { flush: "post", immediate: true },
  );
  watch(scale, () => void nextTick(measure));
  onMounted(() => window.addEventListener("resize", measure));
  onBeforeUnmount(() => {
    window.removeEventListener("resize", measure);
    observer?.disconnect();
  });

  return { compact, available, needed };
}
