import { call } from "./invoke";

/** Newest first. */
export function listBackups() {
  return call("backups_list");
}

export function createBackup() {
  return call("backups_create");
}

/** Ends the session on success: the caller must go to the login page. */
export function restoreBackup(fileName: string) {
  return call("backups_restore", { fileName });
}
