import type { Settlement } from "../queue/failure-table.js";
import { type Job, type JobKindName, type JobKinds, mergeReasons, sceneJobKey } from "../queue/job.js";
import {
  claimJob,
  crashError,
  type DeadLetter,
  planEnqueue,
  recoverInterrupted,
  type SettleResult,
  selectClaimable,
  settleJob,
} from "../queue/transitions.js";
import type { FactInput } from "./facts.js";
import type { StoreState } from "./state.js";

/**
 * Writer operations on the queue, as functions of a transaction: they read the state, decide with the pure
 * queue transitions, and emit facts (which the transaction applies and the store commits as one line).
 */
export interface Tx {
  readonly state: StoreState;
  emit(fact: FactInput): void;
  now(): number;
  newId(): string;
  readonly leaseMs: number;
}

export interface EnqueueOptions {
  /** Default: now. */
  runAt?: number;
  /** Debounce: run this long after now (ignored when runAt is given). */
  delayMs?: number;
  maxAttempts?: number;
  /** Default `scene:<sceneId>`; null for no deduplication. */
  key?: string | null;
  reasons?: string[];
  /** Throttle: keep the earlier runAt of a replaced job. */
  preserveRunAt?: boolean;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

function defaultReasons(kind: JobKindName, payload: unknown): string[] {
  if (kind === "sync-scene") return [(payload as JobKinds["sync-scene"]).reason];
  return ["remove"];
}

export function enqueueRaw(
  tx: Tx,
  kind: string,
  payload: unknown,
  key: string | null,
  reasons: string[],
  options: EnqueueOptions,
): Job {
  const now = tx.now();
  const job = planEnqueue(
    key === null ? [] : tx.state.jobs.withKey(key),
    {
      id: tx.newId(),
      kind,
      key,
      payload,
      reasons,
      runAt: options.runAt ?? now + (options.delayMs ?? 0),
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ...(options.preserveRunAt ? { preserveRunAt: true } : {}),
    },
    now,
    tx.leaseMs,
  );
  tx.emit({ type: "job-put", job });
  return job;
}

export function enqueue<K extends JobKindName>(
  tx: Tx,
  kind: K,
  payload: JobKinds[K],
  options: EnqueueOptions,
): Job {
  const key = options.key === undefined ? sceneJobKey(payload.sceneId) : options.key;
  return enqueueRaw(tx, kind, payload, key, options.reasons ?? defaultReasons(kind, payload), options);
}

function putDeadLetter(tx: Tx, deadLetter: DeadLetter): void {
  // One dead letter per key: the newest failure replaces an older one for the same scene.
  for (const old of tx.state.deadLetters.values()) {
    if (old.job.key !== null && old.job.key === deadLetter.job.key)
      tx.emit({ type: "dead-letter-removed", id: old.id });
  }
  tx.emit({ type: "dead-letter-put", deadLetter });
}

export function claimDue(tx: Tx, now: number, limit: number, workerId: string): Job[] {
  if (tx.state.paused || limit <= 0) return [];
  const selection = selectClaimable(tx.state.jobs, now, limit, tx.leaseMs);
  for (const job of selection.exhausted) {
    tx.emit({ type: "job-removed", id: job.id });
    putDeadLetter(tx, {
      id: job.id,
      job: { ...job, lockedBy: null, lockedAt: null },
      error: crashError(job),
      failedAt: now,
    });
    tx.emit({ type: "stats-added", delta: { deadLettered: 1, "errors.internal": 1 } });
  }
  return selection.claim.map((job) => {
    const claimed = claimJob(job, workerId, now);
    tx.emit({ type: "job-put", job: claimed });
    return claimed;
  });
}

/**
 * Called once by a new writer: every job still claimed was claimed by a writer that is gone (the lock is
 * exclusive), so it is released now instead of after its lease runs out. Returns how many.
 */
export function recoverInterruptedJobs(tx: Tx): number {
  const claimed = [...tx.state.jobs.values()].filter((job) => job.lockedBy !== null);
  for (const job of claimed) tx.emit({ type: "job-put", job: recoverInterrupted(job) });
  return claimed.length;
}

export function renewLease(tx: Tx, jobIds: readonly string[], workerId: string): number {
  let renewed = 0;
  for (const id of jobIds) {
    const job = tx.state.jobs.get(id);
    if (!job || job.lockedBy !== workerId) continue;
    tx.emit({ type: "job-put", job: { ...job, lockedAt: tx.now() } });
    renewed++;
  }
  return renewed;
}

function statsFor(settlement: Settlement): Record<string, number> {
  if (settlement.type === "done") return { processed: 1, succeeded: 1 };
  const delta: Record<string, number> = { processed: 1, failed: 1, [`errors.${settlement.error.class}`]: 1 };
  if (settlement.type === "dead") delta.deadLettered = 1;
  if (settlement.type === "drop") delta.dropped = 1;
  return delta;
}

/**
 * Settles a claimed job. Returns null (and changes nothing) when the job is gone or is no longer held by
 * `workerId` — its lease ran out and someone else owns it now.
 */
export function settle(
  tx: Tx,
  jobId: string,
  settlement: Settlement,
  workerId?: string,
): SettleResult | null {
  const job = tx.state.jobs.get(jobId);
  if (!job || (workerId !== undefined && job.lockedBy !== workerId)) return null;
  const successor =
    job.key === null ? null : (tx.state.jobs.withKey(job.key).find((other) => other.id !== job.id) ?? null);
  const now = tx.now();
  const result = settleJob(job, settlement, successor, now);
  if (result.job) tx.emit({ type: "job-put", job: result.job });
  else tx.emit({ type: "job-removed", id: job.id });
  if (result.successor) tx.emit({ type: "job-put", job: result.successor });
  if (result.deadLetter) putDeadLetter(tx, result.deadLetter);
  if (settlement.type === "done" && job.key !== null) {
    for (const dl of tx.state.deadLetters.values()) {
      if (dl.job.key === job.key) tx.emit({ type: "dead-letter-removed", id: dl.id });
    }
  }
  if (result.pause) tx.emit({ type: "paused-set", paused: { since: now, reason: result.pause.message } });
  tx.emit({ type: "stats-added", delta: statsFor(settlement) });
  return result;
}

export function retryDeadLetter(tx: Tx, id: string, options: EnqueueOptions = {}): Job | null {
  const dl = tx.state.deadLetters.get(id);
  if (!dl) return null;
  tx.emit({ type: "dead-letter-removed", id });
  return enqueueRaw(
    tx,
    dl.job.kind,
    dl.job.payload,
    dl.job.key,
    mergeReasons(dl.job.reasons, ["retry"]),
    options,
  );
}

export interface DeadLetterFilter {
  errorClass?: string;
  /** Any of these classes. */
  errorClasses?: string[];
  /** Only entries that failed before this time. */
  failedBefore?: number;
  /** Only entries that failed at or after this time. */
  failedAfter?: number;
}

function matching(state: StoreState, filter: DeadLetterFilter): DeadLetter[] {
  return [...state.deadLetters.values()].filter(
    (dl) =>
      (filter.errorClass === undefined || dl.error.class === filter.errorClass) &&
      (filter.errorClasses === undefined || filter.errorClasses.includes(dl.error.class)) &&
      (filter.failedBefore === undefined || dl.failedAt < filter.failedBefore) &&
      (filter.failedAfter === undefined || dl.failedAt >= filter.failedAfter),
  );
}

export function retryDeadLetters(tx: Tx, filter: DeadLetterFilter, options: EnqueueOptions = {}): number {
  const ids = matching(tx.state, filter).map((dl) => dl.id);
  for (const id of ids) retryDeadLetter(tx, id, options);
  return ids.length;
}

export function deleteDeadLetters(tx: Tx, filter: DeadLetterFilter): number {
  const ids = matching(tx.state, filter).map((dl) => dl.id);
  for (const id of ids) tx.emit({ type: "dead-letter-removed", id });
  return ids.length;
}

/** Removes a job that is not running (UI "delete"); returns false for a running or unknown job. */
export function removeJob(tx: Tx, id: string): boolean {
  const job = tx.state.jobs.get(id);
  if (!job || (job.lockedBy !== null && job.lockedAt !== null && tx.now() - job.lockedAt < tx.leaseMs))
    return false;
  tx.emit({ type: "job-removed", id });
  return true;
}
