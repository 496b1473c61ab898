import type * as z from "zod/mini";

/** A JSON column's value, or null when absent or not JSON. */
export function parseJson(text: string | null | undefined): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * A JSON column checked with zod when read back (another plugin version may have written it): null when absent
 * or when it fails, so a bad row is skipped, never acted on.
 */
export function parseRow<T>(schema: z.ZodMiniType<T>, text: string | null | undefined): T | null {
  if (text == null) return null;
  const parsed = schema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}
