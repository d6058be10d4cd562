import { flushPromises, mount, type ComponentMountingOptions } from "@vue/test-utils";
import ElementPlus from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn";
import { createPinia, setActivePinia, type Pinia } from "pinia";
import { defineComponent, h, type Component } from "vue";
import { createMemoryHistory, createRouter, type Router } from "vue-router";
import { AppError } from "../src/api/invoke";

const Blank = defineComponent({ render: () => h("div") });

/** A router with the route names the pages navigate to, and blank targets. */
export function testRouter(): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/", name: "home", component: Blank },
      { path: "/login", name: "login", component: Blank },
      { path: "/setup", name: "setup", component: Blank },
      { path: "/settings/communities", name: "settings-communities", component: Blank },
    ],
  });
}

export async function mountPage<C extends Component>(
  component: C,
  opts: { path?: string; pinia?: Pinia; options?: ComponentMountingOptions<C> } = {},
) {
  const pinia = opts.pinia ?? createPinia();
  setActivePinia(pinia);
  const router = testRouter();
  await router.push(opts.path ?? "/");
  await router.isReady();
  const wrapper = mount(component, {
    attachTo: document.body,
    ...(opts.options ?? {}),
    global: { plugins: [pinia, router, [ElementPlus, { locale: zhCn }]] },
  } as ComponentMountingOptions<C>);
  await flushPromises();
  return { wrapper, router, pinia };
}

export function appError(code: string, message: string, field: string | null = null): AppError {
  return new AppError({ code, message, field, row: null });
}

/** Lets Element Plus's debounced form-item error (100 ms) and pending promises settle. */
export async function settle(ms = 150) {
  await flushPromises();
  await new Promise((r) => setTimeout(r, ms));
  await flushPromises();
}

/** Types into an input the way a user does (value + input event). */
export async function typeInto(el: Element | null, value: string) {
  if (!(el instanceof HTMLInputElement)) throw new Error("no input element");
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  await flushPromises();
}

export function pressEnter(el: Element | null) {
  if (!el) throw new Error("no element");
  el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
}

export function q(selector: string): HTMLElement | null {
  return document.body.querySelector<HTMLElement>(selector);
}
