import { call } from "./invoke";

export function login(username: string, password: string) {
  return call("auth_login", { username, password });
}

export function logout() {
  return call("auth_logout");
}

export function lock() {
  return call("auth_lock");
}

export function unlock(password: string) {
  return call("auth_unlock", { password });
}

export function touch() {
  return call("auth_touch");
}

export function setLargeText(enabled: boolean) {
  return call("auth_set_large_text", { enabled });
}
