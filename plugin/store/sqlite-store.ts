import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../log/logger.js";
import type { Settlement } from "../queue/failure-table.js";
import { JOB_LEASE_MS, type Job, type JobKindName, type JobKinds, type SyncReason } from "../queue/job.js";
import type { SettleResult } from "../queue/transitions.js";
import { type Database, openDatabase } from "./db.js";
import { type HeldRole, isRoleHolderAlive, readRole, takeRole } from "./drainer-role.js";
import * as held from "./held.js";
import { type LibraryTable, libraryTable } from "./library.js";
import * as queries from "./queries.js";
import * as q from "./queue-writes.js";
import { type DeadLetterRow, deadLetterFromRow, type SyncRow, syncStateFromRow, syncValues } from "./rows.js";
import type { DeadLetterFilter, EnqueueOptions, Paused, SceneSyncState, Store } from "./store.js";

export interface OpenStoreOptions {
  dir: string;
  clock: Clock;
  logger: Logger;
  leaseMs?: number;
}

const DAY_MS = 86_400_000;
const MAX_RECONCILE_REPORTS = 20;
/** What the file store (before the database) left in a data folder. */
const LEGACY_FILES = ["journal.jsonl", "snapshot.json", "inbox"];

class SqliteStore implements Store {
  failure: Error | null = null;
  readonly library: LibraryTable;
  private role: HeldRole | null = null;
  private readonly ctx: q.Ctx;

  constructor(
    readonly db: Database,
    private readonly options: OpenStoreOptions,
  ) {
    this.library = libraryTable(db);
    const leaseMs = options.leaseMs ?? JOB_LEASE_MS;
    this.ctx = {
      db,
      now: () => options.clock.now(),
      newId: () => `${options.clock.now().toString(36)}-${randomBytes(5).toString("hex")}`,
      leaseMs,
    };
  }

  private get leaseMs(): number {
    return this.ctx.leaseMs;
  }

