import type { SQLInputValue } from "node:sqlite";
import { type Job, jobErrorSchema, jobSchema } from "../queue/job.js";
import { type DeadLetter, deadLetterSchema } from "../queue/transitions.js";
import type { SceneSyncState } from "./store.js";

/**
 * Rows ⇄ values. Rows may have been written by another plugin version: jobs and dead letters are checked with
 * their zod schemas (a row that fails is reported, never run); sync state field by field (it is read per scene
 * on the hot path). JSON columns that do not parse count as a bad row, not a crash.
 */
export interface JobRow {
  id: string;
  kind: string;
  key: string | null;
  payload: string;
  attempts: number;
  max_attempts: number;
  run_at: number;
  last_error: string | null;
  error_class: string | null;
  locked_by: string | null;
  locked_at: number | null;
  created_at: number;
  reasons: string;
  crashes: number;
}

export const JOB_COLUMNS =
  "id, kind, key, payload, attempts, max_attempts, run_at, last_error, error_class, locked_by, locked_at, created_at, reasons, crashes";

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function jobFromRow(row: JobRow): Job | null {
  const parsed = jobSchema.safeParse({
    id: row.id,
    kind: row.kind,
    key: row.key,
    payload: parseJson(row.payload),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    lastError: parseJson(row.last_error),
    lockedBy: row.locked_by,
    lockedAt: row.locked_at,
    createdAt: row.created_at,
    reasons: parseJson(row.reasons),
    ...(row.crashes > 0 ? { crashes: row.crashes } : {}),
  });
  return parsed.success ? parsed.data : null;
}

/** The values of JOB_COLUMNS, in order. */
export function jobValues(job: Job): SQLInputValue[] {
  return [
    job.id,
    job.kind,
    job.key,
    JSON.stringify(job.payload ?? null),
    job.attempts,
    job.maxAttempts,
    job.runAt,
    job.lastError ? JSON.stringify(jobErrorSchema.parse(job.lastError)) : null,
    job.lastError?.class ?? null,
    job.lockedBy,
    job.lockedAt,
    job.createdAt,
    JSON.stringify(job.reasons),
    job.crashes ?? 0,
  ];
}

export interface DeadLetterRow {
  id: string;
  job: string;
  error: string;
  failed_at: number;
}

export function deadLetterFromRow(row: DeadLetterRow): DeadLetter | null {
  const parsed = deadLetterSchema.safeParse({
    id: row.id,
    job: parseJson(row.job),
    error: parseJson(row.error),
    failedAt: row.failed_at,
  });
  return parsed.success ? parsed.data : null;
}

export interface SyncRow {
  rating_keys: string;
  last_synced_at: number;
  desired_hash: string | null;
  image_hashes: string;
  image_thumbs: string | null;
  last_changes: string;
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === "string");

function images(value: unknown): { poster?: string; art?: string } | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const { poster, art } = value as Record<string, unknown>;
  const out: { poster?: string; art?: string } = {};
  if (typeof poster === "string") out.poster = poster;
  if (typeof art === "string") out.art = art;
  return out;
}

export function syncStateFromRow(row: SyncRow): SceneSyncState | null {
  const ratingKeys = parseJson(row.rating_keys);
  const lastChanges = parseJson(row.last_changes);
  const imageHashes = images(parseJson(row.image_hashes));
  if (!isStringArray(ratingKeys) || !isStringArray(lastChanges) || imageHashes === null) return null;
  if (typeof row.last_synced_at !== "number") return null;
  const state: SceneSyncState = {
    ratingKeys,
    lastSyncedAt: row.last_synced_at,
    desiredHash: typeof row.desired_hash === "string" ? row.desired_hash : null,
    imageHashes,
    lastChanges,
  };
  const thumbs = row.image_thumbs === null ? null : images(parseJson(row.image_thumbs));
  if (thumbs) state.imageThumbs = thumbs;
  return state;
}

export function syncValues(sceneId: string, state: SceneSyncState): SQLInputValue[] {
  return [
    sceneId,
    JSON.stringify(state.ratingKeys),
    state.lastSyncedAt,
    state.desiredHash,
    JSON.stringify(state.imageHashes),
    state.imageThumbs ? JSON.stringify(state.imageThumbs) : null,
    JSON.stringify(state.lastChanges),
  ];
}
