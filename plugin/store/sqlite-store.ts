import { existsSync } from "node:fs";
import path from "node:path";
import type { Clock } from "../core/clock.js";
import { randomHex } from "../core/random-hex.js";
import { isProcessAlive } from "../fs/process-alive.js";
import type { Logger } from "../log/logger.js";
import { JOB_LEASE_MS } from "../queue/job.js";
import { type Database, DB_FILE, openDatabase } from "./db.js";
import { type HeldRole, isRoleHolderAlive, readRole, takeRole } from "./drainer-role.js";
import * as held from "./held.js";
import { createSqliteLedger } from "./import-ledger.js";
import { libraryTable } from "./library.js";
import * as queries from "./queries.js";
import * as q from "./queue-writes.js";
import { deadLetterOf, parseRow, sceneSyncStateSchema } from "./rows.js";
import type { DeadLetterFilter, Paused, SceneSyncState, Store } from "./store.js";

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

/** A group collection's mark lives in `kv` under its section and title. */
const collectionKey = (sectionId: string, name: string) => `collection:${sectionId}:${name}`;

function parse(text: string | undefined): unknown {
  try {
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/** The Store over one open database: reads are queries, writes transactions (db.write), see store.ts. */
function sqliteStore(db: Database, options: OpenStoreOptions): Store {
  const { clock, logger } = options;
  const ctx: q.Ctx = {
    db,
    now: () => clock.now(),
    newId: () => `${clock.now().toString(36)}-${randomHex(10)}`,
    leaseMs: options.leaseMs ?? JOB_LEASE_MS,
  };
  const lease = ctx.leaseMs;
  const kv = (name: string) =>
    parse(db.get<{ value: string }>("SELECT value FROM kv WHERE name = ?", name)?.value);
  const paused = (): Paused | null => {
    const value = kv("paused") as Partial<Paused> | null;
    return typeof value?.since === "number" && typeof value.reason === "string"
      ? { since: value.since, reason: value.reason }
      : null;
  };
  const deadLetters = (filter: DeadLetterFilter, id: string | null = null) =>
    db
      .all<{ dead_letter: string }>(
        `SELECT dead_letter FROM dead_letters WHERE (:id IS NULL OR id = :id) AND ${q.DEAD_LETTER_WHERE}`,
        { id, ...q.deadLetterParams(filter) },
      )
      .flatMap((row) => deadLetterOf(row) ?? []);
  const deleteDeadLetters = (filter: DeadLetterFilter) =>
    db.run(`DELETE FROM dead_letters WHERE ${q.DEAD_LETTER_WHERE}`, q.deadLetterParams(filter));
  let role: HeldRole | null = null;
  const store: Store = {
    failure: null,
    library: libraryTable(db),
    importLedger: createSqliteLedger(db, { isAlive: isProcessAlive }),
    countsByState: (now) => queries.countsByState(db, now, lease),
    listJobs: (query, now) => queries.listJobs(db, query, now, lease),
    listDeadLetters: (query) => queries.listDeadLetters(db, query),
    errorClassCounts: (state, now) => queries.errorClassCounts(db, state, now, lease),
    getJob: (id) => q.getJob(db, id),
    jobForScene: (sceneId, now) => queries.jobForScene(db, sceneId, now, lease),
    heldCount: () => queries.heldCount(db),
    heldScenes: (offset, limit) => queries.heldScenes(db, offset, limit),
    nextDueAt: (now) => queries.nextDueAt(db, now, lease),
    syncState: (sceneId) =>
      parseRow(
        sceneSyncStateSchema,
        db.get<{ state: string }>("SELECT state FROM sync_state WHERE scene_id = ?", sceneId)?.state,
      ),
    desiredHashesOf(sceneIds) {
      const sql =
        "SELECT scene_id AS id, desired_hash AS hash FROM sync_state WHERE scene_id IN (SELECT value FROM json_each(?))";
      const rows = db.all<{ id: string; hash: string | null }>(sql, JSON.stringify(sceneIds));
      return new Map(rows.map((row) => [row.id, row.hash]));
    },
    pinnedRatingKey: (sceneId) =>
      db.get<{ key: string }>("SELECT rating_key AS key FROM pins WHERE scene_id = ?", sceneId)?.key ?? null,
    sceneRecords(sceneIds) {
      const ids = JSON.stringify(sceneIds);
      const where = "WHERE scene_id IN (SELECT value FROM json_each(?))";
      const states = new Map<string, SceneSyncState>();
      for (const row of db.all<{ id: string; state: string }>(
        `SELECT scene_id AS id, state FROM sync_state ${where}`,
        ids,
      )) {
        const state = parseRow(sceneSyncStateSchema, row.state);
        if (state) states.set(row.id, state);
      }
      const pins = db.all<{ id: string; key: string }>(
        `SELECT scene_id AS id, rating_key AS key FROM pins ${where}`,
        ids,
      );
      return { states, pins: new Map(pins.map((row) => [row.id, row.key])) };
    },
    collectionMark: (sectionId, name) => {
      const mark = kv(collectionKey(sectionId, name));
      return typeof mark === "string" ? mark : null;
    },
    breaker: () => kv("resilience"),
    stats: () =>
      Object.fromEntries(
        db
          .all<{ name: string; value: number }>("SELECT name, value FROM stats")
          .map((r) => [r.name, r.value]),
      ),
    reconcileReports: () =>
      db
        .all<{ report: string }>("SELECT report FROM reconcile_reports ORDER BY id")
        .flatMap((row) => parse(row.report) ?? []),
    paused,

    batch: (fn) => db.write(fn),
    consistentRead: (fn) => db.read(fn),
    enqueue: (kind, payload, opts = {}) => db.write(() => q.enqueue(ctx, kind, payload, opts)),
    hold: (sceneIds, reason) => db.write(() => held.hold(ctx, sceneIds, reason)),
    releaseHeld: (now, window) => db.write(() => (paused() ? 0 : held.releaseHeld(ctx, now, window))),
    dropHeld: (sceneIds) => db.write(() => held.dropHeld(ctx, sceneIds)),
    claimDue: (now, limit, workerId) =>
      db.write(() => (paused() ? [] : q.claimDue(ctx, now, limit, workerId))),
    renewLease: (jobIds, workerId) => db.write(() => q.renewLease(ctx, jobIds, workerId)),
    settle: (jobId, settlement, workerId) => db.write(() => q.settle(ctx, jobId, settlement, workerId)),
    removeJob: (jobId) => db.write(() => q.removeJob(ctx, jobId)),
    retryDeadLetter: (id, opts) =>
      db.write(() => {
        const [dl] = deadLetters({}, id);
        return dl ? q.retryDeadLetter(ctx, dl, opts) : null;
      }),
    retryDeadLetters: (filter, opts) =>
      db.write(() => {
        const matching = deadLetters(filter);
        for (const dl of matching) q.retryDeadLetter(ctx, dl, opts);
        return matching.length;
      }),
    deleteDeadLetter: (id) => db.run("DELETE FROM dead_letters WHERE id = ?", id) > 0,
    deleteDeadLetters,
    purgeDeadLetters: (days) => deleteDeadLetters({ failedBefore: clock.now() - days * DAY_MS }),
    setPin(sceneId, ratingKey) {
      if (ratingKey === null) db.run("DELETE FROM pins WHERE scene_id = ?", sceneId);
      else db.run("INSERT OR REPLACE INTO pins (scene_id, rating_key) VALUES (?, ?)", sceneId, ratingKey);
    },
    setCollectionMark: (sectionId, name, mark) =>
      void db.run(
        "INSERT OR REPLACE INTO kv (name, value) VALUES (?, ?)",
        collectionKey(sectionId, name),
        JSON.stringify(mark),
      ),
    putSyncState: (sceneId, state) =>
      void db.run(
        "INSERT OR REPLACE INTO sync_state (scene_id, state, desired_hash) VALUES (?, ?, ?)",
        sceneId,
        JSON.stringify(state),
        state.desiredHash,
      ),
    removeSyncState: (sceneId) => void db.run("DELETE FROM sync_state WHERE scene_id = ?", sceneId),
    setBreaker: (value) =>
      void db.run(
        "INSERT OR REPLACE INTO kv (name, value) VALUES ('resilience', ?)",
        JSON.stringify(value ?? null),
      ),
    addStats: (delta) => db.write(() => q.addStats(db, delta)),
    addReconcileReport: (report) =>
      db.write(() => {
        db.run("INSERT INTO reconcile_reports (report) VALUES (?)", JSON.stringify(report));
        const keep = "SELECT id FROM reconcile_reports ORDER BY id DESC LIMIT ?";
        db.run(`DELETE FROM reconcile_reports WHERE id NOT IN (${keep})`, MAX_RECONCILE_REPORTS);
      }),
    setPaused: (reason) => q.setPaused(db, reason === null ? null : { since: clock.now(), reason }),

    drainerAlive: () => store.drainerPid() !== null,
    drainerPid() {
      if (role) return process.pid;
      const row = readRole(db);
      return row && isRoleHolderAlive(row, clock.now()) ? row.pid : null;
    },
    takeDrainerRole() {
      role ??= takeRole(
        db,
        () => clock.now(),
        () => {
          const recovered = q.recoverInterruptedJobs(ctx);
          if (recovered > 0)
            logger.info(`Re-queued ${recovered} job(s) a stopped worker had started (no attempt spent)`);
        },
        (error) => {
          (store as { failure: Error | null }).failure ??= error;
          logger.error(`The queue worker stops: ${error.message}`);
        },
      );
      // Everything a drainer writes is redone if lost (a sync re-run, a claim re-made), so its commits skip the
      // fsync: durable against SIGKILL, possibly rolled back by a power cut (decisions.md). Hooks keep FULL.
      if (role) {
        db.synchronous = "NORMAL";
        db.db.exec("PRAGMA synchronous = NORMAL");
      }
      return role !== null;
    },
    async close() {
      try {
        role?.release();
      } finally {
        role = null;
        db.close();
      }
    },
  };
  return store;
}

/** Opens the data folder's database (creating it on first use); see db.ts for the connection's settings. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { database, foundVersion } = await openDatabase(options.dir, options.logger);
  if (foundVersion === 0) {
    const found = LEGACY_FILES.filter((name) => existsSync(path.join(options.dir, name)));
    if (found.length > 0)
      options.logger.info(
        `The queue now lives in ${path.join(options.dir, DB_FILE)}; work pending in the older queue files (${found.join(", ")}) is not carried over — run "Sync Recent Scenes to Plex" to catch up, then those files may be deleted`,
      );
  }
  return sqliteStore(database, options);
}
