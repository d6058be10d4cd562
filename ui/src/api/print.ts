import { call } from "./invoke";

/** Opens a printout (a `PrintedFile.path`) in the system's PDF viewer. */
export function openPrinted(path: string): Promise<void> {
  return call<void>("print_open", { path });
}

/** Copies a printout to `savePath` (from `files_choose_save` with kind "pdf"). */
export function savePrintedAs(path: string, savePath: string): Promise<void> {
  return call<void>("print_save_as", { path, savePath });
}
