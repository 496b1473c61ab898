import * as z from "zod/mini";

/**
 * A job is a record of lifecycle facts; its state is derived from them (never stored), like graphile/worker's
 * `is_available`. Fields:
 * - `attempts` is counted when the job is claimed, so a job that kills its process cannot retry forever;
 * - `lockedBy`/`lockedAt` form a lease: a claim older than the lease is void, so a SIGKILLed drainer's job
 *   becomes available again without any privileged reset;
 * - `key` (`scene:<id>`) deduplicates: a newer event replaces an unlocked job with the same key, and queues a
 *   follow-up behind a locked one.
 * `payload` is `unknown` on purpose: it outlives the code that wrote it; assert it where a handler takes it.
 */
export const JOB_LEASE_MS = 120_000;

export const JOB_KIND_NAMES = ["sync-scene", "remove-scene"] as const;
export type JobKindName = (typeof JOB_KIND_NAMES)[number];

export const SYNC_REASONS = ["update", "create", "bulk", "reconcile", "retry", "manual"] as const;
export type SyncReason = (typeof SYNC_REASONS)[number];

const sceneIdSchema = z.string().check(z.regex(/^\d+$/, "must be a Stash scene id (digits)"));

export const jobPayloadSchemas = {
  "sync-scene": z.object({ sceneId: sceneIdSchema, reason: z.enum(SYNC_REASONS) }),
  "remove-scene": z.object({ sceneId: sceneIdSchema, path: z._default(z.nullable(z.string()), null) }),
} as const satisfies Record<JobKindName, z.ZodMiniType>;

/** The typed registry: kind name → payload type, so a handler's payload is typed by the kind it handles. */
export interface JobKinds {
  "sync-scene": z.output<(typeof jobPayloadSchemas)["sync-scene"]>;
  "remove-scene": z.output<(typeof jobPayloadSchemas)["remove-scene"]>;
}

export class JobPayloadError extends Error {
  readonly kind = "bad_payload" as const;
  constructor(
    readonly jobKind: string,
    readonly problems: string,
  ) {
    super(`Stored ${jobKind} job has a payload this version cannot run: ${problems}`);
  }
}

/** Boundary check for a handler: the typed payload (with defaults for fields older jobs lack), or JobPayloadError. */
export function parseJobPayload<K extends JobKindName>(kind: K, payload: unknown): JobKinds[K] {
  const result = jobPayloadSchemas[kind].safeParse(payload);
  if (!result.success) throw new JobPayloadError(kind, result.error.issues.map((i) => i.message).join("; "));
  return result.data as JobKinds[K];
}

export const jobErrorSchema = z.object({
  class: z.string(),
  message: z.string(),
  /** Extra data for the UI, e.g. the candidates of an ambiguous match. */
  detail: z.optional(z.unknown()),
});
export type JobError = z.output<typeof jobErrorSchema>;

export const jobSchema = z.object({
  id: z.string().check(z.minLength(1)),
  kind: z.string().check(z.minLength(1)),
  key: z.nullable(z.string()),
  payload: z.unknown(),
  attempts: z.int().check(z.minimum(0)),
  maxAttempts: z.int().check(z.minimum(1)),
  runAt: z.number(),
  lastError: z.nullable(jobErrorSchema),
  lockedBy: z.nullable(z.string()),
  lockedAt: z.nullable(z.number()),
  createdAt: z.number(),
  /** Why the job exists; merged when a newer event replaces it ("update", "manual", …). */
  reasons: z.array(z.string()),
  /** Runs cut short by a dying process (attempt refunded); reset when a run settles or a newer event replaces it. */
  crashes: z.optional(z.int().check(z.minimum(0))),
});
export type Job = z.output<typeof jobSchema>;

/**
 * Derived job states:
 * - `running`: claimed and the lease has not run out;
 * - `retrying`: failed before, waiting for or due for its next attempt;
 * - `waiting`: never failed, scheduled for later (debounce, server-down wait, follow-up);
 * - `pending`: never failed and due now.
 */
export const JobStates = {
  pending: "due now, never failed",
  waiting: "scheduled for later, never failed",
  retrying: "failed before; due at runAt",
  running: "claimed by a live lease",
} as const;
export type JobState = keyof typeof JobStates;
export const JOB_STATES = Object.keys(JobStates) as JobState[];

export function isLeaseLive(job: Job, now: number, leaseMs = JOB_LEASE_MS): boolean {
  return job.lockedBy !== null && job.lockedAt !== null && now - job.lockedAt < leaseMs;
}

export function jobState(job: Job, now: number, leaseMs = JOB_LEASE_MS): JobState {
  if (isLeaseLive(job, now, leaseMs)) return "running";
  if (job.lastError !== null) return "retrying";
  return job.runAt > now ? "waiting" : "pending";
}

export function sceneJobKey(sceneId: string): string {
  return `scene:${sceneId}`;
}

/**
 * The scene a job is about, for listings and log lines: its payload's `sceneId` (every job kind has one), read
 * without checking the rest of the payload — a handler parses it with parseJobPayload. Not from the key, which
 * an enqueue may override.
 */
export function sceneIdOfJob(job: Pick<Job, "payload">): string | null {
  const id = (job.payload as { sceneId?: unknown } | null)?.sceneId;
  return typeof id === "string" ? id : null;
}

export function mergeReasons(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
