import { computed } from "vue";
import { useSessionStore } from "../stores/session";
import { LARGE_TEXT_SCALE } from "../utils/scale";

/** Pixel sizes that must follow 大字模式 (e.g. el-table column widths, which take numbers). */
export function useScale() {
  const store = useSessionStore();
  const scale = computed(() => (store.user?.largeText ? LARGE_TEXT_SCALE : 1));
  return { scale, px: (n: number) => Math.round(n * scale.value) };
}
