import { defineStore } from "pinia";
import { computed, ref } from "vue";
import { listCanteens } from "../../api/canteen";
import type { CanteenInfo } from "../../bindings/CanteenInfo";
import { errorMessage } from "../../utils/errors";

/** The canteen chosen at the top of the module, remembered on this PC. */
export const CANTEEN_KEY = "caredesk.canteenId";

/**
 * The canteens and the one the 社区食堂 pages work on. Every page asks `ensureLoaded()` on mount, so a
 * page works on its own (tests) as well as under the module's layout.
 */
export const useCanteenStore = defineStore("canteen", () => {
  const canteens = ref<CanteenInfo[]>([]);
  const selectedId = ref<number | null>(readRemembered());
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref("");
  let pending: Promise<void> | null = null;

  /** The selected canteen; else the first active one; else the first. */
  const canteen = computed<CanteenInfo | null>(() => {
    const list = canteens.value;
    return list.find((c) => c.id === selectedId.value) ?? list.find((c) => c.active) ?? list[0] ?? null;
  });
  const canteenId = computed(() => canteen.value?.id ?? null);
  /** Open slots of the selected canteen, in order (breakfast, lunch, dinner). */
  const openSlots = computed(() => canteen.value?.slots.filter((s) => s.active) ?? []);

  function readRemembered(): number | null {
    const v = Number(localStorage.getItem(CANTEEN_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  }

  async function load(): Promise<void> {
    loading.value = true;
    error.value = "";
    try {
      canteens.value = await listCanteens();
      loaded.value = true;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }

  /** Loads once; later calls wait for the same request. */
  function ensureLoaded(): Promise<void> {
    if (loaded.value) return Promise.resolve();
    pending ??= load().finally(() => {
      pending = null;
    });
    return pending;
  }

  function select(id: number) {
    selectedId.value = id;
    localStorage.setItem(CANTEEN_KEY, String(id));
  }

  /** A canteen was created or saved: show it, and select a new one. */
  function upsert(c: CanteenInfo, selectIt = false) {
    const i = canteens.value.findIndex((x) => x.id === c.id);
    if (i >= 0) canteens.value.splice(i, 1, c);
    else canteens.value.push(c);
    loaded.value = true;
    if (selectIt) select(c.id);
  }

  return {
    canteens,
    selectedId,
    loaded,
    loading,
    error,
    canteen,
    canteenId,
    openSlots,
    load,
    ensureLoaded,
    select,
    upsert,
  };
});
