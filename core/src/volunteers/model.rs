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
