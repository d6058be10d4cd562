import { AppError } from "../api/invoke";

/**
 * The Chinese message to show for anything a command (or the window itself) threw. The core's
 * message is shown as it is; `AppError.from` turns a bare Tauri string or a missing core into
 * one, so every screen words the same failure the same way.
 */
export function errorMessage(e: unknown): string {
  return AppError.from(e).message;
}
