import type { SceneSyncState } from "../domain/sync-state.js";
import type { Job, JobState } from "../queue/job.js";
import type { DeadLetter } from "../queue/transitions.js";

/** What the store's methods take and give (store.ts); rows themselves are described in rows.ts. */
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

/** Dead letters to act on; an absent criterion matches every entry. */
export interface DeadLetterFilter {
  errorClass?: string;
  /** Any of these classes. */
  errorClasses?: string[];
  /** Failed before this time. */
  failedBefore?: number;
  /** Failed at or after this time. */
  failedAfter?: number;
}

/** The sync states and pins of a set of scenes (the ones that have them). */
export interface SceneRecords {
  states: Map<string, SceneSyncState>;
  pins: Map<string, string>;
}
