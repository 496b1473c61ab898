import type { Settlement } from "../queue/failure-table.js";
import type { Job, JobKindName, JobKinds, SyncReason } from "../queue/job.js";
import type { DeadLetter, SettleResult } from "../queue/transitions.js";
import type { Outage, Paused, SceneSyncState } from "./facts.js";
import type { InboxEntry } from "./inbox.js";
import type { DeadLetterQuery, JobCounts, JobView, ListJobsQuery, Page, SceneQueueView } from "./queries.js";
import type { DeadLetterFilter, EnqueueOptions } from "./queue-ops.js";

/**
 * The one storage seam. Today it is backed by a snapshot + journal in the data folder; a SQLite backend can
 * implement the same interface once the runtime allows, and the crash and concurrency tests run against it.
 *
 * Two modes:
 * - `writer`: holds the worker lock; the only process that changes the journal (the drainer, or a foreground
 *   task that drains);
 * - `reader`: a read-only view of snapshot + journal for hooks and UI operations; they send changes through the
 *   inbox (`writeInboxEntry`) for the writer to apply.
 * Methods are synchronous: every write is one fdatasync'd append, done before the method returns.
 */
export interface StoreReader {
  readonly mode: "writer" | "reader";
  countsByState(now: number): JobCounts;
  listJobs(query: ListJobsQuery, now: number): Page<JobView>;
  /** Every matching job in run order, unpaged (one pass; paging through listJobs re-sorts per page). */
  jobViews(query: Pick<ListJobsQuery, "state" | "errorClass">, now: number): JobView[];
  listDeadLetters(query?: DeadLetterQuery): Page<DeadLetter>;
  getJob(id: string): Job | null;
  jobForScene(sceneId: string, now: number): SceneQueueView;
  /** Scenes a bulk sync holds (not jobs yet), in the order they will be queued, with their sync reasons. */
  heldScenes(): ReadonlyMap<string, readonly string[]>;
  /** When the next job becomes claimable; null when the queue is empty or paused. */
  nextDueAt(now: number): number | null;
  syncState(sceneId: string): SceneSyncState | null;
  syncStates(): ReadonlyMap<string, SceneSyncState>;
  pinnedRatingKey(sceneId: string): string | null;
  breaker(): unknown;
  outages(): readonly Outage[];
  stats(): Record<string, number>;
  reconcileReports(): readonly unknown[];
  paused(): Paused | null;
  /** Reader: reload from disk. Writer: no-op (its memory is the truth). */
  refresh(): void;
  close(): Promise<void>;
}

/** Applies one inbox entry by calling writer methods; its effects and the ingest mark commit together. */
export type InboxHandler = (entry: InboxEntry, store: StoreWriter) => void;

export interface IngestReport {
  ingested: number;
  /** Entries already ingested before (a crash between commit and delete); removed without effect. */
  duplicates: number;
  /** Unparseable files moved to `inbox/bad/`. */
  bad: number;
  /** Entries whose handler threw; logged and moved to `inbox/bad/`. */
  failed: number;
}

export interface StoreWriter extends StoreReader {
  /** Set when the worker lock was lost or a journal write failed: the store refuses further writes. */
  readonly failure: Error | null;
  ingestInbox(handle: InboxHandler, limit?: number): IngestReport;
  enqueue<K extends JobKindName>(kind: K, payload: JobKinds[K], options?: EnqueueOptions): Job;
  /** A bulk sync's scenes: held durably, made jobs a window at a time by `releaseHeld` (held-ops.ts). */
  hold(sceneIds: readonly string[], reason: SyncReason): number;
  /** Tops the queue up from the held scenes when it runs low; returns how many became jobs. */
  releaseHeld(now: number, window?: number): number;
  /** Forgets the given held scenes (every one when omitted); returns how many were held. */
  dropHeld(sceneIds?: readonly string[]): number;
  claimDue(now: number, limit: number, workerId: string): Job[];
  renewLease(jobIds: readonly string[], workerId: string): number;
  settle(jobId: string, settlement: Settlement, workerId?: string): SettleResult | null;
  removeJob(jobId: string): boolean;
  retryDeadLetter(id: string, options?: EnqueueOptions): Job | null;
  retryDeadLetters(filter: DeadLetterFilter, options?: EnqueueOptions): number;
  deleteDeadLetter(id: string): boolean;
  deleteDeadLetters(filter: DeadLetterFilter): number;
  purgeDeadLetters(olderThanDays: number): number;
  setPin(sceneId: string, ratingKey: string | null): void;
  putSyncState(sceneId: string, state: SceneSyncState): void;
  removeSyncState(sceneId: string): void;
  setBreaker(breaker: unknown): void;
  outageStarted(at: number): void;
  outageEnded(at: number): void;
  addStats(delta: Record<string, number>): void;
  addReconcileReport(report: unknown): void;
  setPaused(reason: string | null): void;
  /** Runs `fn` as one transaction: every fact it produces is committed as one journal line. */
  batch<T>(fn: () => T): T;
  compact(): void;
}

export class StoreReadOnlyError extends Error {
  readonly kind = "store_read_only" as const;
  constructor() {
    super("This store was opened read-only; send changes through the inbox");
  }
}

export class StoreFailedError extends Error {
  readonly kind = "store_failed" as const;
  constructor(readonly reason: Error) {
    super(`The queue store stopped accepting writes: ${reason.message}`, { cause: reason });
  }
}
