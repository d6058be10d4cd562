//! The coded values of the volunteers module.

use crate::coded::coded_enum;

coded_enum! {
    /// The identity document of an outside volunteer (a resident's comes from the registry).
    IdType, "idType", "证件类型" {
        ResidentCard => "resident_card", "居民身份证";
        ResidencePermit => "residence_permit", "港澳台居民居住证";
        Passport => "passport", "护照";
        Other => "other", "其他证件";
    }
}

coded_enum! {
    /// Whether a volunteer takes part now.
    VolunteerStatus, "status", "志愿者状态" {
        Active => "active", "在册";
        Paused => "paused", "暂停";
        Left => "left", "已退出";
    }
}

coded_enum! {
    /// How a visit was made (MZ/T 237-2024 探访关爱).
    VisitWay, "way", "探访方式" {
        Home => "home", "上门";
        Phone => "phone", "电话";
        Hospital => "hospital", "陪同就医";
        Errand => "errand", "代办";
    }
}

coded_enum! {
    /// Where an activity stands: open for sign-ups and sign-ins, its hours confirmed, or called off.
    ActivityStatus, "status", "活动状态" {
        Open => "open", "报名/进行中";
        Confirmed => "confirmed", "时长已确认";
        Cancelled => "cancelled", "已取消";
    }
}

coded_enum! {
    /// How a sign-in was made.
    AttendanceWay, "way", "签到方式" {
        Scan => "scan", "扫码";
        Search => "search", "姓名查找";
        Staff => "staff", "工作人员补录";
    }
}

coded_enum! {
    /// What a line of the service record comes from.
    EntrySource, "source", "记录来源" {
        Activity => "activity", "志愿活动";
        Visit => "visit", "结对走访";
        Correction => "correction", "更正";
    }
}

coded_enum! {
    /// The organiser's evaluation of a volunteer's service in an activity.
    Evaluation, "evaluation", "服务评价" {
        Excellent => "excellent", "优秀";
        Good => "good", "良好";
        Fair => "fair", "合格";
        Poor => "poor", "待改进";
    }
}

coded_enum! {
    /// Other items of the record the rules name besides service time.
    HonourKind, "kind", "记录类别" {
        Training => "training", "培训";
        Commendation => "commendation", "表彰奖励";
        Evaluation => "evaluation", "评价";
    }
}
