/**
 * One paged sweep of each configured Plex section through the typed client (`plex.sectionItems`), keeping what
 * reconciliation needs: the part paths (for the library index the sync pipeline also uses) and which metadata
 * fields each item has (summary, studio, date, genres, actors — present or not; listing tag lists are
 * truncated, which is enough to tell "none" from "some"). The index is saved in the store's library tables with
 * the same section markers library/library-cache.ts uses, so the drain that follows does not sweep Plex again.
 */

import type { Runtime } from "../app/runtime.js";
import { type LibraryEntry, LibraryIndex } from "../core-sync/index.js";
import { addEntries, sectionMarkerOf, selectSections } from "../library/library-cache.js";
import { keyedRow } from "../library/stored-index.js";
import type { PlexClient, PlexListItem, PlexSection } from "../plex/index.js";
import { openReader } from "../tasks/store-access.js";
import { PLEX_HAS } from "./gaps.js";

const PAGE_SIZE = 1000;

export interface PlexLibrarySnapshot {
  index: LibraryIndex;
  /** ratingKey → PLEX_HAS flags. */
  plexHas: Map<string, number>;
  /** PLEX_HAS flags carried by at least one listed item (see GapContext.listingCarries). */
  listingCarries: number;
  sections: PlexSection[];
  items: number;
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

async function sweepSection(
  plex: PlexClient,
  section: PlexSection,
  plexHas: Map<string, number>,
  onItems: (n: number, total: number) => void,
): Promise<LibraryEntry[]> {
  const entries: LibraryEntry[] = [];
  for await (const page of plex.sectionItems(section.key, PAGE_SIZE)) {
    for (const item of page.items) {
      plexHas.set(item.ratingKey, listingFlags(item));
      addEntries(entries, section.key, item);
    }
    const seen = page.offset + page.items.length;
    onItems(page.items.length, page.totalSize ?? seen);
  }
  return entries;
}

/** Sweeps every configured section once; saves the resulting index for the sync pipeline. */
export async function sweepPlexLibrary(rt: Runtime, deps: ListingDeps = {}): Promise<PlexLibrarySnapshot> {
  const plex = await rt.plex();
  const wanted = selectSections(await plex.sections(), rt.settings.plex_library);
  let index = LibraryIndex.empty();
  const plexHas = new Map<string, number>();
  let seen = 0;
  for (const section of wanted) {
    const entries = await sweepSection(plex, section, plexHas, (n, total) => {
      seen += n;
      deps.onPage?.(seen, Math.max(seen, total));
    });
    index = index.withSection(section.key, sectionMarkerOf(section), entries);
  }
  await saveIndex(rt, index, wanted);
  let listingCarries = 0;
  for (const flags of plexHas.values()) listingCarries |= flags;
  return { index, plexHas, listingCarries, sections: wanted, items: plexHas.size };
}

/** Writes the swept sections to the store's library tables (after the sweep: no transaction waits on Plex). */
async function saveIndex(rt: Runtime, index: LibraryIndex, sections: PlexSection[]): Promise<void> {
  const store = await openReader(rt);
  try {
    const table = store.library;
    for (const section of sections) {
      const entries = index.sectionEntries(section.key);
      table.stagePage(section.key, [], true);
      for (let i = 0; i < entries.length; i += PAGE_SIZE)
        table.stagePage(section.key, entries.slice(i, i + PAGE_SIZE).map(keyedRow), false);
      table.commitSection(section.key, sectionMarkerOf(section));
    }
    const wanted = new Set(sections.map((s) => s.key));
    for (const key of table.sectionMarkers().keys()) if (!wanted.has(key)) table.removeSection(key);
  } finally {
    await store.close();
  }
}
