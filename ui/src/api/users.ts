import type { NewUser } from "../bindings/NewUser";
import type { Role } from "../bindings/Role";
import type { RoleOption } from "../bindings/RoleOption";
import type { UserInfo } from "../bindings/UserInfo";
import { call } from "./invoke";

export function listUsers(): Promise<UserInfo[]> {
  return call<UserInfo[]>("users_list");
}

export function listRoles(): Promise<RoleOption[]> {
  return call<RoleOption[]>("users_roles");
}

/** Args `{ username, displayName, role, password }`. */
export function addUser(args: NewUser): Promise<UserInfo> {
  return call<UserInfo>("users_add", { ...args });
}

export function setUserDisabled(id: number, disabled: boolean): Promise<UserInfo> {
  return call<UserInfo>("users_set_disabled", { id, disabled });
}

export function resetUserPassword(id: number, password: string): Promise<UserInfo> {
  return call<UserInfo>("users_reset_password", { id, password });
}

export function setUserRole(id: number, role: Role): Promise<UserInfo> {
  return call<UserInfo>("users_set_role", { id, role });
}
