/**
 * One paged sweep of each configured Plex section through the typed client (`plex.sectionItems`), keeping what
 * reconciliation needs: the part paths (for the library index the sync pipeline also uses) and which metadata
 * fields each item has (summary, studio, date, genres, actors — present or not; listing tag lists are
 * truncated, which is enough to tell "none" from "some"). The part paths go to the store's library tables (with the
 * section markers library/library-cache.ts uses, so the drain that follows does not sweep Plex again), and
 * matching reads them from there: no process holds the library in memory.
 */

import { readAhead } from "../core/read-ahead.js";
import type { LibraryEntry } from "../core-sync/index.js";
import type { PlexItemActivity } from "../import-rules/activity.js";
import { addEntries, sectionMarkerOf, selectSections } from "../library/library-cache.js";
import { libraryTable } from "../library/library-table.js";
import { keyedRow } from "../library/stored-index.js";
import type { PlexListItem, PlexSection } from "../plex/index.js";
import type { Runtime } from "../runtime/runtime.js";
import { openReader } from "../runtime/store-access.js";
import { PLEX_HAS } from "./gaps.js";

const PAGE_SIZE = 1000;

export interface PlexLibrarySnapshot {
  /** ratingKey → PLEX_HAS flags. */
  plexHas: Map<string, number>;
  /** PLEX_HAS flags carried by at least one listed item (see GapContext.listingCarries). */
  listingCarries: number;
  sections: PlexSection[];
  items: number;
  /** ratingKey → the owner's view state, for items Plex reports any for (played, resumed or rated). */
  activity: Map<string, PlexItemActivity>;
}

export interface ListingDeps {
  onPage?: (itemsSoFar: number, totalGuess: number) => void;
}

/** PLEX_HAS flags of one listing row. */
export function listingFlags(item: PlexListItem): number {
  let flags = 0;
  if (item.summary?.trim()) flags |= PLEX_HAS.summary;
  if (item.studio?.trim()) flags |= PLEX_HAS.studio;
  if (item.originallyAvailableAt) flags |= PLEX_HAS.date;
  if (item.listedGenres.length > 0) flags |= PLEX_HAS.genre;
  if (item.listedActors.length > 0) flags |= PLEX_HAS.actor;
  return flags;
}

/** The item's view state, or null when Plex reports none (most items of a library). */
export function activityOf(item: PlexListItem): PlexItemActivity | null {
  const { viewCount, lastViewedAt, viewOffset, userRating } = item;
  if (viewCount === null && lastViewedAt === null && viewOffset === null && userRating === null) return null;
  return { viewCount, lastViewedAt, viewOffset, userRating };
}

/**
 * Sweeps every configured section once, page by page into the store's library tables (a transaction per page,
 * none across a request; each section swapped in whole at its end), noting each item's metadata flags.
 */
export async function sweepPlexLibrary(rt: Runtime, deps: ListingDeps = {}): Promise<PlexLibrarySnapshot> {
  const plex = await rt.plex();
  const wanted = selectSections(await plex.sections(), rt.settings.plex_library);
  const plexHas = new Map<string, number>();
  const activity = new Map<string, PlexItemActivity>();
  let seen = 0;
  const store = await openReader(rt);
  try {
    const table = libraryTable(store.database);
    for (const section of wanted) {
      let first = true;
      for await (const page of readAhead(plex.sectionItems(section.key, PAGE_SIZE))) {
        const entries: LibraryEntry[] = [];
        for (const item of page.items) {
          plexHas.set(item.ratingKey, listingFlags(item));
          const viewState = activityOf(item);
          if (viewState) activity.set(item.ratingKey, viewState);
          addEntries(entries, section.key, item);
        }
        table.stagePage(section.key, entries.map(keyedRow), first);
        first = false;
        seen += page.items.length;
        deps.onPage?.(seen, Math.max(seen, page.totalSize ?? page.offset + page.items.length));
      }
      if (first) table.stagePage(section.key, [], true);
      table.commitSection(section.key, sectionMarkerOf(section));
    }
    const wantedKeys = new Set(wanted.map((s) => s.key));
    for (const key of table.sectionMarkers().keys()) if (!wantedKeys.has(key)) table.removeSection(key);
  } finally {
    await store.close();
  }
  let listingCarries = 0;
  for (const flags of plexHas.values()) listingCarries |= flags;
  return { plexHas, listingCarries, sections: wanted, items: plexHas.size, activity };
}
