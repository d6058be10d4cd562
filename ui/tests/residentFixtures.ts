import type { ResidentDetail } from "../src/bindings/ResidentDetail";
import type { ResidentPage } from "../src/bindings/ResidentPage";
import type { ResidentRow } from "../src/bindings/ResidentRow";

export function row(id: number, name: string, extra: Partial<ResidentRow> = {}): ResidentRow {
  return {
    id,
    name,
    sexLabel: "女",
    birthDate: "1948-03-05",
    age: 78,
    idNumberMasked: "140525********1234",
    phoneMasked: "138****5678",
    communityName: "双桥社区",
    gridName: "第一网格",
    address: "振兴街12号",
    householdId: null,
    relationToHead: null,
    status: "active",
    statusLabel: "在册",
    categories: ["独居老人"],
    ...extra,
  };
}

export function page(rows: ResidentRow[], total = rows.length): ResidentPage {
  return { rows, total, onDate: "2026-11-28" };
}

export function detail(extra: Partial<ResidentDetail> = {}): ResidentDetail {
  return {
    id: 7,
    name: "王秀英",
    sex: "female",
    sexLabel: "女",
    idNumberMasked: "140525********1234",
    noIdReason: null,
    noIdReasonLabel: null,
    birthDate: "1948-03-05",
    age: 78,
    ageGroupLabels: ["老年人"],
    phoneMasked: "138****5678",
    address: "振兴街12号",
    communityId: null,
    communityName: null,
    gridId: null,
    gridName: null,
    compoundId: null,
    compoundName: null,
    household: null,
    relationToHead: null,
    status: "active",
    statusLabel: "在册",
    statusDate: null,
    statusHistory: [],
    notes: null,
    categories: [],
    relations: [],
    eligibilityToday: { allowed: true, reason: null },
    createdAt: "2026-11-01T02:00:00Z",
    updatedAt: "2026-11-01T02:00:00Z",
    ...extra,
  };
}
