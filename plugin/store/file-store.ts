import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../log/logger.js";
import type { Settlement } from "../queue/failure-table.js";
import { JOB_LEASE_MS, type Job, type JobKindName, type JobKinds, type SyncReason } from "../queue/job.js";
import type { DeadLetter, SettleResult } from "../queue/transitions.js";
import { ensurePrivateDir, writeFileAtomicSync } from "./atomic.js";
import { type Fact, type FactInput, fact, type Outage, type Paused, type SceneSyncState } from "./facts.js";
import * as held from "./held-ops.js";
import { readInbox, removeInboxEntries, sweepInboxTemps } from "./inbox.js";
import { JournalWriter, readJournal } from "./journal.js";
import {
  JOURNAL_FILE,
  loadSnapshot,
  replayLines,
  SNAPSHOT_FILE,
  snapshotIdentity,
  sweepSnapshotTemps,
} from "./load.js";
import { acquireWorkerLock, type HeldLock } from "./lock.js";
import * as queries from "./queries.js";
import * as ops from "./queue-ops.js";
import { encodeSnapshot } from "./snapshot.js";
import { applyFact, type StoreState } from "./state.js";
import {
  type InboxHandler,
  type IngestReport,
  StoreFailedError,
  type StoreReader,
  StoreReadOnlyError,
  type StoreWriter,
} from "./store.js";

export type CompactionStep = "snapshot" | "reset-journal";

export interface OpenStoreOptions {
  dir: string;
  clock: Clock;
  logger: Logger;
  leaseMs?: number;
  /** Compact when the journal passes this many lines (default 10,000) … */
  compactAfterLines?: number;
  /** … or this many bytes (default 16 MiB). */
  compactAfterBytes?: number;
  /** Called once when the store stops accepting writes (lock lost, journal write failed). */
  onFailure?: (error: Error) => void;
  /** Test seam: runs before each compaction step; throwing there simulates a crash at that point. */
  beforeCompactionStep?: (step: CompactionStep) => void;
}

const DAY_MS = 86_400_000;

class FileStore implements StoreWriter {
  failure: Error | null = null;
  private pending: Fact[] | null = null;
  private readonly leaseMs: number;
  private readonly tx: ops.Tx;

  constructor(
    readonly mode: "writer" | "reader",
    private readonly options: OpenStoreOptions,
    private state: StoreState,
    private lastSeq: number,
    private readonly journal: JournalWriter | null,
    private readonly lock: HeldLock | null,
  ) {
    this.leaseMs = options.leaseMs ?? JOB_LEASE_MS;
    const store = this;
    this.tx = {
      get state() {
        return store.state;
      },
      emit: (input: FactInput) => this.emit(input),
      now: () => options.clock.now(),
      newId: () => `${options.clock.now().toString(36)}-${randomBytes(5).toString("hex")}`,
      leaseMs: this.leaseMs,
    };
  }

  markFailed(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.options.logger.error(`Queue store stopped accepting writes: ${error.message}`);
    this.options.onFailure?.(error);
  }

  // ── transactions ────────────────────────────────────────────────────────────────────────────
  private emit(input: FactInput): void {
    if (this.pending === null) throw new Error("fact emitted outside a transaction");
    const f = fact(input);
    applyFact(this.state, f);
    this.pending.push(f);
  }

  private run<T>(fn: (tx: ops.Tx) => T): T {
    if (this.mode === "reader") throw new StoreReadOnlyError();
    if (this.failure) throw new StoreFailedError(this.failure);
    if (this.pending !== null) return fn(this.tx);
    this.pending = [];
    try {
      return fn(this.tx);
    } finally {
      // Facts already applied in memory are committed even if `fn` threw, so memory and disk agree.
      const facts = this.pending;
      this.pending = null;
      if (facts.length > 0) this.commit(facts);
    }
  }

  private commit(facts: Fact[]): void {
    const journal = this.journal!;
    try {
      journal.append(this.lastSeq + 1, facts);
    } catch (error) {
      this.markFailed(error as Error);
      throw new StoreFailedError(error as Error);
    }
    this.lastSeq++;
    const { lines, bytes } = journal.size;
    if (
      lines >= (this.options.compactAfterLines ?? 10_000) ||
      bytes >= (this.options.compactAfterBytes ?? 16 * 1024 * 1024)
    ) {
      // The commit is already durable; a failed compaction only leaves a longer journal, tried again later.
      try {
        this.compact();
      } catch (error) {
        this.options.logger.warn(`Queue compaction failed, will retry: ${(error as Error).message}`);
      }
    }
  }

  batch<T>(fn: () => T): T {
    return this.run(() => fn());
  }

  /** Snapshot (temp + fsync + rename + dir fsync), then empty the journal. Any crash between leaves a state
   * that replays to the same facts: the snapshot's seq makes replay skip journal lines it already holds. */
  compact(): void {
    if (this.mode === "reader") throw new StoreReadOnlyError();
    if (this.failure) throw new StoreFailedError(this.failure);
    if (this.pending !== null) throw new Error("cannot compact inside a transaction");
    const probe = this.options.beforeCompactionStep;
    probe?.("snapshot");
    writeFileAtomicSync(path.join(this.options.dir, SNAPSHOT_FILE), encodeSnapshot(this.state, this.lastSeq));
    probe?.("reset-journal");
    this.journal!.reset();
  }

