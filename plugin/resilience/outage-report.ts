/**
 * The "Outage Summary Report" task's lines (the original plugin's task of that name,
 * https://github.com/trek-e/Stash2Plex), short enough for Stash's log window.
 * Differences from the original, on purpose:
 *  - availability is measured over a window (default 30 days) including an ongoing outage, instead of
 *    MTBF / (MTBF + MTTR), which ignored the ongoing outage and read 100 % when MTBF was 0;
 *  - a record left open while the circuit is closed reads "resolved — circuit closed", not ONGOING;
 *  - times are UTC and say so (the original printed host-local time without a zone).
 */
import { formatDuration, formatElapsedSince, formatTimestamp } from "./duration.js";
import { availability, type OutageHistory, type OutageRecord, outageMetrics } from "./outages.js";

export interface OutageReportOptions {
  now: number;
  breakerClosed: boolean;
  /** Availability window; default 30 days. */
  windowMs?: number;
  /** Records listed, newest first; default 10. */
  listLimit?: number;
}

const DAY_MS = 86_400_000;

function recordLine(
  index: number,
  record: OutageRecord,
  isNewest: boolean,
  options: OutageReportOptions,
): string {
  let outcome: string;
  if (record.end !== null) outcome = formatDuration(record.end - record.start);
  else if (!isNewest) outcome = "end not recorded";
  else if (options.breakerClosed) outcome = "resolved — circuit closed, end not recorded";
  else outcome = `ONGOING (${formatDuration(options.now - record.start)})`;
  const extras = [
    record.reason ? `reason=${record.reason}` : null,
    record.jobsAffected > 0 ? `jobs_affected=${record.jobsAffected}` : null,
  ].filter((x): x is string => x !== null);
  const tail = extras.length > 0 ? `, ${extras.join(", ")}` : "";
  return `${index}. ${formatTimestamp(record.start)} UTC - ${outcome}${tail}`;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

export function formatOutageReport(history: OutageHistory, options: OutageReportOptions): string[] {
  if (history.length === 0) return ["No outages recorded"];
  const { now, breakerClosed } = options;
  const windowMs = options.windowMs ?? 30 * DAY_MS;
  const metrics = outageMetrics(history, now, breakerClosed);
  const lines = [
    "=== Outage Summary ===",
    `Outages tracked: ${metrics.total} (${metrics.completed} completed)`,
    `Total downtime: ${formatDuration(metrics.totalDowntimeMs)}`,
  ];
  if (metrics.mttrMs !== null) lines.push(`MTTR: ${formatDuration(metrics.mttrMs)}`);
  if (metrics.mtbfMs !== null) lines.push(`MTBF: ${formatDuration(metrics.mtbfMs)}`);
  const days = windowMs / DAY_MS;
  const windowLabel = Number.isInteger(days)
    ? `${days} day${days === 1 ? "" : "s"}`
    : formatDuration(windowMs);
  lines.push(
    `Availability (last ${windowLabel}): ${percent(availability(history, now, windowMs, breakerClosed))}`,
  );
  if (metrics.current) lines.push(`ONGOING: started ${formatElapsedSince(metrics.current.start, now)}`);
  const newestFirst = [...history].reverse().slice(0, options.listLimit ?? 10);
  lines.push("Recent outages (newest first):");
  newestFirst.forEach((record, i) => {
    lines.push(recordLine(i + 1, record, i === 0, options));
  });
  return lines;
}
