import type { FieldValue } from "../../plugin/ops/contracts";

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
