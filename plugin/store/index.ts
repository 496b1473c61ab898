export * from "./atomic.js";
export { DB_FILE, networkFilesystemOf } from "./db.js";
export { ROLE_STALE_MS } from "./drainer-role.js";
export { HELD_ID_PREFIX, HELD_WINDOW, heldSceneIdOf } from "./held.js";
export { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
export { isProcessAlive } from "./process-alive.js";
export { DEFAULT_MAX_ATTEMPTS } from "./queue-writes.js";
export { type OpenStoreOptions, openStore } from "./sqlite-store.js";
export * from "./store.js";
