import {
  basenameKey,
  basenameKeyOfPathKey,
  basenameOf,
  type LibraryEntry,
  LibraryIndex,
  type LibraryLookup,
  mapStashPathToPlex,
  type PathRule,
  pathKey,
} from "../core-sync/index.js";
import type { SceneSnapshot } from "../domain/scene.js";
import type { KeyedLibraryRow, LibraryTable } from "./library-table.js";

/**
 * The library index as the store keeps it: each lookup one indexed query, so no process holds the library in
 * memory. `size` is counted once per instance (the drainer makes a new one after each sweep).
 */
export class StoredLibraryIndex implements LibraryLookup {
  private count: number | null = null;

  constructor(private readonly table: LibraryTable) {}

  byPath(path: string): readonly LibraryEntry[] {
    return this.table.byPathKey(pathKey(path));
  }

  byBasename(name: string): readonly LibraryEntry[] {
    return this.table.byBasenameKey(basenameKey(basenameOf(name)));
  }

  byRatingKey(ratingKey: string): LibraryEntry | undefined {
    return this.table.byRatingKey(ratingKey)[0];
  }

  partsOf(ratingKey: string): readonly LibraryEntry[] {
    return this.table.byRatingKey(ratingKey);
  }

  sectionIds(): string[] {
    return [...this.table.sectionMarkers().keys()];
  }

  get size(): number {
    this.count ??= this.table.isEmpty() ? 0 : this.table.count();
    return this.count;
  }
}

/** The row the store keeps for an entry: the entry plus its lookup keys. */
export function keyedRow(entry: LibraryEntry): KeyedLibraryRow {
  const key = pathKey(entry.file);
  return { ...entry, pathKey: key, basenameKey: basenameKeyOfPathKey(key) };
}

/**
 * The part of the stored index a page of scenes can match (core-sync/match.ts looks up each file's mapped path,
 * its basename, and a pinned item): fetched in one query and held as a small in-memory index, so a reconcile of
 * 100k scenes makes one query per page instead of one or two per scene.
 */
export function pageIndex(
  table: LibraryTable,
  scenes: readonly SceneSnapshot[],
  rules: readonly PathRule[],
  pins: Iterable<string>,
): LibraryIndex {
  const paths: string[] = [];
  const names: string[] = [];
  for (const scene of scenes) {
    for (const file of scene.files) {
      paths.push(pathKey(mapStashPathToPlex(file.path, rules)));
      names.push(
        basenameKey(basenameOf(file.basename.trim() !== "" ? file.basename : basenameOf(file.path))),
      );
    }
  }
  return LibraryIndex.fromEntries({}, table.byAnyKey(paths, names, [...pins]));
}
