import { statSync } from "node:fs";
import path from "node:path";
import { LOCK_NAME, LOCK_STALE_MS } from "./lock-constants.js";

/**
 * The hook path's "does a drainer run?" without loading proper-lockfile: the same test it makes (the lock
 * folder exists and its mtime, refreshed by the holder every few seconds, is younger than the stale limit).
 */
export function isLockFresh(dir: string, now: number): boolean {
  try {
    const mtime = statSync(path.join(dir, LOCK_NAME)).mtimeMs;
    return now - mtime < LOCK_STALE_MS;
  } catch {
    return false;
  }
}
