import type { FieldValue } from "../../plugin/ops/contracts";

/** "12 s ago", "in 3 min", "2 h ago", "5 d ago" — relative to an injected `now`. */
export function relativeTime(at: number, now: number): string {
  const delta = at - now;
  const abs = Math.abs(delta);
  const [amount, unit] =
    abs < 60_000
      ? [Math.round(abs / 1000), "s"]
      : abs < 3_600_000
        ? [Math.round(abs / 60_000), "min"]
        : abs < 86_400_000
          ? [Math.round(abs / 3_600_000), "h"]
          : [Math.round(abs / 86_400_000), "d"];
  if (amount === 0) return "just now";
  return delta >= 0 ? `in ${amount} ${unit}` : `${amount} ${unit} ago`;
}

export function absoluteTime(at: number): string {
  return new Date(at).toLocaleString();
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

export function formatValue(value: FieldValue): string {
  if (value === null) return "—";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.join(", ");
  return String(value);
}

/**
 * Only http(s) URLs become links; anything else (`javascript:`, `data:`, garbage) is not rendered as a link.
 * Returns the normalised URL or null.
 */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export function formatBytes(size: number | null): string {
  if (size === null) return "size unknown";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
