// Placeholder written by hand from docs/ui-contract.md; ts-rs will overwrite it with the generated file of the same shape.
import type { AuditEntry } from "./AuditEntry";

export type AuditPage = { rows: Array<AuditEntry>, total: number, };
