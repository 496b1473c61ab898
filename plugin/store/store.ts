import type { ImportLedger } from "../import-rules/ledger.js";
import type { Settlement } from "../queue/failure-table.js";
import type { Job, JobKindName, JobKinds, JobState, SyncReason } from "../queue/job.js";
import type { DeadLetter, SettleResult } from "../queue/transitions.js";
import type { LibraryTable } from "./library.js";
import type { SceneSyncState } from "./rows.js";

/**
 * The one storage seam: a SQLite database in the data folder (db.ts, schema in migrations.ts). Every process
 * — hook, UI operation, task, drainer — opens it and reads or writes directly; a write method is one
 * transaction (`BEGIN IMMEDIATE`, so its read-decide-write is atomic against other processes) and is durable
 * when it returns. No transaction ever spans a network call: callers fetch first, then write.
 *
 * Running jobs is the drainer's role (`takeDrainerRole`): at most one process holds it, through a heartbeat
 * row a SIGKILLed holder stops refreshing (drainer-role.ts).
 */
export type { ImageLog, SceneSyncState } from "./rows.js";

export interface Paused {
  since: number;
  reason: string;
}

/** Held scenes (a bulk sync's, see held.ts) count as pending: they are due now, just not jobs yet. */
export type JobCounts = Record<JobState, number> & { deadLetters: number; total: number };

export interface JobView extends Job {
  state: JobState;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
}

export interface ListJobsQuery {
  /** One state, or any of several. */
  state?: JobState | readonly JobState[];
  errorClass?: string;
  /** 1-based. */
  page?: number;
  perPage?: number;
}

export interface DeadLetterQuery {
  errorClass?: string;
  page?: number;
  perPage?: number;
}

export interface SceneQueueView {
  /** The running (or next) job first, then a follow-up queued behind it. */
  jobs: JobView[];
  deadLetters: DeadLetter[];
  /** A bulk sync holds the scene: it becomes a job when the drainer reaches it (due now, so "pending"). */
  held: boolean;
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

export interface DeadLetterFilter {
  errorClass?: string;
  /** Any of these classes. */
  errorClasses?: string[];
  /** Only entries that failed before this time. */
  failedBefore?: number;
  /** Only entries that failed at or after this time. */
  failedAfter?: number;
}

/** The sync states and pins of a set of scenes (the ones that have them). */
export interface SceneRecords {
  states: Map<string, SceneSyncState>;
  pins: Map<string, string>;
}

export interface Store {
  /** Set when this process lost the drainer role: the drain loop stops. */
  readonly failure: Error | null;
  /** The Plex library index (library/stored-index.ts reads it the way matching needs). */
  readonly library: LibraryTable;
  /** What the import from Plex remembers between runs (import-ledger.ts). */
  readonly importLedger: ImportLedger;
  countsByState(now: number): JobCounts;
  listJobs(query: ListJobsQuery, now: number): Page<JobView>;
  listDeadLetters(query?: DeadLetterQuery): Page<DeadLetter>;
  /** Error classes of the jobs in these states, with counts, most first. */
  errorClassCounts(state: ListJobsQuery["state"], now: number): Array<{ class: string; count: number }>;
  getJob(id: string): Job | null;
  jobForScene(sceneId: string, now: number): SceneQueueView;
  /** How many scenes a bulk sync holds (not jobs yet). */
  heldCount(): number;
  /** Held scenes in the order they will be queued, `offset` into that order. */
  heldScenes(offset: number, limit: number): string[];
  /** When the next job becomes claimable; null when the queue is empty or paused. */
  nextDueAt(now: number): number | null;
  syncState(sceneId: string): SceneSyncState | null;
  /** The last desired-state hashes of these scenes, the ones that have one (a bulk sync compares a page at a time). */
  desiredHashesOf(sceneIds: readonly string[]): Map<string, string | null>;
  pinnedRatingKey(sceneId: string): string | null;
  /** What a group's collection in a section was last given (pipeline/sync-group-collections.ts), or null. */
  collectionMark(sectionId: string, name: string): string | null;
  /** Sync states and pins of many scenes in one query each (a page of a reconcile). */
  sceneRecords(sceneIds: readonly string[]): SceneRecords;
  breaker(): unknown;
  stats(): Record<string, number>;
  reconcileReports(): readonly unknown[];
  paused(): Paused | null;

  enqueue<K extends JobKindName>(kind: K, payload: JobKinds[K], options?: EnqueueOptions): Job;
  /** A bulk sync's scenes: held durably, made jobs a window at a time by `releaseHeld` (held.ts). */
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
  setCollectionMark(sectionId: string, name: string, mark: string): void;
  putSyncState(sceneId: string, state: SceneSyncState): void;
  removeSyncState(sceneId: string): void;
  setBreaker(breaker: unknown): void;
  addStats(delta: Record<string, number>): void;
  addReconcileReport(report: unknown): void;
  setPaused(reason: string | null): void;
  /** Runs `fn` as one transaction (nested calls join it); rolled back when `fn` throws. */
  batch<T>(fn: () => T): T;
  /** Runs `fn`'s reads against one snapshot, so counts and pages read together agree. */
  consistentRead<T>(fn: () => T): T;

  /** Is a live process holding the drainer role? */
  drainerAlive(): boolean;
  /** The pid of the live process holding the drainer role, or null. */
  drainerPid(): number | null;
  /**
   * Takes the drainer role when no live process holds it (true), releasing jobs a dead holder had claimed;
   * the role is kept by a heartbeat until `close`. False when another live process has it.
   */
  takeDrainerRole(): boolean;
  close(): Promise<void>;
}

/** Kept for the callers written against the file store's two views: both are the one Store now. */
export type StoreReader = Store;
export type StoreWriter = Store;

export { StoreFailedError } from "./errors.js";
