import { describe, expect, it } from "vitest";
import {
  availability,
  currentOutageDuration,
  endOutage,
  noteJobsAffected,
  OUTAGE_HISTORY_LIMIT,
  type OutageHistory,
  outageMetrics,
  parseOutageHistory,
  startOutage,
} from "../../../plugin/resilience/index.js";
import { T0 } from "./helpers.js";

const MIN = 60_000;
const HOUR = 3_600_000;

/** Three outages: 10 min, then 2 h up, 20 min, then 4 h up, 30 min. */
function knownHistory(): OutageHistory {
  let h: OutageHistory = [];
  h = endOutage(startOutage(h, T0), T0 + 10 * MIN);
  h = endOutage(startOutage(h, T0 + 10 * MIN + 2 * HOUR), T0 + 30 * MIN + 2 * HOUR);
  h = endOutage(startOutage(h, T0 + 30 * MIN + 6 * HOUR), T0 + 60 * MIN + 6 * HOUR);
  return h;
}

describe("outage history", () => {
  it("one record per outage: a second start while one is open changes nothing", () => {
    let h = startOutage([], T0, { reason: "server_down" });
    h = startOutage(h, T0 + 61_000);
    h = startOutage(h, T0 + 122_000);
    expect(h).toEqual([{ start: T0, end: null, jobsAffected: 0, reason: "server_down" }]);
    h = noteJobsAffected(h, 3);
    h = endOutage(h, T0 + 200_000);
    expect(h).toEqual([{ start: T0, end: T0 + 200_000, jobsAffected: 3, reason: "server_down" }]);
    expect(endOutage(h, T0 + 300_000)).toBe(h);
    expect(noteJobsAffected(h, 5)).toBe(h);
  });

  it("keeps the newest 30 records", () => {
    let h: OutageHistory = [];
    for (let i = 0; i < 35; i++) h = endOutage(startOutage(h, T0 + i * HOUR), T0 + i * HOUR + MIN);
    expect(h).toHaveLength(OUTAGE_HISTORY_LIMIT);
    expect(h[0]?.start).toBe(T0 + 5 * HOUR);
  });

  it("MTTR, MTBF (end → next start) and total downtime on a known sequence", () => {
    const m = outageMetrics(knownHistory(), T0 + 10 * HOUR, true);
    expect(m).toMatchObject({
      total: 3,
      completed: 3,
      totalDowntimeMs: 60 * MIN,
      current: null,
      stale: null,
    });
    expect(m.mttrMs).toBe(20 * MIN);
    expect(m.mtbfMs).toBe(3 * HOUR);
  });

  it("MTTR leaves out the open record; MTBF needs two completed outages", () => {
    const one = endOutage(startOutage([], T0), T0 + 5 * MIN);
    const ongoing = startOutage(one, T0 + HOUR);
    const m = outageMetrics(ongoing, T0 + HOUR + 7 * MIN, false);
    expect(m.mttrMs).toBe(5 * MIN);
    expect(m.mtbfMs).toBeNull();
    expect(m.current).toEqual({ start: T0 + HOUR, durationMs: 7 * MIN, jobsAffected: 0 });
    expect(currentOutageDuration(ongoing, T0 + HOUR + 7 * MIN, false)).toBe(7 * MIN);
  });

  it("an open record while the breaker is closed is stale, not ongoing", () => {
    const h = startOutage([], T0);
    const m = outageMetrics(h, T0 + 2 * 86_400_000, true);
    expect(m.current).toBeNull();
    expect(m.stale).toEqual(h[0]);
    expect(currentOutageDuration(h, T0 + HOUR, true)).toBeNull();
    expect(availability(h, T0 + HOUR, 2 * HOUR, true)).toBe(1);
  });

  it("availability counts only the overlap with the window, and an ongoing outage until now", () => {
    const h = knownHistory();
    const now = T0 + 10 * HOUR;
    expect(availability(h, now, 10 * HOUR, true)).toBeCloseTo(1 - 1 / 10, 10);
    // the window starts 5 minutes into the first outage
    expect(availability(h, now, 10 * HOUR - 5 * MIN, true)).toBeCloseTo(1 - 55 / 595, 10);
    // the last 3 h 30 min hold only the 30-minute outage
    expect(availability(h, now, 3.5 * HOUR + 30 * MIN, true)).toBeCloseTo(1 - 30 / 240, 10);
    const ongoing = startOutage(h, now - 30 * MIN);
    expect(availability(ongoing, now, HOUR, false)).toBeCloseTo(0.5, 10);
  });

  it("parses saved histories record by record: bad records are dropped, never crash", () => {
    const saved = [
      { start: T0 + HOUR, end: T0 + HOUR + MIN, jobsAffected: 2 },
      { start: "yesterday", end: null, jobsAffected: 0 },
      { start: T0 + 2 * HOUR, end: T0, jobsAffected: 0 },
      null,
      { start: T0, end: T0 + MIN, jobsAffected: 0, machineIdentifier: "abc" },
    ];
    const { history, dropped } = parseOutageHistory(JSON.parse(JSON.stringify(saved)));
    expect(dropped).toBe(3);
    expect(history.map((r) => r.start)).toEqual([T0, T0 + HOUR]);
    expect(parseOutageHistory({ not: "an array" })).toEqual({ history: [], dropped: 1 });
    expect(parseOutageHistory(null)).toEqual({ history: [], dropped: 0 });
  });
});
