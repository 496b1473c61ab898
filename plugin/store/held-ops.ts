import { isLeaseLive, SYNC_REASONS, type SyncReason, sceneJobKey } from "../queue/job.js";
import { enqueueRaw, type Tx } from "./queue-ops.js";

/**
 * Bulk syncs ("Sync All" over 100k scenes) hold their scenes instead of queueing them all: the held list is
 * durable (a `scenes-held` fact, replayed after a crash) and costs a Map entry per scene, while the drainer
 * turns it into jobs a window at a time. With every scene a job at once, each claim of 25 jobs scanned and
 * sorted the whole queue and every compaction rewrote it: CPU and garbage per scene grew with the library.
 */
export const HELD_WINDOW = 1_000;

/** How a held scene is named where jobs are listed (queue page rows, delete by id). */
export const HELD_ID_PREFIX = "held:";

export function heldSceneIdOf(id: string): string | null {
  return id.startsWith(HELD_ID_PREFIX) ? id.slice(HELD_ID_PREFIX.length) : null;
}

export function hold(tx: Tx, sceneIds: readonly string[], reason: SyncReason): number {
  if (sceneIds.length === 0) return 0;
  tx.emit({ type: "scenes-held", sceneIds: [...sceneIds], reasons: [reason] });
  return sceneIds.length;
}

/** Jobs due now or running: what the drainer is about to work through. */
function activeJobs(tx: Tx, now: number): number {
  let active = 0;
  for (const job of tx.state.jobs.values()) {
    if (isLeaseLive(job, now, tx.leaseMs) || (job.runAt <= now && job.lockedBy === null)) active++;
  }
  return active;
}

function payloadReason(reasons: readonly string[]): SyncReason {
  const last = reasons.at(-1);
  return (SYNC_REASONS as readonly string[]).includes(last ?? "") ? (last as SyncReason) : "bulk";
}

/**
 * When fewer than half a window of jobs is due or running, turns the oldest held scenes into jobs until a
 * window is. Jobs waiting for a retry do not count: a window of scenes Plex has not scanned yet must not
 * stall the rest of the library. The release and its jobs are one commit. Returns how many were released.
 */
export function releaseHeld(tx: Tx, now: number, window = HELD_WINDOW): number {
  const held = tx.state.held.map();
  if (held.size === 0 || tx.state.paused) return 0;
  const active = activeJobs(tx, now);
  if (active >= Math.max(1, Math.floor(window / 2))) return 0;
  const release: Array<[string, readonly string[]]> = [];
  for (const entry of held) {
    if (release.length >= window - active) break;
    release.push(entry);
  }
  tx.emit({ type: "held-released", sceneIds: release.map(([sceneId]) => sceneId) });
  for (const [sceneId, reasons] of release) {
    const payload = { sceneId, reason: payloadReason(reasons) };
    enqueueRaw(tx, "sync-scene", payload, sceneJobKey(sceneId), [...reasons], {});
  }
  return release.length;
}

/** Forgets the given held scenes, or every one (the user cleared the pending queue or removed them). */
export function dropHeld(tx: Tx, sceneIds?: readonly string[]): number {
  const held = tx.state.held.map();
  const drop = sceneIds ? sceneIds.filter((id) => held.has(id)) : [...held.keys()];
  if (drop.length > 0) tx.emit({ type: "held-released", sceneIds: drop });
  return drop.length;
}
