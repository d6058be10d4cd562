use super::{command, Result};
use crate::state::AppState;
use caredesk_core::print::{save_pdf, PrintedFile};
use caredesk_core::volunteers::activities::attendance::{self, AttendanceScan};
use caredesk_core::volunteers::activities::confirm::{self, EvaluationInput};
use caredesk_core::volunteers::activities::{self, signups, ActivityDetail, ActivityFilter, ActivityInput, ActivityRow};
use caredesk_core::volunteers::hours::{self, HoursReport};
use caredesk_core::volunteers::model::AttendanceWay;
use caredesk_core::volunteers::pairings::{self, ElderSuggestion, PairingFilter, PairingInput, PairingRow};
use caredesk_core::volunteers::proofs::{self, IssuedProof, ProofFile, ProofInput, ProofRow};
use caredesk_core::volunteers::record::{self, CorrectionInput, HonourInput, ServiceRecord};
use caredesk_core::volunteers::settings::{self as volunteer_settings, VolunteerSettings};
use caredesk_core::volunteers::registry::{self, VolunteerInput, VolunteerQuery, VolunteerRow};
use caredesk_core::volunteers::teams::{self, TeamInput, TeamRow};
use caredesk_core::volunteers::visits::{self, VisitInput, VisitRow};
use caredesk_core::volunteers::printing;
use chrono::NaiveDate;
use tauri::State;

#[command]
pub async fn volunteers_list(state: State<'_, AppState>, query: VolunteerQuery) -> Result<Vec<VolunteerRow>> {
    let (desk, actor) = state.signed_in().await?;
    registry::list_volunteers(&desk, &actor, query).await
}

#[command]
pub async fn volunteers_get(state: State<'_, AppState>, id: i32) -> Result<VolunteerRow> {
    let (desk, actor) = state.signed_in().await?;
    registry::volunteer_row(&desk, &actor, id).await
}

#[command]
pub async fn volunteers_save(state: State<'_, AppState>, id: Option<i32>, input: VolunteerInput) -> Result<VolunteerRow> {
    let (desk, actor) = state.signed_in().await?;
    registry::save_volunteer(&desk, &actor, id, input).await
}

#[command]
pub async fn volunteers_teams(state: State<'_, AppState>) -> Result<Vec<TeamRow>> {
    let (desk, actor) = state.signed_in().await?;
    teams::list_teams(&desk, &actor).await
}

#[command]
pub async fn volunteers_save_team(state: State<'_, AppState>, id: Option<i32>, input: TeamInput) -> Result<TeamRow> {
    let (desk, actor) = state.signed_in().await?;
    teams::save_team(&desk, &actor, id, input).await
}

#[command]
pub async fn volunteers_pairings(state: State<'_, AppState>, filter: PairingFilter) -> Result<Vec<PairingRow>> {
    let (desk, actor) = state.signed_in().await?;
    pairings::list_pairings(&desk, &actor, filter, None).await
}

#[command]
pub async fn volunteers_pairing(state: State<'_, AppState>, id: i32) -> Result<PairingRow> {
    let (desk, actor) = state.signed_in().await?;
    pairings::pairing_row(&desk, &actor, id).await
}

#[command]
pub async fn volunteers_save_pairing(state: State<'_, AppState>, id: Option<i32>, input: PairingInput) -> Result<PairingRow> {
    let (desk, actor) = state.signed_in().await?;
    pairings::save_pairing(&desk, &actor, id, input).await
}

#[command]
pub async fn volunteers_end_pairing(state: State<'_, AppState>, id: i32, end_date: NaiveDate, reason: String) -> Result<PairingRow> {
    let (desk, actor) = state.signed_in().await?;
    pairings::end_pairing(&desk, &actor, id, end_date, reason).await
}

#[command]
pub async fn volunteers_suggest_elders(state: State<'_, AppState>) -> Result<Vec<ElderSuggestion>> {
    let (desk, actor) = state.signed_in().await?;
    pairings::suggest_elders(&desk, &actor).await
}

#[command]
pub async fn volunteers_visits(state: State<'_, AppState>, pairing_id: i32) -> Result<Vec<VisitRow>> {
    let (desk, actor) = state.signed_in().await?;
    visits::visits_of(&desk, &actor, pairing_id).await
}

#[command]
pub async fn volunteers_record_visit(state: State<'_, AppState>, pairing_id: i32, input: VisitInput) -> Result<VisitRow> {
    let (desk, actor) = state.signed_in().await?;
    visits::record_visit(&desk, &actor, pairing_id, input).await
}

