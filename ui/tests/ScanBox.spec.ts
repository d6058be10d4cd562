import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";
import { defineComponent, h, ref } from "vue";
import ScanBox, { type AfterScan } from "../src/components/ScanBox.vue";

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

function mountBox(handle: (text: string) => Promise<AfterScan>, props: Record<string, unknown> = {}) {
  const wrapper = mount(ScanBox, {
    attachTo: document.body,
    props: { placeholder: "扫码或输入姓名", handle, ...props },
    attrs: { "data-test": "scan-input" },
  });
  const input = wrapper.get<HTMLInputElement>('[data-test="scan-input"]');
  return { wrapper, input };
}

const press = (input: { trigger: (e: string, o?: object) => Promise<void> }, key: string) =>
  input.trigger("keydown", { key });

describe("ScanBox", () => {
  it("puts data-test on the input, takes the focus on mount and gets it back after a click elsewhere", async () => {
    const { input } = mountBox(async () => "clear");
    await flushPromises();
    expect(input.element.tagName).toBe("INPUT");
    expect(document.activeElement).toBe(input.element);
    input.element.blur();
    const outside = document.createElement("div");
    document.body.appendChild(outside);
    outside.click();
    await flushPromises();
    expect(document.activeElement).toBe(input.element);
  });

  it("leaves the focus where the user clicked in another field or an own-focus element", async () => {
    const { input } = mountBox(async () => "clear", { ownFocus: "[data-own-focus]" });
    await flushPromises();
    const own = document.createElement("div");
    own.setAttribute("data-own-focus", "");
    document.body.appendChild(own);
    input.element.blur();
    own.click();
    await flushPromises();
    expect(document.activeElement).not.toBe(input.element);
  });

  it("submits the trimmed text on Enter and clears it after the action", async () => {
    const handle = vi.fn(async () => "clear" as const);
    const { input } = mountBox(handle);
    await input.setValue("  T-0042 ");
    await press(input, "Enter");
    await flushPromises();
    expect(handle).toHaveBeenCalledWith("T-0042");
    expect(input.element.value).toBe("");
  });

  it("keeps a code scanned while the core was answering, and runs it right after", async () => {
    const first = deferred<AfterScan>();
    const handle = vi.fn((text: string) => (text === "王秀英" ? first.promise : Promise.resolve<AfterScan>("clear")));
    const { input } = mountBox(handle);
    await input.setValue("王秀英");
    await press(input, "Enter");
    // The next scan lands while the first request runs.
    await input.setValue("T-0042");
    await press(input, "Enter");
    expect(handle).toHaveBeenCalledTimes(1);
    first.resolve("clear");
    await flushPromises();
    expect(handle).toHaveBeenNthCalledWith(2, "T-0042");
    expect(input.element.value).toBe("");
  });

  it("selects a name still shown, so the next scan replaces it", async () => {
    const { input } = mountBox(async () => "select");
    await input.setValue("wxy");
    await press(input, "Enter");
    await flushPromises();
    expect(input.element.value).toBe("wxy");
    expect(input.element.selectionStart).toBe(0);
    expect(input.element.selectionEnd).toBe(3);
  });

  it("empties on Esc and tells the page; other keys go to the page", async () => {
    const { wrapper, input } = mountBox(async () => "clear");
    await input.setValue("王");
    await press(input, "Escape");
    expect(input.element.value).toBe("");
    expect(wrapper.emitted("escape")).toHaveLength(1);
    await press(input, "ArrowDown");
    expect(wrapper.emitted("key")?.[0]?.[0]).toBeInstanceOf(KeyboardEvent);
  });

  it("ignores Enter that ends an input-method composition", async () => {
    const handle = vi.fn(async () => "clear" as const);
    const { input } = mountBox(handle);
    await input.setValue("wang");
    await input.trigger("keydown", { key: "Enter", isComposing: true });
    expect(handle).not.toHaveBeenCalled();
  });

  it("does not take the focus while paused", async () => {
    const paused = ref(true);
    const Host = defineComponent({
      setup: () => () =>
        h(ScanBox, {
          placeholder: "p",
          handle: async (): Promise<AfterScan> => "clear",
          paused: paused.value,
          "data-test": "scan-input",
        }),
    });
    mount(Host, { attachTo: document.body });
    await flushPromises();
    expect(document.activeElement).not.toBe(document.querySelector('[data-test="scan-input"]'));
  });
});
