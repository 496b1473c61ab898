import type { SQLInputValue } from "node:sqlite";
import * as z from "zod/mini";
import { type Job, jobSchema } from "../queue/job.js";
import { type DeadLetter, deadLetterSchema } from "../queue/transitions.js";

/**
 * Rows ⇄ values. A job, a dead letter and a scene's sync state are each one JSON column, checked with zod when
 * read back (another plugin version may have written it; a row that fails is skipped, never run); the columns
 * beside it are copies of the fields the queries filter and sort on, written by the same statement.
 */
export const imageLogSchema = z.object({
  uploadedAt: z.optional(z.number()),
  /** Set by the sync that failed to upload (at `failedAt`); cleared by a later upload. */
  problem: z.optional(z.string()),
  failedAt: z.optional(z.number()),
});
export type ImageLog = z.output<typeof imageLogSchema>;

const imageSlots = () => z.object({ poster: z.optional(z.string()), art: z.optional(z.string()) });

export const sceneSyncStateSchema = z.object({
  /** Every Plex item that holds one of the scene's files. */
  ratingKeys: z.array(z.string()),
  lastSyncedAt: z.number(),
  /** Hash of the desired Plex state last written (nothing changed ⇒ no write). */
  desiredHash: z.nullable(z.string()),
  /** Hashes of the image bytes last uploaded to every item of the scene (per item: `itemImages`). */
  imageHashes: imageSlots(),
  /** The item's thumb/art path seen after our upload: a different one later means someone replaced it in Plex. */
  imageThumbs: z.optional(imageSlots()),
  /**
   * Per Plex item (ratingKey): the image hashes and thumbs above, for that item alone — a scene in two items
   * uploads to each. Absent in states written before; then the scene-wide fields stand for its first item.
   */
  itemImages: z.optional(z.record(z.string(), z.object({ hashes: imageSlots(), thumbs: imageSlots() }))),
  /** Names of the fields the last sync changed. */
  lastChanges: z.array(z.string()),
  /** Per image slot: when our image was last uploaded, and why the last sync could not upload it. */
  imageLog: z.optional(z.object({ poster: z.optional(imageLogSchema), art: z.optional(imageLogSchema) })),
});
export type SceneSyncState = z.output<typeof sceneSyncStateSchema>;

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
