import { beforeEach, describe, expect, it, vi } from "vitest";
import * as communities from "../src/api/communities";
import * as residents from "../src/api/residents";
import ResidentFormDrawer from "../src/views/residents/ResidentFormDrawer.vue";
import ResidentsPage from "../src/views/residents/ResidentsPage.vue";
import { LARGE_1366_TABLE, columnWidths, headers, largeTextAt1366, sum, wideWindow } from "./columnsFit";
import { appError, mountPage, pressEnter, q, settle, signedInPinia, typeInto } from "./helpers";
import { detail, page, row } from "./residentFixtures";

vi.mock("../src/api/residents");
vi.mock("../src/api/communities");
vi.mock("../src/api/files");

// The filter widgets are not under test here and Element Plus selects are slow to mount in happy-dom.
const stubs = { ElSelect: true, ElCascader: true, ElInputNumber: true, ElPagination: true, DateInput: true };
const withDrawer = { ...stubs, ResidentFormDrawer: true };
const lastQuery = () => vi.mocked(residents.searchResidents).mock.lastCall![0];

describe("ResidentsPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(communities.communitiesTree).mockResolvedValue([]);
    vi.mocked(residents.listCategoryTypes).mockResolvedValue([{ id: 1, name: "低保", builtin: true, active: true }]);
    vi.mocked(residents.searchResidents).mockResolvedValue(
      page([row(1, "王秀英"), row(2, "李建国", { status: "deceased", statusLabel: "去世", categories: [] })]),
    );
  });

  it("lists the residents of the first page, 在册 only, with rows the e2e can find", async () => {
    await mountPage(ResidentsPage, { pinia: signedInPinia(), path: "/residents", stubs });
    await settle(0);
    expect(lastQuery()).toMatchObject({ text: null, status: "active", sort: "name", page: 1, pageSize: 20 });

    const rows = [...document.querySelectorAll('[data-test="resident-row"]')];
    expect(rows.map((r) => r.getAttribute("data-name"))).toEqual(["王秀英", "李建国"]);
    expect(rows[0]!.textContent).toContain("140525********1234");
    expect(rows[0]!.textContent).toContain("双桥社区 / 第一网格");
    expect(rows[0]!.textContent).toContain("独居老人");
    expect(rows[1]!.querySelector('[data-test="resident-status"]')?.textContent).toContain("去世");
    expect(q('[data-test="resident-on-date"]')?.textContent).toContain("2026年11月28日");
  });

  it("searches as you type (debounced) and at once on Enter", async () => {
    await mountPage(ResidentsPage, { pinia: signedInPinia(), path: "/residents", stubs });
    const calls = vi.mocked(residents.searchResidents).mock.calls.length;

    const input = q('[data-test="resident-search"]');
    await typeInto(input, "w");
    await typeInto(input, "wxy");
    expect(residents.searchResidents).toHaveBeenCalledTimes(calls);
    await settle(300);
    expect(residents.searchResidents).toHaveBeenCalledTimes(calls + 1);
    expect(lastQuery()).toMatchObject({ text: "wxy", page: 1 });

    await typeInto(input, "1234");
    pressEnter(input);
    await settle(0);
    expect(residents.searchResidents).toHaveBeenCalledTimes(calls + 2);
    expect(lastQuery().text).toBe("1234");
    // The pending debounced search was cancelled by Enter.
    await settle(300);
    expect(residents.searchResidents).toHaveBeenCalledTimes(calls + 2);
  });

  it("shows the empty state telling what to do", async () => {
    vi.mocked(residents.searchResidents).mockResolvedValue(page([]));
    await mountPage(ResidentsPage, { pinia: signedInPinia(), path: "/residents", stubs });
    await settle(0);
    expect(q('[data-test="resident-empty"]')?.textContent).toContain("还没有居民，点击“新增居民”或“导入 Excel”");
  });

  it("shows the core's message when the search fails", async () => {
    vi.mocked(residents.searchResidents).mockRejectedValue(appError("db_unavailable", "数据库暂时无法访问"));
    await mountPage(ResidentsPage, { pinia: signedInPinia(), path: "/residents", stubs });
    await settle(0);
    expect(q('[data-test="load-error"]')?.textContent).toContain("数据库暂时无法访问");
  });

  it("offers 新增 and 导入 only to roles that may edit residents; 导出 to all", async () => {
    await mountPage(ResidentsPage, { pinia: signedInPinia({ editResidents: false }), path: "/residents", stubs });
    expect(q('[data-test="resident-add"]')).toBeNull();
    expect(q('[data-test="resident-import"]')).toBeNull();
    expect(q('[data-test="resident-export"]')).not.toBeNull();
    expect(q('[data-test="resident-edit"]')).toBeNull();
  });

  it("shows every column on a wide window", async () => {
    wideWindow();
    await mountPage(ResidentsPage, { pinia: signedInPinia(), path: "/residents", stubs });
    await settle(0);
    expect(headers("resident-table")).toEqual([
      "姓名",
      "性别",
      "年龄",
      "身份证号",
      "电话",
      "社区/网格",
      "住址",
      "类别",
      "状态",
      "操作",
    ]);
    expect(q('[data-test="resident-row"]')?.textContent).toContain("振兴街12号");
  });

  it("in 大字模式 at 1366 fits 状态 and the actions without scrolling sideways", async () => {
    await mountPage(ResidentsPage, { pinia: largeTextAt1366(signedInPinia()), path: "/residents", stubs });
    await settle(0);
    expect(headers("resident-table")).toEqual(["姓名", "身份证号 / 电话", "社区/网格", "类别", "状态", "操作"]);
    expect(sum(columnWidths("resident-table"))).toBeLessThanOrEqual(LARGE_1366_TABLE);
    const first = q('[data-test="resident-row"]')!;
    // Merged, not lost: sex and age under the name, the phone under the ID number.
    expect(first.textContent).toContain("女 · 78 岁");
    expect(first.textContent).toContain("140525********1234");
    expect(first.textContent).toContain("138****5678");
    expect(first.textContent).toContain("双桥社区 / 第一网格");
    expect(first.querySelector('[data-test="resident-status"]')?.textContent).toContain("在册");
    expect(first.querySelector('[data-test="resident-edit"]')).not.toBeNull();
  });

  it("switches between the column sets, in order, as the window narrows and widens", async () => {
    wideWindow();
    await mountPage(ResidentsPage, { pinia: signedInPinia(), path: "/residents", stubs });
    await settle(0);
    const full = headers("resident-table");
    window.innerWidth = 1100;
    window.dispatchEvent(new Event("resize"));
    await settle(0);
    expect(headers("resident-table")).toEqual(["姓名", "身份证号 / 电话", "社区/网格", "类别", "状态", "操作"]);
    wideWindow();
    window.dispatchEvent(new Event("resize"));
    await settle(0);
    expect(headers("resident-table")).toEqual(full);
  });

  it("after adding someone the page does not show, finds them by name with the filters cleared", async () => {
    const { wrapper } = await mountPage(ResidentsPage, {
      pinia: signedInPinia(),
      path: "/residents",
      stubs: withDrawer,
    });
    await typeInto(q('[data-test="resident-search"]'), "王");
    pressEnter(q('[data-test="resident-search"]'));
    await settle(0);
    const calls = vi.mocked(residents.searchResidents).mock.calls.length;

    // 赵新民 sorts onto a later page: the reload with the filters does not bring them.
    wrapper.findComponent(ResidentFormDrawer).vm.$emit("saved", detail({ id: 9, name: "赵新民" }));
    await settle(0);
    expect(vi.mocked(residents.searchResidents).mock.calls[calls]![0]).toMatchObject({ text: "王" });
    expect(lastQuery()).toMatchObject({ text: "赵新民", communityId: null, status: "active", page: 1 });
    expect((q('[data-test="resident-search"]') as HTMLInputElement).value).toBe("赵新民");
  });

  it("after an edit keeps the filters when the person is still on the page, and brings their row into view", async () => {
    const scrolled: string[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this.getAttribute("data-name") ?? "");
    };
    try {
      const { wrapper } = await mountPage(ResidentsPage, {
        pinia: signedInPinia(),
        path: "/residents",
        stubs: withDrawer,
      });
      await settle(0);
      const calls = vi.mocked(residents.searchResidents).mock.calls.length;
      wrapper.findComponent(ResidentFormDrawer).vm.$emit("saved", detail({ id: 2, name: "李建国" }));
      await settle(0);
      expect(residents.searchResidents).toHaveBeenCalledTimes(calls + 1);
      expect(lastQuery()).toMatchObject({ text: null, page: 1 });
      expect(scrolled).toEqual(["李建国"]);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });
});
