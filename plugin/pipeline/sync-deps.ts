import type { Settings } from "../config/settings.js";
import type { OneAtATime } from "../core/one-at-a-time.js";
import type { PathRule } from "../core-sync/index.js";
import type { SceneSyncState } from "../domain/sync-state.js";
import type { LibraryCache } from "../library/library-cache.js";
import type { Logger } from "../log/logger.js";
import type { PathObfuscator } from "../log/obfuscate.js";
import type { PlexClient } from "../plex/index.js";

/** What one scene's sync needs from the outside world; the batch runner builds it, tests pass fakes. */
export interface SceneSyncDeps {
  /** Already guarded (pacer + breaker): see guarded-client.ts. */
  plex: PlexClient;
  library: LibraryCache;
  settings: Settings;
  rules: PathRule[];
  logger: Logger;
  obfuscate: PathObfuscator;
  now: () => number;
  syncState: (sceneId: string) => SceneSyncState | null;
  pin: (sceneId: string) => string | null;
  /** Persists the new sync state (and drops a stale pin) — the store write. */
  record: (sceneId: string, state: SceneSyncState, dropPin: boolean) => void;
  downloadImage: (url: string) => Promise<Uint8Array | null>;
  /** What a group's collection in a section was last given (sync-group-collections.ts), or null. */
  collectionMark: (sectionId: string, name: string) => string | null;
  recordCollectionMark: (sectionId: string, name: string, mark: string) => void;
  /** Shared by the scenes of one worker session (core/one-at-a-time.ts). */
  oneAtATime: OneAtATime;
  sha1: (bytes: Uint8Array) => string;
}
