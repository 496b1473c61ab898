import type { Database } from "../db/database.js";
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
import { deadLetterOf, JOB_COLUMNS, jobOf, jobValues } from "./rows.js";
import type { DeadLetterFilter, EnqueueOptions } from "./types.js";

/**
 * Queue writes: each is one transaction that reads the rows it needs, decides with the pure transitions in
 * queue/transitions.ts and writes the result.
 */
export interface Ctx {
  db: Database;
  now(): number;
  newId(): string;
  leaseMs: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
const DAY_MS = 86_400_000;

const jobsWithKey = (db: Database, key: string): Job[] =>
  db
    .all<{ job: string }>("SELECT job FROM jobs WHERE key = ? ORDER BY created_at, rowid", key)
    .flatMap((row) => jobOf(row) ?? []);

export function getJob(db: Database, id: string): Job | null {
  const row = db.get<{ job: string }>("SELECT job FROM jobs WHERE id = ?", id);
  return row ? jobOf(row) : null;
}

const UPDATE_ALL = JOB_COLUMNS.split(", ")
  .slice(1)
  .map((column) => `${column} = excluded.${column}`)
  .join(", ");

/** An upsert (not a replace) keeps the row's rowid, which orders jobs with the same run and creation time. */
function putJob(db: Database, job: Job): void {
  db.run(
    `INSERT INTO jobs (${JOB_COLUMNS}) VALUES (${"?, ".repeat(10)}?) ON CONFLICT (id) DO UPDATE SET ${UPDATE_ALL}`,
    ...jobValues(job),
  );
}

export function enqueueRaw(
  ctx: Ctx,
  job: Pick<Job, "kind" | "key" | "payload" | "reasons">,
  options: EnqueueOptions,
): Job {
  const now = ctx.now();
  const planned = planEnqueue(
    job.key === null ? [] : jobsWithKey(ctx.db, job.key),
    {
      kind: job.kind,
      key: job.key,
      payload: job.payload,
      reasons: job.reasons,
      id: ctx.newId(),
      runAt: options.runAt ?? now + (options.delayMs ?? 0),
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ...(options.preserveRunAt ? { preserveRunAt: true } : {}),
    },
    now,
    ctx.leaseMs,
  );
  putJob(ctx.db, planned);
  return planned;
}

function addStats(db: Database, delta: Record<string, number>): void {
  for (const [name, amount] of Object.entries(delta)) {
    if (!Number.isFinite(amount) || amount === 0) continue;
    // Counters are additive; anything past 10^12 is corruption, not traffic (the original once reached 10^32).
    db.run(
      `INSERT INTO stats (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET
         value = CASE WHEN value + excluded.value > 1e12 THEN 0 ELSE value + excluded.value END`,
      name,
      amount,
    );
    db.run("DELETE FROM stats WHERE name = ? AND value <= 0", name);
  }
}

/** One dead letter per key: the newest failure replaces an older one for the same scene. */
function putDeadLetter(db: Database, deadLetter: DeadLetter): void {
  if (deadLetter.job.key !== null) db.run("DELETE FROM dead_letters WHERE key = ?", deadLetter.job.key);
  db.run(
    "INSERT OR REPLACE INTO dead_letters (id, dead_letter, key, error_class, failed_at) VALUES (?, ?, ?, ?, ?)",
    deadLetter.id,
    JSON.stringify(deadLetter),
    deadLetter.job.key,
    deadLetter.error.class,
    deadLetter.failedAt,
  );
}

function setPaused(db: Database, paused: { since: number; reason: string } | null): void {
  if (paused === null) db.run("DELETE FROM kv WHERE name = 'paused'");
  else db.run("INSERT OR REPLACE INTO kv (name, value) VALUES ('paused', ?)", JSON.stringify(paused));
}

export const isPaused = (db: Database) => db.get("SELECT 1 FROM kv WHERE name = 'paused'") !== undefined;

function statsFor(settlement: Settlement): Record<string, number> {
  if (settlement.type === "done") return { processed: 1, succeeded: 1 };
  const delta: Record<string, number> = { processed: 1, failed: 1, [`errors.${settlement.error.class}`]: 1 };
  if (settlement.type === "dead") delta.deadLettered = 1;
  if (settlement.type === "drop") delta.dropped = 1;
  return delta;
}

/** A dead-letter filter as one WHERE clause with named parameters (an absent criterion matches everything). */
const DEAD_LETTER_WHERE = `(:id IS NULL OR id = :id) AND (:cls IS NULL OR error_class = :cls)
  AND (:classes IS NULL OR error_class IN (SELECT value FROM json_each(:classes)))
  AND (:before IS NULL OR failed_at < :before) AND (:after IS NULL OR failed_at >= :after)`;

const deadLetterParams = (filter: DeadLetterFilter & { id?: string }) => ({
  id: filter.id ?? null,
  cls: filter.errorClass ?? null,
  classes: filter.errorClasses ? JSON.stringify(filter.errorClasses) : null,
  before: filter.failedBefore ?? null,
  after: filter.failedAfter ?? null,
});

const NOT_LIVE = "(locked_by IS NULL OR locked_at IS NULL OR locked_at <= :expired)";
const EXHAUSTED = "((locked_by IS NOT NULL AND attempts >= max_attempts) OR crashes >= 8)";

export function queueWrites(ctx: Ctx) {
  const { db } = ctx;
  const write =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A) =>
      db.write(() => fn(...args));
  const deadLetters = (filter: DeadLetterFilter & { id?: string }) =>
    db
      .all<{ dead_letter: string }>(
        `SELECT dead_letter FROM dead_letters WHERE ${DEAD_LETTER_WHERE}`,
        deadLetterParams(filter),
      )
      .flatMap((row) => deadLetterOf(row) ?? []);
  const retry = (dl: DeadLetter, options: EnqueueOptions = {}): Job => {
    db.run("DELETE FROM dead_letters WHERE id = ?", dl.id);
    const { kind, key, payload, reasons } = dl.job;
    return enqueueRaw(ctx, { kind, key, payload, reasons: mergeReasons(reasons, ["retry"]) }, options);
  };
  const deleteDeadLetters = (filter: DeadLetterFilter & { id?: string }) =>
    db.run(`DELETE FROM dead_letters WHERE ${DEAD_LETTER_WHERE}`, deadLetterParams(filter));
  return {
    getJob: (id: string) => getJob(db, id),
    enqueue: write(
      <K extends JobKindName>(kind: K, payload: JobKinds[K], options: EnqueueOptions = {}): Job => {
        const key = options.key === undefined ? sceneJobKey(payload.sceneId) : options.key;
        const reasons =
          options.reasons ??
          (kind === "sync-scene" ? [(payload as JobKinds["sync-scene"]).reason] : ["remove"]);
        return enqueueRaw(ctx, { kind, payload, key, reasons }, options);
      },
    ),
    /**
     * Claims up to `limit` due jobs, oldest runAt first, one per key, none whose key has a running job; jobs
     * that crashed their process too often are dead-lettered instead. SQL narrows the rows, selectClaimable
     * decides. Nothing while the queue is paused.
     */
    claimDue: write((now: number, limit: number, workerId: string): Job[] => {
      if (limit <= 0 || isPaused(db)) return [];
      const expired = now - ctx.leaseMs;
      const rows = db.all<{ job: string }>(
        `SELECT job FROM jobs j WHERE ${NOT_LIVE} AND (${EXHAUSTED} OR (run_at <= :now AND (key IS NULL OR
           NOT EXISTS (SELECT 1 FROM jobs o WHERE o.key = j.key AND o.locked_by IS NOT NULL AND o.locked_at > :expired))))
         ORDER BY run_at, created_at, rowid LIMIT :take`,
        { expired, now, take: limit * 2 + 8 },
      );
      const jobs = rows.flatMap((row) => jobOf(row) ?? []);
      const selection = selectClaimable(jobs, now, limit, ctx.leaseMs);
      for (const job of selection.exhausted) {
        db.run("DELETE FROM jobs WHERE id = ?", job.id);
        const deadJob = { ...job, lockedBy: null, lockedAt: null };
        putDeadLetter(db, { id: job.id, job: deadJob, error: crashError(job), failedAt: now });
        addStats(db, { deadLettered: 1, "errors.internal": 1 });
      }
      return selection.claim.map((job) => {
        const claimed = claimJob(job, workerId, now);
        putJob(db, claimed);
        return claimed;
      });
    }),
    /** Releases jobs a drainer that is gone had claimed (attempt refunded, interruption counted). */
    recoverInterruptedJobs: write((): number => {
      const rows = db.all<{ job: string }>("SELECT job FROM jobs WHERE locked_by IS NOT NULL");
      const claimed = rows.flatMap((row) => jobOf(row) ?? []);
      for (const job of claimed) putJob(db, recoverInterrupted(job));
      return claimed.length;
    }),
    renewLease: write((jobIds: readonly string[], workerId: string): number => {
      const held = jobIds.flatMap((id) => getJob(db, id) ?? []).filter((job) => job.lockedBy === workerId);
      for (const job of held) putJob(db, { ...job, lockedAt: ctx.now() });
      return held.length;
    }),
    /** Settles a claimed job; null (nothing changed) when it is gone or no longer held by `workerId`. */
    settle: write((jobId: string, settlement: Settlement, workerId?: string): SettleResult | null => {
      const job = getJob(db, jobId);
      if (!job || (workerId !== undefined && job.lockedBy !== workerId)) return null;
      const successor =
        job.key === null ? null : (jobsWithKey(db, job.key).find((o) => o.id !== job.id) ?? null);
      const now = ctx.now();
      const result = settleJob(job, settlement, successor, now);
      if (result.job) putJob(db, result.job);
      else db.run("DELETE FROM jobs WHERE id = ?", job.id);
      if (result.successor) putJob(db, result.successor);
      if (result.deadLetter) putDeadLetter(db, result.deadLetter);
      if (settlement.type === "done" && job.key !== null)
        db.run("DELETE FROM dead_letters WHERE key = ?", job.key);
      if (result.pause) setPaused(db, { since: now, reason: result.pause.message });
      addStats(db, statsFor(settlement));
      return result;
    }),
    /** Removes a job that is not running (UI "delete"); false for a running or unknown job. */
    removeJob: write((id: string): boolean => {
      const job = getJob(db, id);
      if (!job || (job.lockedBy !== null && job.lockedAt !== null && ctx.now() - job.lockedAt < ctx.leaseMs))
        return false;
      return db.run("DELETE FROM jobs WHERE id = ?", id) > 0;
    }),
    retryDeadLetter: write((id: string, options?: EnqueueOptions): Job | null => {
      const [dl] = deadLetters({ id });
      return dl ? retry(dl, options) : null;
    }),
    retryDeadLetters: write((filter: DeadLetterFilter, options?: EnqueueOptions): number => {
      const matching = deadLetters(filter);
      for (const dl of matching) retry(dl, options);
      return matching.length;
    }),
    deleteDeadLetter: (id: string) => deleteDeadLetters({ id }) > 0,
    deleteDeadLetters: (filter: DeadLetterFilter) => deleteDeadLetters(filter),
    purgeDeadLetters: (olderThanDays: number) =>
      deleteDeadLetters({ failedBefore: ctx.now() - olderThanDays * DAY_MS }),
    addStats: write((delta: Record<string, number>) => addStats(db, delta)),
    setPaused: (reason: string | null) =>
      setPaused(db, reason === null ? null : { since: ctx.now(), reason }),
  };
}
