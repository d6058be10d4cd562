// Generated from the core's coded enums by core/tests/core/bindings.rs. Do not edit.
// The Chinese word for each stored value; the window shows these, never its own copy.

import type { Slot } from "./Slot";
import type { Mode } from "./Mode";
import type { DinerType } from "./DinerType";
import type { DishKind } from "./DishKind";
import type { BookingStatus } from "./BookingStatus";
import type { StandingState } from "./StandingState";
import type { Status } from "./Status";
import type { NoIdReason } from "./NoIdReason";
import type { RelationKind } from "./RelationKind";
import type { TaskKind } from "./TaskKind";
import type { TaskStatus } from "./TaskStatus";
import type { Condition } from "./Condition";
import type { FollowupMethod } from "./FollowupMethod";
import type { BpGrade } from "./BpGrade";
import type { GlucoseClass } from "./GlucoseClass";
import type { GlucoseKind } from "./GlucoseKind";
import type { BmiClass } from "./BmiClass";
import type { ProviderKind } from "./ProviderKind";
import type { InvitationStatus } from "./InvitationStatus";
import type { Role } from "./Role";
import type { CommunityKind } from "./CommunityKind";
import type { Sex } from "./Sex";
import type { MoneyTerm } from "./MoneyTerm";
import type { ProgramKind } from "./ProgramKind";
import type { EnrolmentStatus } from "./EnrolmentStatus";
import type { PickupStatus } from "./PickupStatus";
import type { ArrivalMode } from "./ArrivalMode";
import type { AbsenceReason } from "./AbsenceReason";
import type { FeeStatus } from "./FeeStatus";
import type { DelegatedHow } from "./DelegatedHow";
import type { IdType } from "./IdType";
import type { VolunteerStatus } from "./VolunteerStatus";
import type { VisitWay } from "./VisitWay";
import type { ActivityStatus } from "./ActivityStatus";
import type { AttendanceWay } from "./AttendanceWay";
import type { EntrySource } from "./EntrySource";
import type { Evaluation } from "./Evaluation";
import type { HonourKind } from "./HonourKind";

export const SLOT_LABELS: Record<Slot, string> = {
  breakfast: "早餐",
  lunch: "午餐",
  dinner: "晚餐",
};

export const MODE_LABELS: Record<Mode, string> = {
  dine_in: "堂食",
  take_away: "自取",
  delivery: "送餐上门",
};

export const DINER_TYPE_LABELS: Record<DinerType, string> = {
  elderly: "老年人",
  child: "儿童",
  resident: "其他居民",
  staff: "工作人员",
};

export const DISH_KIND_LABELS: Record<DishKind, string> = {
  dish: "小碗菜",
  set_meal: "套餐",
};

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: "已预订",
  served: "已核销",
  cancelled: "已取消",
};

export const STANDING_STATE_LABELS: Record<StandingState, string> = {
  active: "生效中",
  paused: "暂停中",
  ended: "已结束",
};

export const STATUS_LABELS: Record<Status, string> = {
  active: "在册",
  moved_out: "迁出",
  deceased: "去世",
};

export const NO_ID_REASON_LABELS: Record<NoIdReason, string> = {
  foreign_passport: "外国护照",
  hk_macau_taiwan_permit: "港澳台居民证件",
  unregistered_infant: "婴儿尚未落户",
};

export const RELATION_KIND_LABELS: Record<RelationKind, string> = {
  guardian: "监护人",
  emergency_contact: "紧急联系人",
  pickup: "接送人",
};

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  urgent_referral: "紧急转诊",
  recheck: "复查随访",
  routine_hypertension: "高血压季度随访",
  routine_diabetes: "糖尿病季度随访",
  referral: "转诊",
  visit_concern: "走访发现健康问题",
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: "待随访",
  done: "已完成",
};

export const CONDITION_LABELS: Record<Condition, string> = {
  hypertension: "高血压",
  diabetes: "糖尿病",
};

export const FOLLOWUP_METHOD_LABELS: Record<FollowupMethod, string> = {
  clinic: "门诊",
  home: "家庭",
  phone: "电话",
};

export const BP_GRADE_LABELS: Record<BpGrade, string> = {
  normal: "正常",
  high_normal: "正常高值",
  grade1: "1级高血压",
  grade2: "2级高血压",
  grade3: "3级高血压",
};

