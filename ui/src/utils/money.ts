/**
 * Money is integer 分 everywhere. These only format and convert what the user types; prices,
 * subsidies and totals always come from the core.
 */

/** 1250 → "¥12.50"; negative amounts keep their sign ("-¥3.00"). */
export function formatMoney(fen: number | null | undefined): string {
  if (fen == null || !Number.isFinite(fen)) return "";
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, "0");
  return `${sign}¥${yuan}.${cents}`;
}

/** 1250 → 12.5 (for a yuan input showing a stored amount). */
export function fenToYuan(fen: number | null | undefined): number | null {
  if (fen == null || !Number.isFinite(fen)) return null;
  return fen / 100;
}

/** A yuan amount as typed (12.5, "12.50", "１２") → 1250 分, rounded to whole 分; empty → null. */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan == null) return null;
  const text =
    typeof yuan === "number"
      ? String(yuan)
      : yuan.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (text === "") return null;
  const n = Number(text);
  if (!Number.isFinite(n)) return null;
  // 12.35 * 100 is 1234.9999…: round the float error away before rounding to whole 分.
  return Math.round(Number((n * 100).toFixed(6)));
}
