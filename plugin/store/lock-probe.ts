import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { LOCK_NAME, LOCK_STALE_MS } from "./lock-constants.js";
import { isProcessAlive } from "./process-alive.js";

/**
 * The hook path's "does a drainer run?" without loading proper-lockfile: the lock folder exists, its mtime
 * (refreshed by the holder every few seconds) is younger than the stale limit, and — when the holder left an
 * owner record for this very lock folder — that process is still alive (a SIGKILLed drainer's lock counts as
 * free at once, as in lock.ts).
 */
export function isLockFresh(dir: string, now: number): boolean {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path.join(dir, LOCK_NAME), { bigint: true });
  } catch {
    return false;
  }
  if (now - Number(stat.mtimeMs) >= LOCK_STALE_MS) return false;
  const owner = readOwnerPid(dir, String(stat.ino));
  return owner === null || isProcessAlive(owner);
}

function readOwnerPid(dir: string, ino: string): number | null {
  try {
    const raw = JSON.parse(readFileSync(path.join(dir, `${LOCK_NAME}.owner`), "utf8")) as {
      pid?: unknown;
      ino?: unknown;
    };
    return typeof raw.pid === "number" && raw.ino === ino ? raw.pid : null;
  } catch {
    return null;
  }
}
