import * as z from "zod/mini";
import type { Settlement } from "./failure-table.js";
import { isLeaseLive, type Job, type JobError, jobErrorSchema, jobSchema, mergeReasons } from "./job.js";

/**
 * Pure transitions of the job model. The store folds their results into facts; nothing here does I/O or
 * reads a clock.
 */

export const deadLetterSchema = z.object({
  /** The dead job's id (unique, since a job dies at most once). */
  id: z.string(),
  job: jobSchema,
  error: jobErrorSchema,
  failedAt: z.number(),
});
export type DeadLetter = z.output<typeof deadLetterSchema>;

export interface EnqueueRequest {
  /** Id for a new job; unused when an existing job is replaced. */
  id: string;
  kind: string;
  key: string | null;
  payload: unknown;
  reasons: string[];
  runAt: number;
  maxAttempts: number;
  /** Throttle instead of debounce: a replaced job keeps its earlier runAt. */
  preserveRunAt?: boolean;
}

/**
 * A newer request for a key replaces the job that is not running (debounce: newest payload, merged reasons,
 * new runAt, a fresh attempt budget — it is new work). When the only job with the key is running, a
 * follow-up is queued behind it, so an edit made during a sync still reaches Plex.
 */
export function planEnqueue(
  sameKey: readonly Job[],
  request: EnqueueRequest,
  now: number,
  leaseMs: number,
): Job {
  const replaceable =
    request.key === null ? undefined : sameKey.find((job) => !isLeaseLive(job, now, leaseMs));
  if (replaceable) {
    const { crashes: _crashes, ...fresh } = replaceable;
    return {
      ...fresh,
      kind: request.kind,
      payload: request.payload,
      reasons: mergeReasons(replaceable.reasons, request.reasons),
      runAt: request.preserveRunAt ? Math.min(replaceable.runAt, request.runAt) : request.runAt,
      attempts: 0,
      maxAttempts: request.maxAttempts,
      lastError: null,
      lockedBy: null,
      lockedAt: null,
    };
  }
  return {
    id: request.id,
    kind: request.kind,
    key: request.key,
    payload: request.payload,
    attempts: 0,
    maxAttempts: request.maxAttempts,
    runAt: request.runAt,
    lastError: null,
    lockedBy: null,
    lockedAt: null,
    createdAt: now,
    reasons: [...request.reasons],
  };
}

function byRunAtThenAge(a: Job, b: Job): number {
  return a.runAt - b.runAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
}

/**
 * A job whose runs were cut short this many times in a row is taken for the cause (it kills its process:
 * out of memory, a native crash) and dead-lettered instead of taking every future drainer down with it.
 */
export const MAX_CRASHES = 8;

export interface ClaimSelection {
  claim: Job[];
  /** Crashed its process too often (or lease ran out with no attempts left): dead-letter it. */
  exhausted: Job[];
}

/** A collection walked twice without copying it: the store's Map of jobs, or an array. */
export interface JobCollection {
  values(): Iterable<Job>;
}

/**
 * Due jobs to claim, oldest runAt first, at most one per key, never a key whose job is running
 * (a follow-up waits for the running job to settle).
 *
 * The same as sorting every due job and taking the first per key, but it keeps only the best `limit` as it
 * goes: no array of the whole queue and no sort of it per claim (with 100k jobs queued, that sort ran for
 * every 25 jobs claimed).
 */
export function selectClaimable(
  jobs: JobCollection,
  now: number,
  limit: number,
  leaseMs: number,
): ClaimSelection {
  const busyKeys = new Set<string>();
  const exhausted: Job[] = [];
  for (const job of jobs.values()) {
    if (isLeaseLive(job, now, leaseMs)) {
      if (job.key !== null) busyKeys.add(job.key);
    } else if (isExhausted(job)) exhausted.push(job);
  }
  const best: Job[] = [];
  if (limit <= 0) return { claim: best, exhausted };
  for (const job of jobs.values()) {
    if (job.runAt > now || isLeaseLive(job, now, leaseMs) || isExhausted(job)) continue;
    if (job.key !== null && busyKeys.has(job.key)) continue;
    offer(best, job, limit);
  }
  return { claim: best, exhausted };
}

