import { type JobState, jobState, sceneJobKey } from "../queue/job.js";
import type { DeadLetter } from "../queue/transitions.js";
import type { Database } from "./db.js";
import { deadLetterOf, jobOf } from "./rows.js";
import type { DeadLetterQuery, JobCounts, JobView, ListJobsQuery, Page, SceneQueueView } from "./store.js";

/**
 * Read-only queries. A job's state is derived from its fields and `now` (queue/job.ts `jobState`); the SQL
 * below spells the same rule as a CASE so counts and filters run in the database.
 */
const STATE_SQL = `CASE
  WHEN locked_by IS NOT NULL AND locked_at IS NOT NULL AND locked_at > :expired THEN 'running'
  WHEN error_class IS NOT NULL THEN 'retrying'
  WHEN run_at > :now THEN 'waiting'
  ELSE 'pending' END`;

export function countsByState(db: Database, now: number, leaseMs: number): JobCounts {
  const counts: JobCounts = { pending: 0, waiting: 0, retrying: 0, running: 0, deadLetters: 0, total: 0 };
  const rows = db.all<{ state: JobState; n: number }>(
    `SELECT ${STATE_SQL} AS state, count(*) AS n FROM jobs GROUP BY state`,
    { expired: now - leaseMs, now },
  );
  for (const { state, n } of rows) {
    counts[state] += n;
    counts.total += n;
  }
  const held = heldCount(db);
  counts.pending += held;
  counts.total += held;
  counts.deadLetters = db.get<{ n: number }>("SELECT count(*) AS n FROM dead_letters")?.n ?? 0;
  return counts;
}

export function heldCount(db: Database): number {
  return db.get<{ n: number }>("SELECT count(*) AS n FROM held")?.n ?? 0;
}

export function heldScenes(db: Database, offset: number, limit: number): string[] {
  return db
    .all<{ scene_id: string }>(
      "SELECT scene_id FROM held ORDER BY seq LIMIT ? OFFSET ?",
      Math.max(0, limit),
      Math.max(0, offset),
    )
    .map((row) => row.scene_id);
}

function statesParam(state: ListJobsQuery["state"]): string | null {
  if (state === undefined) return null;
  return JSON.stringify(typeof state === "string" ? [state] : state);
}

/** How many jobs in these states failed last with each error class, most first. */
export function errorClassCounts(
  db: Database,
  state: ListJobsQuery["state"],
  now: number,
  leaseMs: number,
): Array<{ class: string; count: number }> {
  return db.all<{ class: string; count: number }>(
    `SELECT error_class AS class, count(*) AS count FROM jobs WHERE error_class IS NOT NULL
       AND (:states IS NULL OR ${STATE_SQL} IN (SELECT value FROM json_each(:states)))
     GROUP BY error_class ORDER BY count DESC, error_class`,
    { expired: now - leaseMs, now, states: statesParam(state) },
  );
}

function clampPage(page = 1, perPage = 50): { page: number; perPage: number } {
  return { page: Math.max(1, Math.floor(page)), perPage: Math.max(1, Math.min(500, Math.floor(perPage))) };
}

/** Jobs matching the query's state and error class, in run order (earliest runAt first), one window of them. */
function jobViews(
  db: Database,
  query: Pick<ListJobsQuery, "state" | "errorClass">,
  now: number,
  leaseMs: number,
  window: { limit: number; offset: number },
): JobView[] {
  const rows = db.all<{ job: string }>(
    `SELECT job FROM jobs WHERE (:states IS NULL OR ${STATE_SQL} IN (SELECT value FROM json_each(:states)))
       AND (:errorClass IS NULL OR error_class = :errorClass)
     ORDER BY run_at, created_at, rowid LIMIT :limit OFFSET :offset`,
    {
      expired: now - leaseMs,
      now,
      states: statesParam(query.state),
      errorClass: query.errorClass ?? null,
      ...window,
    },
  );
  return rows.flatMap((row) => {
    const job = jobOf(row);
    return job ? [{ ...job, state: jobState(job, now, leaseMs) }] : [];
  });
}

export function listJobs(db: Database, query: ListJobsQuery, now: number, leaseMs: number): Page<JobView> {
  const { page, perPage } = clampPage(query.page, query.perPage);
  const total =
    db.get<{ n: number }>(
      `SELECT count(*) AS n FROM jobs WHERE (:states IS NULL OR ${STATE_SQL} IN (SELECT value FROM json_each(:states)))
         AND (:errorClass IS NULL OR error_class = :errorClass)`,
      { expired: now - leaseMs, now, states: statesParam(query.state), errorClass: query.errorClass ?? null },
    )?.n ?? 0;
  const items = jobViews(db, query, now, leaseMs, { limit: perPage, offset: (page - 1) * perPage });
  return { items, total, page, perPage };
}

/** Newest first. */
export function listDeadLetters(db: Database, query: DeadLetterQuery = {}): Page<DeadLetter> {
  const { page, perPage } = clampPage(query.page, query.perPage);
  const errorClass = query.errorClass ?? null;
  const total =
    db.get<{ n: number }>(
      "SELECT count(*) AS n FROM dead_letters WHERE (? IS NULL OR error_class = ?)",
      errorClass,
      errorClass,
    )?.n ?? 0;
  const items = db
    .all<{ dead_letter: string }>(
      `SELECT dead_letter FROM dead_letters WHERE (? IS NULL OR error_class = ?)
       ORDER BY failed_at DESC, id LIMIT ? OFFSET ?`,
      errorClass,
      errorClass,
      perPage,
      (page - 1) * perPage,
    )
    .flatMap((row) => deadLetterOf(row) ?? []);
  return { items, total, page, perPage };
}

export function jobForScene(db: Database, sceneId: string, now: number, leaseMs: number): SceneQueueView {
  const key = sceneJobKey(sceneId);
  const jobs = db
    .all<{ job: string }>("SELECT job FROM jobs WHERE key = ? ORDER BY created_at, rowid", key)
    .flatMap((row) => {
      const job = jobOf(row);
      return job ? [{ ...job, state: jobState(job, now, leaseMs) }] : [];
    });
  const deadLetters = db
    .all<{ dead_letter: string }>("SELECT dead_letter FROM dead_letters WHERE key = ?", key)
    .flatMap((row) => deadLetterOf(row) ?? []);
  const held = db.get("SELECT 1 FROM held WHERE scene_id = ?", sceneId) !== undefined;
  return { jobs, deadLetters, held };
}

/**
 * When the next job becomes claimable: the earliest runAt of a job not held by a live lease (a follow-up not
 * before the lease of the job ahead of it runs out), or the moment a live lease runs out. Null when nothing
 * is queued or the queue is paused; `now` while a bulk sync holds scenes (the drainer releases the next window).
 */
export function nextDueAt(db: Database, now: number, leaseMs: number): number | null {
  if (db.get("SELECT 1 FROM kv WHERE name = 'paused'") !== undefined) return null;
  if (db.get("SELECT 1 FROM held LIMIT 1") !== undefined) return now;
  const row = db.get<{ at: number | null }>(
    `SELECT min(CASE
       WHEN locked_by IS NOT NULL AND locked_at > :expired THEN locked_at + :lease
       ELSE max(run_at, coalesce((SELECT max(o.locked_at) + :lease FROM jobs o
              WHERE j.key IS NOT NULL AND o.key = j.key AND o.locked_by IS NOT NULL AND o.locked_at > :expired), run_at))
       END) AS at FROM jobs j`,
    { expired: now - leaseMs, lease: leaseMs },
  );
  return row?.at ?? null;
}
