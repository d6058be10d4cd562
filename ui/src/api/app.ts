import type { AppStatus } from "../bindings/AppStatus";
import type { SetupRequest } from "../bindings/SetupRequest";
import { call } from "./invoke";

export function appStatus(): Promise<AppStatus> {
  return call<AppStatus>("app_status");
}

/** Args `{ officeName, adminUsername, password, passwordConfirm }`. */
export function setupInitialize(args: SetupRequest): Promise<null> {
  return call<null>("setup_initialize", { ...args });
}
