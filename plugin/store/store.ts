import { existsSync } from "node:fs";
import path from "node:path";
import type { Clock } from "../core/clock.js";
import { randomHex } from "../core/random-hex.js";
import { type Database, DB_FILE, openDatabase } from "../db/database.js";
import { parseJson, parseRow } from "../db/json-column.js";
import { type SceneSyncState, sceneSyncStateSchema } from "../domain/sync-state.js";
import type { Logger } from "../log/logger.js";
import { JOB_LEASE_MS } from "../queue/job.js";
import { type HeldRole, isRoleHolderAlive, readRole, takeRole } from "./drainer-role.js";
import { heldWrites } from "./held.js";
import { queueReads } from "./queries.js";
import { type Ctx, queueWrites } from "./queue-writes.js";
import type { Paused, SceneRecords } from "./types.js";

export { StoreFailedError } from "../db/errors.js";

export interface OpenStoreOptions {
  dir: string;
  clock: Clock;
  logger: Logger;
  leaseMs?: number;
}

const MAX_RECONCILE_REPORTS = 20;
/** What the file store (before the database) left in a data folder. */
const LEGACY_FILES = ["journal.jsonl", "snapshot.json", "inbox"];
const IN_IDS = "scene_id IN (SELECT value FROM json_each(?))";

/**
 * The queue's store: the queue, sync state, pins and the drainer role in the data folder's SQLite database
 * (db/database.ts opens it, db/migrations.ts holds the schema of every table in it). Every process
 * — hook, UI operation, task, drainer — opens it and reads or writes directly; a write method is one
 * transaction (`BEGIN IMMEDIATE`, so its read-decide-write is atomic against other processes) and is durable
 * when it returns. No transaction ever spans a network call: callers fetch first, then write. Queue reads are
 * in queries.ts, queue writes in queue-writes.ts, a bulk sync's held scenes in held.ts.
 *
 * Running jobs is the drainer's role (`takeDrainerRole`): at most one process holds it, through a heartbeat
 * row a SIGKILLed holder stops refreshing (drainer-role.ts).
 */
export type Store = ReturnType<typeof sqliteStore>;

