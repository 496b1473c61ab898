export * from "./atomic.js";
export type { Fact, FactInput, ImageLog, Outage, Paused, SceneSyncState } from "./facts.js";
export { factSchema, sceneSyncStateSchema } from "./facts.js";
export { type CompactionStep, type OpenStoreOptions, openStore } from "./file-store.js";
export { HELD_ID_PREFIX, HELD_WINDOW, heldSceneIdOf } from "./held-ops.js";
export * from "./inbox.js";
export {
  isWriterAlive,
  LOCK_NAME,
  LOCK_OWNER_NAME,
  LOCK_STALE_MS,
  LockBusyError,
  type LockOwner,
  readLockOwner,
} from "./lock.js";
export { isProcessAlive } from "./process-alive.js";
export type * from "./queries.js";
export { DEFAULT_MAX_ATTEMPTS, type DeadLetterFilter, type EnqueueOptions } from "./queue-ops.js";
export { applyFact, emptyState, type StoreState } from "./state.js";
export * from "./store.js";
