import { describe, expect, it } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { routes, SETTINGS_TABS } from "../src/router";

describe("routes", () => {
  const router = createRouter({ history: createMemoryHistory(), routes });

  it("opens the residents pages under 居民档案 (for the breadcrumb)", () => {
    const list = router.resolve("/residents");
    expect(list.name).toBe("residents");
    const imp = router.resolve("/residents/import");
    expect(imp.name).toBe("residents-import");
    expect(imp.matched.map((r) => r.meta.title).filter(Boolean)).toEqual(["nav.residents", "residents.import.title"]);
    const detail = router.resolve("/residents/42");
    expect(detail.name).toBe("resident-detail");
    expect(detail.params.id).toBe("42");
  });

  it("has the 居民类别 settings tab for administrators", () => {
    expect(SETTINGS_TABS.map((t) => t.name)).toContain("categories");
    const r = router.resolve("/settings/categories");
    expect(r.name).toBe("settings-categories");
    expect(r.matched.some((m) => m.meta.needs === "manageSystem")).toBe(true);
  });
});
