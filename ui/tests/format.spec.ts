import { describe, expect, it } from "vitest";
import { formatDateTime, formatSize, formatTime, isFuture } from "../src/utils/format";

describe("format", () => {
  it("shows UTC timestamps in local time", () => {
    const iso = "2026-11-28T12:00:05Z";
    const d = new Date(iso);
    const pad = (n: number) => String(n).padStart(2, "0");
    expect(formatDateTime(iso)).toBe(
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:05`,
    );
    expect(formatTime(iso)).toBe(`${pad(d.getHours())}:${pad(d.getMinutes())}`);
    expect(formatDateTime(null)).toBe("");
  });

  it("formats sizes in KB/MB", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(2048)).toBe("2.0 KB");
    expect(formatSize(812345)).toBe("793 KB");
    expect(formatSize(3456789)).toBe("3.3 MB");
  });

  it("knows future lock times", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    expect(isFuture("2026-11-28T12:20:00Z", now)).toBe(true);
    expect(isFuture("2026-11-28T11:20:00Z", now)).toBe(false);
    expect(isFuture(null, now)).toBe(false);
  });
});
