import type { NewCategoryPeriod } from "../bindings/NewCategoryPeriod";
import type { NewRelation } from "../bindings/NewRelation";
import type { ResidentInput } from "../bindings/ResidentInput";
import type { ResidentQuery } from "../bindings/ResidentQuery";
import type { StatusChange } from "../bindings/StatusChange";
import { call } from "./invoke";

// ---- registry ----

/** One page of residents; ID numbers and phones are masked. */
export function searchResidents(query: ResidentQuery) {
  return call("residents_search", { query });
}

export function getResident(id: number) {
  return call("residents_get", { id });
}

/** The resident's 服务记录 from every module, as far as the signed-in role may see them. */
export function residentServices(id: number) {
  return call("residents_services", { id });
}

/** What an ID number as typed tells (normalised number, birth date, sex, age); rejects with field `idNumber`. */
export function checkIdNumber(text: string) {
  return call("residents_check_id", { text });
}

export function createResident(input: ResidentInput) {
  return call("residents_create", { input });
}

/** The masked ID number / phone sent back unchanged means "unchanged". */
export function updateResident(id: number, input: ResidentInput) {
  return call("residents_update", { id, input });
}

export function changeResidentStatus(id: number, change: StatusChange) {
  return call("residents_change_status", { id, change });
}

/** Full ID number and phone; every call is written to the audit log. */
export function revealResident(id: number) {
  return call("residents_reveal", { id });
}

// ---- categories ----

export function listCategoryTypes() {
  return call("residents_category_types");
}

export function addCategoryType(name: string) {
  return call("residents_add_category_type", { name });
}

export function setCategoryTypeActive(id: number, active: boolean) {
  return call("residents_set_category_type_active", { id, active });
}

export function addCategoryPeriod(residentId: number, period: NewCategoryPeriod) {
  return call("residents_add_category", { residentId, period });
}

export function endCategoryPeriod(periodId: number, endDate: string) {
  return call("residents_end_category", { periodId, endDate });
}

export function deleteCategoryPeriod(periodId: number) {
  return call("residents_delete_category", { periodId });
}

// ---- relations ----

export function addRelation(residentId: number, relation: NewRelation) {
  return call("residents_add_relation", { residentId, relation });
}

export function removeRelation(relationId: number) {
  return call("residents_remove_relation", { relationId });
}

// ---- import / export ----

/** Dry run: nothing is written. */
export function previewImport(path: string) {
  return call("residents_import_preview", { path });
}

/** Writes all rows without errors in one transaction. */
export function commitImport(path: string) {
  return call("residents_import_commit", { path });
}

/** Writes the file's rows plus an outcome and an error column to `savePath` (.xlsx). */
export function saveImportReport(path: string, savePath: string) {
  return call("residents_import_report", { path, savePath });
}

export function saveImportTemplate(savePath: string) {
  return call("residents_template", { savePath });
}

/** `reveal` writes full ID numbers and phones (audited; only for roles that may reveal). */
export function exportResidents(query: ResidentQuery, reveal: boolean, savePath: string) {
  return call("residents_export", { query, reveal, savePath });
}

/** The values 与户主关系 accepts, head of household (户主) first. */
export function relationsToHead() {
  return call("residents_relations_to_head");
}
