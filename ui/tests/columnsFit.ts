import { afterEach } from "vitest";
import type { Pinia } from "pinia";
import { BESIDE_CARD, SCROLLBAR } from "../src/composables/useCompactColumns";
import { useSessionStore } from "../src/stores/session";
import { LARGE_TEXT_SCALE } from "../src/utils/scale";

/** The width a 1366-wide window leaves a list's table in 大字模式 (the estimate of useCompactColumns). */
export const LARGE_1366_TABLE = 1366 - Math.round(BESIDE_CARD * LARGE_TEXT_SCALE) - SCROLLBAR;

/** A 1366-wide window, with 大字模式 on for the signed-in user of `pinia`; the window is put back after the test. */
export function largeTextAt1366(pinia: Pinia): Pinia {
  window.innerWidth = 1366;
  useSessionStore(pinia).session!.user.largeText = true;
  return pinia;
}
afterEach(() => {
  window.innerWidth = 1024;
});

/** A wide window, where every list shows its full column set. */
export function wideWindow() {
  window.innerWidth = 1920;
}

/**
 * The widths el-table gave the body columns of `table` (a data-test name). happy-dom lays nothing out,
 * so these are the columns' own (minimum) widths: the table scrolls sideways when they add up to more
 * than it has.
 */
export function columnWidths(table: string): number[] {
  const cols = document.querySelectorAll(`[data-test="${table}"] .el-table__body colgroup col`);
  return [...cols].map((c) => Number(c.getAttribute("width")));
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function headers(table: string): string[] {
  return [...document.querySelectorAll(`[data-test="${table}"] .el-table__header th`)].map(
    (th) => th.textContent?.trim() ?? "",
  );
}
