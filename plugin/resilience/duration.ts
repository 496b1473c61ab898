/**
 * Durations for log lines, as the original plugin's `format_duration` writes them: "<0" → "0s"; ≥ 1 day
 * "Xd Yh"; ≥ 1 h "Xh Ym"; ≥ 1 min "Xm Ys"; else "Xs" (whole seconds, rounded down).
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "0s";
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${seconds % 60}s`;
  return `${seconds}s`;
}

/** "5m 3s ago"; a time in the future (clock skew between processes) reads "just now". */
export function formatElapsedSince(then: number, now: number): string {
  return now - then < 1000 ? "just now" : `${formatDuration(now - then)} ago`;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC (log lines must not depend on the host's time zone). */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}
