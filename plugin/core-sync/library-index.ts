/**
 * In-memory index of every Plex part path, built from paged section sweeps and cached on disk as compact JSON.
 * Immutable: `withSection` returns a new index. Lookups accept a raw path/name or an already-computed key
 * (the key functions are idempotent).
 */
import { z } from "zod";
import { basenameKey, basenameKeyOfPathKey, basenameOf, pathKey } from "./normalize.js";

export interface LibraryEntry {
  ratingKey: string;
  sectionId: string;
  /** Part path exactly as Plex reports it. */
  file: string;
  /** Bytes; null when Plex did not say. */
  size: number | null;
  title: string;
}

/**
 * What the section looked like when it was swept (the caller's choice, e.g. `String(contentChangedAt)`);
 * a different marker from Plex means the section must be swept again.
 */
export interface SectionMarker {
  marker: string;
}

/**
 * The lookups matching needs. `LibraryIndex` answers them from memory (reconcile builds one from its sweep); the
 * drainer and the UI operations answer them from the store's tables (library/stored-index.ts).
 */
export interface LibraryLookup {
  byPath(path: string): readonly LibraryEntry[];
  byBasename(name: string): readonly LibraryEntry[];
  /** The item's first part, or undefined when the item is not in the index. */
  byRatingKey(ratingKey: string): LibraryEntry | undefined;
  /** Every part of that item (one entry per part file). */
  partsOf(ratingKey: string): readonly LibraryEntry[];
  /** Part files indexed; 0 before the library was ever read. */
  readonly size: number;
  /** The Plex sections swept into the index; none before the library was ever read. */
  sectionIds(): string[];
}

const EMPTY: readonly LibraryEntry[] = Object.freeze([]);

function pushTo(map: Map<string, LibraryEntry[]>, key: string, entry: LibraryEntry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

export class LibraryIndex implements LibraryLookup {
  readonly sections: Readonly<Record<string, SectionMarker>>;
  private readonly entriesBySection: ReadonlyMap<string, readonly LibraryEntry[]>;
  private readonly paths = new Map<string, LibraryEntry[]>();
  private readonly basenames = new Map<string, LibraryEntry[]>();
  private readonly ratingKeys = new Map<string, LibraryEntry[]>();

  private constructor(
    sections: Record<string, SectionMarker>,
    entriesBySection: Map<string, readonly LibraryEntry[]>,
  ) {
    this.sections = Object.freeze({ ...sections });
    this.entriesBySection = entriesBySection;
    for (const entries of entriesBySection.values()) {
      for (const entry of entries) {
        const key = pathKey(entry.file);
        pushTo(this.paths, key, entry);
        pushTo(this.basenames, basenameKeyOfPathKey(key), entry);
        pushTo(this.ratingKeys, entry.ratingKey, entry);
      }
    }
  }

  static empty(): LibraryIndex {
    return new LibraryIndex({}, new Map());
  }

  /** Builds an index from whole sections; entries whose sectionId has no marker are grouped under their id. */
  static fromEntries(
    sections: Record<string, SectionMarker>,
    entries: readonly LibraryEntry[],
  ): LibraryIndex {
    const grouped = new Map<string, LibraryEntry[]>();
    for (const id of Object.keys(sections)) grouped.set(id, []);
    for (const entry of entries) pushTo(grouped, entry.sectionId, entry);
    const markers: Record<string, SectionMarker> = { ...sections };
    for (const id of grouped.keys()) markers[id] ??= { marker: "" };
    return new LibraryIndex(markers, grouped);
  }

  /** A new index in which section `sectionId` holds exactly `entries` (their own sectionId is overridden). */
  withSection(sectionId: string, marker: string, entries: readonly LibraryEntry[]): LibraryIndex {
    const grouped = new Map(this.entriesBySection);
    grouped.set(
      sectionId,
      entries.map((e) => (e.sectionId === sectionId ? e : { ...e, sectionId })),
    );
    return new LibraryIndex({ ...this.sections, [sectionId]: { marker } }, grouped);
  }

  /** A new index without that section (e.g. the user removed it from `plex_library`). */
  withoutSection(sectionId: string): LibraryIndex {
    const grouped = new Map(this.entriesBySection);
    grouped.delete(sectionId);
    const { [sectionId]: _dropped, ...rest } = this.sections;
    return new LibraryIndex(rest, grouped);
  }

  byPath(path: string): readonly LibraryEntry[] {
    return this.paths.get(pathKey(path)) ?? EMPTY;
  }

  byBasename(name: string): readonly LibraryEntry[] {
    return this.basenames.get(basenameKey(basenameOf(name))) ?? EMPTY;
  }

  /** The item's first part, or undefined when the item is not in the index. */
  byRatingKey(ratingKey: string): LibraryEntry | undefined {
    return this.ratingKeys.get(ratingKey)?.[0];
  }

  /** Every part of that item (one entry per part file). */
  partsOf(ratingKey: string): readonly LibraryEntry[] {
    return this.ratingKeys.get(ratingKey) ?? EMPTY;
  }

  /** The marker recorded when the section was last swept, or undefined for a section never swept. */
  sectionMarker(sectionId: string): string | undefined {
    return this.sections[sectionId]?.marker;
  }

  sectionIds(): string[] {
    return Object.keys(this.sections);
  }

  sectionEntries(sectionId: string): readonly LibraryEntry[] {
    return this.entriesBySection.get(sectionId) ?? EMPTY;
  }

  get size(): number {
    let n = 0;
    for (const entries of this.entriesBySection.values()) n += entries.length;
    return n;
  }

  toJSON(): LibraryIndexJson {
    const sections: LibraryIndexJson["sections"] = {};
    for (const [id, marker] of Object.entries(this.sections)) {
      const entries = this.entriesBySection.get(id) ?? EMPTY;
      sections[id] = {
        m: marker.marker,
        e: entries.map((e) => [e.ratingKey, e.file, e.size, e.title]),
      };
    }
    return { v: 1, sections };
  }

  /** Throws a ZodError when `data` is not an index written by `toJSON` (callers treat that as "no cache"). */
  static fromJSON(data: unknown): LibraryIndex {
    const parsed = libraryIndexJsonSchema.parse(data);
    const markers: Record<string, SectionMarker> = {};
    const grouped = new Map<string, readonly LibraryEntry[]>();
    for (const [id, section] of Object.entries(parsed.sections)) {
      markers[id] = { marker: section.m };
      grouped.set(
        id,
        section.e.map(([ratingKey, file, size, title]) => ({ ratingKey, sectionId: id, file, size, title })),
      );
    }
    return new LibraryIndex(markers, grouped);
  }
}

const entryTupleSchema = z.tuple([z.string(), z.string(), z.number().nullable(), z.string()]);

const libraryIndexJsonSchema = z.object({
  v: z.literal(1),
  sections: z.record(
    z.string(),
    z.object({
      m: z.string(),
      e: z.array(entryTupleSchema),
    }),
  ),
});

export type LibraryIndexJson = z.infer<typeof libraryIndexJsonSchema>;
