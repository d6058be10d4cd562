import type { FileKind } from "../bindings/FileKind";
import { call } from "./invoke";

/** Native "open" dialog filtered to `kind`; resolves `null` when the user cancels. */
export function chooseOpenFile(kind: FileKind) {
  return call("files_choose_open", { kind });
}

/** Native "save as" dialog with a suggested file name; resolves `null` when the user cancels. */
export function chooseSaveFile(kind: FileKind, suggestedName: string) {
  return call("files_choose_save", { kind, suggestedName });
}
