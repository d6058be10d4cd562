use super::{command, Result};
use crate::state::AppState;
use caredesk_core::print::{save_pdf, PrintedFile};
use caredesk_core::volunteers::pairings::{self, ElderSuggestion, PairingFilter, PairingInput, PairingRow, VolunteerSettings};
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
    pairings::settings(&desk, &actor).await
}

#[command]
pub async fn volunteers_save_settings(state: State<'_, AppState>, settings: VolunteerSettings) -> Result<VolunteerSettings> {
    let (desk, actor) = state.signed_in().await?;
    pairings::save_settings(&desk, &actor, settings).await
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
);
