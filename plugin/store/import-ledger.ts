/**
 * The import's ledger (plugin/import/ledger.ts) in the store's database — tables `import_state` (one row: the
 * high-water mark, the lease, the last report) and `import_plays` (keys of plays settled inside the look-back
 * window, and intents not yet confirmed), migration 2. Every method is one statement or one IMMEDIATE
 * transaction, so a SIGKILL leaves each step done or not done.
 */
import type { ImportLease, ImportLedger } from "../import-rules/ledger.js";
import { leaseFree, pidOfOwner } from "../import-rules/ledger.js";
import type { PlayIntent } from "../import-rules/plays.js";
import { type ImportReport, importReportSchema } from "../import-rules/report.js";

type SqlValue = string | number | bigint | null | Uint8Array;
/**
 * What the ledger needs of a database connection — the shape of the store's `Database` (statement cache, busy
 * retries, `write` = one BEGIN IMMEDIATE transaction, nested calls join it).
 */
export interface LedgerDatabase {
  get<T>(sql: string, ...params: SqlValue[]): T | undefined;
  all<T>(sql: string, ...params: SqlValue[]): T[];
  run(sql: string, ...params: SqlValue[]): number;
  write<T>(fn: () => T): T;
}

interface StateRow {
  high_water: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_report: string | null;
}

export interface SqliteLedgerOptions {
  /** Is process `pid` alive? (a lease whose process died is free at once). */
  isAlive: (pid: number) => boolean;
}

const STATE_SQL =
  "SELECT high_water, lease_owner, lease_expires_at, last_report FROM import_state WHERE id = 1";

export function createSqliteLedger(db: LedgerDatabase, options: SqliteLedgerOptions): ImportLedger {
  const read = () =>
    db.get<StateRow>(STATE_SQL) ?? {
      high_water: null,
      lease_owner: null,
      lease_expires_at: null,
      last_report: null,
    };
  const leaseOf = (row: StateRow): ImportLease | null =>
    row.lease_owner === null ? null : { owner: row.lease_owner, expiresAt: row.lease_expires_at ?? 0 };

  return {
    acquireLease: (owner, now, ttlMs) =>
      db.write(() => {
        const held = leaseOf(read());
        const pid = held === null ? null : pidOfOwner(held.owner);
        const alive = pid === null || options.isAlive(pid);
        if (!leaseFree(held, owner, now, alive)) return false;
        db.run(
          "UPDATE import_state SET lease_owner = ?, lease_expires_at = ? WHERE id = 1",
          owner,
          now + ttlMs,
        );
        return true;
      }),
    releaseLease: (owner) => {
      db.run(
        "UPDATE import_state SET lease_owner = NULL, lease_expires_at = NULL WHERE id = 1 AND lease_owner = ?",
        owner,
      );
    },
    highWater: () => read().high_water,
    isSeen: (key) => db.get("SELECT 1 AS found FROM import_plays WHERE play_key = ?", key) !== undefined,
    pending: () =>
      db
        .all<{ play_key: string; scene_id: string; viewed_at: number }>(
          "SELECT play_key, scene_id, viewed_at FROM import_plays WHERE pending = 1 ORDER BY viewed_at",
        )
        .map((r): PlayIntent => ({ key: r.play_key, sceneId: r.scene_id, viewedAt: r.viewed_at })),
    recordIntents: (intents) =>
      db.write(() => {
        for (const i of intents) {
          db.run(
            "INSERT INTO import_plays (play_key, viewed_at, scene_id, pending) VALUES (?, ?, ?, 1) " +
              "ON CONFLICT (play_key) DO UPDATE SET viewed_at = excluded.viewed_at, scene_id = excluded.scene_id, pending = 1",
            i.key,
            i.viewedAt,
            i.sceneId,
          );
        }
      }),
    settle: (keys, upTo) =>
      db.write(() => {
        for (const key of keys) db.run("UPDATE import_plays SET pending = 0 WHERE play_key = ?", key);
        if (upTo !== null) {
          db.run(
            "UPDATE import_state SET high_water = ? WHERE id = 1 AND (high_water IS NULL OR high_water < ?)",
            upTo,
            upTo,
          );
        }
      }),
    prune: (before) => {
      db.run("DELETE FROM import_plays WHERE pending = 0 AND viewed_at < ?", before);
    },
    lastReport: () => {
      const raw = read().last_report;
      if (raw === null) return null;
      const parsed = importReportSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
    saveReport: (report: ImportReport) => {
      db.run("UPDATE import_state SET last_report = ? WHERE id = 1", JSON.stringify(report));
    },
  };
}
