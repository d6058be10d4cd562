import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { defineComponent, h, nextTick, ref } from "vue";
import { useCompactColumns } from "../src/composables/useCompactColumns";
import { useSessionStore } from "../src/stores/session";
import { signedInPinia } from "./helpers";

/** A list whose full column set needs 1000 px at scale 1 (1250 px in 大字模式). */
const FULL = [300, 300, 240, 160];

function mountList(opts: { largeText?: boolean } = {}) {
  const pinia = signedInPinia();
  useSessionStore().session!.user.largeText = opts.largeText ?? false;
  let state: ReturnType<typeof useCompactColumns> | null = null;
  const List = defineComponent({
    setup() {
      const card = ref<HTMLElement>();
      state = useCompactColumns(card, FULL);
      return () => h("section", { ref: card, class: "cd-card" });
    },
  });
  // happy-dom lays nothing out (clientWidth 0), so the width comes from the window until a test sets one.
  const wrapper = mount(List, { attachTo: document.body, global: { plugins: [pinia] } });
  return { wrapper, state: state! };
}

function resizeWindow(width: number) {
  window.innerWidth = width;
  window.dispatchEvent(new Event("resize"));
}

describe("useCompactColumns", () => {
  afterEach(() => {
    window.innerWidth = 1024;
  });

  it("is compact in 大字模式 on a 1366-wide window, where the scaled full set does not fit", async () => {
    window.innerWidth = 1366;
    const { state } = mountList({ largeText: true });
    await nextTick();
    // 1366 − side menu, page and card padding (360 in 大字模式) − a scrollbar (17).
    expect(state.available.value).toBe(989);
    expect(state.needed.value).toBe(1250);
    expect(state.compact.value).toBe(true);
  });

  it("shows the full set at normal size where it fits, and follows the window", async () => {
    window.innerWidth = 1366;
    const { state } = mountList();
    await nextTick();
    expect(state.available.value).toBe(1061);
    expect(state.compact.value).toBe(false);

    resizeWindow(1200);
    await nextTick();
    expect(state.compact.value).toBe(true);
    resizeWindow(1920);
    await nextTick();
    expect(state.compact.value).toBe(false);
  });

  it("shows the full set in 大字模式 on a wide window", async () => {
    window.innerWidth = 1920;
    const { state } = mountList({ largeText: true });
    await nextTick();
    expect(state.compact.value).toBe(false);
  });

  it("goes by the card's own width once it is laid out (e.g. the side menu folded)", async () => {
    window.innerWidth = 1366;
    const { wrapper, state } = mountList({ largeText: true });
    await nextTick();
    expect(state.compact.value).toBe(true);
    Object.defineProperty(wrapper.element, "clientWidth", { configurable: true, value: 1300 });
    resizeWindow(1366);
    await nextTick();
    // The card's padding is not set in this test, so its content is its whole width.
    expect(state.available.value).toBe(1300);
    expect(state.compact.value).toBe(false);
  });

  it("turns compact when 大字模式 is switched on", async () => {
    window.innerWidth = 1366;
    const { state } = mountList();
    await nextTick();
    expect(state.compact.value).toBe(false);
    useSessionStore().session!.user.largeText = true;
    await nextTick();
    expect(state.compact.value).toBe(true);
  });
});
