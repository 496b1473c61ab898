import type { SceneSyncState } from "../domain/sync-state.js";
import type { ImageStatus } from "./contracts.js";

type Slot = "poster" | "art";

/**
 * Pure: the state of one image slot of the scene's Plex item, from the setting, whether Stash has a cover and
 * what the last sync recorded. A failure counts only when the last sync is the one that failed.
 */
export function imageStatus(
  slot: Slot,
  facts: { enabled: boolean; hasCover: boolean; sync: SceneSyncState | null },
): ImageStatus {
  const none = { at: null, problem: null };
  if (!facts.enabled) return { state: "off", ...none };
  if (!facts.hasCover) return { state: "no_cover", ...none };
  const sync = facts.sync;
  if (!sync) return { state: "not_yet", ...none };
  const log = sync.imageLog?.[slot];
  if (log?.problem !== undefined && log.failedAt === sync.lastSyncedAt) {
    return { state: "failed", at: log.failedAt, problem: log.problem };
  }
  if (log?.uploadedAt !== undefined) {
    return {
      state: log.uploadedAt === sync.lastSyncedAt ? "uploaded" : "unchanged",
      at: log.uploadedAt,
      problem: null,
    };
  }
  // Uploaded by a version that did not log times yet: current, time unknown.
  if (sync.imageHashes[slot] !== undefined) return { state: "unchanged", ...none };
  return { state: "not_yet", ...none };
}
