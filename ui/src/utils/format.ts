const pad = (n: number) => String(n).padStart(2, "0");

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** UTC ISO timestamp → local "YYYY-MM-DD HH:mm:ss". */
export function formatDateTime(iso: string | null | undefined): string {
  const d = parse(iso);
  if (!d) return iso ?? "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** UTC ISO timestamp → local "YYYY-MM-DD HH:mm". */
export function formatDateTimeShort(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 16);
}

/** UTC ISO timestamp → local "HH:mm". */
export function formatTime(iso: string | null | undefined): string {
  const d = parse(iso);
  if (!d) return iso ?? "";
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** True when the ISO timestamp lies in the future. */
export function isFuture(iso: string | null | undefined, now: Date = new Date()): boolean {
  const d = parse(iso);
  return d !== null && d.getTime() > now.getTime();
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
