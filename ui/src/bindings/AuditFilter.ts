// Placeholder written by hand from docs/ui-contract.md; ts-rs will overwrite it with the generated file of the same shape.
export type AuditFilter = { userId: number | null, action: string | null, from: string | null, to: string | null, page: number, pageSize: number, };