#[command]
pub async fn volunteers_settings(state: State<'_, AppState>) -> Result<VolunteerSettings> {
    let (desk, actor) = state.signed_in().await?;
    volunteer_settings::settings(&desk, &actor).await
}

#[command]
pub async fn volunteers_save_settings(state: State<'_, AppState>, settings: VolunteerSettings) -> Result<VolunteerSettings> {
    let (desk, actor) = state.signed_in().await?;
    volunteer_settings::save_settings(&desk, &actor, settings).await
}

#[command]
pub async fn volunteers_print_pairings(state: State<'_, AppState>) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::pairings(&desk, &actor, None).await?;
    save_pdf(&desk, "结对帮扶名单", out)
}

#[command]
pub async fn volunteers_print_overdue(state: State<'_, AppState>) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::overdue(&desk, &actor, None).await?;
    save_pdf(&desk, "逾期未走访名单", out)
}

#[command]
pub async fn volunteers_print_visit_forms(state: State<'_, AppState>) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::visit_forms(&desk, &actor).await?;
    save_pdf(&desk, "走访记录表", out)
}

#[command]
pub async fn volunteers_activities(state: State<'_, AppState>, filter: ActivityFilter) -> Result<Vec<ActivityRow>> {
    let (desk, actor) = state.signed_in().await?;
    activities::list_activities(&desk, &actor, filter).await
}

#[command]
pub async fn volunteers_activity(state: State<'_, AppState>, id: i32) -> Result<ActivityDetail> {
    let (desk, actor) = state.signed_in().await?;
    activities::activity_detail(&desk, &actor, id).await
}

#[command]
pub async fn volunteers_save_activity(state: State<'_, AppState>, id: Option<i32>, input: ActivityInput) -> Result<ActivityRow> {
    let (desk, actor) = state.signed_in().await?;
    activities::save_activity(&desk, &actor, id, input).await
}

#[command]
pub async fn volunteers_cancel_activity(state: State<'_, AppState>, id: i32, reason: String) -> Result<ActivityRow> {
    let (desk, actor) = state.signed_in().await?;
    activities::cancel_activity(&desk, &actor, id, reason).await
}

#[command]
pub async fn volunteers_sign_up(
    state: State<'_, AppState>,
    activity_id: i32,
    volunteer_id: i32,
    need_id: Option<i32>,
) -> Result<ActivityDetail> {
    let (desk, actor) = state.signed_in().await?;
    signups::sign_up(&desk, &actor, activity_id, volunteer_id, need_id).await
}

#[command]
pub async fn volunteers_withdraw(state: State<'_, AppState>, signup_id: i32) -> Result<ActivityDetail> {
    let (desk, actor) = state.signed_in().await?;
    signups::withdraw(&desk, &actor, signup_id).await
}

#[command]
pub async fn volunteers_attendance_scan(state: State<'_, AppState>, activity_id: i32, text: String) -> Result<AttendanceScan> {
    let (desk, actor) = state.signed_in().await?;
    attendance::scan(&desk, &actor, activity_id, &text).await
}

/// A volunteer picked from the names the scan box found.
#[command]
pub async fn volunteers_attendance_toggle(state: State<'_, AppState>, activity_id: i32, volunteer_id: i32) -> Result<AttendanceScan> {
    let (desk, actor) = state.signed_in().await?;
    attendance::toggle(&desk, &actor, activity_id, volunteer_id, AttendanceWay::Search).await
}

#[command]
pub async fn volunteers_enter_pair(
    state: State<'_, AppState>,
    activity_id: i32,
    volunteer_id: i32,
    signed_in: String,
    signed_out: String,
) -> Result<ActivityDetail> {
    let (desk, actor) = state.signed_in().await?;
    attendance::enter_pair(&desk, &actor, activity_id, volunteer_id, &signed_in, &signed_out).await
}

/// The sign-out time of someone who left without scanning.
#[command]
pub async fn volunteers_close_pair(state: State<'_, AppState>, pair_id: i32, signed_out: String) -> Result<ActivityDetail> {
    let (desk, actor) = state.signed_in().await?;
    attendance::close_pair(&desk, &actor, pair_id, &signed_out).await
}

#[command]
pub async fn volunteers_remove_pair(state: State<'_, AppState>, pair_id: i32) -> Result<ActivityDetail> {
    let (desk, actor) = state.signed_in().await?;
    attendance::remove_pair(&desk, &actor, pair_id).await
}

