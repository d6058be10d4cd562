import { ElMessage, ElMessageBox } from "element-plus";
import { isSessionError } from "../api/invoke";
import { t } from "../i18n";
import { errorMessage } from "./errors";

/** Shows the core's message; session errors are left to the lock overlay / login redirect. */
export function showError(e: unknown): void {
  if (isSessionError(e)) return;
  ElMessage.error({ message: errorMessage(e), showClose: true, duration: 5000 });
}

export function showSuccess(message: string): void {
  ElMessage.success(message);
}

/** Confirmation naming the object; resolves false when the user declines. */
export async function confirmAction(opts: {
  message: string;
  title?: string;
  confirmText?: string;
  danger?: boolean;
}): Promise<boolean> {
  try {
    await ElMessageBox.confirm(opts.message, opts.title ?? t("common.confirmTitle"), {
      confirmButtonText: opts.confirmText ?? t("common.confirm"),
      cancelButtonText: t("common.cancel"),
      type: opts.danger ? "warning" : "info",
      confirmButtonClass: opts.danger ? "el-button--danger" : undefined,
      closeOnClickModal: false,
      autofocus: false,
    });
    return true;
  } catch {
    return false;
  }
}

/** "Unsaved changes — discard?" */
export function confirmDiscard(): Promise<boolean> {
  return confirmAction({
    title: t("common.discardTitle"),
    message: t("common.discardMessage"),
    confirmText: t("common.discard"),
    danger: true,
  });
}