export const GLUCOSE_CLASS_LABELS: Record<GlucoseClass, string> = {
  urgent_low: "低血糖（需紧急处理）",
  normal: "正常",
  impaired: "空腹血糖受损",
  diabetes: "糖尿病范围",
  random_high: "随机血糖偏高",
  urgent_high: "血糖危急值",
};

export const GLUCOSE_KIND_LABELS: Record<GlucoseKind, string> = {
  fasting: "空腹",
  random: "随机",
};

export const BMI_CLASS_LABELS: Record<BmiClass, string> = {
  underweight: "偏瘦",
  normal: "正常",
  overweight: "超重",
  obese: "肥胖",
};

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  hospital: "医院",
  health_center: "卫生院",
  clinic: "诊所/卫生室",
};

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  invited: "已邀请",
  signed_in: "已签到",
  checked: "已体检",
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: "管理员",
  canteen: "食堂",
  health: "卫生",
  childcare: "托育",
  social_worker: "社工",
  viewer: "只读",
};

export const COMMUNITY_KIND_LABELS: Record<CommunityKind, string> = {
  community: "社区",
  grid: "网格",
  compound: "小区",
};

export const SEX_LABELS: Record<Sex, string> = {
  male: "男",
  female: "女",
};

export const MONEY_TERM_LABELS: Record<MoneyTerm, string> = {
  price: "餐价",
  subsidy: "补贴",
  payable: "个人应付",
  collected: "实收",
};

export const PROGRAM_KIND_LABELS: Record<ProgramKind, string> = {
  after_school: "课后托管",
  care_point: "托育点",
  holiday: "假期班",
};

export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  enrolled: "在托",
  waiting: "候补",
  ended: "已结束",
};

export const PICKUP_STATUS_LABELS: Record<PickupStatus, string> = {
  allowed: "可接送",
  emergency_only: "仅紧急情况",
  barred: "禁止接送",
};

export const ARRIVAL_MODE_LABELS: Record<ArrivalMode, string> = {
  parent: "家长送",
  on_own: "自行到达",
  volunteer: "志愿者从学校接",
};

export const ABSENCE_REASON_LABELS: Record<AbsenceReason, string> = {
  sick: "病假",
  personal: "事假",
  other: "其他",
};

export const FEE_STATUS_LABELS: Record<FeeStatus, string> = {
  free: "免费",
  monthly: "按月收费",
  reduced: "减免（低保）",
};

export const DELEGATED_HOW_LABELS: Record<DelegatedHow, string> = {
  phone: "电话",
  written: "书面",
};

export const ID_TYPE_LABELS: Record<IdType, string> = {
  resident_card: "居民身份证",
  residence_permit: "港澳台居民居住证",
  passport: "护照",
  other: "其他证件",
};

export const VOLUNTEER_STATUS_LABELS: Record<VolunteerStatus, string> = {
  active: "在册",
  paused: "暂停",
  left: "已退出",
};

export const VISIT_WAY_LABELS: Record<VisitWay, string> = {
  home: "上门",
  phone: "电话",
  hospital: "陪同就医",
  errand: "代办",
};

export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  open: "报名/进行中",
  confirmed: "时长已确认",
  cancelled: "已取消",
};

export const ATTENDANCE_WAY_LABELS: Record<AttendanceWay, string> = {
  scan: "扫码",
  search: "姓名查找",
  staff: "工作人员补录",
};

export const ENTRY_SOURCE_LABELS: Record<EntrySource, string> = {
  activity: "志愿活动",
  visit: "结对走访",
  correction: "更正",
};

export const EVALUATION_LABELS: Record<Evaluation, string> = {
  excellent: "优秀",
  good: "良好",
  fair: "合格",
  poor: "待改进",
};

export const HONOUR_KIND_LABELS: Record<HonourKind, string> = {
  training: "培训",
  commendation: "表彰奖励",
  evaluation: "评价",
};

/** What each money word means, shown beside it in the window. */
export const MONEY_TERM_DEFINITIONS: Record<MoneyTerm, string> = {
  price: "一份餐按就餐人类型的标价",
  subsidy: "按助餐补贴规则由补贴承担的部分",
  payable: "餐价减去补贴，就餐人本人要付的钱",
  collected: "已核销（已取餐）的餐收到的个人应付；未核销的不计",
};
