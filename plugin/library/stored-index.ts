import {
  basenameKey,
  basenameKeyOfPathKey,
  basenameOf,
  type LibraryEntry,
  type LibraryLookup,
  pathKey,
} from "../core-sync/index.js";
import type { KeyedLibraryRow, LibraryTable } from "../store/index.js";

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