  // ── inbox ───────────────────────────────────────────────────────────────────────────────────
  ingestInbox(handle: InboxHandler, limit?: number): IngestReport {
    if (this.mode === "reader") throw new StoreReadOnlyError();
    const { dir, logger } = this.options;
    sweepInboxTemps(dir, this.options.clock.now());
    const read = readInbox(dir, logger, limit);
    const report: IngestReport = { ingested: 0, duplicates: 0, bad: read.bad.length, failed: 0 };
    const done: string[] = [];
    for (const entry of read.entries) {
      if (this.state.ingested.has(entry.id)) {
        report.duplicates++;
        done.push(entry.id);
        continue;
      }
      try {
        this.run((tx) => {
          tx.emit({ type: "inbox-ingested", ids: [entry.id] });
          handle(entry, this);
        });
        report.ingested++;
      } catch (error) {
        if (error instanceof StoreFailedError) throw error;
        report.failed++;
        logger.error(`Inbox entry ${entry.id} could not be applied: ${(error as Error).message}`);
      }
      done.push(entry.id);
    }
    removeInboxEntries(dir, done);
    return report;
  }

  // ── writer operations ───────────────────────────────────────────────────────────────────────
  enqueue<K extends JobKindName>(kind: K, payload: JobKinds[K], options: ops.EnqueueOptions = {}): Job {
    return this.run((tx) => ops.enqueue(tx, kind, payload, options));
  }
  hold(sceneIds: readonly string[], reason: SyncReason): number {
    return this.run((tx) => held.hold(tx, sceneIds, reason));
  }
  releaseHeld(now: number, window?: number): number {
    return this.run((tx) => held.releaseHeld(tx, now, window));
  }
  dropHeld(sceneIds?: readonly string[]): number {
    return this.run((tx) => held.dropHeld(tx, sceneIds));
  }
  claimDue(now: number, limit: number, workerId: string): Job[] {
    return this.run((tx) => ops.claimDue(tx, now, limit, workerId));
  }
  recoverInterruptedJobs(): number {
    return this.run((tx) => ops.recoverInterruptedJobs(tx));
  }
  renewLease(jobIds: readonly string[], workerId: string): number {
    return this.run((tx) => ops.renewLease(tx, jobIds, workerId));
  }
  settle(jobId: string, settlement: Settlement, workerId?: string): SettleResult | null {
    return this.run((tx) => ops.settle(tx, jobId, settlement, workerId));
  }
  removeJob(jobId: string): boolean {
    return this.run((tx) => ops.removeJob(tx, jobId));
  }
  retryDeadLetter(id: string, options?: ops.EnqueueOptions): Job | null {
    return this.run((tx) => ops.retryDeadLetter(tx, id, options));
  }
  retryDeadLetters(filter: ops.DeadLetterFilter, options?: ops.EnqueueOptions): number {
    return this.run((tx) => ops.retryDeadLetters(tx, filter, options));
  }
  deleteDeadLetter(id: string): boolean {
    return this.run((tx) => {
      if (!tx.state.deadLetters.has(id)) return false;
      tx.emit({ type: "dead-letter-removed", id });
      return true;
    });
  }
  deleteDeadLetters(filter: ops.DeadLetterFilter): number {
    return this.run((tx) => ops.deleteDeadLetters(tx, filter));
  }
  purgeDeadLetters(olderThanDays: number): number {
    const failedBefore = this.options.clock.now() - olderThanDays * DAY_MS;
    return this.run((tx) => ops.deleteDeadLetters(tx, { failedBefore }));
  }
  setPin(sceneId: string, ratingKey: string | null): void {
    this.run((tx) => tx.emit({ type: "pin-set", sceneId, ratingKey }));
  }
  putSyncState(sceneId: string, state: SceneSyncState): void {
    this.run((tx) => tx.emit({ type: "sync-state-put", sceneId, state }));
  }
  removeSyncState(sceneId: string): void {
    this.run((tx) => tx.emit({ type: "sync-state-removed", sceneId }));
  }
  setBreaker(breaker: unknown): void {
    this.run((tx) => tx.emit({ type: "breaker-set", breaker }));
  }
  outageStarted(at: number): void {
    this.run((tx) => tx.emit({ type: "outage-started", at }));
  }
  outageEnded(at: number): void {
    this.run((tx) => tx.emit({ type: "outage-ended", at }));
  }
  addStats(delta: Record<string, number>): void {
    this.run((tx) => tx.emit({ type: "stats-added", delta }));
  }
  addReconcileReport(report: unknown): void {
    this.run((tx) => tx.emit({ type: "reconcile-reported", report }));
  }
  setPaused(reason: string | null): void {
    const paused = reason === null ? null : { since: this.options.clock.now(), reason };
    this.run((tx) => tx.emit({ type: "paused-set", paused }));
  }

