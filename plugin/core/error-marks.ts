/**
 * Shared pieces of our typed errors. Errors are recognised by a marker property and a `kind` (never by
 * `instanceof` or class name: copies of a class live in other bundles, and errors cross JSON boundaries).
 */

/** True when `e` carries `marker: true` and one of `kinds` as its `kind`. */
export function hasErrorMarker(
  e: unknown,
  marker: string,
  kinds: readonly string[],
): e is Record<string, unknown> {
  if (typeof e !== "object" || e === null) return false;
  const record = e as Record<string, unknown>;
  return record[marker] === true && typeof record.kind === "string" && kinds.includes(record.kind);
}

/** Undici's timeout codes (connect, headers, body). */
export const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** The first `code` found on an error, its `cause` chain, or an AggregateError's members. */
export function networkErrorCode(e: unknown, depth = 0): string | null {
  if (typeof e !== "object" || e === null || depth > 5) return null;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string") return code;
  const members = (e as { errors?: unknown }).errors;
  if (Array.isArray(members)) {
    for (const member of members) {
      const found = networkErrorCode(member, depth + 1);
      if (found) return found;
    }
  }
  return networkErrorCode((e as { cause?: unknown }).cause, depth + 1);
}
