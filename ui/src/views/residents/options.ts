import type { NoIdReason } from "../../bindings/NoIdReason";
import type { RelationKind } from "../../bindings/RelationKind";
import type { ResidentSort } from "../../bindings/ResidentSort";
import type { Sex } from "../../bindings/Sex";
import type { Status } from "../../bindings/Status";
import { NO_ID_REASON_LABELS, RELATION_KIND_LABELS, SEX_LABELS, STATUS_LABELS } from "../../bindings/labels";

// The values in the core's order, and their words from the core (ui/src/bindings/labels.ts).
export const SEXES = Object.keys(SEX_LABELS) as Sex[];
export const NO_ID_REASONS = Object.keys(NO_ID_REASON_LABELS) as NoIdReason[];
export const RELATION_KINDS = Object.keys(RELATION_KIND_LABELS) as RelationKind[];
export const STATUSES = Object.keys(STATUS_LABELS) as Status[];
export const SORTS: ResidentSort[] = ["name", "oldest_first", "youngest_first", "newest"];

export const sexLabel = (s: Sex) => SEX_LABELS[s];
export const noIdReasonLabel = (r: NoIdReason) => NO_ID_REASON_LABELS[r];
export const relationKindLabel = (k: RelationKind) => RELATION_KIND_LABELS[k];
export const statusLabel = (s: Status) => STATUS_LABELS[s];

/** Tag colour of a status: 在册 green, 迁出 orange, 去世 grey. */
export function statusTagType(s: Status): "success" | "warning" | "info" {
  if (s === "active") return "success";
  if (s === "moved_out") return "warning";
  return "info";
}
