use super::{command, Result};
use crate::state::AppState;
use caredesk_core::childcare::desk::{self, AbsenceInput, DeskChild, DeskDay, DeskScan, RefusalRow, SignOutInput};
use caredesk_core::childcare::enrolment::{self, EnrolInput, EnrolmentRow};
use caredesk_core::childcare::model::ArrivalMode;
use caredesk_core::childcare::pickup::{self, PickupPerson, PickupPersonInput};
use caredesk_core::childcare::duty::{self, DutyDay, DutyMonth};
use caredesk_core::childcare::helpers::{self, HelperRef};
use caredesk_core::childcare::photos;
use caredesk_core::childcare::programs::{self, ClosedDay, ProgramInfo, ProgramInput, StaffRef};
use caredesk_core::childcare::reports::{self, MonthReport};
use caredesk_core::childcare::{cards, printing};
use caredesk_core::print::{save_pdf, PrintedFile};
use chrono::NaiveDate;
use tauri::State;

#[command]
pub async fn childcare_programs(state: State<'_, AppState>) -> Result<Vec<ProgramInfo>> {
    let (desk, actor) = state.signed_in().await?;
    programs::list_programs(&desk, &actor).await
}

#[command]
pub async fn childcare_save_program(state: State<'_, AppState>, id: Option<i32>, input: ProgramInput) -> Result<ProgramInfo> {
    let (desk, actor) = state.signed_in().await?;
    programs::save_program(&desk, &actor, id, input).await
}

#[command]
pub async fn childcare_closed_days(state: State<'_, AppState>, program_id: i32) -> Result<Vec<ClosedDay>> {
    let (desk, actor) = state.signed_in().await?;
    programs::closed_days(&desk, &actor, program_id).await
}

#[command]
pub async fn childcare_set_closed_days(state: State<'_, AppState>, program_id: i32, days: Vec<ClosedDay>) -> Result<Vec<ClosedDay>> {
    let (desk, actor) = state.signed_in().await?;
    programs::set_closed_days(&desk, &actor, program_id, days).await
}

#[command]
pub async fn childcare_enrolments(state: State<'_, AppState>, program_id: i32) -> Result<Vec<EnrolmentRow>> {
    let (desk, actor) = state.signed_in().await?;
    enrolment::list_enrolments(&desk, &actor, program_id).await
}

#[command]
pub async fn childcare_enrol(state: State<'_, AppState>, program_id: i32, input: EnrolInput) -> Result<EnrolmentRow> {
    let (desk, actor) = state.signed_in().await?;
    enrolment::enrol(&desk, &actor, program_id, input).await
}

#[command]
pub async fn childcare_end_enrolment(state: State<'_, AppState>, enrolment_id: i32, on: NaiveDate, reason: String) -> Result<EnrolmentRow> {
    let (desk, actor) = state.signed_in().await?;
    enrolment::end_enrolment(&desk, &actor, enrolment_id, on, reason).await
}

#[command]
pub async fn childcare_persons(state: State<'_, AppState>, enrolment_id: i32) -> Result<Vec<PickupPerson>> {
    let (desk, actor) = state.signed_in().await?;
    pickup::list_persons(&desk, &actor, enrolment_id).await
}

#[command]
pub async fn childcare_add_person(state: State<'_, AppState>, enrolment_id: i32, input: PickupPersonInput) -> Result<PickupPerson> {
    let (desk, actor) = state.signed_in().await?;
    pickup::add_person(&desk, &actor, enrolment_id, input).await
}

#[command]
pub async fn childcare_update_person(state: State<'_, AppState>, person_id: i32, input: PickupPersonInput) -> Result<PickupPerson> {
    let (desk, actor) = state.signed_in().await?;
    pickup::update_person(&desk, &actor, person_id, input).await
}

/// Revokes a lost card; the result is the replacement card's id.
#[command]
pub async fn childcare_revoke_card(state: State<'_, AppState>, card_id: i32) -> Result<i32> {
    let (desk, actor) = state.signed_in().await?;
    cards::revoke_card(&desk, &actor, card_id).await
}

#[command]
pub async fn childcare_desk(state: State<'_, AppState>, program_id: i32, date: NaiveDate) -> Result<DeskDay> {
    let (desk, actor) = state.signed_in().await?;
    desk::desk_day(&desk, &actor, program_id, date).await
}

#[command]
pub async fn childcare_scan(state: State<'_, AppState>, program_id: i32, text: String, mode: ArrivalMode) -> Result<DeskScan> {
    let (desk, actor) = state.signed_in().await?;
    desk::scan(&desk, &actor, program_id, &text, mode).await
}

#[command]
pub async fn childcare_sign_in(state: State<'_, AppState>, enrolment_id: i32, mode: ArrivalMode) -> Result<DeskChild> {
    let (desk, actor) = state.signed_in().await?;
    desk::sign_in(&desk, &actor, enrolment_id, mode).await
}

#[command]
pub async fn childcare_sign_out(state: State<'_, AppState>, enrolment_id: i32, input: SignOutInput) -> Result<DeskChild> {
    let (desk, actor) = state.signed_in().await?;
    desk::sign_out(&desk, &actor, enrolment_id, input).await
}

#[command]
pub async fn childcare_absence(state: State<'_, AppState>, enrolment_id: i32, input: AbsenceInput) -> Result<DeskChild> {
    let (desk, actor) = state.signed_in().await?;
    desk::record_absence(&desk, &actor, enrolment_id, input).await
}

#[command]
pub async fn childcare_close_day(state: State<'_, AppState>, program_id: i32, date: NaiveDate) -> Result<DeskDay> {
    let (desk, actor) = state.signed_in().await?;
    desk::close_day(&desk, &actor, program_id, date).await
}

