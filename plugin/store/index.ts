export { DB_FILE, networkFilesystemOf } from "./db.js";
export { ROLE_STALE_MS } from "./drainer-role.js";
export { HELD_ID_PREFIX, HELD_WINDOW, heldSceneIdOf } from "./held.js";
export type { KeyedLibraryRow, LibraryRow, LibraryTable } from "./library.js";
export { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
export { DEFAULT_MAX_ATTEMPTS } from "./queue-writes.js";
export * from "./store.js";
export type * from "./types.js";
