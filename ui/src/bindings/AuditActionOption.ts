// Placeholder written by hand from docs/ui-contract.md; ts-rs will overwrite it with the generated file of the same shape.
export type AuditActionOption = { action: string, label: string, };
