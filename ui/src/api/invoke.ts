import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { AppError as AppErrorData } from "../bindings/AppError";
import type { Commands } from "../bindings/commands";
import type { ErrorCode } from "../bindings/ErrorCode";
import { t } from "../i18n";

/** Codes the UI reacts to globally (lock overlay / back to the login page). */
export const SESSION_CODES: readonly ErrorCode[] = ["session_locked", "not_logged_in"];

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

  /** Whether this is one of the codes the window branches on (`ErrorCode`, generated from the core). */
  is(code: ErrorCode): boolean {
    return this.code === code;
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
  return e instanceof AppError && SESSION_CODES.some((c) => e.is(c));
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

/** A command of the core, by the name it has in Rust (`ui/src/bindings/commands.ts`). */
export type CommandName = keyof Commands;
/** What a command takes and what it gives, from the generated contract. */
export type ArgsOf<K extends CommandName> = Commands[K]["args"];
export type ResultOf<K extends CommandName> = Commands[K]["result"];
/** Arguments may be left out when the command needs none (or only optional ones). */
type CallArgs<K extends CommandName> = Record<string, never> extends ArgsOf<K> ? [args?: ArgsOf<K>] : [args: ArgsOf<K>];

/**
 * The single place that calls Tauri's `invoke`. Name, arguments and result are the generated
 * contract's, so a command renamed or changed in Rust fails the type check here.
 */
export async function call<K extends CommandName>(command: K, ...args: CallArgs<K>): Promise<ResultOf<K>> {
  try {
    return await invoke<ResultOf<K>>(command, args[0] as InvokeArgs | undefined);
  } catch (e) {
    const err = AppError.from(e);
    if (sessionErrorHandler && isSessionError(err)) sessionErrorHandler(err, command);
    throw err;
  }
}
