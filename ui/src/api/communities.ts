import type { CommunityNode } from "../bindings/CommunityNode";
import type { NewCommunity } from "../bindings/NewCommunity";
import { call } from "./invoke";

export function communitiesTree(includeInactive: boolean): Promise<CommunityNode[]> {
  return call<CommunityNode[]>("communities_tree", { includeInactive });
}

/** Args `{ parentId, kind, name }`: community ⇒ parentId null; grid under a community; compound under either. */
export function addCommunity(c: NewCommunity): Promise<CommunityNode> {
  return call<CommunityNode>("communities_add", { parentId: c.parentId, kind: c.kind, name: c.name });
}

export function renameCommunity(id: number, name: string): Promise<CommunityNode> {
  return call<CommunityNode>("communities_rename", { id, name });
}

export function setCommunityActive(id: number, active: boolean): Promise<CommunityNode> {
  return call<CommunityNode>("communities_set_active", { id, active });
}
