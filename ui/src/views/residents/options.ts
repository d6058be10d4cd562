import type { NoIdReason } from "../../bindings/NoIdReason";
import type { RelationKind } from "../../bindings/RelationKind";
import type { ResidentSort } from "../../bindings/ResidentSort";
import type { Sex } from "../../bindings/Sex";
import type { Status } from "../../bindings/Status";
import { t } from "../../i18n";

export const SEXES: Sex[] = ["male", "female"];
export const NO_ID_REASONS: NoIdReason[] = ["foreign_passport", "hk_macau_taiwan_permit", "unregistered_infant"];
export const RELATION_KINDS: RelationKind[] = ["guardian", "emergency_contact", "pickup"];
export const STATUSES: Status[] = ["active", "moved_out", "deceased"];
export const SORTS: ResidentSort[] = ["name", "oldest_first", "youngest_first", "newest"];

export const sexLabel = (s: Sex) => t(`residents.sexes.${s}`);
export const noIdReasonLabel = (r: NoIdReason) => t(`residents.noIdReasons.${r}`);
export const relationKindLabel = (k: RelationKind) => t(`residents.relationKinds.${k}`);
export const statusLabel = (s: Status) => t(`residents.statuses.${s}`);

/** Tag colour of a status: 在册 green, 迁出 orange, 去世 grey. */
export function statusTagType(s: Status): "success" | "warning" | "info" {
  if (s === "active") return "success";
  if (s === "moved_out") return "warning";
  return "info";
}
