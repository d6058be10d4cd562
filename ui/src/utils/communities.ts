import type { CommunityNode } from "../bindings/CommunityNode";

/** Lookups over the `communities_tree` result (roots = communities). */

export function gridsOf(community: CommunityNode | undefined): CommunityNode[] {
  return community?.children.filter((c) => c.kind === "grid") ?? [];
}

/** Compounds under a grid, or (no grid chosen) all compounds of the community, directly or via a grid. */
export function compoundsOf(community: CommunityNode | undefined, gridId: number | null): CommunityNode[] {
  if (!community) return [];
  if (gridId != null) {
    const grid = community.children.find((c) => c.id === gridId);
    const direct = community.children.filter((c) => c.kind === "compound");
    return [...(grid?.children.filter((c) => c.kind === "compound") ?? []), ...direct];
  }
  return community.children.flatMap((c) =>
    c.kind === "compound" ? [c] : c.children.filter((x) => x.kind === "compound"),
  );
}

export function findNode(tree: CommunityNode[], id: number | null | undefined): CommunityNode | undefined {
  if (id == null) return undefined;
  for (const n of tree) {
    if (n.id === id) return n;
    const found = findNode(n.children, id);
    if (found) return found;
  }
  return undefined;
}

export type CascaderOption = { value: number; label: string; children?: CascaderOption[] };

/** Community → grid options for a filter cascader (compounds are not a filter). */
export function communityGridOptions(tree: CommunityNode[]): CascaderOption[] {
  return tree.map((c) => {
    const grids = gridsOf(c).map((g) => ({ value: g.id, label: g.name }));
    return grids.length ? { value: c.id, label: c.name, children: grids } : { value: c.id, label: c.name };
  });
}
