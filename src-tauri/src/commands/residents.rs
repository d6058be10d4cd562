use super::{command, Result};
use crate::state::AppState;
use caredesk_core::residents::categories::{self, CategoryType, NewCategoryPeriod};
use caredesk_core::residents::relations::{self, NewRelation};
use caredesk_core::residents::services::{self, ResidentServices};
use caredesk_core::residents::{
    self, export, import, ExportSummary, IdNumberCheck, ImportPreview, ImportResult, ResidentDetail, ResidentInput, ResidentPage,
    ResidentQuery, RevealedContact, StatusChange,
};
use chrono::NaiveDate;
use std::path::Path;
use tauri::State;

#[command]
pub async fn residents_search(state: State<'_, AppState>, query: ResidentQuery) -> Result<ResidentPage> {
    let (desk, actor) = state.signed_in().await?;
    residents::search(&desk, &actor, &query).await
}

#[command]
pub async fn residents_get(state: State<'_, AppState>, id: i32) -> Result<ResidentDetail> {
    let (desk, actor) = state.signed_in().await?;
    residents::get(&desk, &actor, id).await
}

/// The resident's 服务记录 from every module, as far as this role may see them.
#[command]
pub async fn residents_services(state: State<'_, AppState>, id: i32) -> Result<ResidentServices> {
    let (desk, actor) = state.signed_in().await?;
    services::services_of(&desk, &actor, id).await
}

#[command]
pub fn residents_relations_to_head() -> Vec<String> {
    residents::relations_to_head()
}

#[command]
pub async fn residents_check_id(state: State<'_, AppState>, text: String) -> Result<IdNumberCheck> {
    let (desk, actor) = state.signed_in().await?;
    residents::check_id_number(&desk, &actor, &text).await
}

#[command]
pub async fn residents_create(state: State<'_, AppState>, input: ResidentInput) -> Result<ResidentDetail> {
    let (desk, actor) = state.signed_in().await?;
    residents::create(&desk, &actor, input).await
}

#[command]
pub async fn residents_update(state: State<'_, AppState>, id: i32, input: ResidentInput) -> Result<ResidentDetail> {
    let (desk, actor) = state.signed_in().await?;
    residents::update(&desk, &actor, id, input).await
}

#[command]
pub async fn residents_change_status(state: State<'_, AppState>, id: i32, change: StatusChange) -> Result<ResidentDetail> {
    let (desk, actor) = state.signed_in().await?;
    residents::change_status(&desk, &actor, id, change).await
}

#[command]
pub async fn residents_reveal(state: State<'_, AppState>, id: i32) -> Result<RevealedContact> {
    let (desk, actor) = state.signed_in().await?;
    residents::reveal(&desk, &actor, id).await
}

#[command]
pub async fn residents_category_types(state: State<'_, AppState>) -> Result<Vec<CategoryType>> {
    let (desk, actor) = state.signed_in().await?;
    categories::types(&desk, &actor).await
}

#[command]
pub async fn residents_add_category_type(state: State<'_, AppState>, name: String) -> Result<CategoryType> {
    let (desk, actor) = state.signed_in().await?;
    categories::add_type(&desk, &actor, &name).await
}

#[command]
pub async fn residents_set_category_type_active(state: State<'_, AppState>, id: i32, active: bool) -> Result<CategoryType> {
    let (desk, actor) = state.signed_in().await?;
    categories::set_type_active(&desk, &actor, id, active).await
}

#[command]
pub async fn residents_add_category(state: State<'_, AppState>, resident_id: i32, period: NewCategoryPeriod) -> Result<()> {
    let (desk, actor) = state.signed_in().await?;
    categories::add(&desk, &actor, resident_id, period).await
}

#[command]
pub async fn residents_end_category(state: State<'_, AppState>, period_id: i32, end_date: NaiveDate) -> Result<()> {
    let (desk, actor) = state.signed_in().await?;
    categories::end(&desk, &actor, period_id, end_date).await
}

#[command]
pub async fn residents_delete_category(state: State<'_, AppState>, period_id: i32) -> Result<()> {
    let (desk, actor) = state.signed_in().await?;
    categories::delete(&desk, &actor, period_id).await
}

#[command]
pub async fn residents_add_relation(state: State<'_, AppState>, resident_id: i32, relation: NewRelation) -> Result<()> {
    let (desk, actor) = state.signed_in().await?;
    relations::add(&desk, &actor, resident_id, relation).await
}

#[command]
pub async fn residents_remove_relation(state: State<'_, AppState>, relation_id: i32) -> Result<()> {
    let (desk, actor) = state.signed_in().await?;
    relations::remove(&desk, &actor, relation_id).await
}

#[command]
pub async fn residents_import_preview(state: State<'_, AppState>, path: String) -> Result<ImportPreview> {
    let (desk, actor) = state.signed_in().await?;
    let (name, bytes) = import::read_file(Path::new(&path))?;
    import::preview(&desk, &actor, &name, &bytes).await
}

#[command]
pub async fn residents_import_commit(state: State<'_, AppState>, path: String) -> Result<ImportResult> {
    let (desk, actor) = state.signed_in().await?;
    let (name, bytes) = import::read_file(Path::new(&path))?;
    import::commit(&desk, &actor, &name, &bytes).await
}

#[command]
pub async fn residents_import_report(state: State<'_, AppState>, path: String, save_path: String) -> Result<()> {
    let (desk, actor) = state.signed_in().await?;
    let (name, bytes) = import::read_file(Path::new(&path))?;
    let report = import::report_xlsx(&desk, &actor, &name, &bytes).await?;
    Ok(std::fs::write(save_path, report)?)
}

#[command]
pub async fn residents_template(state: State<'_, AppState>, save_path: String) -> Result<()> {
    // Only signed-in users; the template itself holds no personal data.
    let _signed_in = state.signed_in().await?;
    Ok(std::fs::write(save_path, import::template_xlsx()?)?)
}

#[command]
pub async fn residents_export(state: State<'_, AppState>, query: ResidentQuery, reveal: bool, save_path: String) -> Result<ExportSummary> {
    let (desk, actor) = state.signed_in().await?;
    export::export_xlsx(&desk, &actor, &query, reveal, Path::new(&save_path)).await
}

register!(
    residents_search,
    residents_get,
    residents_services,
    residents_relations_to_head,
    residents_check_id,
    residents_create,
    residents_update,
    residents_change_status,
    residents_reveal,
    residents_category_types,
    residents_add_category_type,
    residents_set_category_type_active,
    residents_add_category,
    residents_end_category,
    residents_delete_category,
    residents_add_relation,
    residents_remove_relation,
    residents_import_preview,
    residents_import_commit,
    residents_import_report,
    residents_template,
    residents_export,
);
