import type { Database } from "../db/database.js";
import { parseRow } from "../db/json-column.js";
import { isProcessAlive } from "../fs/process-alive.js";
import type { ImportLedger } from "../import-rules/ledger.js";
import { leaseFree, pidOfOwner } from "../import-rules/ledger.js";
import type { PlayIntent } from "../import-rules/plays.js";
import { importReportSchema } from "../import-rules/report.js";

/**
 * The import's ledger (import-rules/ledger.ts) in the database — `import_state` (one row: the high-water mark,
 * the lease, the last report) and `import_plays` (keys of plays settled inside the look-back window, and
 * intents not yet confirmed), migration 2. Each method is one statement or one IMMEDIATE transaction, so a
 * SIGKILL leaves each step done or not done.
 */
interface StateRow {
  high_water: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_report: string | null;
}

export function importLedgerOf(db: Database, isAlive = isProcessAlive): ImportLedger {
  const read = () =>
    db.get<StateRow>(
      "SELECT high_water, lease_owner, lease_expires_at, last_report FROM import_state WHERE id = 1",
    );
  const setState = (assignments: string, ...params: Array<string | number | null>) =>
    void db.run(`UPDATE import_state SET ${assignments} WHERE id = 1`, ...params);
  return {
    acquireLease: (owner, now, ttlMs) =>
      db.write(() => {
        const row = read();
        const held = row?.lease_owner
          ? { owner: row.lease_owner, expiresAt: row.lease_expires_at ?? 0 }
          : null;
        const pid = held === null ? null : pidOfOwner(held.owner);
        if (!leaseFree(held, owner, now, pid === null || isAlive(pid))) return false;
        setState("lease_owner = ?, lease_expires_at = ?", owner, now + ttlMs);
        return true;
      }),
    releaseLease: (owner) =>
      void db.run(
        "UPDATE import_state SET lease_owner = NULL, lease_expires_at = NULL WHERE id = 1 AND lease_owner = ?",
        owner,
      ),
    highWater: () => read()?.high_water ?? null,
    isSeen: (key) => db.get("SELECT 1 FROM import_plays WHERE play_key = ?", key) !== undefined,
    pending: () =>
      db.all<PlayIntent>(
        "SELECT play_key AS key, scene_id AS sceneId, viewed_at AS viewedAt FROM import_plays WHERE pending = 1 ORDER BY viewed_at",
      ),
    recordIntents: (intents) =>
      db.write(() => {
        for (const i of intents)
          db.run(
            `INSERT INTO import_plays (play_key, viewed_at, scene_id, pending) VALUES (?, ?, ?, 1)
             ON CONFLICT (play_key) DO UPDATE SET viewed_at = excluded.viewed_at, scene_id = excluded.scene_id, pending = 1`,
            i.key,
            i.viewedAt,
            i.sceneId,
          );
      }),
    settle: (keys, upTo) =>
      db.write(() => {
        for (const key of keys) db.run("UPDATE import_plays SET pending = 0 WHERE play_key = ?", key);
        if (upTo !== null) setState("high_water = max(coalesce(high_water, ?), ?)", upTo, upTo);
      }),
    prune: (before) => void db.run("DELETE FROM import_plays WHERE pending = 0 AND viewed_at < ?", before),
    lastReport: () => parseRow(importReportSchema, read()?.last_report),
    saveReport: (report) => setState("last_report = ?", JSON.stringify(report)),
  };
}