function isExhausted(job: Job): boolean {
  return (job.lockedBy !== null && job.attempts >= job.maxAttempts) || (job.crashes ?? 0) >= MAX_CRASHES;
}

/** Keeps `best` the first `limit` of the jobs offered so far, in run order, one (the first) per key. */
function offer(best: Job[], job: Job, limit: number): void {
  const sameKey = job.key === null ? -1 : best.findIndex((other) => other.key === job.key);
  if (sameKey >= 0) {
    if (byRunAtThenAge(job, best[sameKey]!) >= 0) return;
    best.splice(sameKey, 1);
  } else if (best.length >= limit) {
    if (byRunAtThenAge(job, best[best.length - 1]!) >= 0) return;
    best.pop();
  }
  let at = best.length;
  while (at > 0 && byRunAtThenAge(job, best[at - 1]!) < 0) at--;
  best.splice(at, 0, job);
}

/** Checking a job out counts the attempt (so a job that crashes its process cannot retry forever). */
export function claimJob(job: Job, workerId: string, now: number): Job {
  return { ...job, attempts: job.attempts + 1, lockedBy: workerId, lockedAt: now };
}

export function crashError(job: Job): JobError {
  const times = Math.max(job.crashes ?? 0, job.attempts);
  return {
    class: "internal",
    message: `The process running this job stopped before it finished, ${times} time(s); not retried again`,
  };
}

/**
 * A job a dead writer had claimed (found by the next writer, which holds the lock, so no one else can be
 * running it): back in the queue at once, its attempt refunded — being killed says nothing about the job —
 * and the interruption counted toward MAX_CRASHES.
 */
export function recoverInterrupted(job: Job): Job {
  return {
    ...job,
    lockedBy: null,
    lockedAt: null,
    attempts: Math.max(0, job.attempts - 1),
    crashes: (job.crashes ?? 0) + 1,
  };
}

export interface SettleResult {
  /** The job as it stays in the queue, or null when it leaves it. */
  job: Job | null;
  /** The successor with the settled job's reasons merged in, when the settled job was absorbed. */
  successor: Job | null;
  deadLetter: DeadLetter | null;
  pause: JobError | null;
}

/** Released after a run that finished: the run was not cut short, so earlier interruptions are forgiven. */
function unlocked(job: Job): Job {
  const { crashes: _crashes, ...rest } = job;
  return { ...rest, lockedBy: null, lockedAt: null };
}

/**
 * Applies a settlement. When a follow-up with the same key is queued, a failed job is absorbed into it
 * (the follow-up syncs the scene's current state anyway), instead of leaving two jobs for one key.
 */
export function settleJob(
  job: Job,
  settlement: Settlement,
  successor: Job | null,
  now: number,
): SettleResult {
  const pause = settlement.type === "pause" ? settlement.error : null;
  if (settlement.type === "done") return { job: null, successor: null, deadLetter: null, pause };
  if (successor) {
    const merged = { ...successor, reasons: mergeReasons(successor.reasons, job.reasons) };
    return { job: null, successor: merged, deadLetter: null, pause };
  }
  switch (settlement.type) {
    case "retry":
      return {
        job: {
          ...unlocked(job),
          runAt: settlement.runAt,
          maxAttempts: settlement.maxAttempts,
          lastError: settlement.error,
        },
        successor: null,
        deadLetter: null,
        pause,
      };
    case "wait":
    case "pause": {
      const runAt = settlement.type === "wait" ? settlement.runAt : now;
      const refunded = {
        ...unlocked(job),
        attempts: Math.max(0, job.attempts - 1),
        runAt,
        lastError: settlement.error,
      };
      return { job: refunded, successor: null, deadLetter: null, pause };
    }
    case "dead": {
      const deadLetter = { id: job.id, job: unlocked(job), error: settlement.error, failedAt: now };
      return { job: null, successor: null, deadLetter, pause };
    }
    case "drop":
      return { job: null, successor: null, deadLetter: null, pause };
  }
}
