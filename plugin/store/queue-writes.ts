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
import type { Database } from "./db.js";
import { JOB_COLUMNS, jobOf, jobValues } from "./rows.js";
import type { DeadLetterFilter, EnqueueOptions } from "./store.js";

/**
 * Queue writes: each reads the rows it needs, decides with the pure transitions in queue/transitions.ts and
 * writes the result, inside the caller's transaction.
 */
export interface Ctx {
  db: Database;
  now(): number;
  newId(): string;
  leaseMs: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

export function jobsWithKey(db: Database, key: string): Job[] {
  const rows = db.all<{ job: string }>("SELECT job FROM jobs WHERE key = ? ORDER BY created_at, rowid", key);
  return rows.flatMap((row) => jobOf(row) ?? []);
}

export function getJob(db: Database, id: string): Job | null {
  const row = db.get<{ job: string }>("SELECT job FROM jobs WHERE id = ?", id);
  return row ? jobOf(row) : null;
}

const UPDATE_ALL = JOB_COLUMNS.split(", ")
  .slice(1)
  .map((column) => `${column} = excluded.${column}`)
  .join(", ");

/** An upsert (not a replace) keeps the row's rowid, which orders jobs with the same run and creation time. */
export function putJob(db: Database, job: Job): void {
  db.run(
    `INSERT INTO jobs (${JOB_COLUMNS}) VALUES (${"?, ".repeat(10)}?) ON CONFLICT (id) DO UPDATE SET ${UPDATE_ALL}`,
    ...jobValues(job),
  );
}

function removeJobRow(db: Database, id: string): void {
  db.run("DELETE FROM jobs WHERE id = ?", id);
}

export function enqueueRaw(
  ctx: Ctx,
  kind: string,
  payload: unknown,
  key: string | null,
  reasons: string[],
  options: EnqueueOptions,
): Job {
  const now = ctx.now();
  const job = planEnqueue(
    key === null ? [] : jobsWithKey(ctx.db, key),
    {
      id: ctx.newId(),
      kind,
      key,
      payload,
      reasons,
      runAt: options.runAt ?? now + (options.delayMs ?? 0),
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ...(options.preserveRunAt ? { preserveRunAt: true } : {}),
    },
    now,
    ctx.leaseMs,
  );
  putJob(ctx.db, job);
  return job;
}

export function enqueue<K extends JobKindName>(
  ctx: Ctx,
  kind: K,
  payload: JobKinds[K],
  options: EnqueueOptions,
): Job {
  const key = options.key === undefined ? sceneJobKey(payload.sceneId) : options.key;
  const reasons =
    options.reasons ?? (kind === "sync-scene" ? [(payload as JobKinds["sync-scene"]).reason] : ["remove"]);
  return enqueueRaw(ctx, kind, payload, key, reasons, options);
}

export function addStats(db: Database, delta: Record<string, number>): void {
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

const NOT_LIVE = "(locked_by IS NULL OR locked_at IS NULL OR locked_at <= :expired)";
const EXHAUSTED = "((locked_by IS NOT NULL AND attempts >= max_attempts) OR crashes >= 8)";

/**
 * Claims up to `limit` due jobs, oldest runAt first, one per key, none whose key has a running job; jobs that
 * crashed their process too often are dead-lettered instead. SQL narrows the rows, selectClaimable decides.
 */
export function claimDue(ctx: Ctx, now: number, limit: number, workerId: string): Job[] {
  if (limit <= 0) return [];
  const expired = now - ctx.leaseMs;
  const rows = ctx.db.all<{ job: string }>(
    `SELECT job FROM jobs j WHERE ${NOT_LIVE} AND (${EXHAUSTED} OR (run_at <= :now AND (key IS NULL OR
       NOT EXISTS (SELECT 1 FROM jobs o WHERE o.key = j.key AND o.locked_by IS NOT NULL AND o.locked_at > :expired))))
     ORDER BY run_at, created_at, rowid LIMIT :take`,
    { expired, now, take: limit * 2 + 8 },
  );
  const selection = selectClaimable(
    rows.flatMap((row) => jobOf(row) ?? []),
    now,
    limit,
    ctx.leaseMs,
  );
  for (const job of selection.exhausted) {
    removeJobRow(ctx.db, job.id);
    const deadJob = { ...job, lockedBy: null, lockedAt: null };
    putDeadLetter(ctx.db, { id: job.id, job: deadJob, error: crashError(job), failedAt: now });
    addStats(ctx.db, { deadLettered: 1, "errors.internal": 1 });
  }
  return selection.claim.map((job) => {
    const claimed = claimJob(job, workerId, now);
    putJob(ctx.db, claimed);
    return claimed;
  });
}

/** Releases jobs a drainer that is gone had claimed (attempt refunded, interruption counted). */
export function recoverInterruptedJobs(ctx: Ctx): number {
  const rows = ctx.db.all<{ job: string }>("SELECT job FROM jobs WHERE locked_by IS NOT NULL");
  const claimed = rows.flatMap((row) => jobOf(row) ?? []);
  for (const job of claimed) putJob(ctx.db, recoverInterrupted(job));
  return claimed.length;
}

export function renewLease(ctx: Ctx, jobIds: readonly string[], workerId: string): number {
  const held = jobIds.flatMap((id) => getJob(ctx.db, id) ?? []).filter((job) => job.lockedBy === workerId);
  for (const job of held) putJob(ctx.db, { ...job, lockedAt: ctx.now() });
  return held.length;
}

function statsFor(settlement: Settlement): Record<string, number> {
  if (settlement.type === "done") return { processed: 1, succeeded: 1 };
  const delta: Record<string, number> = { processed: 1, failed: 1, [`errors.${settlement.error.class}`]: 1 };
  if (settlement.type === "dead") delta.deadLettered = 1;
  if (settlement.type === "drop") delta.dropped = 1;
  return delta;
}

/** Settles a claimed job; null (nothing changed) when it is gone or no longer held by `workerId`. */
export function settle(
  ctx: Ctx,
  jobId: string,
  settlement: Settlement,
  workerId?: string,
): SettleResult | null {
  const job = getJob(ctx.db, jobId);
  if (!job || (workerId !== undefined && job.lockedBy !== workerId)) return null;
  const successor =
    job.key === null ? null : (jobsWithKey(ctx.db, job.key).find((o) => o.id !== job.id) ?? null);
  const now = ctx.now();
  const result = settleJob(job, settlement, successor, now);
  if (result.job) putJob(ctx.db, result.job);
  else removeJobRow(ctx.db, job.id);
  if (result.successor) putJob(ctx.db, result.successor);
  if (result.deadLetter) putDeadLetter(ctx.db, result.deadLetter);
  if (settlement.type === "done" && job.key !== null)
    ctx.db.run("DELETE FROM dead_letters WHERE key = ?", job.key);
  if (result.pause) setPaused(ctx.db, { since: now, reason: result.pause.message });
  addStats(ctx.db, statsFor(settlement));
  return result;
}

export function setPaused(db: Database, paused: { since: number; reason: string } | null): void {
  if (paused === null) db.run("DELETE FROM kv WHERE name = 'paused'");
  else db.run("INSERT OR REPLACE INTO kv (name, value) VALUES ('paused', ?)", JSON.stringify(paused));
}

/** Removes a job that is not running (UI "delete"); false for a running or unknown job. */
export function removeJob(ctx: Ctx, id: string): boolean {
  const job = getJob(ctx.db, id);
  if (!job || (job.lockedBy !== null && job.lockedAt !== null && ctx.now() - job.lockedAt < ctx.leaseMs))
    return false;
  removeJobRow(ctx.db, id);
  return true;
}

export function retryDeadLetter(ctx: Ctx, dl: DeadLetter, options: EnqueueOptions = {}): Job {
  ctx.db.run("DELETE FROM dead_letters WHERE id = ?", dl.id);
  const reasons = mergeReasons(dl.job.reasons, ["retry"]);
  return enqueueRaw(ctx, dl.job.kind, dl.job.payload, dl.job.key, reasons, options);
}

/** A dead-letter filter as one WHERE clause with named parameters (an absent criterion matches everything). */
export const DEAD_LETTER_WHERE = `(:cls IS NULL OR error_class = :cls)
  AND (:classes IS NULL OR error_class IN (SELECT value FROM json_each(:classes)))
  AND (:before IS NULL OR failed_at < :before) AND (:after IS NULL OR failed_at >= :after)`;

export function deadLetterParams(filter: DeadLetterFilter): Record<string, string | number | null> {
  return {
    cls: filter.errorClass ?? null,
    classes: filter.errorClasses ? JSON.stringify(filter.errorClasses) : null,
    before: filter.failedBefore ?? null,
    after: filter.failedAfter ?? null,
  };
}
