// Placeholder written by hand from docs/ui-contract.md; ts-rs will overwrite it with the generated file of the same shape.
export type AuditEntry = { id: number, at: string, userId: number | null, username: string | null, action: string, actionLabel: string, entity: string | null, entityId: string | null, detail: string | null, };