  // ── queries ─────────────────────────────────────────────────────────────────────────────────
  countsByState(now: number) {
    return queries.countsByState(this.state, now, this.leaseMs);
  }
  jobViews(query: Pick<queries.ListJobsQuery, "state" | "errorClass">, now: number) {
    return queries.jobViews(this.state, query, now, this.leaseMs);
  }

  listJobs(query: queries.ListJobsQuery, now: number) {
    return queries.listJobs(this.state, query, now, this.leaseMs);
  }
  listDeadLetters(query?: queries.DeadLetterQuery): queries.Page<DeadLetter> {
    return queries.listDeadLetters(this.state, query);
  }
  getJob(id: string): Job | null {
    return this.state.jobs.get(id) ?? null;
  }
  jobForScene(sceneId: string, now: number) {
    return queries.jobForScene(this.state, sceneId, now, this.leaseMs);
  }
  heldScenes(): ReadonlyMap<string, readonly string[]> {
    return this.state.held.map();
  }
  nextDueAt(now: number): number | null {
    return queries.nextDueAt(this.state, now, this.leaseMs);
  }
  syncState(sceneId: string): SceneSyncState | null {
    return this.state.sync.get(sceneId);
  }
  syncStates(): ReadonlyMap<string, SceneSyncState> {
    return this.state.sync.all();
  }
  pinnedRatingKey(sceneId: string): string | null {
    return this.state.pins.get(sceneId) ?? null;
  }
  breaker(): unknown {
    return this.state.breaker;
  }
  outages(): readonly Outage[] {
    return this.state.outages;
  }
  stats(): Record<string, number> {
    return Object.fromEntries(this.state.stats);
  }
  reconcileReports(): readonly unknown[] {
    return this.state.reconcileReports;
  }
  paused(): Paused | null {
    return this.state.paused;
  }

  refresh(): void {
    if (this.mode !== "reader") return;
    const loaded = loadConsistent(this.options);
    this.state.sync.detach();
    this.state = loaded.state;
    this.lastSeq = loaded.seq;
  }

  async close(): Promise<void> {
    this.state.sync.detach();
    this.journal?.close();
    await this.lock?.release();
  }
}

/**
 * Snapshot + journal as one consistent view without the lock: if a compaction replaced the snapshot while
 * we read the journal, the journal may already be emptied, so read again.
 */
function loadConsistent(options: OpenStoreOptions): { state: StoreState; seq: number } {
  const { dir, logger } = options;
  for (let attempt = 0; ; attempt++) {
    const snapshot = loadSnapshot(dir, logger, false);
    const journal = readJournal(path.join(dir, JOURNAL_FILE), logger);
    if (snapshotIdentity(path.join(dir, SNAPSHOT_FILE)) !== snapshot.identity && attempt < 10) {
      snapshot.state.sync.detach();
      continue;
    }
    const seq = replayLines(snapshot.state, journal.lines, snapshot.seq, logger);
    return { state: snapshot.state, seq };
  }
}

async function openWriter(options: OpenStoreOptions): Promise<StoreWriter> {
  ensurePrivateDir(options.dir);
  let store: FileStore | null = null;
  let lostEarly: Error | null = null;
  const lock = await acquireWorkerLock(options.dir, (error) => {
    if (store) store.markFailed(error);
    else lostEarly = error;
  });
  try {
    sweepSnapshotTemps(options.dir);
    const snapshot = loadSnapshot(options.dir, options.logger, true);
    // The writer keeps every job and scene in memory: it writes the next snapshot.
    snapshot.state.jobs.all();
    snapshot.state.held.map();
    snapshot.state.sync.all();
    const { writer, read } = JournalWriter.open(path.join(options.dir, JOURNAL_FILE), options.logger);
    const seq = replayLines(snapshot.state, read.lines, snapshot.seq, options.logger);
    store = new FileStore(
      "writer",
      options,
      snapshot.state,
      Math.max(seq, read.lines.at(-1)?.s ?? 0),
      writer,
      lock,
    );
    if (lostEarly) {
      store.markFailed(lostEarly);
      return store;
    }
    const recovered = store.recoverInterruptedJobs();
    if (recovered > 0)
      options.logger.info(`Re-queued ${recovered} job(s) a stopped worker had started (no attempt spent)`);
    if (read.lines.length >= (options.compactAfterLines ?? 10_000)) store.compact();
    return store;
  } catch (error) {
    await lock.release();
    throw error;
  }
}

export function openStore(options: OpenStoreOptions & { mode: "writer" }): Promise<StoreWriter>;
export function openStore(options: OpenStoreOptions & { mode: "reader" }): Promise<StoreReader>;
export async function openStore(
  options: OpenStoreOptions & { mode: "writer" | "reader" },
): Promise<StoreReader> {
  if (options.mode === "writer") return openWriter(options);
  const { state, seq } = loadConsistent(options);
  return new FileStore("reader", options, state, seq, null, null);
}
