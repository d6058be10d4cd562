import type { CategoryType } from "../bindings/CategoryType";
import type { ExportSummary } from "../bindings/ExportSummary";
import type { IdNumberCheck } from "../bindings/IdNumberCheck";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportResult } from "../bindings/ImportResult";
import type { NewCategoryPeriod } from "../bindings/NewCategoryPeriod";
import type { NewRelation } from "../bindings/NewRelation";
import type { ResidentDetail } from "../bindings/ResidentDetail";
import type { ResidentInput } from "../bindings/ResidentInput";
import type { ResidentPage } from "../bindings/ResidentPage";
import type { ResidentQuery } from "../bindings/ResidentQuery";
import type { RevealedContact } from "../bindings/RevealedContact";
import type { StatusChange } from "../bindings/StatusChange";
import { call } from "./invoke";

// ---- registry ----

/** One page of residents; ID numbers and phones are masked. */
export function searchResidents(query: ResidentQuery): Promise<ResidentPage> {
  return call<ResidentPage>("residents_search", { query });
}

export function getResident(id: number): Promise<ResidentDetail> {
  return call<ResidentDetail>("residents_get", { id });
}

/** What an ID number as typed tells (normalised number, birth date, sex, age); rejects with field `idNumber`. */
export function checkIdNumber(text: string): Promise<IdNumberCheck> {
  return call<IdNumberCheck>("residents_check_id", { text });
}

export function createResident(input: ResidentInput): Promise<ResidentDetail> {
  return call<ResidentDetail>("residents_create", { input });
}

/** The masked ID number / phone sent back unchanged means "unchanged". */
export function updateResident(id: number, input: ResidentInput): Promise<ResidentDetail> {
  return call<ResidentDetail>("residents_update", { id, input });
}

export function changeResidentStatus(id: number, change: StatusChange): Promise<ResidentDetail> {
  return call<ResidentDetail>("residents_change_status", { id, change });
}

/** Full ID number and phone; every call is written to the audit log. */
export function revealResident(id: number): Promise<RevealedContact> {
  return call<RevealedContact>("residents_reveal", { id });
}

// ---- categories ----

export function listCategoryTypes(): Promise<CategoryType[]> {
  return call<CategoryType[]>("residents_category_types");
}

export function addCategoryType(name: string): Promise<CategoryType> {
  return call<CategoryType>("residents_add_category_type", { name });
}

export function setCategoryTypeActive(id: number, active: boolean): Promise<CategoryType> {
  return call<CategoryType>("residents_set_category_type_active", { id, active });
}

export function addCategoryPeriod(residentId: number, period: NewCategoryPeriod): Promise<void> {
  return call<void>("residents_add_category", { residentId, period });
}

export function endCategoryPeriod(periodId: number, endDate: string): Promise<void> {
  return call<void>("residents_end_category", { periodId, endDate });
}

export function deleteCategoryPeriod(periodId: number): Promise<void> {
  return call<void>("residents_delete_category", { periodId });
}

// ---- relations ----

export function addRelation(residentId: number, relation: NewRelation): Promise<void> {
  return call<void>("residents_add_relation", { residentId, relation });
}

export function removeRelation(relationId: number): Promise<void> {
  return call<void>("residents_remove_relation", { relationId });
}

// ---- import / export ----

/** Dry run: nothing is written. */
export function previewImport(path: string): Promise<ImportPreview> {
  return call<ImportPreview>("residents_import_preview", { path });
}

/** Writes all rows without errors in one transaction. */
export function commitImport(path: string): Promise<ImportResult> {
  return call<ImportResult>("residents_import_commit", { path });
}

/** Writes the file's rows plus an outcome and an error column to `savePath` (.xlsx). */
export function saveImportReport(path: string, savePath: string): Promise<void> {
  return call<void>("residents_import_report", { path, savePath });
}

export function saveImportTemplate(savePath: string): Promise<void> {
  return call<void>("residents_template", { savePath });
}

/** `reveal` writes full ID numbers and phones (audited; only for roles that may reveal). */
export function exportResidents(query: ResidentQuery, reveal: boolean, savePath: string): Promise<ExportSummary> {
  return call<ExportSummary>("residents_export", { query, reveal, savePath });
}

/** The values 与户主关系 accepts, head of household (户主) first. */
export function relationsToHead(): Promise<string[]> {
  return call<string[]>("residents_relations_to_head");
}
