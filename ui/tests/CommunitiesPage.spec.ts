import { beforeEach, describe, expect, it, vi } from "vitest";
import * as communities from "../src/api/communities";
import type { CommunityNode } from "../src/bindings/CommunityNode";
import CommunitiesPage from "../src/views/settings/CommunitiesPage.vue";
import { appError, mountPage, pressEnter, q, settle, typeInto } from "./helpers";

vi.mock("../src/api/communities");

function node(
  id: number,
  parentId: number | null,
  kind: CommunityNode["kind"],
  name: string,
  children: CommunityNode[] = [],
  active = true,
): CommunityNode {
  const kindLabel = { community: "社区", grid: "网格", compound: "小区" }[kind];
  return { id, parentId, kind, kindLabel, name, active, children };
}

const TREE: CommunityNode[] = [
  node(1, null, "community", "双桥社区", [
    node(2, 1, "grid", "第一网格", [node(3, 2, "compound", "欣园小区")]),
    node(4, 1, "compound", "滨河小区"),
  ]),
  node(5, null, "community", "方泰东社区"),
];
const TREE_WITH_INACTIVE: CommunityNode[] = [...TREE, node(6, null, "community", "祥和社区", [], false)];

const treeNode = (name: string) => q(`[data-test="tree-node"][data-name="${name}"]`);

describe("CommunitiesPage", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(communities.communitiesTree).mockImplementation(async (includeInactive) =>
      includeInactive ? TREE_WITH_INACTIVE : TREE,
    );
  });

  it("renders the tree from the core with kind tags and per-node actions", async () => {
    await mountPage(CommunitiesPage);
    expect(communities.communitiesTree).toHaveBeenCalledWith(false);

    const names = [...document.querySelectorAll('[data-test="tree-node"]')].map((el) => el.getAttribute("data-name"));
    expect(names).toEqual(["双桥社区", "第一网格", "欣园小区", "滨河小区", "方泰东社区"]);
    expect(treeNode("第一网格")?.textContent).toContain("网格");
    expect(treeNode("欣园小区")?.textContent).toContain("小区");
    // Children can be added under communities and grids, not under compounds.
    expect(treeNode("双桥社区")?.querySelector('[data-test="community-add-child"]')).not.toBeNull();
    expect(treeNode("第一网格")?.querySelector('[data-test="community-add-child"]')).not.toBeNull();
    expect(treeNode("欣园小区")?.querySelector('[data-test="community-add-child"]')).toBeNull();
  });

  it("shows deactivated nodes greyed, with a tag, when asked", async () => {
    await mountPage(CommunitiesPage);
    expect(treeNode("祥和社区")).toBeNull();

    q('[data-test="community-show-inactive"]')!.click();
    await settle(0);
    expect(communities.communitiesTree).toHaveBeenLastCalledWith(true);
    const inactive = treeNode("祥和社区");
    expect(inactive?.classList.contains("is-inactive")).toBe(true);
    expect(inactive?.querySelector('[data-test="tree-node-inactive"]')?.textContent).toContain("已停用");
    expect(inactive?.querySelector('[data-test="community-toggle-active"]')?.textContent).toContain("启用");
  });

  it("shows the empty state", async () => {
    vi.mocked(communities.communitiesTree).mockResolvedValue([]);
    await mountPage(CommunitiesPage);
    expect(q('[data-test="community-empty"]')?.textContent).toContain("还没有社区");
  });

  it("shows the core's message when loading fails", async () => {
    vi.mocked(communities.communitiesTree).mockRejectedValue(appError("db_unavailable", "数据库暂时无法访问"));
    await mountPage(CommunitiesPage);
    expect(q('[data-test="load-error"]')?.textContent).toContain("数据库暂时无法访问");
  });

  it("adds a grid under a community (default kind), saving on Enter", async () => {
    vi.mocked(communities.addCommunity).mockResolvedValue(node(7, 1, "grid", "第二网格"));
    await mountPage(CommunitiesPage);

    (treeNode("双桥社区")!.querySelector('[data-test="community-add-child"]') as HTMLElement).click();
    await settle(0);
    expect(q('[data-test="community-parent"]')?.textContent).toContain("双桥社区");
    expect(q('[data-test="community-kind"]')?.textContent).toContain("网格");

    await typeInto(q('[data-test="community-name"]'), " 第二网格 ");
    pressEnter(q('[data-test="community-name"]'));
    await settle(0);

    expect(communities.addCommunity).toHaveBeenCalledWith({ parentId: 1, kind: "grid", name: "第二网格" });
    expect(communities.communitiesTree).toHaveBeenCalledTimes(2);
  });

  it("adds a root community and shows the core's field error in the dialog", async () => {
    vi.mocked(communities.addCommunity).mockRejectedValue(appError("duplicate_name", "已有同名社区：双桥社区", "name"));
    await mountPage(CommunitiesPage);

    q('[data-test="community-add-root"]')!.click();
    await settle(0);
    expect(q('[data-test="community-kind"]')).toBeNull();
    await typeInto(q('[data-test="community-name"]'), "双桥社区");
    q('[data-test="community-save"]')!.click();
    await settle();

    expect(communities.addCommunity).toHaveBeenCalledWith({ parentId: null, kind: "community", name: "双桥社区" });
    const item = q('[data-test="community-name"]')!.closest(".el-form-item");
    expect(item?.querySelector(".el-form-item__error")?.textContent).toContain("已有同名社区：双桥社区");
  });

  it("asks before deactivating, naming the object", async () => {
    vi.mocked(communities.setCommunityActive).mockResolvedValue(node(1, null, "community", "双桥社区", [], false));
    await mountPage(CommunitiesPage);

    (treeNode("双桥社区")!.querySelector('[data-test="community-toggle-active"]') as HTMLElement).click();
    await settle();
    const box = q(".el-message-box");
    expect(box?.textContent).toContain("确定停用 双桥社区？停用后不能再选择，历史记录保留。");
    (
      box!.querySelector(
        ".el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary",
      ) as HTMLElement
    ).click();
    await settle();
    expect(communities.setCommunityActive).toHaveBeenCalledWith(1, false);
  });
});
