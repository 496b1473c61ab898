/** Worker lock timing, shared by the lock itself and the hook path's lightweight probe. */
export const LOCK_STALE_MS = 15_000;
export const LOCK_UPDATE_MS = 5_000;
export const LOCK_NAME = "worker.lock";
