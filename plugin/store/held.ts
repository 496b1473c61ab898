import { SYNC_REASONS, type SyncReason, sceneJobKey } from "../queue/job.js";
import { type Ctx, enqueueRaw } from "./queue-writes.js";

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

/** Holds scenes; one already held keeps its place and gains the new reason. */
export function hold(ctx: Ctx, sceneIds: readonly string[], reason: SyncReason): number {
  for (const sceneId of sceneIds) {
    ctx.db.run(
      `INSERT INTO held (scene_id, reasons) VALUES (?, json_array(?)) ON CONFLICT (scene_id) DO UPDATE SET
         reasons = CASE WHEN EXISTS (SELECT 1 FROM json_each(reasons) WHERE value = ?) THEN reasons
                        ELSE json_insert(reasons, '$[#]', ?) END`,
      sceneId,
      reason,
      reason,
      reason,
    );
  }
  return sceneIds.length;
}

function payloadReason(reasons: readonly string[]): SyncReason {
  const last = reasons.at(-1);
  return (SYNC_REASONS as readonly string[]).includes(last ?? "") ? (last as SyncReason) : "bulk";
}

function parseReasons(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((r): r is string => typeof r === "string") : ["bulk"];
  } catch {
    return ["bulk"];
  }
}

/**
 * When fewer than half a window of jobs is due or running, turns the oldest held scenes into jobs until a
 * window is. Jobs waiting for a retry do not count: a window of scenes Plex has not scanned yet must not stall
 * the rest of the library. Returns how many were released.
 */
export function releaseHeld(ctx: Ctx, now: number, window = HELD_WINDOW): number {
  const active =
    ctx.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM jobs WHERE (locked_by IS NOT NULL AND locked_at > ?) OR (run_at <= ? AND locked_by IS NULL)`,
      now - ctx.leaseMs,
      now,
    )?.n ?? 0;
  if (active >= Math.max(1, Math.floor(window / 2))) return 0;
  const release = ctx.db.all<{ seq: number; scene_id: string; reasons: string }>(
    "SELECT seq, scene_id, reasons FROM held ORDER BY seq LIMIT ?",
    window - active,
  );
  for (const { seq, scene_id: sceneId, reasons: text } of release) {
    ctx.db.run("DELETE FROM held WHERE seq = ?", seq);
    const reasons = parseReasons(text);
    const payload = { sceneId, reason: payloadReason(reasons) };
    enqueueRaw(ctx, "sync-scene", payload, sceneJobKey(sceneId), reasons, {});
  }
  return release.length;
}

/** Forgets the given held scenes, or every one (the user cleared the pending queue or removed them). */
export function dropHeld(ctx: Ctx, sceneIds?: readonly string[]): number {
  if (!sceneIds) return ctx.db.run("DELETE FROM held");
  let dropped = 0;
  for (const sceneId of sceneIds) dropped += ctx.db.run("DELETE FROM held WHERE scene_id = ?", sceneId);
  return dropped;
}
