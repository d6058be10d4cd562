import { describe, expect, it } from "vitest";
import { formatDateTime, formatSize, formatTime } from "../src/utils/format";

describe("format", () => {
  it("shows UTC timestamps in Beijing time, whatever the PC's zone", () => {
    expect(formatDateTime("2026-11-28T12:00:05Z")).toBe("2026-11-28 20:00:05");
    expect(formatDateTime("2026-11-27T17:30:00Z")).toBe("2026-11-28 01:30:00");
    expect(formatTime("2026-11-28T12:00:05Z")).toBe("20:00");
    expect(formatDateTime(null)).toBe("");
  });

  it("formats sizes in KB/MB", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(2048)).toBe("2.0 KB");
    expect(formatSize(812345)).toBe("793 KB");
    expect(formatSize(3456789)).toBe("3.3 MB");
  });
});
