import type { SceneActivity } from "../domain/scene.js";
/**
 * Resume points and ratings from Plex — PURE. Written to Stash only when they differ; never cleared.
 *
 * No ping-pong with `sync_rating` (Stash → Plex): a rating we wrote to Plex is never imported back. With
 * `sync_rating` on, every rating Stash has is one we write to Plex, so a scene that has a Stash rating keeps
 * it and only scenes without one take Plex's. With `sync_rating` off nothing flows the other way.
 */

/** What the library listing says about one Plex item (absent attributes are null). */
export interface PlexItemActivity {
  viewCount: number | null;
  /** Epoch seconds. */
  lastViewedAt: number | null;
  /** Milliseconds into the item where Plex stopped; absent once watched to the end. */
  viewOffset: number | null;
  /** 0..10. */
  userRating: number | null;
}

export type { SceneActivity } from "../domain/scene.js";

/** Resume points closer than this are the same point (Plex stores milliseconds, Stash a float). */
const RESUME_TOLERANCE_S = 1;

/** The resume time to write, or null. Several items of one scene: the one watched last speaks. */
export function resumeToImport(items: readonly PlexItemActivity[], scene: SceneActivity): number | null {
  const latest = [...items]
    .filter((i) => i.viewOffset !== null && i.viewOffset > 0)
    .sort((a, b) => (b.lastViewedAt ?? 0) - (a.lastViewedAt ?? 0))[0];
  if (!latest || latest.viewOffset === null) return null;
  const seconds = Math.round(latest.viewOffset) / 1000;
  if (scene.resumeTime !== null && Math.abs(scene.resumeTime - seconds) < RESUME_TOLERANCE_S) return null;
  return seconds;
}

export type RatingDecision =
  | { kind: "write"; rating100: number }
  | { kind: "none" }
  | { kind: "kept"; why: "synced_from_stash" | "items_disagree" };

export function ratingToImport(
  items: readonly PlexItemActivity[],
  scene: SceneActivity,
  syncRating: boolean,
): RatingDecision {
  const rated = [
    ...new Set(items.flatMap((i) => (i.userRating !== null && i.userRating > 0 ? [i.userRating] : []))),
  ];
  if (rated.length === 0) return { kind: "none" };
  const values = new Set(rated.map(toRating100));
  if (values.size > 1) return { kind: "kept", why: "items_disagree" };
  const rating100 = [...values][0] ?? 0;
  if (scene.rating100 === rating100) return { kind: "none" };
  if (syncRating && scene.rating100 !== null && scene.rating100 > 0)
    return { kind: "kept", why: "synced_from_stash" };
  return { kind: "write", rating100 };
}

/** Plex 0..10 (one decimal) → Stash 1..100. */
export function toRating100(userRating: number): number {
  return Math.min(100, Math.max(1, Math.round(userRating * 10)));
}
