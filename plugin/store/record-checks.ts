import type { Job, JobError } from "../queue/job.js";
import type { DeadLetter } from "../queue/transitions.js";

/**
 * Hand-written equivalents of jobSchema / deadLetterSchema for the snapshot's bulk load: zod takes ~100 ms
 * for 10,000 jobs in a fresh process (most of a UI operation's budget), these take a few. They accept only
 * what the schemas accept with no key missing or extra; anything else falls back to the zod parse. A test
 * (snapshot.record-checks.test.ts) keeps `JOB_KEYS` equal to the schema's keys.
 */
export const JOB_KEYS = [
  "id",
  "kind",
  "key",
  "payload",
  "attempts",
  "maxAttempts",
  "runAt",
  "lastError",
  "lockedBy",
  "lockedAt",
  "createdAt",
  "reasons",
  "crashes",
] as const;
const OPTIONAL_JOB_KEYS = new Set<string>(["crashes"]);
const REQUIRED_JOB_KEYS = JOB_KEYS.length - OPTIONAL_JOB_KEYS.size;

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === "object" && v !== null && !Array.isArray(v);
const isNonEmpty = (v: unknown): boolean => typeof v === "string" && v.length > 0;
const isCount = (v: unknown, min: number): boolean => Number.isSafeInteger(v) && (v as number) >= min;
const isNumber = (v: unknown): boolean => Number.isFinite(v);
const stringOrNull = (v: unknown): boolean => v === null || typeof v === "string";
const numberOrNull = (v: unknown): boolean => v === null || isNumber(v);

/** Own enumerable keys, counted without allocating (Object.keys would build an array per record). */
function keyCount(value: Fields): number {
  let n = 0;
  for (const _ in value) n++;
  return n;
}

function hasExactKeys(value: Fields, allowed: ReadonlySet<string>, optional: ReadonlySet<string>): boolean {
  let present = 0;
  for (const key in value) {
    if (!allowed.has(key)) return false;
    if (value[key] === undefined && !optional.has(key)) return false;
    present++;
  }
  let required = 0;
  for (const key of allowed) if (!optional.has(key)) required++;
  return present >= required;
}

export function looksLikeJobError(value: unknown): value is JobError {
  if (!isObject(value) || typeof value.class !== "string" || typeof value.message !== "string") return false;
  for (const key in value) if (key !== "class" && key !== "message" && key !== "detail") return false;
  return true;
}

export function looksLikeJob(value: unknown): value is Job {
  if (!isObject(value)) return false;
  // The typed checks below prove every required key is present; the count then rules out extra keys.
  if (keyCount(value) !== (value.crashes === undefined ? REQUIRED_JOB_KEYS : REQUIRED_JOB_KEYS + 1)) {
    return false;
  }
  return (
    isNonEmpty(value.id) &&
    isNonEmpty(value.kind) &&
    stringOrNull(value.key) &&
    "payload" in value &&
    isCount(value.attempts, 0) &&
    isCount(value.maxAttempts, 1) &&
    isNumber(value.runAt) &&
    (value.lastError === null || looksLikeJobError(value.lastError)) &&
    stringOrNull(value.lockedBy) &&
    numberOrNull(value.lockedAt) &&
    isNumber(value.createdAt) &&
    Array.isArray(value.reasons) &&
    value.reasons.every((r) => typeof r === "string") &&
    (value.crashes === undefined || isCount(value.crashes, 0))
  );
}

const DEAD_LETTER_KEYS = new Set(["id", "job", "error", "failedAt"]);

export function looksLikeDeadLetter(value: unknown): value is DeadLetter {
  if (!isObject(value) || !hasExactKeys(value, DEAD_LETTER_KEYS, new Set())) return false;
  return (
    typeof value.id === "string" &&
    looksLikeJob(value.job) &&
    looksLikeJobError(value.error) &&
    isNumber(value.failedAt)
  );
}
