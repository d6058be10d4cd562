import type { SetupRequest } from "../bindings/SetupRequest";
import { call } from "./invoke";

export function appStatus() {
  return call("app_status");
}

/** Args `{ officeName, adminUsername, password, passwordConfirm }`. */
export function setupInitialize(args: SetupRequest) {
  return call("setup_initialize", { ...args });
}
