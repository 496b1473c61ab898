/**
 * Which Stash scene a Plex item's plays and activity belong to — PURE. Built from the same match the sync
 * uses (matchScene over the library index, pins honoured), inverted: ratingKey → scene ids. An item held by
 * one scene is a target; by several, ambiguous (reported, never guessed); by none, unmatched.
 */
import type { LibraryLookup, PathRule } from "../core-sync/index.js";
import { matchScene } from "../core-sync/index.js";
import type { SceneSnapshot } from "../domain/scene.js";
import type { PlayTarget } from "./plays.js";

export interface TargetMapOptions {
  index: LibraryLookup;
  rules: readonly PathRule[];
  strict: boolean;
  pin: (sceneId: string) => string | null;
}

/** ratingKey → scene ids (usually one). */
export type TargetMap = Map<string, string[]>;

export function addScenesToTargets(
  map: TargetMap,
  scenes: readonly SceneSnapshot[],
  options: TargetMapOptions,
): void {
  for (const scene of scenes) {
    const match = matchScene(scene, options.index, options.rules, {
      strict: options.strict,
      pin: options.pin(scene.id),
    });
    if (match.kind !== "matched") continue;
    for (const item of match.items) {
      if (item.lowConfidence) continue;
      const list = map.get(item.ratingKey);
      if (!list) map.set(item.ratingKey, [scene.id]);
      else if (!list.includes(scene.id)) list.push(scene.id);
    }
  }
}

export function targetOf(map: TargetMap, ratingKey: string): PlayTarget {
  const ids = map.get(ratingKey);
  if (!ids || ids.length === 0) return { kind: "unmatched" };
  const [only] = ids;
  if (ids.length === 1 && only !== undefined) return { kind: "scene", sceneId: only };
  return { kind: "ambiguous", sceneIds: [...ids] };
}

/** scene id → the ratingKeys that hold it (for resume and rating). */
export function itemsByScene(map: TargetMap): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [ratingKey, ids] of map) {
    if (ids.length !== 1 || ids[0] === undefined) continue;
    const list = out.get(ids[0]);
    if (list) list.push(ratingKey);
    else out.set(ids[0], [ratingKey]);
  }
  return out;
}
