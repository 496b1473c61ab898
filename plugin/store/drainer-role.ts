import { hostname } from "node:os";
import { randomHex } from "../core/random-hex.js";
import type { Database } from "../db/database.js";
import { isProcessAlive } from "../fs/process-alive.js";

/**
 * The drainer role: one row (`drainer`, id 1) naming the process that runs jobs, refreshed every few seconds.
 * Another process may take the row when its holder is gone: a holder on this host whose pid no longer
 * exists (a SIGKILLed drainer frees the role at once), or one whose heartbeat is older than ROLE_STALE_MS
 * either way (a holder on another host, a pid we cannot check, or a clock that jumped). Taking and
 * refreshing are single transactions, so two processes can never both believe they took it; a holder that
 * finds the row no longer its own stops (`onLost`). Jobs themselves carry leases as well, so even a
 * wrongly-taken role never runs one job twice at the same time.
 */
export const ROLE_STALE_MS = 15_000;
export const ROLE_HEARTBEAT_MS = 5_000;

interface RoleRow {
  owner: string;
  pid: number;
  host: string;
  heartbeat_at: number;
}

const HOST = hostname();

export function isRoleHolderAlive(row: RoleRow | undefined, now: number): boolean {
  if (!row) return false;
  if (row.host === HOST && row.pid !== process.pid && !isProcessAlive(row.pid)) return false;
  return Math.abs(now - row.heartbeat_at) < ROLE_STALE_MS;
}

export function readRole(db: Database): RoleRow | undefined {
  return db.get<RoleRow>("SELECT owner, pid, host, heartbeat_at FROM drainer WHERE id = 1");
}

export interface HeldRole {
  readonly owner: string;
  release(): void;
}

/**
 * Takes the role if no live process holds it; `onTaken` runs in the same transaction (to release jobs the
 * previous holder had claimed). Null when a live holder has it.
 */
export function takeRole(
  db: Database,
  now: () => number,
  onTaken: (owner: string) => void,
  onLost: (error: Error) => void,
): HeldRole | null {
  const owner = `${process.pid}-${randomHex(8)}`;
  const taken = db.write(() => {
    if (isRoleHolderAlive(readRole(db), now())) return false;
    db.run(
      "INSERT OR REPLACE INTO drainer (id, owner, pid, host, heartbeat_at) VALUES (1, ?, ?, ?, ?)",
      owner,
      process.pid,
      HOST,
      now(),
    );
    onTaken(owner);
    return true;
  });
  if (!taken) return null;
  let released = false;
  const timer = setInterval(() => {
    try {
      const kept = db.run("UPDATE drainer SET heartbeat_at = ? WHERE id = 1 AND owner = ?", now(), owner);
      if (kept === 0) throw new Error("another process took over the drainer role");
    } catch (error) {
      clearInterval(timer);
      released = true;
      onLost(error as Error);
    }
  }, ROLE_HEARTBEAT_MS);
  timer.unref();
  return {
    owner,
    release: () => {
      clearInterval(timer);
      if (released) return;
      released = true;
      db.run("DELETE FROM drainer WHERE id = 1 AND owner = ?", owner);
    },
  };
}
