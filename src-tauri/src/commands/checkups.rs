use super::{command, Result};
use crate::state::AppState;
use caredesk_core::checkups::campaigns::{self, CampaignInfo, CampaignInput};
use caredesk_core::checkups::followups::{self, ConditionEntry, FollowupInput, FollowupSaved, TaskRow};
use caredesk_core::checkups::health::{self, HealthPage};
use caredesk_core::checkups::import;
use caredesk_core::checkups::invitations::{self, Candidate, InvitationRow, InviteResult};
use caredesk_core::checkups::printing;
use caredesk_core::checkups::readings::ReadingInput;
use caredesk_core::checkups::results::{self, ResultView};
use caredesk_core::checkups::stations::{self, ProviderInfo, ProviderInput, StationInfo, StationInput};
use caredesk_core::checkups::stats::{self, CheckupCounts};
use caredesk_core::checkups::threshold_sets::{self, ThresholdVersion};
use caredesk_core::checkups::thresholds::Thresholds;
use caredesk_core::print::{save_pdf, PrintedFile};
use caredesk_core::residents::import::read_file;
use caredesk_core::residents::{ImportPreview, ImportResult};
use std::path::Path;
use tauri::State;

#[command]
pub async fn checkups_stations(state: State<'_, AppState>) -> Result<Vec<StationInfo>> {
    let (desk, actor) = state.signed_in().await?;
    stations::list_stations(&desk, &actor).await
}

#[command]
pub async fn checkups_save_station(state: State<'_, AppState>, id: Option<i32>, input: StationInput) -> Result<StationInfo> {
    let (desk, actor) = state.signed_in().await?;
    stations::save_station(&desk, &actor, id, input).await
}

#[command]
pub async fn checkups_providers(state: State<'_, AppState>) -> Result<Vec<ProviderInfo>> {
    let (desk, actor) = state.signed_in().await?;
    stations::list_providers(&desk, &actor).await
}

#[command]
pub async fn checkups_save_provider(state: State<'_, AppState>, id: Option<i32>, input: ProviderInput) -> Result<ProviderInfo> {
    let (desk, actor) = state.signed_in().await?;
    stations::save_provider(&desk, &actor, id, input).await
}

#[command]
pub async fn checkups_campaigns(state: State<'_, AppState>) -> Result<Vec<CampaignInfo>> {
    let (desk, actor) = state.signed_in().await?;
    campaigns::list_campaigns(&desk, &actor).await
}

#[command]
pub async fn checkups_campaign(state: State<'_, AppState>, id: i32) -> Result<CampaignInfo> {
    let (desk, actor) = state.signed_in().await?;
    campaigns::get_campaign(&desk, &actor, id).await
}

#[command]
pub async fn checkups_save_campaign(state: State<'_, AppState>, id: Option<i32>, input: CampaignInput) -> Result<CampaignInfo> {
    let (desk, actor) = state.signed_in().await?;
    campaigns::save_campaign(&desk, &actor, id, input).await
}

#[command]
pub async fn checkups_propose(state: State<'_, AppState>, campaign_id: i32) -> Result<Vec<Candidate>> {
    let (desk, actor) = state.signed_in().await?;
    invitations::propose(&desk, &actor, campaign_id).await
}

#[command]
pub async fn checkups_invite(state: State<'_, AppState>, campaign_id: i32, resident_ids: Vec<i32>) -> Result<InviteResult> {
    let (desk, actor) = state.signed_in().await?;
    invitations::invite(&desk, &actor, campaign_id, &resident_ids).await
}

#[command]
pub async fn checkups_invitations(state: State<'_, AppState>, campaign_id: i32) -> Result<Vec<InvitationRow>> {
    let (desk, actor) = state.signed_in().await?;
    invitations::list(&desk, &actor, campaign_id).await
}

#[command]
pub async fn checkups_find_invitees(state: State<'_, AppState>, campaign_id: i32, text: String) -> Result<Vec<InvitationRow>> {
    let (desk, actor) = state.signed_in().await?;
    invitations::find(&desk, &actor, campaign_id, &text).await
}

#[command]
pub async fn checkups_move_to_slot(state: State<'_, AppState>, invitation_id: i32, slot_id: i32) -> Result<InvitationRow> {
    let (desk, actor) = state.signed_in().await?;
    invitations::move_to_slot(&desk, &actor, invitation_id, slot_id).await
}

#[command]
pub async fn checkups_withdraw(state: State<'_, AppState>, invitation_id: i32) -> Result<()> {
    let (desk, actor) = state.signed_in().await?;
    invitations::withdraw(&desk, &actor, invitation_id).await
}

#[command]
pub async fn checkups_sign_in(state: State<'_, AppState>, invitation_id: i32) -> Result<InvitationRow> {
    let (desk, actor) = state.signed_in().await?;
    invitations::sign_in(&desk, &actor, invitation_id).await
}

#[command]
pub async fn checkups_sign_in_by_slip(state: State<'_, AppState>, campaign_id: i32, code: String) -> Result<InvitationRow> {
    let (desk, actor) = state.signed_in().await?;
    invitations::sign_in_by_slip(&desk, &actor, campaign_id, &code).await
}

