import type { Clock } from "../core/clock.js";
import { readAhead } from "../core/read-ahead.js";
import type { LibraryEntry, LibraryLookup } from "../core-sync/index.js";
import type { Logger } from "../log/logger.js";
import type { PlexClient, PlexListItem, PlexSection } from "../plex/index.js";
import type { Store } from "../store/index.js";
import { libraryTable } from "./library-table.js";
import { keyedRow, StoredLibraryIndex } from "./stored-index.js";

/** Sections Stash scenes can live in: movie libraries ("Other Videos" libraries are type movie too). */
const VIDEO_SECTION_TYPES = new Set(["movie"]);
/** Don't re-list sections more often than this, however many jobs find nothing (amortises not-founds). */
const MIN_CHECK_INTERVAL_MS = 30_000;
const PAGE_SIZE = 500;

export class UnknownLibraryError extends Error {
  readonly kind = "bad_request";
}

export interface LibraryCache {
  current(): LibraryLookup;
  /**
   * One `GET /library/sections`, then a paged sweep of each configured section whose content marker moved.
   * `force` re-sweeps even unchanged sections (a matched item turned out to be gone); `recheck` skips the
   * 30 s throttle but still sweeps only sections whose marker moved (a user's "Sync now").
   */
  refresh(options?: { force?: boolean; recheck?: boolean }): Promise<{ swept: string[] }>;
  sections(): PlexSection[];
}

export function createLibraryCache(deps: {
  plex: PlexClient;
  store: Store;
  libraryNames: string | undefined;
  clock: Clock;
  logger: Logger;
}): LibraryCache {
  const log = deps.logger.child("Library");
  const table = libraryTable(deps.store.database);
  let index = new StoredLibraryIndex(table);
  let known: PlexSection[] = [];
  let lastCheck = Number.NEGATIVE_INFINITY;
  // Jobs run concurrently: the first scenes of a session all find the index empty at once and must share
  // one sweep rather than each start their own.
  let inFlight: Promise<{ swept: string[] }> | null = null;

  async function refresh(options: { force?: boolean; recheck?: boolean }) {
    const now = deps.clock.now();
    const throttled = !options.force && !options.recheck && index.size > 0;
    if (throttled && now - lastCheck < MIN_CHECK_INTERVAL_MS) return { swept: [] };
    lastCheck = now;
    known = await deps.plex.sections();
    const wanted = selectSections(known, deps.libraryNames);
    const markers = table.sectionMarkers();
    const swept: string[] = [];
    for (const section of wanted) {
      const marker = sectionMarkerOf(section);
      if (!options.force && markers.get(section.key) === marker && marker !== "") continue;
      let files = 0;
      let first = true;
      // Page by page into the store (a transaction per page, none across a request), swapped in at the end.
      for await (const page of readAhead(deps.plex.sectionItems(section.key, PAGE_SIZE))) {
        const entries: LibraryEntry[] = [];
        for (const item of page.items) addEntries(entries, section.key, item);
        table.stagePage(section.key, entries.map(keyedRow), first);
        first = false;
        files += entries.length;
      }
      if (first) table.stagePage(section.key, [], true);
      table.commitSection(section.key, marker);
      swept.push(section.key);
      log.info(`Indexed Plex library "${section.title}": ${files} file(s)`);
    }
    const wantedKeys = new Set(wanted.map((s) => s.key));
    for (const key of markers.keys()) if (!wantedKeys.has(key)) table.removeSection(key);
    index = new StoredLibraryIndex(table);
    return { swept };
  }

  return {
    current: () => index,
    sections: () => known,
    refresh(options = {}) {
      if (inFlight && !options.force) return inFlight;
      // A forced sweep must start after the running one (which may predate what made it necessary).
      const previous = inFlight?.catch(() => undefined) ?? Promise.resolve();
      const tracked: Promise<{ swept: string[] }> = previous
        .then(() => refresh(options))
        .finally(() => {
          if (inFlight === tracked) inFlight = null;
        });
      inFlight = tracked;
      return tracked;
    },
  };
}

/** One index entry per file of a listed item (an item with several parts has several files). */
export function addEntries(entries: LibraryEntry[], sectionId: string, item: PlexListItem): void {
  for (const part of item.parts) {
    entries.push({
      ratingKey: item.ratingKey,
      sectionId,
      file: part.file,
      size: part.size,
      title: item.title,
    });
  }
}

/** The configured libraries (comma-separated names, case-insensitive), or every video section. */
export function selectSections(sections: PlexSection[], names: string | undefined): PlexSection[] {
  const videos = sections.filter((s) => VIDEO_SECTION_TYPES.has(s.type));
  const wanted = (names ?? "")
    .split(",")
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  if (wanted.length === 0) return videos;
  const byName = new Map(sections.map((s) => [s.title.trim().toLowerCase(), s]));
  const missing = wanted.filter((n) => !byName.has(n));
  if (missing.length > 0) {
    const available = sections.map((s) => `"${s.title}"`).join(", ") || "none";
    throw new UnknownLibraryError(
      `Plex has no library named ${missing.map((m) => `"${m}"`).join(", ")} (Plex libraries: ${available}). Fix "Plex libraries" in the plugin settings.`,
    );
  }
  return wanted.map((n) => byName.get(n)!);
}

/** The content marker of a section: a different one from Plex means it must be swept again. */
export function sectionMarkerOf(section: PlexSection): string {
  return String(section.contentChangedAt ?? section.updatedAt ?? section.scannedAt ?? "");
}

/** The index as last swept, from the store (no network); empty when none was built yet. */
export function readLibraryIndex(store: Store): LibraryLookup {
  return new StoredLibraryIndex(libraryTable(store.database));
}
