/**
 * The Plex library index: every media part path of the configured sections → its item, so that matching a
 * scene costs no Plex request. Immutable: refreshing a section returns a new index. Serialises to a compact
 * JSON document (one array per section, `[ratingKey, file, size]` per part) that loads 100k parts quickly.
 */
import { z } from "zod";
import { basenameKey, normalizePathKey } from "./normalize.js";

/** One media part of one Plex item (an item with several parts or versions has several entries). */
export interface LibraryEntry {
  ratingKey: string;
  sectionId: string;
  /** The path as Plex reports it. */
  file: string;
  /** Bytes; null when Plex did not say. */
  size: number | null;
}

/** When a section was indexed and the section timestamps Plex reported at that moment. */
export interface SectionStamp {
  sectionId: string;
  /** Epoch seconds from `GET /library/sections`; null when Plex does not report it. */
  contentChangedAt: number | null;
  updatedAt: number | null;
  /** Epoch milliseconds at which the sweep finished (passed in by the shell). */
  indexedAt: number;
}

/** What `GET /library/sections` says about a section now (a `PlexSection` fits). */
export interface SectionInfo {
  key: string;
  contentChangedAt: number | null;
  updatedAt: number | null;
}

export interface LibraryIndex {
  readonly entries: readonly LibraryEntry[];
  readonly sections: ReadonlyMap<string, SectionStamp>;
  /** Entries whose file has this path (any spelling; normalised with `normalizePathKey`). */
  byPath(path: string): readonly LibraryEntry[];
  /** Entries whose file has this basename (case-insensitive). */
  byBasename(basename: string): readonly LibraryEntry[];
  byRatingKey(ratingKey: string): readonly LibraryEntry[];
}

const NONE: readonly LibraryEntry[] = Object.freeze([]);

