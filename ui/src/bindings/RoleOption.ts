// Placeholder written by hand from docs/ui-contract.md; ts-rs will overwrite it with the generated file of the same shape.
import type { Role } from "./Role";

export type RoleOption = { role: Role, label: string, };
