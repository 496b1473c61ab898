import type { SQLInputValue } from "node:sqlite";
import { parseRow } from "../db/json-column.js";
import { type Job, jobSchema } from "../queue/job.js";
import { type DeadLetter, deadLetterSchema } from "../queue/transitions.js";

/**
 * Rows ⇄ values. A job, a dead letter and a scene's sync state (domain/sync-state.ts) are each one JSON column
 * (db/json-column.ts); the columns beside it are copies of the fields the queries filter and sort on, written
 * by the same statement.
 */
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
