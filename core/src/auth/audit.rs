//! The audit log: who did what and when. Rows are written inside the transaction of the action
//! they record, so a failed action leaves no row; the table refuses updates and deletes.

use super::{Actor, Role};
use crate::db::entity::audit_log;
use crate::error::Result;
use crate::Desk;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! actions {
    ($($variant:ident => $code:literal, $label:literal;)*) => {
        /// Every kind of audited event.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Action { $($variant),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];
            pub fn code(self) -> &'static str { match self { $(Action::$variant => $code),* } }
            pub fn label(self) -> &'static str { match self { $(Action::$variant => $label),* } }
        }
    };
}

actions! {
    Setup => "setup", "初始设置";
    LoginSucceeded => "login", "登录";
    LoginFailed => "login_failed", "登录失败";
    AccountLocked => "account_locked", "账户锁定";
    Logout => "logout", "退出登录";
    UserAdded => "user_add", "新增用户";
    UserDisabled => "user_disable", "停用用户";
    UserEnabled => "user_enable", "启用用户";
    PasswordReset => "user_reset_password", "重置密码";
    RoleChanged => "user_change_role", "修改角色";
    PreferencesChanged => "user_preferences", "修改个人偏好";
    SettingsUpdated => "settings_update", "修改设置";
    CommunityAdded => "community_add", "新增社区网格";
    CommunityRenamed => "community_rename", "重命名社区网格";
    CommunityDeactivated => "community_deactivate", "停用社区网格";
    CommunityActivated => "community_activate", "启用社区网格";
    CommunitiesImported => "community_import", "导入社区网格";
    BackupCreated => "backup_create", "备份数据";
    BackupRestored => "backup_restore", "从备份恢复";
    ResidentAdded => "resident_add", "新增居民";
    ResidentUpdated => "resident_update", "修改居民档案";
    ResidentStatusChanged => "resident_status", "变更居民状态";
    ResidentRevealed => "resident_reveal", "查看完整证件号/电话";
    ResidentCategoryAdded => "resident_category_add", "添加居民类别";
    ResidentCategoryEnded => "resident_category_end", "结束居民类别";
    ResidentCategoryDeleted => "resident_category_delete", "删除居民类别";
    CategoryTypeAdded => "category_type_add", "新增类别";
    CategoryTypeChanged => "category_type_update", "修改类别";
    RelationAdded => "resident_relation_add", "添加联系人";
    RelationRemoved => "resident_relation_remove", "删除联系人";
    ResidentsImported => "resident_import", "导入居民";
    ResidentsExported => "resident_export", "导出居民";
    DemoCreated => "demo", "生成演示数据";
    CanteenAdded => "canteen_add", "新增食堂";
    CanteenUpdated => "canteen_update", "修改食堂";
    DishSaved => "dish_save", "保存菜品";
    DinerSaved => "diner_save", "登记就餐人";
    SubsidyRuleSaved => "subsidy_rule_save", "保存助餐补贴规则";
    BookingLate => "booking_late", "截止后补订";
    BookingCancelled => "booking_cancel", "取消订餐";
    DeliverySheetPrinted => "delivery_sheet_print", "打印送餐路线单";
    StandingOrderSaved => "standing_order_save", "保存长期订餐";
    StandingOrderPaused => "standing_order_pause", "暂停长期订餐";
    StandingOrderEnded => "standing_order_end", "结束长期订餐";
    HealthStationSaved => "health_station_save", "保存健康服务站";
    HealthProviderSaved => "health_provider_save", "保存体检机构";
    CampaignSaved => "checkup_campaign_save", "保存体检活动";
    CheckupInvited => "checkup_invite", "邀请体检";
    CheckupInvitationWithdrawn => "checkup_invitation_withdraw", "撤销体检邀请";
    CheckupResultSaved => "checkup_result_save", "录入体检结果";
    ThresholdsSaved => "thresholds_save", "修改体检判定阈值";
    FollowupRecorded => "followup_record", "记录随访";
    HealthConditionsSet => "health_conditions_set", "设置慢病信息";
    FollowupListPrinted => "followup_list_print", "打印随访任务单";
    FollowupTasksViewed => "followup_tasks_view", "查看随访任务（含电话）";
    CheckupResultsImported => "checkup_import", "导入体检结果";
    BookingAdded => "booking_add", "订餐";
    MealServed => "meal_serve", "核销";
    WalkInServed => "walk_in", "现场就餐";
    DailyBackup => "backup_daily", "每日自动备份";
    ChildcareProgramSaved => "childcare_program_save", "保存托育项目";
    ChildcareClosedDaysSaved => "childcare_closed_days_save", "设置托育停托日";
    ChildEnrolled => "childcare_enrol", "托育报名";
    ChildEnrolmentEnded => "childcare_enrolment_end", "结束托育";
    PickupPersonSaved => "childcare_pickup_person_save", "保存接送人";
    PickupCardRevoked => "childcare_card_revoke", "挂失接送卡";
    ChildSignedIn => "childcare_sign_in", "托育签到";
    ChildSignedOut => "childcare_sign_out", "托育签退";
    PickupRefused => "childcare_pickup_refused", "拒绝接走";
    ChildAbsenceRecorded => "childcare_absence", "托育请假";
    ChildcareDayClosed => "childcare_day_close", "托育日结";
    ChildcareRosterPrinted => "childcare_roster_print", "打印托育签到签退表";
    ChildcareCallListPrinted => "childcare_call_list_print", "打印托育联系单（含电话）";
    ChildcareDutySaved => "childcare_duty_save", "托育排班";
    PickupPhotoSaved => "childcare_photo_save", "保存接送人照片";
    VolunteerSaved => "volunteer_save", "保存志愿者";
    VolunteerTeamSaved => "volunteer_team_save", "保存志愿服务队";
    PairingSaved => "pairing_save", "保存结对帮扶";
    PairingEnded => "pairing_end", "结束结对帮扶";
    VisitRecorded => "visit_record", "登记走访";
    VisitListPrinted => "visit_list_print", "打印结对走访名单（含电话和地址）";
    VolunteerSettingsSaved => "volunteer_settings_save", "修改志愿服务设置";
    ActivitySaved => "activity_save", "保存志愿活动";
    ActivityCancelled => "activity_cancel", "取消志愿活动";
    ActivitySignup => "activity_signup", "志愿活动报名";
    ActivitySignupWithdrawn => "activity_signup_withdraw", "取消活动报名";
    ActivitySignedIn => "activity_sign_in", "志愿活动签到";
    ActivitySignedOut => "activity_sign_out", "志愿活动签退";
    ActivityPairEntered => "activity_pair_enter", "补录签到签退";
    ActivityPairRemoved => "activity_pair_remove", "删除签到记录";
    ActivityConfirmed => "activity_confirm", "确认活动时长";
    ServiceCorrected => "service_correct", "更正志愿服务记录";
    VolunteerHonourAdded => "volunteer_honour_add", "登记培训/表彰/评价";
    ProofIssued => "proof_issue", "出具志愿服务证明";
    ProofReprinted => "proof_reprint", "补打志愿服务证明";
}

