/** Zod-free lenient readers shared by the settings schema and the hook path (which must start fast). */
export const BOOL_TRUE = new Set(["true", "1", "yes", "on"]);
export const BOOL_FALSE = new Set(["false", "0", "no", "off"]);

/** true/false, "yes"/"no"/"1"/"0"/"on"/"off" (any case), 1/0; anything else → undefined. */
export function lenientBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === 1) return true;
  if (value === 0) return false;
  if (typeof value === "string") {
    const s = value.trim().toLowerCase();
    if (BOOL_TRUE.has(s)) return true;
    if (BOOL_FALSE.has(s)) return false;
  }
  return undefined;
}
