import type { AuditActionOption } from "../bindings/AuditActionOption";
import type { AuditFilter } from "../bindings/AuditFilter";
import type { AuditPage } from "../bindings/AuditPage";
import { call } from "./invoke";

export function listAudit(filter: AuditFilter): Promise<AuditPage> {
  return call<AuditPage>("audit_list", { filter });
}

export function listAuditActions(): Promise<AuditActionOption[]> {
  return call<AuditActionOption[]>("audit_actions");
}