#[command]
pub async fn volunteers_confirm_activity(state: State<'_, AppState>, id: i32, evaluations: Vec<EvaluationInput>) -> Result<ActivityDetail> {
    let (desk, actor) = state.signed_in().await?;
    confirm::confirm_activity(&desk, &actor, id, evaluations).await
}

#[command]
pub async fn volunteers_print_signin(state: State<'_, AppState>, activity_id: i32) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::activity_signin(&desk, &actor, activity_id).await?;
    save_pdf(&desk, "志愿活动签到表", out)
}

#[command]
pub async fn volunteers_record(state: State<'_, AppState>, volunteer_id: i32) -> Result<ServiceRecord> {
    let (desk, actor) = state.signed_in().await?;
    record::service_record(&desk, &actor, volunteer_id).await
}

#[command]
pub async fn volunteers_correct_entry(state: State<'_, AppState>, entry_id: i32, input: CorrectionInput) -> Result<ServiceRecord> {
    let (desk, actor) = state.signed_in().await?;
    record::correct_entry(&desk, &actor, entry_id, input).await
}

#[command]
pub async fn volunteers_add_honour(state: State<'_, AppState>, volunteer_id: i32, input: HonourInput) -> Result<ServiceRecord> {
    let (desk, actor) = state.signed_in().await?;
    record::add_honour(&desk, &actor, volunteer_id, input).await
}

#[command]
pub async fn volunteers_hours(state: State<'_, AppState>, from: NaiveDate, to: NaiveDate) -> Result<HoursReport> {
    let (desk, actor) = state.signed_in().await?;
    hours::hours_report(&desk, &actor, from, to).await
}

#[command]
pub async fn volunteers_print_hours(state: State<'_, AppState>, from: NaiveDate, to: NaiveDate) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = hours::hours_pdf(&desk, &actor, from, to).await?;
    save_pdf(&desk, "志愿服务时长统计", out)
}

#[command]
pub async fn volunteers_export_hours(state: State<'_, AppState>, from: NaiveDate, to: NaiveDate, save_path: String) -> Result<()> {
    let (desk, actor) = state.signed_in().await?;
    let bytes = hours::hours_xlsx(&desk, &actor, from, to).await?;
    Ok(std::fs::write(save_path, bytes)?)
}

fn proof_file(desk: &caredesk_core::Desk, issued: IssuedProof) -> Result<ProofFile> {
    let file = save_pdf(desk, &format!("志愿服务证明-{}", issued.proof.number), issued.pdf)?;
    Ok(ProofFile { proof: issued.proof, file })
}

#[command]
pub async fn volunteers_issue_proof(state: State<'_, AppState>, input: ProofInput) -> Result<ProofFile> {
    let (desk, actor) = state.signed_in().await?;
    let issued = proofs::issue_proof(&desk, &actor, input).await?;
    proof_file(&desk, issued)
}

#[command]
pub async fn volunteers_reprint_proof(state: State<'_, AppState>, id: i32) -> Result<ProofFile> {
    let (desk, actor) = state.signed_in().await?;
    let issued = proofs::reprint_proof(&desk, &actor, id).await?;
    proof_file(&desk, issued)
}

#[command]
pub async fn volunteers_proofs(state: State<'_, AppState>, volunteer_id: Option<i32>) -> Result<Vec<ProofRow>> {
    let (desk, actor) = state.signed_in().await?;
    proofs::list_proofs(&desk, &actor, volunteer_id).await
}

register!(
    volunteers_list,
    volunteers_get,
    volunteers_save,
    volunteers_teams,
    volunteers_save_team,
    volunteers_pairings,
    volunteers_pairing,
    volunteers_save_pairing,
    volunteers_end_pairing,
    volunteers_suggest_elders,
    volunteers_visits,
    volunteers_record_visit,
    volunteers_settings,
    volunteers_save_settings,
    volunteers_print_pairings,
    volunteers_print_overdue,
    volunteers_print_visit_forms,
    volunteers_activities,
    volunteers_activity,
    volunteers_save_activity,
    volunteers_cancel_activity,
    volunteers_sign_up,
    volunteers_withdraw,
    volunteers_attendance_scan,
    volunteers_attendance_toggle,
    volunteers_enter_pair,
    volunteers_close_pair,
    volunteers_remove_pair,
    volunteers_confirm_activity,
    volunteers_print_signin,
    volunteers_record,
    volunteers_correct_entry,
    volunteers_add_honour,
    volunteers_hours,
    volunteers_print_hours,
    volunteers_export_hours,
    volunteers_issue_proof,
    volunteers_reprint_proof,
    volunteers_proofs,
);
