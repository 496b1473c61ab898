/**
 * Which Plex item(s) hold a Stash scene's files. Pure: works on the LibraryIndex, never asks Plex.
 *
 * Per scene file: the mapped path found in the index is a sure match; otherwise a unique case-insensitive
 * basename; several items with that basename → the file size must single one out (`basename_size`), else
 * ambiguous. Under `strict`, a lone basename candidate whose size is known on both sides and differs is
 * ambiguous too (a different file of the same name). Without `strict` (the user accepted uncertain matches,
 * as the original's "LOW CONFIDENCE SYNCED"), several candidates resolve to the first of the same size, else
 * the first, flagged `lowConfidence` so the caller can say so. A scene with several files matches every item holding
 * one of them; files that cannot be resolved surely are left out when another file matched.
 */
import type { SceneFile, SceneSnapshot } from "../domain/scene.js";
import type { LibraryEntry, LibraryLookup } from "./library-index.js";
import { basenameOf } from "./normalize.js";
import { mapStashPathToPlex, type PathRule } from "./path-map.js";

export type MatchHow = "pinned" | "path" | "basename" | "basename_size";

export interface MatchedItem {
  ratingKey: string;
  sectionId: string;
  file: string;
  how: MatchHow;
  /** Picked among candidates that could not be told apart (only without strict matching). */
  lowConfidence?: true;
}

export interface MatchCandidate {
  ratingKey: string;
  file: string;
  size: number | null;
  title: string;
}

export type MatchOutcome = (
  | { kind: "matched"; items: MatchedItem[] }
  | { kind: "ambiguous"; candidates: MatchCandidate[] }
  | { kind: "not_found"; triedPaths: string[] }
  | { kind: "no_file" }
) & {
  /** The pinned ratingKey is no longer in the index (the pin was ignored and matching ran normally). */
  pinStale: boolean;
};

export interface MatchOptions {
  strict: boolean;
  /** ratingKey the user pinned for this scene, or null. */
  pin: string | null;
}

type FileMatch =
  | { kind: "matched"; items: MatchedItem[] }
  | { kind: "ambiguous"; candidates: MatchCandidate[] }
  | { kind: "not_found" };

function uniqueByRatingKey(entries: readonly LibraryEntry[]): LibraryEntry[] {
  const seen = new Map<string, LibraryEntry>();
  for (const entry of entries) if (!seen.has(entry.ratingKey)) seen.set(entry.ratingKey, entry);
  return [...seen.values()];
}

function toItem(entry: LibraryEntry, how: MatchHow): MatchedItem {
  return { ratingKey: entry.ratingKey, sectionId: entry.sectionId, file: entry.file, how };
}

function toCandidate(entry: LibraryEntry): MatchCandidate {
  return { ratingKey: entry.ratingKey, file: entry.file, size: entry.size, title: entry.title };
}

function sizesDiffer(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && a !== b;
}

function matchFile(file: SceneFile, mappedPath: string, index: LibraryLookup, strict: boolean): FileMatch {
  const exact = uniqueByRatingKey(index.byPath(mappedPath));
  if (exact.length > 0) return { kind: "matched", items: exact.map((e) => toItem(e, "path")) };
  const name = file.basename.trim() !== "" ? file.basename : basenameOf(file.path);
  const candidates = uniqueByRatingKey(index.byBasename(name));
  const [only] = candidates;
  if (only === undefined) return { kind: "not_found" };
  if (candidates.length === 1) {
    if (strict && sizesDiffer(file.size, only.size))
      return { kind: "ambiguous", candidates: [toCandidate(only)] };
    return { kind: "matched", items: [toItem(only, "basename")] };
  }
  const sameSize = file.size === null ? [] : candidates.filter((c) => c.size === file.size);
  const [sized] = sameSize;
  if (sized !== undefined && sameSize.length === 1) {
    return { kind: "matched", items: [toItem(sized, "basename_size")] };
  }
  if (!strict) {
    const guess = toItem(sized ?? only, sized ? "basename_size" : "basename");
    return { kind: "matched", items: [{ ...guess, lowConfidence: true }] };
  }
  // Same-size candidates are the real contenders; the rest only share a name.
  const contenders = sameSize.length > 1 ? sameSize : candidates;
  return { kind: "ambiguous", candidates: contenders.map(toCandidate) };
}

function pinnedOutcome(pin: string, index: LibraryLookup): MatchOutcome | null {
  const entry = index.byRatingKey(pin);
  if (entry === undefined) return null;
  return { kind: "matched", items: [toItem(entry, "pinned")], pinStale: false };
}

export function matchScene(
  scene: SceneSnapshot,
  index: LibraryLookup,
  rules: readonly PathRule[],
  options: MatchOptions,
): MatchOutcome {
  if (scene.files.length === 0) return { kind: "no_file", pinStale: false };
  if (options.pin !== null) {
    const pinned = pinnedOutcome(options.pin, index);
    if (pinned) return pinned;
  }
  const pinStale = options.pin !== null;
  const triedPaths: string[] = [];
  const items = new Map<string, MatchedItem>();
  const candidates = new Map<string, MatchCandidate>();
  for (const file of scene.files) {
    const mapped = mapStashPathToPlex(file.path, rules);
    triedPaths.push(mapped);
    const result = matchFile(file, mapped, index, options.strict);
    if (result.kind === "matched") {
      for (const item of result.items) if (!items.has(item.ratingKey)) items.set(item.ratingKey, item);
    } else if (result.kind === "ambiguous") {
      for (const c of result.candidates) if (!candidates.has(c.ratingKey)) candidates.set(c.ratingKey, c);
    }
  }
  if (items.size > 0) return { kind: "matched", items: [...items.values()], pinStale };
  if (candidates.size > 0) return { kind: "ambiguous", candidates: [...candidates.values()], pinStale };
  return { kind: "not_found", triedPaths, pinStale };
}
