/**
 * Which Plex items hold a scene's files. Per file: the mapped path found in the index is a sure match
 * (every item holding that exact file counts — the same file can sit in two libraries); else a unique
 * basename (case-insensitive), with the file size breaking ties; else ambiguous or not found. Under strict
 * matching a basename match whose size disagrees, or several candidates that size cannot separate, is
 * ambiguous and never written; without strict matching the first candidate is taken at low confidence.
 *
 * A scene with several files syncs every item that holds one of them. It is `matched` when at least one
 * file matched (the others are reported in `unresolved`), `ambiguous` when none matched and some file had
 * candidates, `not_found` otherwise. A pin (chosen by the user in the scene panel) overrides matching while
 * its item is still in the index; a pin whose item vanished is reported as `pinStale` and ignored.
 */
import type { SceneSnapshot } from "../domain/scene.js";
import type { LibraryEntry, LibraryIndex } from "./library-index.js";
import { pathBasename } from "./normalize.js";
import { mapStashPathToPlex, type PathRule } from "./path-map.js";

export type MatchMethod = "pin" | "exact" | "basename" | "basename+size";

export interface MatchCandidate {
  ratingKey: string;
  sectionId: string;
  file: string;
  size: number | null;
}

export interface MatchedItem extends MatchCandidate {
  /** The Stash file this item holds (for a pin: the scene's first file). */
  sceneFile: string;
  method: MatchMethod;
  /** low: picked among several candidates (non-strict matching only). */
  confidence: "high" | "low";
}

export interface UnresolvedFile {
  sceneFile: string;
  /** The path looked up in the index (after the path map). */
  triedPath: string;
  reason: "ambiguous" | "not_found";
  candidates: MatchCandidate[];
}

export type MatchOutcome =
  | { kind: "matched"; items: MatchedItem[]; unresolved: UnresolvedFile[]; pinStale: string | null }
  | { kind: "ambiguous"; candidates: MatchCandidate[]; unresolved: UnresolvedFile[]; pinStale: string | null }
  | { kind: "not_found"; triedPaths: string[]; unresolved: UnresolvedFile[]; pinStale: string | null }
  | { kind: "no_file" };

export interface MatchOptions {
  strict: boolean;
  /** sceneId → ratingKey chosen by the user. */
  pins: ReadonlyMap<string, string>;
}

type FileMatch = { matched: MatchedItem[] } | { unresolved: UnresolvedFile };

function candidateOf(entry: LibraryEntry): MatchCandidate {
  return { ratingKey: entry.ratingKey, sectionId: entry.sectionId, file: entry.file, size: entry.size };
}

/** The first of each ratingKey (an item can hold several parts with the same name). */
function distinctByRatingKey<T extends { ratingKey: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  const distinct: T[] = [];
  for (const item of items) {
    if (seen.has(item.ratingKey)) continue;
    seen.add(item.ratingKey);
    distinct.push(item);
  }
  return distinct;
}

function distinctItems(entries: readonly LibraryEntry[]): MatchCandidate[] {
  return distinctByRatingKey(entries).map(candidateOf);
}

function sameSize(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && a === b;
}

function sizesDisagree(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && a !== b;
}

function byBasename(
  sceneFile: { path: string; size: number | null },
  triedPath: string,
  index: LibraryIndex,
  strict: boolean,
): FileMatch {
  const candidates = distinctItems(index.byBasename(pathBasename(sceneFile.path)));
  const item = (c: MatchCandidate, method: MatchMethod, confidence: "high" | "low"): FileMatch => ({
    matched: [{ ...c, sceneFile: sceneFile.path, method, confidence }],
  });
  const unresolved = (reason: UnresolvedFile["reason"], list: MatchCandidate[]): FileMatch => ({
    unresolved: { sceneFile: sceneFile.path, triedPath, reason, candidates: list },
  });
  const [only] = candidates;
  if (!only) return unresolved("not_found", []);
  const sized = candidates.filter((c) => sameSize(c.size, sceneFile.size));
  if (candidates.length === 1) {
    if (sized.length === 1) return item(only, "basename+size", "high");
    if (!sizesDisagree(only.size, sceneFile.size)) return item(only, "basename", "high");
    return strict ? unresolved("ambiguous", candidates) : item(only, "basename", "low");
  }
  const [sizedOnly] = sized;
  if (sized.length === 1 && sizedOnly) return item(sizedOnly, "basename+size", "high");
  if (strict) return unresolved("ambiguous", sized.length > 1 ? sized : candidates);
  const first = sized[0] ?? only;
  return item(first, sized.length > 0 ? "basename+size" : "basename", "low");
}

function matchFile(
  sceneFile: { path: string; size: number | null },
  index: LibraryIndex,
  rules: readonly PathRule[],
  strict: boolean,
): FileMatch {
  const triedPath = mapStashPathToPlex(sceneFile.path, rules);
  const exact = distinctItems(index.byPath(triedPath));
  if (exact.length > 0) {
    return {
      matched: exact.map((c) => ({ ...c, sceneFile: sceneFile.path, method: "exact", confidence: "high" })),
    };
  }
  return byBasename(sceneFile, triedPath, index, strict);
}

function pinnedItems(scene: SceneSnapshot, index: LibraryIndex, ratingKey: string): MatchedItem[] {
  const entry = index.byRatingKey(ratingKey)[0];
  if (!entry) return [];
  const sceneFile = scene.files[0]?.path ?? "";
  return [{ ...candidateOf(entry), sceneFile, method: "pin", confidence: "high" }];
}

export function matchScene(
  scene: SceneSnapshot,
  index: LibraryIndex,
  rules: readonly PathRule[],
  options: MatchOptions,
): MatchOutcome {
  if (scene.files.length === 0) return { kind: "no_file" };
  const pin = options.pins.get(scene.id);
  let pinStale: string | null = null;
  if (pin !== undefined) {
    const items = pinnedItems(scene, index, pin);
    if (items.length > 0) return { kind: "matched", items, unresolved: [], pinStale: null };
    pinStale = pin;
  }
  const matched: MatchedItem[] = [];
  const unresolved: UnresolvedFile[] = [];
  for (const file of scene.files) {
    const result = matchFile(file, index, rules, options.strict);
    if ("matched" in result) matched.push(...result.matched);
    else unresolved.push(result.unresolved);
  }
  if (matched.length > 0)
    return { kind: "matched", items: distinctByRatingKey(matched), unresolved, pinStale };
  if (unresolved.some((u) => u.reason === "ambiguous")) {
    return {
      kind: "ambiguous",
      candidates: distinctByRatingKey(unresolved.flatMap((u) => u.candidates)),
      unresolved,
      pinStale,
    };
  }
  return { kind: "not_found", triedPaths: unresolved.map((u) => u.triedPath), unresolved, pinStale };
}
