import { randomBytes } from "node:crypto";
import { chmodSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";
import { writeFileAtomicSync } from "./atomic.js";
import { LOCK_NAME, LOCK_STALE_MS, LOCK_UPDATE_MS } from "./lock-constants.js";
import { isProcessAlive } from "./process-alive.js";

/**
 * The worker lock: a `proper-lockfile` mkdir lock on `<dir>/worker.lock` whose mtime is refreshed every
 * `update` ms; a lock not refreshed for `stale` ms is considered abandoned (its holder was SIGKILLed) and may
 * be taken over. `stale` must exceed the longest synchronous stretch of the holder (toolchain.md §5: a
 * blocked event loop longer than `stale` lets another process take the lock), hence 15 s.
 *
 * Waiting 15 s after every crash would stall the queue, so the holder also writes an owner record
 * (`worker.lock.owner`: its pid and the lock directory's inode) right after taking the lock. A lock whose
 * recorded owner process no longer exists is abandoned at once. The inode ties the record to this very lock
 * directory: a record left by an earlier holder (or a lock taken but not yet recorded) never counts, and
 * those cases fall back to the mtime rule. A reused pid only makes us wait for the mtime rule too.
 */
export { LOCK_NAME, LOCK_STALE_MS, LOCK_UPDATE_MS };
export const LOCK_OWNER_NAME = `${LOCK_NAME}.owner`;

export class LockBusyError extends Error {
  readonly kind = "lock_busy" as const;
  constructor(dir: string) {
    super(`Another process holds the queue's worker lock in ${dir}`);
  }
}

export interface HeldLock {
  release(): Promise<void>;
}

export interface LockOwner {
  pid: number;
  /** Inode of the lock directory this record belongs to. */
  ino: string;
}

function lockOptions(dir: string) {
  return { lockfilePath: path.join(dir, LOCK_NAME), realpath: false, stale: LOCK_STALE_MS } as const;
}

function lockIno(lockDir: string): string | null {
  try {
    return String(statSync(lockDir, { bigint: true }).ino);
  } catch {
    return null;
  }
}

/** The recorded owner of the current lock, or null when there is no lock or no record for this one. */
export function readLockOwner(dir: string): LockOwner | null {
  const ino = lockIno(path.join(dir, LOCK_NAME));
  if (ino === null) return null;
  try {
    const raw = JSON.parse(readFileSync(path.join(dir, LOCK_OWNER_NAME), "utf8")) as Partial<LockOwner>;
    if (typeof raw.pid !== "number" || !Number.isInteger(raw.pid) || raw.pid <= 0 || raw.ino !== ino)
      return null;
    return { pid: raw.pid, ino };
  } catch {
    return null;
  }
}

/**
 * Removes a lock whose recorded owner is dead. The directory is renamed aside first and its inode checked,
 * so a lock another process took meanwhile (a racing reaper) is put back instead of removed.
 */
function reapDeadOwnerLock(dir: string): void {
  const owner = readLockOwner(dir);
  if (owner === null || owner.pid === process.pid || isProcessAlive(owner.pid)) return;
  const lockDir = path.join(dir, LOCK_NAME);
  const aside = `${lockDir}.reap-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(lockDir, aside);
  } catch {
    return; // gone already: someone else reaped it
  }
  if (lockIno(aside) !== owner.ino) {
    try {
      renameSync(aside, lockDir);
    } catch {
      // a third process locked meanwhile; the one we moved notices at its next update (compromised)
    }
    return;
  }
  try {
    rmdirSync(aside);
  } catch {
    // left for nobody; harmless
  }
}

/** Takes the lock without waiting; throws LockBusyError when a live holder has it. */
export async function acquireWorkerLock(
  dir: string,
  onCompromised: (error: Error) => void,
): Promise<HeldLock> {
  reapDeadOwnerLock(dir);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      ...lockOptions(dir),
      update: LOCK_UPDATE_MS,
      retries: 0,
      onCompromised,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new LockBusyError(dir);
    throw error;
  }
  const ino = lockIno(path.join(dir, LOCK_NAME));
  try {
    chmodSync(path.join(dir, LOCK_NAME), 0o700);
  } catch {
    // the lock folder is owner-only when the data folder is; this only narrows it further
  }
  if (ino !== null) {
    const owner: LockOwner = { pid: process.pid, ino };
    writeFileAtomicSync(path.join(dir, LOCK_OWNER_NAME), JSON.stringify(owner));
  }
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      if (readLockOwner(dir)?.pid === process.pid) {
        try {
          unlinkSync(path.join(dir, LOCK_OWNER_NAME));
        } catch {
          // already gone
        }
      }
      try {
        await release();
      } catch (error) {
        // Already released because the lock was compromised or taken over; nothing is left to clean up.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "ERELEASED" && code !== "ENOTACQUIRED") throw error;
      }
    },
  };
}

/** Does a live writer (drainer or foreground drain) hold the lock? A stale lock counts as not held. */
export async function isWriterAlive(dir: string): Promise<boolean> {
  const owner = readLockOwner(dir);
  if (owner !== null && !isProcessAlive(owner.pid)) return false;
  try {
    return await lockfile.check(dir, lockOptions(dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