function push(map: Map<string, LibraryEntry[]>, key: string, entry: LibraryEntry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function lazyMap(entries: readonly LibraryEntry[], keyOf: (entry: LibraryEntry) => string) {
  let map: Map<string, LibraryEntry[]> | null = null;
  return (key: string): readonly LibraryEntry[] => {
    if (map === null) {
      map = new Map();
      for (const entry of entries) push(map, keyOf(entry), entry);
    }
    return map.get(key) ?? NONE;
  };
}

/**
 * Builds an index from listing entries and the stamps of the sections they were swept from. The lookup maps
 * are built on first use, so loading a large index for a job that needs only path lookups stays cheap.
 */
export function buildLibraryIndex(
  entries: readonly LibraryEntry[],
  sections: readonly SectionStamp[] = [],
): LibraryIndex {
  const frozen = Object.freeze(entries.map((entry) => Object.freeze({ ...entry })));
  const byPathKey = lazyMap(frozen, (entry) => normalizePathKey(entry.file));
  const byBasenameKey = lazyMap(frozen, (entry) => basenameKey(entry.file));
  const byRatingKey = lazyMap(frozen, (entry) => entry.ratingKey);
  const stamps = new Map(sections.map((s) => [s.sectionId, Object.freeze({ ...s })]));
  return Object.freeze({
    entries: frozen,
    sections: stamps,
    byPath: (path: string) => byPathKey(normalizePathKey(path)),
    byBasename: (basename: string) => byBasenameKey(basename.normalize("NFC").toLowerCase()),
    byRatingKey,
  });
}

export const EMPTY_LIBRARY_INDEX: LibraryIndex = buildLibraryIndex([]);

/** A new index with one section's entries replaced by a fresh sweep. */
export function withSection(
  index: LibraryIndex,
  stamp: SectionStamp,
  entries: readonly Omit<LibraryEntry, "sectionId">[],
): LibraryIndex {
  const kept = index.entries.filter((entry) => entry.sectionId !== stamp.sectionId);
  const added = entries.map((entry) => ({ ...entry, sectionId: stamp.sectionId }));
  const stamps = [...index.sections.values()].filter((s) => s.sectionId !== stamp.sectionId);
  return buildLibraryIndex([...kept, ...added], [...stamps, stamp]);
}

/** A new index without a section (no longer configured, or deleted in Plex). */
export function withoutSection(index: LibraryIndex, sectionId: string): LibraryIndex {
  return buildLibraryIndex(
    index.entries.filter((entry) => entry.sectionId !== sectionId),
    [...index.sections.values()].filter((s) => s.sectionId !== sectionId),
  );
}

/**
 * True when the section must be swept again: never indexed, or Plex's `contentChangedAt` moved (falling
 * back to `updatedAt` when the server reports no `contentChangedAt`), or — when `maxAgeMs` is given — the
 * sweep is older than that (a safety net against servers whose timestamps do not move).
 */
export function isSectionStale(
  stamp: SectionStamp | undefined,
  info: SectionInfo,
  age?: { now: number; maxAgeMs: number },
): boolean {
  if (stamp === undefined) return true;
  if (age !== undefined && age.now - stamp.indexedAt > age.maxAgeMs) return true;
  if (info.contentChangedAt !== null || stamp.contentChangedAt !== null) {
    return info.contentChangedAt !== stamp.contentChangedAt;
  }
  return info.updatedAt !== stamp.updatedAt;
}

/** The sections (by key) that need a sweep, in the order given. */
export function staleSections(
  index: LibraryIndex,
  infos: readonly SectionInfo[],
  age?: { now: number; maxAgeMs: number },
): string[] {
  return infos.filter((info) => isSectionStale(index.sections.get(info.key), info, age)).map((i) => i.key);
}

const FORMAT_VERSION = 1;

const serialisedSchema = z.object({
  v: z.literal(FORMAT_VERSION),
  sections: z.array(
    z.object({
      id: z.string(),
      contentChangedAt: z.number().nullable(),
      updatedAt: z.number().nullable(),
      indexedAt: z.number().nullable(),
      items: z.array(z.tuple([z.string(), z.string(), z.number().nullable()])),
    }),
  ),
});
type Serialised = z.infer<typeof serialisedSchema>;

/** Compact JSON: sections with their stamps and `[ratingKey, file, size]` rows. */
export function serializeLibraryIndex(index: LibraryIndex): string {
  const bySection = new Map<string, Serialised["sections"][number]>();
  const sectionOf = (id: string) => {
    let section = bySection.get(id);
    if (!section) {
      const stamp = index.sections.get(id);
      section = {
        id,
        contentChangedAt: stamp?.contentChangedAt ?? null,
        updatedAt: stamp?.updatedAt ?? null,
        indexedAt: stamp?.indexedAt ?? null,
        items: [],
      };
      bySection.set(id, section);
    }
    return section;
  };
  for (const stamp of index.sections.values()) sectionOf(stamp.sectionId);
  for (const entry of index.entries)
    sectionOf(entry.sectionId).items.push([entry.ratingKey, entry.file, entry.size]);
  const document: Serialised = { v: FORMAT_VERSION, sections: [...bySection.values()] };
  return JSON.stringify(document);
}

/**
 * Loads what `serializeLibraryIndex` wrote. Returns null for anything else (corrupt file, older format):
 * the index is a cache, so the caller simply sweeps again.
 */
export function parseLibraryIndex(json: string): LibraryIndex | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = serialisedSchema.safeParse(raw);
  if (!parsed.success) return null;
  const entries: LibraryEntry[] = [];
  const stamps: SectionStamp[] = [];
  for (const section of parsed.data.sections) {
    const { id: sectionId, contentChangedAt, updatedAt, indexedAt } = section;
    if (indexedAt !== null) stamps.push({ sectionId, contentChangedAt, updatedAt, indexedAt });
    for (const [ratingKey, file, size] of section.items) entries.push({ ratingKey, sectionId, file, size });
  }
  return buildLibraryIndex(entries, stamps);
}
