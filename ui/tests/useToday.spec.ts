import { createPinia, setActivePinia } from "pinia";
import { describe, expect, it } from "vitest";
import { useToday } from "../src/composables/useToday";
import { useSessionStore } from "../src/stores/session";
import { officeToday } from "../src/utils/format";

describe("useToday", () => {
  it("is the core's date once the status has arrived, and follows it", () => {
    setActivePinia(createPinia());
    const store = useSessionStore();
    const today = useToday();
    expect(today.value).toBe(officeToday());
    store.status = {
      initialized: true,
      officeName: "中阳楼街道办事处",
      todayText: "2026年11月28日 星期六",
      today: "2026-11-28",
      version: "0.1.0",
      session: null,
    };
    expect(today.value).toBe("2026-11-28");
    store.status = { ...store.status, today: "2026-11-29" };
    expect(today.value).toBe("2026-11-29");
  });
});