#[command]
pub async fn childcare_refusals(state: State<'_, AppState>, enrolment_id: i32) -> Result<Vec<RefusalRow>> {
    let (desk, actor) = state.signed_in().await?;
    desk::refusals(&desk, &actor, enrolment_id).await
}

#[command]
pub async fn childcare_print_roster(state: State<'_, AppState>, program_id: i32, date: NaiveDate) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::roster(&desk, &actor, program_id, date).await?;
    save_pdf(&desk, &format!("签到签退表-{date}"), out)
}

/// 联系单 with guardians' phones (audited).
#[command]
pub async fn childcare_print_call_list(state: State<'_, AppState>, program_id: i32, date: NaiveDate) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::call_list(&desk, &actor, program_id, date).await?;
    save_pdf(&desk, &format!("托育联系单-{date}"), out)
}

#[command]
pub async fn childcare_print_cards(state: State<'_, AppState>, program_id: i32) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::cards(&desk, &actor, program_id).await?;
    save_pdf(&desk, "接送卡", out)
}

/// 月度出勤表 as the window shows it.
#[command]
pub async fn childcare_month(state: State<'_, AppState>, program_id: i32, month: String) -> Result<MonthReport> {
    let (desk, actor) = state.signed_in().await?;
    reports::month_report(&desk, &actor, program_id, &month).await
}

#[command]
pub async fn childcare_print_month(state: State<'_, AppState>, program_id: i32, month: String) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = reports::month_pdf(&desk, &actor, program_id, &month).await?;
    save_pdf(&desk, &format!("月度出勤表-{month}"), out)
}

#[command]
pub async fn childcare_export_month(state: State<'_, AppState>, program_id: i32, month: String, save_path: String) -> Result<()> {
    let (desk, actor) = state.signed_in().await?;
    let bytes = reports::month_xlsx(&desk, &actor, program_id, &month).await?;
    Ok(std::fs::write(save_path, bytes)?)
}

#[command]
pub async fn childcare_set_person_active(state: State<'_, AppState>, person_id: i32, active: bool) -> Result<PickupPerson> {
    let (desk, actor) = state.signed_in().await?;
    pickup::set_person_active(&desk, &actor, person_id, active).await
}

/// `path` from `files_choose_open` with kind "photo".
#[command]
pub async fn childcare_set_photo(state: State<'_, AppState>, person_id: i32, path: String) -> Result<PickupPerson> {
    let (desk, actor) = state.signed_in().await?;
    photos::set_photo_from_file(&desk, &actor, person_id, std::path::Path::new(&path)).await
}

#[command]
pub async fn childcare_remove_photo(state: State<'_, AppState>, person_id: i32) -> Result<PickupPerson> {
    let (desk, actor) = state.signed_in().await?;
    photos::remove_photo(&desk, &actor, person_id).await
}

#[command]
pub async fn childcare_photo(state: State<'_, AppState>, person_id: i32) -> Result<Option<String>> {
    let (desk, actor) = state.signed_in().await?;
    photos::photo(&desk, &actor, person_id).await
}

#[command]
pub async fn childcare_staff_candidates(state: State<'_, AppState>) -> Result<Vec<StaffRef>> {
    let (desk, actor) = state.signed_in().await?;
    duty::staff_candidates(&desk, &actor).await
}

#[command]
pub async fn childcare_helper_candidates(state: State<'_, AppState>) -> Result<Vec<HelperRef>> {
    let (desk, actor) = state.signed_in().await?;
    helpers::helper_candidates(&desk, &actor).await
}

#[command]
pub async fn childcare_duty(state: State<'_, AppState>, program_id: i32, month: String) -> Result<DutyMonth> {
    let (desk, actor) = state.signed_in().await?;
    duty::duty_month(&desk, &actor, program_id, &month).await
}

#[command]
pub async fn childcare_set_duty(state: State<'_, AppState>, program_id: i32, day: NaiveDate, user_ids: Vec<i32>) -> Result<DutyDay> {
    let (desk, actor) = state.signed_in().await?;
    duty::set_duty(&desk, &actor, program_id, day, user_ids).await
}

#[command]
pub async fn childcare_fill_duty(state: State<'_, AppState>, program_id: i32, month: String, per_day: u32) -> Result<DutyMonth> {
    let (desk, actor) = state.signed_in().await?;
    duty::fill_duty(&desk, &actor, program_id, &month, per_day).await
}

#[command]
pub async fn childcare_print_duty(state: State<'_, AppState>, program_id: i32, month: String) -> Result<PrintedFile> {
    let (desk, actor) = state.signed_in().await?;
    let out = printing::duty(&desk, &actor, program_id, &month).await?;
    save_pdf(&desk, &format!("托育值班表-{month}"), out)
}

register!(
    childcare_programs,
    childcare_save_program,
    childcare_closed_days,
    childcare_set_closed_days,
    childcare_enrolments,
    childcare_enrol,
    childcare_end_enrolment,
    childcare_persons,
    childcare_add_person,
    childcare_update_person,
    childcare_revoke_card,
    childcare_desk,
    childcare_scan,
    childcare_sign_in,
    childcare_sign_out,
    childcare_absence,
    childcare_close_day,
    childcare_refusals,
    childcare_print_roster,
    childcare_print_cards,
    childcare_print_call_list,
    childcare_month,
    childcare_print_month,
    childcare_export_month,
    childcare_set_person_active,
    childcare_set_photo,
    childcare_remove_photo,
    childcare_photo,
    childcare_staff_candidates,
    childcare_helper_candidates,
    childcare_duty,
    childcare_set_duty,
    childcare_fill_duty,
    childcare_print_duty,
);
