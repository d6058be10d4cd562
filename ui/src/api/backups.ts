import type { BackupInfo } from "../bindings/BackupInfo";
import { call } from "./invoke";

/** Newest first. */
export function listBackups(): Promise<BackupInfo[]> {
  return call<BackupInfo[]>("backups_list");
}

export function createBackup(): Promise<BackupInfo> {
  return call<BackupInfo>("backups_create");
}

/** Ends the session on success: the caller must go to the login page. */
export function restoreBackup(fileName: string): Promise<null> {
  return call<null>("backups_restore", { fileName });
}
