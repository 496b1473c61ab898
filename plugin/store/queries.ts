import type { Database, Param } from "../db/database.js";
import { type JobState, jobState, sceneJobKey } from "../queue/job.js";
import type { DeadLetter } from "../queue/transitions.js";
import { isPaused } from "./queue-writes.js";
import { deadLetterOf, jobOf } from "./rows.js";
import type { DeadLetterQuery, JobCounts, JobView, ListJobsQuery, Page, SceneQueueView } from "./types.js";

/**
 * A job's state is derived from its fields and `now` (queue/job.ts `jobState`); the SQL below spells the same
 * rule as a CASE so counts and filters run in the database.
 */
const STATE_SQL = `CASE
  WHEN locked_by IS NOT NULL AND locked_at IS NOT NULL AND locked_at > :expired THEN 'running'
  WHEN error_class IS NOT NULL THEN 'retrying'
  WHEN run_at > :now THEN 'waiting'
  ELSE 'pending' END`;
const IN_STATES = `(:states IS NULL OR ${STATE_SQL} IN (SELECT value FROM json_each(:states)))`;
const JOB_FILTER = `${IN_STATES} AND (:errorClass IS NULL OR error_class = :errorClass)`;

function statesParam(state: ListJobsQuery["state"]): string | null {
  if (state === undefined) return null;
  return JSON.stringify(typeof state === "string" ? [state] : state);
}

function clampPage(page = 1, perPage = 50): { page: number; perPage: number } {
  return { page: Math.max(1, Math.floor(page)), perPage: Math.max(1, Math.min(500, Math.floor(perPage))) };
}

const count = (db: Database, sql: string, ...params: Param[]) =>
  db.get<{ n: number }>(`SELECT count(*) AS n FROM ${sql}`, ...params)?.n ?? 0;

/** The store's read-only queue queries (all indexed; see migrations.ts). */
export function queueReads(db: Database, leaseMs: number) {
  const viewsOf = (rows: Array<{ job: string }>, now: number): JobView[] =>
    rows.flatMap((row) => {
      const job = jobOf(row);
      return job ? [{ ...job, state: jobState(job, now, leaseMs) }] : [];
    });
  const heldCount = () => count(db, "held");
  return {
    /** Held scenes count as pending (due now, just not jobs yet). */
    countsByState(now: number): JobCounts {
      const counts: JobCounts = { pending: 0, waiting: 0, retrying: 0, running: 0, deadLetters: 0, total: 0 };
      const rows = db.all<{ state: JobState; n: number }>(
        `SELECT ${STATE_SQL} AS state, count(*) AS n FROM jobs GROUP BY state`,
        { expired: now - leaseMs, now },
      );
      for (const { state, n } of rows) counts[state] += n;
      counts.pending += heldCount();
      counts.total = counts.pending + counts.waiting + counts.retrying + counts.running;
      counts.deadLetters = count(db, "dead_letters");
      return counts;
    },
    /** How many scenes a bulk sync holds (not jobs yet). */
    heldCount,
    /** Held scenes in the order they will be queued, `offset` into that order. */
    heldScenes: (offset: number, limit: number): string[] =>
      db
        .all<{ id: string }>(
          "SELECT scene_id AS id FROM held ORDER BY seq LIMIT ? OFFSET ?",
          Math.max(0, limit),
          Math.max(0, offset),
        )
        .map((row) => row.id),
    /** Error classes of the jobs in these states, with counts, most first. */
    errorClassCounts: (state: ListJobsQuery["state"], now: number) =>
      db.all<{ class: string; count: number }>(
        `SELECT error_class AS class, count(*) AS count FROM jobs WHERE error_class IS NOT NULL AND ${IN_STATES}
         GROUP BY error_class ORDER BY count DESC, error_class`,
        { expired: now - leaseMs, now, states: statesParam(state) },
      ),
    /** Jobs matching the query's state and error class in run order (earliest runAt first), one page. */
    listJobs(query: ListJobsQuery, now: number): Page<JobView> {
      const { page, perPage } = clampPage(query.page, query.perPage);
      const filter = {
        expired: now - leaseMs,
        now,
        states: statesParam(query.state),
        errorClass: query.errorClass ?? null,
      };
      const total = count(db, `jobs WHERE ${JOB_FILTER}`, filter);
      const rows = db.all<{ job: string }>(
        `SELECT job FROM jobs WHERE ${JOB_FILTER} ORDER BY run_at, created_at, rowid LIMIT :limit OFFSET :offset`,
        { ...filter, limit: perPage, offset: (page - 1) * perPage },
      );
      return { items: viewsOf(rows, now), total, page, perPage };
    },
    /** Newest first. */
    listDeadLetters(query: DeadLetterQuery = {}): Page<DeadLetter> {
      const { page, perPage } = clampPage(query.page, query.perPage);
      const where = "dead_letters WHERE (:cls IS NULL OR error_class = :cls)";
      const cls = query.errorClass ?? null;
      const items = db
        .all<{ dead_letter: string }>(
          `SELECT dead_letter FROM ${where} ORDER BY failed_at DESC, id LIMIT :limit OFFSET :offset`,
          { cls, limit: perPage, offset: (page - 1) * perPage },
        )
        .flatMap((row) => deadLetterOf(row) ?? []);
      return { items, total: count(db, where, { cls }), page, perPage };
    },
    jobForScene(sceneId: string, now: number): SceneQueueView {
      const key = sceneJobKey(sceneId);
      const jobs = db.all<{ job: string }>(
        "SELECT job FROM jobs WHERE key = ? ORDER BY created_at, rowid",
        key,
      );
      const deadLetters = db
        .all<{ dead_letter: string }>("SELECT dead_letter FROM dead_letters WHERE key = ?", key)
        .flatMap((row) => deadLetterOf(row) ?? []);
      const held = db.get("SELECT 1 FROM held WHERE scene_id = ?", sceneId) !== undefined;
      return { jobs: viewsOf(jobs, now), deadLetters, held };
    },
    /**
     * When the next job becomes claimable: the earliest runAt of a job not held by a live lease (a follow-up
     * not before the lease of the job ahead of it runs out), or the moment a live lease runs out. Null when
     * nothing is queued or the queue is paused; `now` while a bulk sync holds scenes.
     */
    nextDueAt(now: number): number | null {
      if (isPaused(db)) return null;
      if (db.get("SELECT 1 FROM held LIMIT 1") !== undefined) return now;
      const row = db.get<{ at: number | null }>(
        `SELECT min(CASE
           WHEN locked_by IS NOT NULL AND locked_at > :expired THEN locked_at + :lease
           ELSE max(run_at, coalesce((SELECT max(o.locked_at) + :lease FROM jobs o WHERE j.key IS NOT NULL
             AND o.key = j.key AND o.locked_by IS NOT NULL AND o.locked_at > :expired), run_at))
           END) AS at FROM jobs j`,
        { expired: now - leaseMs, lease: leaseMs },
      );
      return row?.at ?? null;
    },
  };
}
