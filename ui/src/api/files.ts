import { call } from "./invoke";

/**
 * The dialog filters the core offers (`FileKind` in src-tauri/src/commands/files.rs, which has no
 * generated binding): spreadsheet = .xlsx/.xls/.csv/.et, xlsx = Excel workbook, pdf.
 */
export type OpenFileKind = "spreadsheet" | "xlsx" | "pdf";

/** Native "open" dialog; resolves `null` when the user cancels. */
export function chooseOpenFile(kind: OpenFileKind): Promise<string | null> {
  return call<string | null>("files_choose_open", { kind });
}

/** Native "save as" dialog with a suggested file name; resolves `null` when the user cancels. */
export function chooseSaveFile(kind: OpenFileKind, suggestedName: string): Promise<string | null> {
  return call<string | null>("files_choose_save", { kind, suggestedName });
}
