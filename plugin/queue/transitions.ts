import { z } from "zod";
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
export type DeadLetter = z.infer<typeof deadLetterSchema>;

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
    return {
      ...replaceable,
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

export interface ClaimSelection {
  claim: Job[];
  /** Lease ran out with no attempts left: the job killed its process every time; dead-letter it. */
  exhausted: Job[];
}

/**
 * Due jobs to claim, oldest runAt first, at most one per key, never a key whose job is running
 * (a follow-up waits for the running job to settle).
 */
export function selectClaimable(
  jobs: Iterable<Job>,
  now: number,
  limit: number,
  leaseMs: number,
): ClaimSelection {
  const busyKeys = new Set<string>();
  const candidates: Job[] = [];
  const exhausted: Job[] = [];
  for (const job of jobs) {
    if (isLeaseLive(job, now, leaseMs)) {
      if (job.key !== null) busyKeys.add(job.key);
    } else if (job.lockedBy !== null && job.attempts >= job.maxAttempts) {
      exhausted.push(job);
    } else if (job.runAt <= now) {
      candidates.push(job);
    }
  }
  candidates.sort(byRunAtThenAge);
  const claim: Job[] = [];
  for (const job of candidates) {
    if (claim.length >= limit) break;
    if (job.key !== null) {
      if (busyKeys.has(job.key)) continue;
      busyKeys.add(job.key);
    }
    claim.push(job);
  }
  return { claim, exhausted };
}

/** Checking a job out counts the attempt (so a job that crashes its process cannot retry forever). */
export function claimJob(job: Job, workerId: string, now: number): Job {
  return { ...job, attempts: job.attempts + 1, lockedBy: workerId, lockedAt: now };
}

export function crashError(job: Job): JobError {
  return {
    class: "internal",
    message: `The process running this job stopped before it finished, ${job.attempts} time(s); not retried again`,
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

function unlocked(job: Job): Job {
  return { ...job, lockedBy: null, lockedAt: null };
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
