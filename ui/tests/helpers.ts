import { flushPromises, mount, type ComponentMountingOptions } from "@vue/test-utils";
import ElementPlus from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn";
import { createPinia, setActivePinia, type Pinia } from "pinia";
import { defineComponent, h, type Component } from "vue";
import { createMemoryHistory, createRouter, type Router } from "vue-router";
import { AppError } from "../src/api/invoke";
import type { Permissions } from "../src/bindings/Permissions";
import { useSessionStore } from "../src/stores/session";

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
      { path: "/residents", name: "residents", component: Blank },
      { path: "/residents/import", name: "residents-import", component: Blank },
      { path: "/residents/:id(\\d+)", name: "resident-detail", component: Blank },
    ],
  });
}

export async function mountPage<C extends Component>(
  component: C,
  opts: {
    path?: string;
    pinia?: Pinia;
    options?: ComponentMountingOptions<C>;
    stubs?: Record<string, boolean | Component>;
  } = {},
) {
  const pinia = opts.pinia ?? createPinia();
  setActivePinia(pinia);
  const router = testRouter();
  await router.push(opts.path ?? "/");
  await router.isReady();
  const wrapper = mount(component, {
    attachTo: document.body,
    ...(opts.options ?? {}),
    global: { plugins: [pinia, router, [ElementPlus, { locale: zhCn }]], stubs: opts.stubs ?? {} },
  } as ComponentMountingOptions<C>);
  await flushPromises();
  return { wrapper, router, pinia };
}

/** A pinia whose session store is signed in with the given permissions (all true by default). */
export function signedInPinia(permissions: Partial<Permissions> = {}): Pinia {
  const pinia = createPinia();
  setActivePinia(pinia);
  const store = useSessionStore();
  store.status = {
    initialized: true,
    officeName: "中阳楼街道办事处",
    todayText: "2026年11月28日 星期六",
    today: "2026-11-28",
    version: "test",
    session: null,
  };
  store.session = {
    user: {
      id: 1,
      username: "clerk",
      displayName: "李文员",
      role: "admin",
      roleLabel: "管理员",
      disabled: false,
      largeText: false,
      lockedUntil: null,
      lastLoginAt: null,
    },
    locked: false,
    idleLockMinutes: 15,
    permissions: {
      manageSystem: true,
      viewAudit: true,
      editResidents: true,
      revealPersonal: true,
      bookMeals: true,
      viewLedger: true,
      manageCanteen: true,
      editSubsidyRules: true,
      organizeCheckups: true,
      seeHealthValues: true,
      editThresholds: true,
      manageChildcare: true,
      viewVolunteers: true,
      manageVolunteers: true,
      ...permissions,
    },
  };
  return pinia;
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
