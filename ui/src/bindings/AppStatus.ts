// Placeholder written by hand from docs/ui-contract.md; ts-rs will overwrite it with the generated file of the same shape.
import type { SessionInfo } from "./SessionInfo";

export type AppStatus = { initialized: boolean, officeName: string | null, todayText: string, today: string, version: string, session: SessionInfo | null, };
