export { DB_FILE } from "../db/database.js";
export { ROLE_STALE_MS } from "./drainer-role.js";
export { HELD_ID_PREFIX, HELD_WINDOW, heldSceneIdOf } from "./held.js";
export { DEFAULT_MAX_ATTEMPTS } from "./queue-writes.js";
export * from "./store.js";
export type * from "./types.js";
