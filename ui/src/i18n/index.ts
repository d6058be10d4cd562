import zhCN, { type Messages } from "./zh-CN";

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every valid message key, e.g. "login.submit". */
export type MessageKey = Leaves<Messages>;

const messages: Messages = zhCN;

/** Look up a UI string; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let value: unknown = messages;
  for (const part of key.split(".")) {
    value = (value as Record<string, unknown> | undefined)?.[part];
  }
  let text = typeof value === "string" ? value : key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  }
  return text;
}