function sqliteStore(db: Database, { clock, logger, leaseMs = JOB_LEASE_MS }: OpenStoreOptions) {
  const ctx: Ctx = {
    db,
    now: () => clock.now(),
    newId: () => `${clock.now().toString(36)}-${randomHex(10)}`,
    leaseMs,
  };
  const kv = (name: string) =>
    parseJson(db.get<{ value: string }>("SELECT value FROM kv WHERE name = ?", name)?.value);
  const setKv = (name: string, value: unknown) =>
    void db.run("INSERT OR REPLACE INTO kv (name, value) VALUES (?, ?)", name, JSON.stringify(value ?? null));
  /** A group collection's mark lives in `kv` under its section and title. */
  const collectionKey = (sectionId: string, name: string) => `collection:${sectionId}:${name}`;
  const reads = queueReads(db, leaseMs);
  const writes = queueWrites(ctx);
  let role: HeldRole | null = null;
  const store = {
    ...reads,
    ...writes,
    ...heldWrites(ctx),
    /** Set when this process lost the drainer role: the drain loop stops. */
    failure: null as Error | null,
    /** The connection, for the file's other tables: library/library-table.ts, import/ledger-table.ts. */
    database: db,
    paused(): Paused | null {
      const value = kv("paused") as Partial<Paused> | null;
      return typeof value?.since === "number" && typeof value.reason === "string"
        ? { since: value.since, reason: value.reason }
        : null;
    },
    syncState: (sceneId: string): SceneSyncState | null =>
      parseRow(
        sceneSyncStateSchema,
        db.get<{ state: string }>("SELECT state FROM sync_state WHERE scene_id = ?", sceneId)?.state,
      ),
    /** The last desired-state hashes of these scenes, the ones that have one (a bulk sync compares a page). */
    desiredHashesOf(sceneIds: readonly string[]): Map<string, string | null> {
      const sql = `SELECT scene_id AS id, desired_hash AS hash FROM sync_state WHERE ${IN_IDS}`;
      const rows = db.all<{ id: string; hash: string | null }>(sql, JSON.stringify(sceneIds));
      return new Map(rows.map((row) => [row.id, row.hash]));
    },
    /** Sync states and pins of many scenes in one query each (a page of a reconcile). */
    sceneRecords(sceneIds: readonly string[]): SceneRecords {
      const ids = JSON.stringify(sceneIds);
      const states = new Map<string, SceneSyncState>();
      for (const row of db.all<{ id: string; state: string }>(
        `SELECT scene_id AS id, state FROM sync_state WHERE ${IN_IDS}`,
        ids,
      )) {
        const state = parseRow(sceneSyncStateSchema, row.state);
        if (state) states.set(row.id, state);
      }
      const pins = db.all<{ id: string; key: string }>(
        `SELECT scene_id AS id, rating_key AS key FROM pins WHERE ${IN_IDS}`,
        ids,
      );
      return { states, pins: new Map(pins.map((row) => [row.id, row.key])) };
    },
    putSyncState: (sceneId: string, state: SceneSyncState) =>
      void db.run(
        "INSERT OR REPLACE INTO sync_state (scene_id, state, desired_hash) VALUES (?, ?, ?)",
        sceneId,
        JSON.stringify(state),
        state.desiredHash,
      ),
    removeSyncState: (sceneId: string) => void db.run("DELETE FROM sync_state WHERE scene_id = ?", sceneId),
    pinnedRatingKey: (sceneId: string) =>
      db.get<{ key: string }>("SELECT rating_key AS key FROM pins WHERE scene_id = ?", sceneId)?.key ?? null,
    setPin(sceneId: string, ratingKey: string | null): void {
      if (ratingKey === null) db.run("DELETE FROM pins WHERE scene_id = ?", sceneId);
      else db.run("INSERT OR REPLACE INTO pins (scene_id, rating_key) VALUES (?, ?)", sceneId, ratingKey);
    },
    /** What a group's collection in a section was last given (pipeline/sync-group-collections.ts), or null. */
    collectionMark(sectionId: string, name: string): string | null {
      const mark = kv(collectionKey(sectionId, name));
      return typeof mark === "string" ? mark : null;
    },
    setCollectionMark: (sectionId: string, name: string, mark: string) =>
      setKv(collectionKey(sectionId, name), mark),
    /** The breaker with its outage history and health (worker/resilience-state.ts gives it its shape). */
    breaker: () => kv("resilience"),
    setBreaker: (value: unknown) => setKv("resilience", value),
    stats: (): Record<string, number> =>
      Object.fromEntries(
        db
          .all<{ name: string; value: number }>("SELECT name, value FROM stats")
          .map((r) => [r.name, r.value]),
      ),
    reconcileReports: (): unknown[] =>
      db
        .all<{ report: string }>("SELECT report FROM reconcile_reports ORDER BY id")
        .flatMap((row) => parseJson(row.report) ?? []),
    addReconcileReport: (report: unknown) =>
      db.write(() => {
        db.run("INSERT INTO reconcile_reports (report) VALUES (?)", JSON.stringify(report));
        const keep = "SELECT id FROM reconcile_reports ORDER BY id DESC LIMIT ?";
        db.run(`DELETE FROM reconcile_reports WHERE id NOT IN (${keep})`, MAX_RECONCILE_REPORTS);
      }),
    /** Runs `fn` as one transaction (nested calls join it); rolled back when `fn` throws. */
    batch: <T>(fn: () => T): T => db.write(fn),
    /** Runs `fn`'s reads against one snapshot, so counts and pages read together agree. */
    consistentRead: <T>(fn: () => T): T => db.read(fn),

    /** The pid of the live process holding the drainer role, or null. */
    drainerPid(): number | null {
      if (role) return process.pid;
      const row = readRole(db);
      return row && isRoleHolderAlive(row, clock.now()) ? row.pid : null;
    },
    drainerAlive: (): boolean => store.drainerPid() !== null,
    /**
     * Takes the drainer role when no live process holds it (true), releasing jobs a dead holder had claimed;
     * the role is kept by a heartbeat until `close`. False when another live process has it.
     */
    takeDrainerRole(): boolean {
      role ??= takeRole(
        db,
        () => clock.now(),
        () => {
          const recovered = writes.recoverInterruptedJobs();
          if (recovered > 0)
            logger.info(`Re-queued ${recovered} job(s) a stopped worker had started (no attempt spent)`);
        },
        (error) => {
          store.failure ??= error;
          logger.error(`The queue worker stops: ${error.message}`);
        },
      );
      // Everything a drainer writes is redone if lost (a sync re-run, a claim re-made), so its commits skip the
      // fsync: durable against SIGKILL, possibly rolled back by a power cut (decisions.md). Hooks keep FULL.
      if (role) db.setSynchronous("NORMAL");
      return role !== null;
    },
    /**
     * Gives the drainer role up when nothing is queued, in one transaction with that check: a job queued by
     * another process either commits first (seen here: false, keep draining) or finds no drainer afterwards and
     * starts one. Without this, a drainer deciding to exit while an operation queued a job and saw it alive
     * left that job waiting for the next event.
     */
    releaseDrainerRoleIfIdle(now: number): boolean {
      return db.write(() => {
        if (reads.nextDueAt(now) !== null) return false;
        role?.release();
        role = null;
        return true;
      });
    },
    async close(): Promise<void> {
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

/** Opens the data folder's database (creating it on first use); see db/database.ts for the connection's settings. */
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
