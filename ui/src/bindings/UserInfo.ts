// Placeholder written by hand from docs/ui-contract.md; ts-rs will overwrite it with the generated file of the same shape.
import type { Role } from "./Role";

export type UserInfo = { id: number, username: string, displayName: string, role: Role, roleLabel: string, disabled: boolean, largeText: boolean, lockedUntil: string | null, lastLoginAt: string | null, };