fn label_of(code: &str) -> String {
    Action::ALL.iter().find(|a| a.code() == code).map_or(code, |a| a.label()).to_string()
}

/// One audit row to be written.
pub struct Entry<'a> {
    pub action: Action,
    pub entity: Option<&'a str>,
    pub entity_id: Option<String>,
    pub detail: Option<String>,
}

impl<'a> Entry<'a> {
    pub fn new(action: Action) -> Self {
        Entry { action, entity: None, entity_id: None, detail: None }
    }
    pub fn on(mut self, entity: &'a str, id: impl ToString) -> Self {
        self.entity = Some(entity);
        self.entity_id = Some(id.to_string());
        self
    }
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// Writes the row on `db`, which should be the action's own transaction.
pub(crate) async fn record<C: ConnectionTrait>(db: &C, at: DateTime<Utc>, who: Option<(i32, &str)>, entry: Entry<'_>) -> Result<()> {
    audit_log::ActiveModel {
        at: Set(at),
        user_id: Set(who.map(|w| w.0)),
        username: Set(who.map(|w| w.1.to_string())),
        action: Set(entry.action.code().to_string()),
        entity: Set(entry.entity.map(str::to_string)),
        entity_id: Set(entry.entity_id),
        detail: Set(entry.detail),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub(crate) async fn record_by<C: ConnectionTrait>(desk: &Desk, db: &C, actor: &Actor, entry: Entry<'_>) -> Result<()> {
    record(db, desk.clock().now(), Some((actor.user_id(), actor.username())), entry).await
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i32,
    pub at: DateTime<Utc>,
    pub user_id: Option<i32>,
    pub username: Option<String>,
    pub action: String,
    pub action_label: String,
    pub entity: Option<String>,
    /// "用户", "社区网格", … for the entity code.
    pub entity_label: Option<String>,
    pub entity_id: Option<String>,
    pub detail: Option<String>,
}

/// What the UI shows for an audit row's entity code.
fn entity_label(code: &str) -> &str {
    match code {
        "user" => "用户",
        "community" => "社区网格",
        "resident" => "居民",
        "household" => "户",
        "category_type" => "居民类别",
        "childcare_program" => "托育项目",
        "childcare_enrolment" => "托育报名",
        other => other,
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditFilter {
    pub user_id: Option<i32>,
    pub action: Option<String>,
    /// First calendar day included (Beijing time).
    pub from: Option<NaiveDate>,
    /// Last calendar day included (Beijing time).
    pub to: Option<NaiveDate>,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    pub rows: Vec<AuditEntry>,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditActionOption {
    pub action: String,
    pub label: String,
}

pub fn action_options() -> Vec<AuditActionOption> {
    Action::ALL.iter().map(|a| AuditActionOption { action: a.code().into(), label: a.label().into() }).collect()
}

fn start_of_day_utc(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(NaiveTime::MIN)
        .and_local_timezone(crate::clock::beijing())
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| d.and_time(NaiveTime::MIN).and_utc())
}

/// Newest first. Admins only.
pub async fn list(desk: &Desk, actor: &Actor, filter: &AuditFilter) -> Result<AuditPage> {
    super::authorize(desk, actor, Role::Admin, "查看操作日志").await?;
    let mut q = audit_log::Entity::find();
    if let Some(uid) = filter.user_id {
        q = q.filter(audit_log::Column::UserId.eq(uid));
    }
    if let Some(action) = filter.action.as_deref().filter(|a| !a.is_empty()) {
        q = q.filter(audit_log::Column::Action.eq(action));
    }
    if let Some(from) = filter.from {
        q = q.filter(audit_log::Column::At.gte(start_of_day_utc(from)));
    }
    if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
        q = q.filter(audit_log::Column::At.lt(start_of_day_utc(to)));
    }
    let total = q.clone().count(desk.db()).await?;
    let page_size = filter.page_size.clamp(1, 500) as u64;
    let page = filter.page.max(1) as u64;
    let rows = q
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .offset((page - 1) * page_size)
        .limit(page_size)
        .all(desk.db())
        .await?;
    Ok(AuditPage {
        total: total.min(u32::MAX as u64) as u32,
        rows: rows
            .into_iter()
            .map(|r| AuditEntry {
                action_label: label_of(&r.action),
                entity_label: r.entity.as_deref().map(|e| entity_label(e).to_string()),
                id: r.id,
                at: r.at,
                user_id: r.user_id,
                username: r.username,
                action: r.action,
                entity: r.entity,
                entity_id: r.entity_id,
                detail: r.detail,
            })
            .collect(),
    })
}
