/** Shared steps of the import end-to-end tests: a world, plays in Plex, and what reached Stash. */
import { addPlay } from "../fakes/plex/index.js";
import type { World } from "./world.js";

export const IMPORT_TASK = "Import Plays and Ratings from Plex";
export const rk = (sceneId: string) => String(1000 + Number(sceneId));

/** Three plays of scene 1's item by the owner (2024-06-01/02/03 12:00 UTC), one by a friend. */
export const OWNER_PLAYS = [1_717_243_200, 1_717_329_600, 1_717_416_000];
export const FRIEND_PLAY = 1_717_500_000;

export function seedPlays(w: World): void {
  for (const viewedAt of OWNER_PLAYS) addPlay(w.plex.state, { ratingKey: rk("1"), viewedAt });
  addPlay(w.plex.state, { ratingKey: rk("1"), viewedAt: FRIEND_PLAY, accountId: 5 });
}

/** Scene `id`'s plays in Stash, as epoch seconds in order. */
export function stashPlays(w: World, id: string): number[] {
  return [...(w.stash.state.scenes.get(id)?.plays ?? [])].map((ms) => ms / 1000).sort((a, b) => a - b);
}

export const WRITE_OPERATIONS = new Set([
  "Stash2PlexAddPlays",
  "Stash2PlexSaveResume",
  "Stash2PlexSetRating",
]);

/** GraphQL writes the plugin sent to Stash so far. */
export function stashWrites(w: World): string[] {
  return w.stash.requests.flatMap((r) =>
    r.operationName && WRITE_OPERATIONS.has(r.operationName) ? [r.operationName] : [],
  );
}

export function plexWrites(w: World): string[] {
  return w.plex.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
}

export type ImportOut = { outcome: string; report?: Record<string, number>; lines: string[] };
export const out = (r: { output: unknown }) => r.output as ImportOut;
