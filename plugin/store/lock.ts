import path from "node:path";
import lockfile from "proper-lockfile";

/**
 * The worker lock: a `proper-lockfile` mkdir lock on `<dir>/worker.lock` whose mtime is refreshed every
 * `update` ms; a lock not refreshed for `stale` ms is considered abandoned (its holder was SIGKILLed) and may
 * be taken over. `stale` must exceed the longest synchronous stretch of the holder (toolchain.md §5: a
 * blocked event loop longer than `stale` lets another process take the lock), hence 15 s.
 */
export const LOCK_STALE_MS = 15_000;
export const LOCK_UPDATE_MS = 5_000;
export const LOCK_NAME = "worker.lock";

export class LockBusyError extends Error {
  readonly kind = "lock_busy" as const;
  constructor(dir: string) {
    super(`Another process holds the queue's worker lock in ${dir}`);
  }
}

export interface HeldLock {
  release(): Promise<void>;
}

function lockOptions(dir: string) {
  return { lockfilePath: path.join(dir, LOCK_NAME), realpath: false, stale: LOCK_STALE_MS } as const;
}

/** Takes the lock without waiting; throws LockBusyError when a live holder has it. */
export async function acquireWorkerLock(
  dir: string,
  onCompromised: (error: Error) => void,
): Promise<HeldLock> {
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
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
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
  try {
    return await lockfile.check(dir, lockOptions(dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
