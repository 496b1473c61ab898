import { describe, expect, it } from "vitest";
import {
  endOutage,
  formatDuration,
  formatOutageReport,
  noteJobsAffected,
  type OutageHistory,
  startOutage,
} from "../../../plugin/resilience/index.js";
import { T0 } from "./helpers.js";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

describe("formatDuration", () => {
  it.each([
    [-5, "0s"],
    [999, "0s"],
    [59_999, "59s"],
    [61_000, "1m 1s"],
    [HOUR + 5 * MIN + 7_000, "1h 5m"],
    [2 * DAY + 14 * HOUR + 3 * MIN, "2d 14h"],
    [Number.NaN, "0s"],
  ])("%d ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatOutageReport", () => {
  it("says so when there is nothing to report", () => {
    expect(formatOutageReport([], { now: T0, breakerClosed: true })).toEqual(["No outages recorded"]);
  });

  it("prints the summary and the records newest first, with an ongoing outage", () => {
    let h: OutageHistory = [];
    h = endOutage(startOutage(h, T0, { reason: "server_down" }), T0 + 10 * MIN);
    h = endOutage(
      startOutage(h, T0 + 10 * MIN + 2 * HOUR, { reason: "maintenance" }),
      T0 + 2 * HOUR + 30 * MIN,
    );
    h = noteJobsAffected(startOutage(h, T0 + 6 * HOUR, { reason: "timeout" }), 4);
    const now = T0 + 6 * HOUR + 5 * MIN + 3_000;
    expect(formatOutageReport(h, { now, breakerClosed: false, windowMs: DAY })).toEqual([
      "=== Outage Summary ===",
      "Outages tracked: 3 (2 completed)",
      "Total downtime: 30m 0s",
      "MTTR: 15m 0s",
      "MTBF: 2h 0m",
      "Availability (last 1 day): 97.57%",
      "ONGOING: started 5m 3s ago",
      "Recent outages (newest first):",
      "1. 2025-01-01 18:00:00 UTC - ONGOING (5m 3s), reason=timeout, jobs_affected=4",
      "2. 2025-01-01 14:10:00 UTC - 20m 0s, reason=maintenance",
      "3. 2025-01-01 12:00:00 UTC - 10m 0s, reason=server_down",
    ]);
  });

  it("an outage left open after the breaker closed reads as resolved, never as ONGOING 2d 14h", () => {
    const h = startOutage([], T0);
    const lines = formatOutageReport(h, { now: T0 + 2 * DAY + 14 * HOUR, breakerClosed: true });
    expect(lines.join("\n")).not.toContain("ONGOING");
    expect(lines.at(-1)).toBe("1. 2025-01-01 12:00:00 UTC - resolved — circuit closed, end not recorded");
    expect(lines).toContain("Availability (last 30 days): 100.00%");
  });

  it("lists at most 10 records and keeps every line short enough for the log window", () => {
    let h: OutageHistory = [];
    for (let i = 0; i < 30; i++) {
      h = noteJobsAffected(startOutage(h, T0 + i * HOUR, { reason: "server_down" }), 12_345);
      h = endOutage(h, T0 + i * HOUR + 3 * DAY);
    }
    const lines = formatOutageReport(h, { now: T0 + 40 * DAY, breakerClosed: true });
    expect(lines.filter((l) => /^\d+\. /.test(l))).toHaveLength(10);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });
});
