import type { CampaignInfo } from "../src/bindings/CampaignInfo";
import type { InvitationRow } from "../src/bindings/InvitationRow";
import type { PersonLine } from "../src/bindings/PersonLine";
import type { ResultView } from "../src/bindings/ResultView";
import type { TaskRow } from "../src/bindings/TaskRow";

/** Shared check-up data for the checkups*.spec.ts files. */
export function person(residentId: number, name: string, extra: Partial<PersonLine> = {}): PersonLine {
  return {
    residentId,
    name,
    sex: "女",
    age: 72,
    community: "双桥社区",
    maskedId: "140525********1234",
    maskedPhone: "138****5678",
    ...extra,
  };
}

export const CAMPAIGN: CampaignInfo = {
  id: 5,
  name: "2026年双桥社区老年人健康体检",
  stationId: 2,
  stationName: "双桥社区健康服务站",
  stationAddress: "振兴街8号",
  providerId: 3,
  providerName: "街道卫生院",
  firstDay: "2026-11-28",
  lastDay: "2026-11-29",
  target: { minAge: 65, categoryTypeId: null, notCheckedThisYear: true },
  targetText: "65岁及以上、本年度未体检",
  bringNote: "身份证、医保卡",
  fasting: true,
  notes: null,
  slots: [
    {
      id: 11,
      day: "2026-11-28",
      startsAt: "08:00",
      endsAt: "09:00",
      capacity: 2,
      assigned: 2,
      label: "11月28日 08:00–09:00",
    },
    {
      id: 12,
      day: "2026-11-28",
      startsAt: "09:00",
      endsAt: "10:00",
      capacity: 20,
      assigned: 0,
      label: "11月28日 09:00–10:00",
    },
  ],
  room: 20,
  invited: 2,
  signedIn: 1,
  checked: 0,
};

export function invitation(id: number, name: string, extra: Partial<InvitationRow> = {}): InvitationRow {
  return {
    id,
    person: person(100 + id, name),
    slotId: 11,
    slotLabel: "11月28日 08:00–09:00",
    status: "signed_in",
    statusLabel: "已签到",
    walkIn: false,
    signedInAt: "2026-11-28T00:30:00Z",
    resultId: null,
    ...extra,
  };
}

export function resultView(extra: Partial<ResultView> = {}): ResultView {
  return {
    id: 900,
    residentId: 101,
    invitationId: 1,
    checkedOn: "2026-11-28",
    reading: {
      systolic: 185,
      diastolic: 112,
      heartRate: 80,
      glucoseX10: 67,
      glucoseKind: "fasting",
      heightX10: 1600,
      weightX10: 700,
      waistX10: 880,
      notes: null,
    },
    flags: {
      bpGrade: "grade3",
      glucoseClass: "impaired",
      bmiX10: 273,
      bmiClass: "overweight",
      bpUncontrolled: true,
      glucoseUncontrolled: false,
      urgent: true,
      urgentReasons: ["血压 185/112 mmHg，达到紧急转诊标准（≥180/110）"],
    },
    thresholdVersion: "第 1 版",
    tasks: [{ kind: "urgent_referral", dueOn: "2026-11-28", reason: "血压 185/112 mmHg" }],
    ...extra,
  };
}

export function task(id: number, name: string, extra: Partial<TaskRow> = {}): TaskRow {
  return {
    id,
    person: person(200 + id, name),
    kind: "recheck",
    kindLabel: "复查随访",
    dueOn: "2026-12-05",
    reason: "血压 150/95 mmHg，两周内复查",
    urgent: false,
    overdue: false,
    overdueDays: 0,
    phone: "13803561234",
    ...extra,
  };
}
