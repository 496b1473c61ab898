import { SYNC_REASONS, type SyncReason, sceneJobKey } from "../queue/job.js";
import { type Ctx, enqueueRaw, isPaused } from "./queue-writes.js";

/**
 * Bulk syncs ("Sync All" over 100k scenes) hold their scenes in the `held` table instead of queueing them all;
 * the drainer turns them into jobs a window at a time, so the jobs table (and every claim over it) stays the
 * size of the window instead of the library.
 */
export const HELD_WINDOW = 1_000;

/** How a held scene is named where jobs are listed (queue page rows, delete by id). */
export const HELD_ID_PREFIX = "held:";

export function heldSceneIdOf(id: string): string | null {
  return id.startsWith(HELD_ID_PREFIX) ? id.slice(HELD_ID_PREFIX.length) : null;
}

function parseReasons(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((r): r is string => typeof r === "string") : ["bulk"];
  } catch {
    return ["bulk"];
  }
}

export function heldWrites(ctx: Ctx) {
  const { db } = ctx;
  return {
    /** Holds scenes; one already held keeps its place and gains the new reason. */
    hold: (sceneIds: readonly string[], reason: SyncReason): number =>
      db.write(() => {
        for (const sceneId of sceneIds)
          db.run(
            `INSERT INTO held (scene_id, reasons) VALUES (:id, json_array(:reason)) ON CONFLICT (scene_id) DO UPDATE SET
               reasons = CASE WHEN EXISTS (SELECT 1 FROM json_each(reasons) WHERE value = :reason) THEN reasons
                              ELSE json_insert(reasons, '$[#]', :reason) END`,
            { id: sceneId, reason },
          );
        return sceneIds.length;
      }),
    /**
     * When fewer than half a window of jobs is due or running, turns the oldest held scenes into jobs until a
     * window is. Jobs waiting for a retry do not count: a window of scenes Plex has not scanned yet must not
     * stall the rest of the library. Nothing while the queue is paused. Returns how many were released.
     */
    releaseHeld: (now: number, window = HELD_WINDOW): number =>
      db.write(() => {
        if (isPaused(db)) return 0;
        const active =
          db.get<{ n: number }>(
            "SELECT count(*) AS n FROM jobs WHERE (locked_by IS NOT NULL AND locked_at > ?) OR (run_at <= ? AND locked_by IS NULL)",
            now - ctx.leaseMs,
            now,
          )?.n ?? 0;
        if (active >= Math.max(1, Math.floor(window / 2))) return 0;
        const release = db.all<{ seq: number; sceneId: string; reasons: string }>(
          "SELECT seq, scene_id AS sceneId, reasons FROM held ORDER BY seq LIMIT ?",
          window - active,
        );
        for (const { seq, sceneId, reasons: text } of release) {
          db.run("DELETE FROM held WHERE seq = ?", seq);
          const reasons = parseReasons(text);
          const last = reasons.at(-1) as SyncReason;
          const payload = { sceneId, reason: SYNC_REASONS.includes(last) ? last : "bulk" };
          enqueueRaw(ctx, { kind: "sync-scene", payload, key: sceneJobKey(sceneId), reasons }, {});
        }
        return release.length;
      }),
    /** Forgets the given held scenes, or every one (the user cleared the pending queue or removed them). */
    dropHeld: (sceneIds?: readonly string[]): number =>
      db.write(() => {
        if (!sceneIds) return db.run("DELETE FROM held");
        let dropped = 0;
        for (const sceneId of sceneIds) dropped += db.run("DELETE FROM held WHERE scene_id = ?", sceneId);
        return dropped;
      }),
  };
}
