/** 大字模式: one CSS variable on :root scales every size (see styles/main.css); no CSS zoom. */
export const LARGE_TEXT_SCALE = 1.25;

export function applyTextScale(large: boolean): void {
  document.documentElement.style.setProperty("--cd-scale", large ? String(LARGE_TEXT_SCALE) : "1");
  document.documentElement.classList.toggle("cd-large-text", large);
}
