import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { AppError as AppErrorData } from "../bindings/AppError";
import { t } from "../i18n";

/** Codes the UI reacts to globally (lock overlay / back to the login page). */
export const SESSION_CODES = ["session_locked", "not_logged_in"] as const;

/**
 * The one error type the UI sees. Built from the core's `{ code, message, field, row }`
 * rejection payload; anything else (a plain string from Tauri itself, a missing core) is
 * wrapped with code `internal` / `no_core`.
 */
export class AppError extends Error implements AppErrorData {
  readonly code: string;
  readonly field: string | null;
  readonly row: number | null;

  constructor(data: AppErrorData) {
    super(data.message);
    this.name = "AppError";
    this.code = data.code;
    this.field = data.field ?? null;
    this.row = data.row ?? null;
  }

  /** The field key without any object prefix ("settings.officeName" → "officeName"). */
  get fieldKey(): string | null {
    if (!this.field) return null;
    const parts = this.field.split(".");
    return parts[parts.length - 1] || null;
  }

  static from(e: unknown): AppError {
    if (e instanceof AppError) return e;
    if (e && typeof e === "object" && "code" in e && "message" in e) {
      const o = e as Record<string, unknown>;
      return new AppError({
        code: String(o.code),
        message: String(o.message),
        field: typeof o.field === "string" && o.field ? o.field : null,
        row: typeof o.row === "number" ? o.row : null,
      });
    }
    if (typeof e === "string") {
      return new AppError({ code: "internal", message: e || t("errors.internal"), field: null, row: null });
    }
    if (!hasCore()) {
      return new AppError({ code: "no_core", message: t("errors.noCore"), field: null, row: null });
    }
    const msg = e instanceof Error && e.message ? e.message : t("errors.internal");
    return new AppError({ code: "internal", message: msg, field: null, row: null });
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** True for errors that the session handler already deals with (lock overlay / login). */
export function isSessionError(e: unknown): boolean {
  return e instanceof AppError && (SESSION_CODES as readonly string[]).includes(e.code);
}

function hasCore(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

type SessionErrorHandler = (err: AppError, command: string) => void;
let sessionErrorHandler: SessionErrorHandler | null = null;

/** Registered once in main.ts: reacts to `session_locked` / `not_logged_in`. */
export function setSessionErrorHandler(handler: SessionErrorHandler | null): void {
  sessionErrorHandler = handler;
}

/** The single place that calls Tauri's `invoke`. */
export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    const err = AppError.from(e);
    if (sessionErrorHandler && isSessionError(err)) sessionErrorHandler(err, command);
    throw err;
  }
}