#[command]
pub async fn checkups_walk_in(state: State<'_, AppState>, campaign_id: i32, resident_id: i32) -> Result<InvitationRow> {
    let (desk, actor) = state.signed_in().await?;
    invitations::walk_in(&desk, &actor, campaign_id, resident_id).await
}

#[command]
pub async fn checkups_save_result(state: State<'_, AppState>, invitation_id: i32, reading: ReadingInput) -> Result<ResultView> {
    let (desk, actor) = state.signed_in().await?;
    results::save_result(&desk, &actor, invitation_id, reading).await
}

#[command]
pub async fn checkups_result(state: State<'_, AppState>, invitation_id: i32) -> Result<Option<ResultView>> {
    let (desk, actor) = state.signed_in().await?;
    results::result_of_invitation(&desk, &actor, invitation_id).await
}

#[command]
pub async fn checkups_tasks(state: State<'_, AppState>, due_within: Option<u32>) -> Result<Vec<TaskRow>> {
    let (desk, actor) = state.signed_in().await?;
    followups::open_tasks(&desk, &actor, due_within).await
}

#[command]
pub async fn checkups_urgent_alerts(state: State<'_, AppState>) -> Result<Vec<TaskRow>> {
    let (desk, actor) = state.signed_in().await?;
    followups::urgent_alerts(&desk, &actor).await
}

#[command]
pub async fn checkups_record_followup(state: State<'_, AppState>, input: FollowupInput) -> Result<FollowupSaved> {
    let (desk, actor) = state.signed_in().await?;
    followups::record(&desk, &actor, input).await
}

#[command]
pub async fn checkups_set_conditions(
    state: State<'_, AppState>,
    resident_id: i32,
    entries: Vec<ConditionEntry>,
) -> Result<Vec<ConditionEntry>> {
    let (desk, actor) = state.signed_in().await?;
    followups::set_conditions(&desk, &actor, resident_id, entries).await
}

#[command]
pub async fn checkups_thresholds(state: State<'_, AppState>) -> Result<ThresholdVersion> {
    let (desk, actor) = state.signed_in().await?;
    threshold_sets::get_current(&desk, &actor).await
}

#[command]
pub async fn checkups_save_thresholds(state: State<'_, AppState>, thresholds: Thresholds) -> Result<ThresholdVersion> {
    let (desk, actor) = state.signed_in().await?;
    threshold_sets::save(&desk, &actor, thresholds).await
}

#[command]
pub async fn checkups_print_list(state: State<'_, AppState>, campaign_id: i32) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::checkup_list(&desk, &actor, campaign_id).await?;
    save_pdf(&desk, &format!("体检名单-{campaign_id}"), out)
}

#[command]
pub async fn checkups_print_slips(state: State<'_, AppState>, campaign_id: i32) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::invitation_slips(&desk, &actor, campaign_id).await?;
    save_pdf(&desk, &format!("体检通知单-{campaign_id}"), out)
}

#[command]
pub async fn checkups_print_tasks(state: State<'_, AppState>, due_within: Option<u32>) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::followup_list(&desk, &actor, due_within).await?;
    save_pdf(&desk, "随访任务单", out)
}

#[command]
pub async fn checkups_health_page(state: State<'_, AppState>, resident_id: i32) -> Result<HealthPage> {
    let (desk, actor) = state.signed_in().await?;
    health::health_page(&desk, &actor, resident_id).await
}

#[command]
pub async fn checkups_counts(state: State<'_, AppState>, year: i32) -> Result<CheckupCounts> {
    let (desk, actor) = state.signed_in().await?;
    stats::counts(&desk, &actor, year).await
}

#[command]
pub async fn checkups_import_preview(state: State<'_, AppState>, path: String) -> Result<ImportPreview> {
    let (desk, actor) = state.signed_in().await?;
    let (name, bytes) = read_file(Path::new(&path))?;
    import::preview(&desk, &actor, &name, &bytes).await
}

#[command]
pub async fn checkups_import_commit(state: State<'_, AppState>, path: String) -> Result<ImportResult> {
    let (desk, actor) = state.signed_in().await?;
    let (name, bytes) = read_file(Path::new(&path))?;
    import::commit(&desk, &actor, &name, &bytes).await
}

register!(
    checkups_stations,
    checkups_save_station,
    checkups_providers,
    checkups_save_provider,
    checkups_campaigns,
    checkups_campaign,
    checkups_save_campaign,
    checkups_propose,
    checkups_invite,
    checkups_invitations,
    checkups_find_invitees,
    checkups_move_to_slot,
    checkups_withdraw,
    checkups_sign_in,
    checkups_sign_in_by_slip,
    checkups_walk_in,
    checkups_save_result,
    checkups_result,
    checkups_tasks,
    checkups_urgent_alerts,
    checkups_record_followup,
    checkups_set_conditions,
    checkups_thresholds,
    checkups_save_thresholds,
    checkups_print_list,
    checkups_print_slips,
    checkups_print_tasks,
    checkups_health_page,
    checkups_counts,
    checkups_import_preview,
    checkups_import_commit,
);
