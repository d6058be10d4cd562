import type { FormItemRule } from "element-plus";
import { t } from "../i18n";

export const PASSWORD_MIN = 8;

/** Required text field, checked as you type ("请填写{name}", or `message`). */
export function requiredRule(name: string, message?: string): FormItemRule {
  return {
    trigger: ["change", "blur"],
    validator: (_rule, value: unknown, cb) => {
      if (typeof value !== "string" || value.trim() === "") cb(new Error(message ?? t("common.required", { name })));
      else cb();
    },
  };
}

/** Required choice ("请选择{name}"). */
export function requiredChoiceRule(name: string): FormItemRule {
  return requiredRule(name, t("common.requiredChoice", { name }));
}

/** "Password again" must not be empty. */
export function confirmRequiredRule(): FormItemRule {
  return requiredRule("", t("password.confirmRequired"));
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
