/**
 * Times are shown on the office's calendar (Beijing time), the same one the core uses for "today",
 * date filters and backup names, whatever time zone the PC is set to.
 */
const OFFICE_TIME = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function parts(iso: string | null | undefined): Record<string, string> | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(OFFICE_TIME.formatToParts(d).map((p) => [p.type, p.value]));
}

/** UTC ISO timestamp → "YYYY-MM-DD HH:mm:ss" in Beijing time. */
export function formatDateTime(iso: string | null | undefined): string {
  const p = parts(iso);
  if (!p) return iso ?? "";
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** UTC ISO timestamp → "YYYY-MM-DD HH:mm" in Beijing time. */
export function formatDateTimeShort(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 16);
}

/** UTC ISO timestamp → "HH:mm" in Beijing time. */
export function formatTime(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(11, 16);
}

/** Bytes → "512 B", "12.3 KB", "4.5 MB", "1.2 GB". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb.toFixed(kb < 10 ? 1 : 0)} KB`;
  const mb = kb / 1024;
  if (mb < 1024) return `${mb.toFixed(1)} MB`;
  return `${(mb / 1024).toFixed(2)} GB`;
}

/** "2026-11-01" (a calendar date from the core) → "2026年11月1日"; anything else is returned as is. */
export function formatDateCn(date: string | null | undefined): string {
  if (!date) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** "2026-11-01" → "20261101" (for file names). */
export function compactDate(date: string | null | undefined): string {
  return (date ?? "").slice(0, 10).replace(/-/g, "");
}

/** "2026-11-28" → "11月28日" (the short form used in confirmations). */
export function formatMonthDay(date: string | null | undefined): string {
  if (!date) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${Number(m[2])}月${Number(m[3])}日`;
}

/** "2026-11-28" plus `days` (may be negative) → "YYYY-MM-DD", on the calendar, whatever the PC's time zone. */
export function addDays(date: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** Today on the office's calendar (Beijing time), "YYYY-MM-DD". */
export function officeToday(): string {
  return formatDateTime(new Date().toISOString()).slice(0, 10);
}
