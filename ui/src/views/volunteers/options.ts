import type { ActivityStatus } from "../../bindings/ActivityStatus";
import type { Evaluation } from "../../bindings/Evaluation";
import type { HonourKind } from "../../bindings/HonourKind";
import type { IdType } from "../../bindings/IdType";
import type { PairingFilter } from "../../bindings/PairingFilter";
import type { PairingRow } from "../../bindings/PairingRow";
import type { VisitWay } from "../../bindings/VisitWay";
import type { VolunteerStatus } from "../../bindings/VolunteerStatus";
import {
  ACTIVITY_STATUS_LABELS,
  EVALUATION_LABELS,
  HONOUR_KIND_LABELS,
  ID_TYPE_LABELS,
  VISIT_WAY_LABELS,
  VOLUNTEER_STATUS_LABELS,
} from "../../bindings/labels";
import { t, type MessageKey } from "../../i18n";

// The values in the core's order, and their words from the core (ui/src/bindings/labels.ts).
export const ID_TYPES = Object.keys(ID_TYPE_LABELS) as IdType[];
export const VOLUNTEER_STATUSES = Object.keys(VOLUNTEER_STATUS_LABELS) as VolunteerStatus[];
export const VISIT_WAYS = Object.keys(VISIT_WAY_LABELS) as VisitWay[];
export const ACTIVITY_STATUSES = Object.keys(ACTIVITY_STATUS_LABELS) as ActivityStatus[];
export const EVALUATIONS = Object.keys(EVALUATION_LABELS) as Evaluation[];
export const HONOUR_KINDS = Object.keys(HONOUR_KIND_LABELS) as HonourKind[];

/** The lists of the 结对帮扶 page, in the order of its segmented control (结对中 first: the default). */
export const PAIRING_FILTERS: readonly PairingFilter[] = ["active", "overdue", "all"];

/** The usual visit frequencies offered first; any other number of days (1–90) is 自定义. */
export const FREQUENCIES: readonly { days: number; title: MessageKey }[] = [
  { days: 7, title: "volunteers.pairing.frequencyChoices.weekly" },
  { days: 14, title: "volunteers.pairing.frequencyChoices.biweekly" },
  { days: 30, title: "volunteers.pairing.frequencyChoices.monthly" },
];

/**
 * The state tag of a pairing: red when the core says it is overdue, grey once it is no longer in
 * force, green otherwise. The words are the core's (`visit.label`).
 */
export function pairingStateType(p: Pick<PairingRow, "active" | "visit">): "danger" | "info" | "success" {
  if (p.visit.overdue) return "danger";
  if (!p.active) return "info";
  return "success";
}

export function volunteerStatusType(s: VolunteerStatus): "success" | "warning" | "info" {
  if (s === "active") return "success";
  if (s === "paused") return "warning";
  return "info";
}

/** "张建国、李芳", or "—" for a pairing without volunteers left. */
export function volunteerNames(p: Pick<PairingRow, "volunteers">): string {
  return p.volunteers.length ? p.volunteers.map((v) => v.name).join("、") : t("common.none");
}

/** "78 岁", or "" when the core knows no age. */
export function ageText(age: number | null): string {
  return age == null ? "" : t("volunteers.ageYears", { age });
}

/** "双桥社区 幸福路 12 号": the community and the address, whichever there are. */
export function placeText(p: Pick<PairingRow, "community" | "address">): string {
  return [p.community, p.address].filter(Boolean).join(" ");
}

/** An activity's status tag: green while open, blue once its hours are confirmed, grey when called off. */
export function activityStatusType(s: ActivityStatus): "success" | "primary" | "info" {
  if (s === "open") return "success";
  if (s === "confirmed") return "primary";
  return "info";
}
