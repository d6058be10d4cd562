// Placeholder written by hand from docs/ui-contract.md; ts-rs will overwrite it with the generated file of the same shape.
export type AppError = { code: string, message: string, field: string | null, row: number | null, };
