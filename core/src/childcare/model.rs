//! The coded values of after-school care, stored as text codes.

use crate::coded::coded_enum;

coded_enum! {
    /// What kind of care a program gives.
    ProgramKind, "kind", "托育类型" {
        AfterSchool => "after_school", "课后托管";
        CarePoint => "care_point", "托育点";
        Holiday => "holiday", "假期班";
    }
}

coded_enum! {
    /// Where an enrolment stands: on the list, waiting for a place, or over.
    EnrolmentStatus, "status", "报名状态" {
        Enrolled => "enrolled", "在托";
        Waiting => "waiting", "候补";
        Ended => "ended", "已结束";
    }
}

coded_enum! {
    /// What a person may do when they come for a child.
    PickupStatus, "status", "接送权限" {
        Allowed => "allowed", "可接送";
        EmergencyOnly => "emergency_only", "仅紧急情况";
        Barred => "barred", "禁止接送";
    }
}

coded_enum! {
    /// How a child came.
    ArrivalMode, "arrivalMode", "到达方式" {
        Parent => "parent", "家长送";
        OnOwn => "on_own", "自行到达";
        Volunteer => "volunteer", "志愿者从学校接";
    }
}

coded_enum! {
    /// Why a child is not coming.
    AbsenceReason, "absenceReason", "请假原因" {
        Sick => "sick", "病假";
        Personal => "personal", "事假";
        Other => "other", "其他";
    }
}

coded_enum! {
    /// What the family pays.
    FeeStatus, "fee", "收费" {
        Free => "free", "免费";
        Monthly => "monthly", "按月收费";
        Reduced => "reduced", "减免（低保）";
    }
}

coded_enum! {
    /// How a guardian authorised a temporary delegate.
    DelegatedHow, "delegatedHow", "授权方式" {
        Phone => "phone", "电话";
        Written => "written", "书面";
    }
}

impl FeeStatus {
    /// What a month of care costs the family, in 分, from the program's fees.
    pub fn monthly_amount(self, program: &crate::db::entity::childcare_program::Model) -> i64 {
        match self {
            FeeStatus::Free => 0,
            FeeStatus::Monthly => program.monthly_fee,
            FeeStatus::Reduced => program.reduced_fee,
        }
    }
}