  private kv(name: string): unknown {
    const row = this.db.get<{ value: string }>("SELECT value FROM kv WHERE name = ?", name);
    if (!row) return null;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return null;
    }
  }

  // ── reads ───────────────────────────────────────────────────────────────────────────────────
  countsByState(now: number) {
    return queries.countsByState(this.db, now, this.leaseMs);
  }
  listJobs(query: Parameters<Store["listJobs"]>[0], now: number) {
    return queries.listJobs(this.db, query, now, this.leaseMs);
  }
  jobViews(query: Parameters<Store["jobViews"]>[0], now: number) {
    return queries.jobViews(this.db, query, now, this.leaseMs);
  }
  listDeadLetters(query?: Parameters<Store["listDeadLetters"]>[0]) {
    return queries.listDeadLetters(this.db, query);
  }
  getJob(id: string): Job | null {
    return q.getJob(this.db, id);
  }
  jobForScene(sceneId: string, now: number) {
    return queries.jobForScene(this.db, sceneId, now, this.leaseMs);
  }
  heldCount(): number {
    return queries.heldCount(this.db);
  }
  heldScenes(offset: number, limit: number): string[] {
    return queries.heldScenes(this.db, offset, limit);
  }
  nextDueAt(now: number): number | null {
    return queries.nextDueAt(this.db, now, this.leaseMs);
  }
  syncState(sceneId: string): SceneSyncState | null {
    const row = this.db.get<SyncRow>("SELECT * FROM sync_state WHERE scene_id = ?", sceneId);
    return row ? syncStateFromRow(row) : null;
  }
  desiredHashes(): Map<string, string | null> {
    const hashes = new Map<string, string | null>();
    for (const row of this.db.iterate<{ scene_id: string; desired_hash: string | null }>(
      "SELECT scene_id, desired_hash FROM sync_state",
    ))
      hashes.set(row.scene_id, row.desired_hash);
    return hashes;
  }
  pinnedRatingKey(sceneId: string): string | null {
    return (
      this.db.get<{ rating_key: string }>("SELECT rating_key FROM pins WHERE scene_id = ?", sceneId)
        ?.rating_key ?? null
    );
  }
  breaker(): unknown {
    return this.kv("resilience");
  }
  stats(): Record<string, number> {
    const rows = this.db.all<{ name: string; value: number }>("SELECT name, value FROM stats");
    return Object.fromEntries(rows.map((row) => [row.name, row.value]));
  }
  reconcileReports(): readonly unknown[] {
    return this.db
      .all<{ report: string }>("SELECT report FROM reconcile_reports ORDER BY id")
      .flatMap((row) => {
        try {
          return [JSON.parse(row.report) as unknown];
        } catch {
          return [];
        }
      });
  }
  paused(): Paused | null {
    const value = this.kv("paused") as Partial<Paused> | null;
    return value && typeof value.since === "number" && typeof value.reason === "string"
      ? { since: value.since, reason: value.reason }
      : null;
  }

  // ── writes ──────────────────────────────────────────────────────────────────────────────────
  batch<T>(fn: () => T): T {
    return this.db.write(fn);
  }
  enqueue<K extends JobKindName>(kind: K, payload: JobKinds[K], options: EnqueueOptions = {}): Job {
    return this.db.write(() => q.enqueue(this.ctx, kind, payload, options));
  }
  hold(sceneIds: readonly string[], reason: SyncReason): number {
    return this.db.write(() => held.hold(this.ctx, sceneIds, reason));
  }
  releaseHeld(now: number, window?: number): number {
    return this.db.write(() => (this.paused() ? 0 : held.releaseHeld(this.ctx, now, window)));
  }
  dropHeld(sceneIds?: readonly string[]): number {
    return this.db.write(() => held.dropHeld(this.ctx, sceneIds));
  }
  claimDue(now: number, limit: number, workerId: string): Job[] {
    return this.db.write(() => (this.paused() ? [] : q.claimDue(this.ctx, now, limit, workerId)));
  }
  renewLease(jobIds: readonly string[], workerId: string): number {
    return this.db.write(() => q.renewLease(this.ctx, jobIds, workerId));
  }
  settle(jobId: string, settlement: Settlement, workerId?: string): SettleResult | null {
    return this.db.write(() => q.settle(this.ctx, jobId, settlement, workerId));
  }
  removeJob(jobId: string): boolean {
    return this.db.write(() => q.removeJob(this.ctx, jobId));
  }
  retryDeadLetter(id: string, options?: EnqueueOptions): Job | null {
    return this.db.write(() => {
      const row = this.db.get<DeadLetterRow>(
        "SELECT id, job, error, failed_at FROM dead_letters WHERE id = ?",
        id,
      );
      const dl = row ? deadLetterFromRow(row) : null;
      return dl ? q.retryDeadLetter(this.ctx, dl, options) : null;
    });
  }
  retryDeadLetters(filter: DeadLetterFilter, options?: EnqueueOptions): number {
    const { where, params } = q.deadLetterWhere(filter);
    return this.db.write(() => {
      const rows = this.db.all<DeadLetterRow>(
        `SELECT id, job, error, failed_at FROM dead_letters WHERE ${where}`,
        ...params,
      );
      for (const row of rows) {
        const dl = deadLetterFromRow(row);
        if (dl) q.retryDeadLetter(this.ctx, dl, options);
      }
      return rows.length;
    });
  }
  deleteDeadLetter(id: string): boolean {
    return this.db.run("DELETE FROM dead_letters WHERE id = ?", id) > 0;
  }
  deleteDeadLetters(filter: DeadLetterFilter): number {
    const { where, params } = q.deadLetterWhere(filter);
    return this.db.run(`DELETE FROM dead_letters WHERE ${where}`, ...params);
  }
  purgeDeadLetters(olderThanDays: number): number {
    return this.deleteDeadLetters({ failedBefore: this.options.clock.now() - olderThanDays * DAY_MS });
  }
  setPin(sceneId: string, ratingKey: string | null): void {
    if (ratingKey === null) this.db.run("DELETE FROM pins WHERE scene_id = ?", sceneId);
    else this.db.run("INSERT OR REPLACE INTO pins (scene_id, rating_key) VALUES (?, ?)", sceneId, ratingKey);
  }
  putSyncState(sceneId: string, state: SceneSyncState): void {
    this.db.run(
      `INSERT OR REPLACE INTO sync_state (scene_id, rating_keys, last_synced_at, desired_hash, image_hashes,
         image_thumbs, last_changes) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ...syncValues(sceneId, state),
    );
  }
  removeSyncState(sceneId: string): void {
    this.db.run("DELETE FROM sync_state WHERE scene_id = ?", sceneId);
  }
  setBreaker(breaker: unknown): void {
    this.db.run(
      "INSERT OR REPLACE INTO kv (name, value) VALUES ('resilience', ?)",
      JSON.stringify(breaker ?? null),
    );
  }
  addStats(delta: Record<string, number>): void {
    this.db.write(() => q.addStats(this.db, delta));
  }
  addReconcileReport(report: unknown): void {
    this.db.write(() => {
      this.db.run("INSERT INTO reconcile_reports (report) VALUES (?)", JSON.stringify(report));
      this.db.run(
        "DELETE FROM reconcile_reports WHERE id NOT IN (SELECT id FROM reconcile_reports ORDER BY id DESC LIMIT ?)",
        MAX_RECONCILE_REPORTS,
      );
    });
  }
  setPaused(reason: string | null): void {
    q.setPaused(this.db, reason === null ? null : { since: this.options.clock.now(), reason });
  }

  // ── drainer role ────────────────────────────────────────────────────────────────────────────
  drainerAlive(): boolean {
    return this.drainerPid() !== null;
  }
  drainerPid(): number | null {
    if (this.role) return process.pid;
    const row = readRole(this.db);
    return row && isRoleHolderAlive(row, this.options.clock.now()) ? row.pid : null;
  }
  takeDrainerRole(): boolean {
    if (this.role) return true;
    this.role = takeRole(
      this.db,
      () => this.options.clock.now(),
      () => {
        const recovered = q.recoverInterruptedJobs(this.ctx, null);
        if (recovered > 0)
          this.options.logger.info(
            `Re-queued ${recovered} job(s) a stopped worker had started (no attempt spent)`,
          );
      },
      (error) => {
        this.failure ??= error;
        this.options.logger.error(`The queue worker stops: ${error.message}`);
      },
    );
    return this.role !== null;
  }

  async close(): Promise<void> {
    try {
      this.role?.release();
    } finally {
      this.role = null;
      this.db.close();
    }
  }
}

/** Opens the data folder's database (creating it on first use); see db.ts for the connection's settings. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { database, foundVersion } = await openDatabase(options.dir, options.logger);
  if (foundVersion === 0) noteLegacyFiles(options);
  return new SqliteStore(database, options);
}

function noteLegacyFiles(options: OpenStoreOptions): void {
  const found = LEGACY_FILES.filter((name) => existsSync(path.join(options.dir, name)));
  if (found.length > 0)
    options.logger.info(
      `The queue now lives in ${path.join(options.dir, "stash2plex.db")}; work pending in the older queue files (${found.join(", ")}) is not carried over — run "Sync Recent Scenes to Plex" to catch up, then those files may be deleted`,
    );
}
