import type { AuditFilter } from "../bindings/AuditFilter";
import { call } from "./invoke";

export function listAudit(filter: AuditFilter) {
  return call("audit_list", { filter });
}

export function listAuditActions() {
  return call("audit_actions");
}
