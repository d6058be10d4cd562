import type { NewCommunity } from "../bindings/NewCommunity";
import { call } from "./invoke";

export function communitiesTree(includeInactive: boolean) {
  return call("communities_tree", { includeInactive });
}

/** Args `{ parentId, kind, name }`: community ⇒ parentId null; grid under a community; compound under either. */
export function addCommunity(c: NewCommunity) {
  return call("communities_add", { parentId: c.parentId, kind: c.kind, name: c.name });
}

export function renameCommunity(id: number, name: string) {
  return call("communities_rename", { id, name });
}

export function setCommunityActive(id: number, active: boolean) {
  return call("communities_set_active", { id, active });
}
