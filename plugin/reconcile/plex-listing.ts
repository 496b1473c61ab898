/**
 * One paged sweep of each configured Plex section through the typed client (`plex.sectionItems`), keeping what
 * reconciliation needs: the part paths (for the library index the sync pipeline also uses) and which metadata
 * fields each item has (summary, studio, date, genres, actors — present or not; listing tag lists are
 * truncated, which is enough to tell "none" from "some"). The index is saved where library/library-cache.ts
 * keeps it, with the same section markers, so the drain that follows a reconcile does not sweep Plex again.
 */

import type { Runtime } from "../app/runtime.js";
import { type LibraryEntry, LibraryIndex } from "../core-sync/index.js";
import type { PlexItemActivity } from "../import/activity.js";
import { libraryIndexPath } from "../library/index-file.js";
import { addEntries, selectSections } from "../library/library-cache.js";
import type { PlexClient, PlexListItem, PlexSection } from "../plex/index.js";
import { writeFileAtomic } from "../store/index.js";
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

/** The section marker library-cache.ts records (kept identical so its next refresh sees nothing moved). */
function markerOf(section: PlexSection): string {
  return String(section.contentChangedAt ?? section.updatedAt ?? section.scannedAt ?? "");
}

async function sweepSection(
  plex: PlexClient,
  section: PlexSection,
  into: { plexHas: Map<string, number>; activity: Map<string, PlexItemActivity> },
  onItems: (n: number, total: number) => void,
): Promise<LibraryEntry[]> {
  const entries: LibraryEntry[] = [];
  for await (const page of plex.sectionItems(section.key, PAGE_SIZE)) {
    for (const item of page.items) {
      into.plexHas.set(item.ratingKey, listingFlags(item));
      const activity = activityOf(item);
      if (activity) into.activity.set(item.ratingKey, activity);
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
  const activity = new Map<string, PlexItemActivity>();
  let seen = 0;
  for (const section of wanted) {
    const entries = await sweepSection(plex, section, { plexHas, activity }, (n, total) => {
      seen += n;
      deps.onPage?.(seen, Math.max(seen, total));
    });
    index = index.withSection(section.key, markerOf(section), entries);
  }
  await writeFileAtomic(libraryIndexPath(rt.dataDir), JSON.stringify(index.toJSON()));
  let listingCarries = 0;
  for (const flags of plexHas.values()) listingCarries |= flags;
  return { index, plexHas, listingCarries, sections: wanted, items: plexHas.size, activity };
}
