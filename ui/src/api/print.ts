import { call } from "./invoke";

/** Opens a printout (a `PrintedFile.path`) in the system's PDF viewer. */
export function openPrinted(path: string) {
  return call("print_open", { path });
}

/** Copies a printout to `savePath` (from `files_choose_save` with kind "pdf"). */
export function savePrintedAs(path: string, savePath: string) {
  return call("print_save_as", { path, savePath });
}
