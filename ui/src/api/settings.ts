import type { OfficeSettings } from "../bindings/OfficeSettings";
import { call } from "./invoke";

export function getSettings() {
  return call("settings_get");
}

export function updateSettings(settings: OfficeSettings) {
  return call("settings_update", { settings });
}
