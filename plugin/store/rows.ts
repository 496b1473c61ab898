import type { SQLInputValue } from "node:sqlite";
import type * as z from "zod/mini";
import { type Job, jobSchema } from "../queue/job.js";
import { type DeadLetter, deadLetterSchema } from "../queue/transitions.js";

/**
 * Rows ⇄ values. A job, a dead letter and a scene's sync state (domain/sync-state.ts) are each one JSON column,
 * checked with zod when read back (another plugin version may have written it; a row that fails is skipped,
 * never run); the columns beside it are copies of the fields the queries filter and sort on, written by the
 * same statement.
 */
export function parseRow<T>(schema: z.ZodMiniType<T>, text: string | undefined): T | null {
  if (text === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const JOB_COLUMNS =
  "id, job, key, run_at, created_at, attempts, max_attempts, crashes, error_class, locked_by, locked_at";

/** The values of JOB_COLUMNS, in order. */
export function jobValues(job: Job): SQLInputValue[] {
  return [
    job.id,
    JSON.stringify(job),
    job.key,
    job.runAt,
    job.createdAt,
    job.attempts,
    job.maxAttempts,
    job.crashes ?? 0,
    job.lastError?.class ?? null,
    job.lockedBy,
    job.lockedAt,
  ];
}

export const jobOf = (row: { job: string }): Job | null => parseRow(jobSchema, row.job);
export const deadLetterOf = (row: { dead_letter: string }): DeadLetter | null =>
  parseRow(deadLetterSchema, row.dead_letter);
