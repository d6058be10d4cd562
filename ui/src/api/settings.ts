import type { OfficeSettings } from "../bindings/OfficeSettings";
import { call } from "./invoke";

export function getSettings(): Promise<OfficeSettings> {
  return call<OfficeSettings>("settings_get");
}

export function updateSettings(settings: OfficeSettings): Promise<OfficeSettings> {
  return call<OfficeSettings>("settings_update", { settings });
}
