// Placeholder written by hand from docs/ui-contract.md; ts-rs will overwrite it with the generated file of the same shape.
import type { Permissions } from "./Permissions";
import type { UserInfo } from "./UserInfo";

export type SessionInfo = { user: UserInfo, locked: boolean, idleLockMinutes: number, permissions: Permissions, };
