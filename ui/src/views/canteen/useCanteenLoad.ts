import { onMounted, watch, type WatchSource } from "vue";
import { useCanteenStore } from "./canteenStore";

/**
 * Every 社区食堂 page shows something of the selected canteen. It loads once the canteens are known
 * (the selection is restored from localStorage, or defaults to the first active canteen), and again
 * whenever another canteen is picked in the frame or one of the page's own `filters` changes.
 */
export function useCanteenLoad(load: () => unknown, filters: WatchSource[] = []) {
  const canteens = useCanteenStore();
  onMounted(async () => {
    await canteens.ensureLoaded();
    void load();
  });
  watch([...filters, () => canteens.canteenId], () => void load());
}
