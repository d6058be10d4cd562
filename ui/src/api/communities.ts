import type { CommunityKind } from "../bindings/CommunityKind";
import type { CommunityNode } from "../bindings/CommunityNode";
import { call } from "./invoke";

export function communitiesTree(includeInactive: boolean): Promise<CommunityNode[]> {
  return call<CommunityNode[]>("communities_tree", { includeInactive });
}

export function addCommunity(parentId: number | null, kind: CommunityKind, name: string): Promise<CommunityNode> {
  return call<CommunityNode>("communities_add", { parentId, kind, name });
}

export function renameCommunity(id: number, name: string): Promise<CommunityNode> {
  return call<CommunityNode>("communities_rename", { id, name });
}

export function setCommunityActive(id: number, active: boolean): Promise<CommunityNode> {
  return call<CommunityNode>("communities_set_active", { id, active });
}
