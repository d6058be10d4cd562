// Placeholder written by hand from docs/ui-contract.md; ts-rs will overwrite it with the generated file of the same shape.
import type { CommunityKind } from "./CommunityKind";

export type CommunityNode = { id: number, parentId: number | null, kind: CommunityKind, kindLabel: string, name: string, active: boolean, children: Array<CommunityNode>, };
