import { isLeaseLive, JOB_LEASE_MS, type Job, type JobState, jobState, sceneJobKey } from "../queue/job.js";
import type { DeadLetter } from "../queue/transitions.js";
import type { StoreState } from "./state.js";

/** Read-only views over the state; the same for writers and readers. */

/** Held scenes (a bulk sync's, see held-ops.ts) count as pending: they are due now, just not jobs yet. */
export type JobCounts = Record<JobState, number> & { deadLetters: number; total: number };

export function countsByState(state: StoreState, now: number, leaseMs = JOB_LEASE_MS): JobCounts {
  const counts: JobCounts = { pending: 0, waiting: 0, retrying: 0, running: 0, deadLetters: 0, total: 0 };
  for (const job of state.jobs.values()) {
    counts[jobState(job, now, leaseMs)]++;
    counts.total++;
  }
  const held = state.held.map().size;
  counts.pending += held;
  counts.total += held;
  counts.deadLetters = state.deadLetters.size;
  return counts;
}

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
  state?: JobState;
  errorClass?: string;
  /** 1-based. */
  page?: number;
  perPage?: number;
}

function paginate<T>(all: T[], page = 1, perPage = 50): Page<T> {
  const size = Math.max(1, Math.min(500, Math.floor(perPage)));
  const number = Math.max(1, Math.floor(page));
  return {
    items: all.slice((number - 1) * size, number * size),
    total: all.length,
    page: number,
    perPage: size,
  };
}

/** Every job matching the query's state and error class, in run order (earliest runAt first); no paging. */
export function jobViews(
  state: StoreState,
  query: Pick<ListJobsQuery, "state" | "errorClass">,
  now: number,
  leaseMs = JOB_LEASE_MS,
): JobView[] {
  const views: JobView[] = [];
  for (const job of state.jobs.values()) {
    const view = { ...job, state: jobState(job, now, leaseMs) };
    if (query.state && view.state !== query.state) continue;
    if (query.errorClass && job.lastError?.class !== query.errorClass) continue;
    views.push(view);
  }
  return views.sort((a, b) => a.runAt - b.runAt || a.createdAt - b.createdAt);
}

/** One page of jobViews. */
export function listJobs(
  state: StoreState,
  query: ListJobsQuery,
  now: number,
  leaseMs = JOB_LEASE_MS,
): Page<JobView> {
  return paginate(jobViews(state, query, now, leaseMs), query.page, query.perPage);
}

export interface DeadLetterQuery {
  errorClass?: string;
  page?: number;
  perPage?: number;
}

/** Newest first. */
export function listDeadLetters(state: StoreState, query: DeadLetterQuery = {}): Page<DeadLetter> {
  const all = [...state.deadLetters.values()]
    .filter((dl) => !query.errorClass || dl.error.class === query.errorClass)
    .sort((a, b) => b.failedAt - a.failedAt);
  return paginate(all, query.page, query.perPage);
}

export interface SceneQueueView {
  /** The running (or next) job first, then a follow-up queued behind it. */
  jobs: JobView[];
  deadLetters: DeadLetter[];
  /** A bulk sync holds the scene: it becomes a job when the drainer reaches it (due now, so "pending"). */
  held: boolean;
}

export function jobForScene(
  state: StoreState,
  sceneId: string,
  now: number,
  leaseMs = JOB_LEASE_MS,
): SceneQueueView {
  const key = sceneJobKey(sceneId);
  const jobs = state.jobs.withKey(key).map((job) => ({ ...job, state: jobState(job, now, leaseMs) }));
  const deadLetters = [...state.deadLetters.values()].filter((dl) => dl.job.key === key);
  return { jobs, deadLetters, held: state.held.has(sceneId) };
}

/**
 * When the next job becomes claimable: the earliest runAt of a job not held by a live lease, or the moment a
 * live lease runs out. Null when nothing is queued or the queue is paused (a drainer may then exit).
 */
export function nextDueAt(state: StoreState, now: number, leaseMs = JOB_LEASE_MS): number | null {
  if (state.paused) return null;
  if (state.held.map().size > 0) return now; // the drainer releases the next window at its next turn
  const leaseEndByKey = new Map<string, number>();
  for (const job of state.jobs.values()) {
    if (job.key !== null && isLeaseLive(job, now, leaseMs))
      leaseEndByKey.set(job.key, (job.lockedAt ?? now) + leaseMs);
  }
  let next: number | null = null;
  for (const job of state.jobs.values()) {
    let at: number;
    if (isLeaseLive(job, now, leaseMs)) at = (job.lockedAt ?? now) + leaseMs;
    else {
      // A follow-up cannot start before the job ahead of it settles or loses its lease.
      const heldUntil = job.key === null ? undefined : leaseEndByKey.get(job.key);
      at = heldUntil === undefined ? job.runAt : Math.max(job.runAt, heldUntil);
    }
    if (next === null || at < next) next = at;
  }
  return next;
}
