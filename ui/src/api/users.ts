import type { NewUser } from "../bindings/NewUser";
import type { Role } from "../bindings/Role";
import { call } from "./invoke";

export function listUsers() {
  return call("users_list");
}

export function listRoles() {
  return call("users_roles");
}

/** Args `{ username, displayName, role, password }`. */
export function addUser(args: NewUser) {
  return call("users_add", { ...args });
}

export function setUserDisabled(id: number, disabled: boolean) {
  return call("users_set_disabled", { id, disabled });
}

export function resetUserPassword(id: number, password: string) {
  return call("users_reset_password", { id, password });
}

export function setUserRole(id: number, role: Role) {
  return call("users_set_role", { id, role });
}
