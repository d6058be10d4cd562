import type { SessionInfo } from "../bindings/SessionInfo";
import type { UserInfo } from "../bindings/UserInfo";
import { call } from "./invoke";

export function login(username: string, password: string): Promise<SessionInfo> {
  return call<SessionInfo>("auth_login", { username, password });
}

export function logout(): Promise<null> {
  return call<null>("auth_logout");
}

export function lock(): Promise<null> {
  return call<null>("auth_lock");
}

export function unlock(password: string): Promise<SessionInfo> {
  return call<SessionInfo>("auth_unlock", { password });
}

export function touch(): Promise<null> {
  return call<null>("auth_touch");
}

export function setLargeText(enabled: boolean): Promise<UserInfo> {
  return call<UserInfo>("auth_set_large_text", { enabled });
}
