import type { FormItemRule } from "element-plus";
import { t } from "../i18n";

export const PASSWORD_MIN = 8;

/** Required text field, checked as you type. */
export function requiredRule(name: string): FormItemRule {
  return {
    trigger: ["change", "blur"],
    validator: (_rule, value: unknown, cb) => {
      if (typeof value !== "string" || value.trim() === "") cb(new Error(t("common.required", { name })));
      else cb();
    },
  };
}

export function passwordRule(): FormItemRule {
  return {
    trigger: ["change", "blur"],
    validator: (_rule, value: unknown, cb) => {
      if (typeof value !== "string" || value.length < PASSWORD_MIN) cb(new Error(t("password.tooShort")));
      else cb();
    },
  };
}

/** "Password again" must equal `other()`. */
export function sameAsRule(other: () => string): FormItemRule {
  return {
    trigger: ["change", "blur"],
    validator: (_rule, value: unknown, cb) => {
      if (value !== other()) cb(new Error(t("password.mismatch")));
      else cb();
    },
  };
}
