/**
 * Outage history, pure: one record per outage, oldest first, at most 30 (the oldest falls off).
 *
 * The breaker drives it: `opened` starts an outage unless one is already open (so a half-open trial that
 * fails does not start a second record, as the original plugin did), `closed` ends it. A record left open while
 * the breaker says closed (a process died between the two writes) is "stale": shown as resolved, never as
 * ONGOING, and left out of the metrics. Saved values are parsed record by record, so one bad record never
 * breaks the report.
 */
import { z } from "zod";

export const OUTAGE_HISTORY_LIMIT = 30;

export interface OutageRecord {
  start: number;
  end: number | null;
  jobsAffected: number;
  /** The Plex server that was unreachable, when it was known. */
  machineIdentifier?: string;
  /** The failure kind that opened the breaker. */
  reason?: string;
}
export type OutageHistory = readonly OutageRecord[];

const epochMs = z.number().finite().nonnegative();
export const outageRecordSchema = z
  .object({
    start: epochMs,
    end: epochMs.nullable(),
    jobsAffected: z.number().int().nonnegative(),
    machineIdentifier: z.string().min(1).optional(),
    reason: z.string().min(1).optional(),
  })
  .refine((r) => r.end === null || r.end >= r.start, { message: "an outage cannot end before it starts" });

/** Parses a saved history; records that do not fit are dropped and counted. */
export function parseOutageHistory(value: unknown): { history: OutageRecord[]; dropped: number } {
  if (!Array.isArray(value)) return { history: [], dropped: value === null || value === undefined ? 0 : 1 };
  const history: OutageRecord[] = [];
  for (const item of value) {
    const parsed = outageRecordSchema.safeParse(item);
    if (parsed.success) history.push(parsed.data);
  }
  history.sort((a, b) => a.start - b.start);
  return { history: history.slice(-OUTAGE_HISTORY_LIMIT), dropped: value.length - history.length };
}

/** The open record, if the newest record has not ended. */
export function openOutage(history: OutageHistory): OutageRecord | null {
  const last = history.at(-1);
  return last && last.end === null ? last : null;
}

export function startOutage(
  history: OutageHistory,
  now: number,
  details: { machineIdentifier?: string; reason?: string } = {},
): OutageHistory {
  if (openOutage(history)) return history;
  const record: OutageRecord = { start: now, end: null, jobsAffected: 0, ...details };
  return [...history, record].slice(-OUTAGE_HISTORY_LIMIT);
}

export function endOutage(history: OutageHistory, now: number): OutageHistory {
  const open = openOutage(history);
  if (!open) return history;
  return [...history.slice(0, -1), { ...open, end: Math.max(now, open.start) }];
}

/** Adds `count` jobs that had to wait to the open outage (no-op without one). */
export function noteJobsAffected(history: OutageHistory, count: number): OutageHistory {
  const open = openOutage(history);
  if (!open || count <= 0) return history;
  return [...history.slice(0, -1), { ...open, jobsAffected: open.jobsAffected + count }];
}

export interface OutageMetrics {
  total: number;
  completed: number;
  totalDowntimeMs: number;
  /** Mean time to recovery over completed outages; null without one. */
  mttrMs: number | null;
  /** Mean uptime between consecutive completed outages (end → next start); null with fewer than two. */
  mtbfMs: number | null;
  /** The ongoing outage (only while the breaker is not closed). */
  current: { start: number; durationMs: number; jobsAffected: number } | null;
  /** An open record left behind while the breaker is closed. */
  stale: OutageRecord | null;
}

type Completed = OutageRecord & { end: number };

function completedRecords(history: OutageHistory): Completed[] {
  return history.filter((r): r is Completed => r.end !== null);
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function outageMetrics(history: OutageHistory, now: number, breakerClosed: boolean): OutageMetrics {
  const completed = completedRecords(history);
  const durations = completed.map((r) => r.end - r.start);
  const gaps = completed.slice(1).map((r, i) => Math.max(0, r.start - (completed[i]?.end ?? r.start)));
  const open = openOutage(history);
  return {
    total: history.length,
    completed: completed.length,
    totalDowntimeMs: durations.reduce((a, b) => a + b, 0),
    mttrMs: mean(durations),
    mtbfMs: mean(gaps),
    current:
      open && !breakerClosed
        ? { start: open.start, durationMs: Math.max(0, now - open.start), jobsAffected: open.jobsAffected }
        : null,
    stale: open && breakerClosed ? open : null,
  };
}

/**
 * Fraction of [now − windowMs, now] that Plex was up, in 0..1: each outage's overlap with the window is
 * downtime; an ongoing outage runs until now; a stale open record counts nothing (its end is unknown).
 */
export function availability(
  history: OutageHistory,
  now: number,
  windowMs: number,
  breakerClosed: boolean,
): number {
  if (windowMs <= 0) return 1;
  const windowStart = now - windowMs;
  let downtime = 0;
  for (const record of history) {
    const end = record.end ?? (breakerClosed ? null : now);
    if (end === null) continue;
    downtime += Math.max(0, Math.min(end, now) - Math.max(record.start, windowStart));
  }
  return Math.max(0, 1 - downtime / windowMs);
}

/** How long the current outage has lasted, or null when there is none (or the breaker is closed). */
export function currentOutageDuration(
  history: OutageHistory,
  now: number,
  breakerClosed: boolean,
): number | null {
  return outageMetrics(history, now, breakerClosed).current?.durationMs ?? null;
}
