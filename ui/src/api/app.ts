import type { AppStatus } from "../bindings/AppStatus";
import { call } from "./invoke";

export function appStatus(): Promise<AppStatus> {
  return call<AppStatus>("app_status");
}

export function setupInitialize(args: {
  officeName: string;
  adminUsername: string;
  password: string;
  passwordConfirm: string;
}): Promise<null> {
  return call<null>("setup_initialize", args);
}
