/** Pure mappers from parsed Plex responses to the shapes the rest of the plugin uses. */

import type { z } from "zod";
import type { PlexItem, PlexPart } from "../domain/plex-item.js";
import type {
  historyPageSchema,
  PlexListItemRaw,
  PlexMetadataRaw,
  sectionPageSchema,
  sectionSchema,
} from "./schemas.js";

export interface PlexSection {
  /** Section id ("3"). */
  key: string;
  /** "movie", "show", "artist", "photo". */
  type: string;
  title: string;
  agent: string | null;
  scanner: string | null;
  refreshing: boolean;
  /** Epoch seconds; moves when the section's content changes (cache invalidation). */
  contentChangedAt: number | null;
  updatedAt: number | null;
  scannedAt: number | null;
  /** Root folders as Plex sees them. */
  locations: string[];
}

/**
 * An item of a section listing. Listings are abridged: `genre` / `actor` hold only the first few names Plex
 * lists (never compute an edit from them — read the item), enough to tell "none" from "some".
 */
export interface PlexListItem {
  ratingKey: string;
  type: string;
  title: string;
  parts: PlexPart[];
  addedAt: number | null;
  updatedAt: number | null;
  summary: string | null;
  studio: string | null;
  /** `YYYY-MM-DD`. */
  originallyAvailableAt: string | null;
  listedGenres: string[];
  listedActors: string[];
  /** The token owner's view state (null when Plex left it out: unwatched, unrated). */
  viewCount: number | null;
  /** Epoch seconds. */
  lastViewedAt: number | null;
  /** Milliseconds. */
  viewOffset: number | null;
  userRating: number | null;
}

export interface PlexSectionPage {
  offset: number;
  /** Items in this page. */
  size: number;
  /** Items in the whole listing; null when Plex did not say. */
  totalSize: number | null;
  items: PlexListItem[];
}

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;

function partsOf(media: PlexListItemRaw["Media"]): PlexPart[] {
  return media.flatMap((m) => m.Part.map((p) => ({ file: p.file, size: p.size ?? null })));
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}

function dateOf(value: string | undefined): string | null {
  return value?.match(DATE_PREFIX)?.[0] ?? null;
}

/** Detail response item → PlexItem (actor ← Role). `fallbackSectionId` is the container's librarySectionID. */
export function toPlexItem(metadata: PlexMetadataRaw, fallbackSectionId?: string): PlexItem {
  return {
    ratingKey: metadata.ratingKey,
    librarySectionId: metadata.librarySectionID ?? fallbackSectionId ?? "",
    type: metadata.type ?? "movie",
    title: metadata.title ?? "",
    summary: nonEmpty(metadata.summary),
    tagline: nonEmpty(metadata.tagline),
    studio: nonEmpty(metadata.studio),
    originallyAvailableAt: dateOf(metadata.originallyAvailableAt),
    userRating: metadata.userRating ?? null,
    tags: {
      genre: metadata.Genre.map((t) => t.tag),
      actor: metadata.Role.map((t) => t.tag),
      collection: metadata.Collection.map((t) => t.tag),
      director: metadata.Director.map((t) => t.tag),
    },
    lockedFields: metadata.Field.filter((f) => f.locked !== false).map((f) => f.name),
    thumb: nonEmpty(metadata.thumb),
    art: nonEmpty(metadata.art),
    parts: partsOf(metadata.Media),
    updatedAt: metadata.updatedAt ?? null,
    view: {
      viewCount: metadata.viewCount ?? 0,
      lastViewedAt: metadata.lastViewedAt ?? null,
      viewOffset: metadata.viewOffset ?? null,
    },
  };
}

export function toPlexListItem(raw: PlexListItemRaw): PlexListItem {
  return {
    ratingKey: raw.ratingKey,
    type: raw.type ?? "movie",
    title: raw.title ?? "",
    parts: partsOf(raw.Media),
    addedAt: raw.addedAt ?? null,
    updatedAt: raw.updatedAt ?? null,
    summary: nonEmpty(raw.summary),
    studio: nonEmpty(raw.studio),
    originallyAvailableAt: dateOf(raw.originallyAvailableAt),
    listedGenres: raw.Genre.map((t) => t.tag),
    listedActors: raw.Role.map((t) => t.tag),
    viewCount: raw.viewCount ?? null,
    lastViewedAt: raw.lastViewedAt ?? null,
    viewOffset: raw.viewOffset ?? null,
    userRating: raw.userRating ?? null,
  };
}

/** One play of Plex's watch history. Rows of deleted items carry no ratingKey. */
export interface PlexHistoryRow {
  historyKey: string | null;
  ratingKey: string | null;
  sectionId: string | null;
  /** Epoch seconds. */
  viewedAt: number;
  accountId: string | null;
}

export interface PlexHistoryPage {
  offset: number;
  totalSize: number | null;
  rows: PlexHistoryRow[];
}

export function toPlexHistoryPage(
  raw: z.output<typeof historyPageSchema>["MediaContainer"],
  requestedStart: number,
): PlexHistoryPage {
  return {
    offset: raw.offset ?? requestedStart,
    totalSize: raw.totalSize ?? null,
    rows: raw.Metadata.map((r) => ({
      historyKey: r.historyKey ?? null,
      ratingKey: r.ratingKey ?? null,
      sectionId: r.librarySectionID ?? null,
      viewedAt: r.viewedAt,
      accountId: r.accountID ?? null,
    })),
  };
}

export function toPlexSection(raw: z.output<typeof sectionSchema>): PlexSection {
  return {
    key: raw.key,
    type: raw.type,
    title: raw.title,
    agent: raw.agent ?? null,
    scanner: raw.scanner ?? null,
    refreshing: raw.refreshing ?? false,
    contentChangedAt: raw.contentChangedAt ?? null,
    updatedAt: raw.updatedAt ?? null,
    scannedAt: raw.scannedAt ?? null,
    locations: raw.Location.map((l) => l.path),
  };
}

/** `requestedStart` fills in a missing `offset`. */
export function toPlexSectionPage(
  raw: z.output<typeof sectionPageSchema>["MediaContainer"],
  requestedStart: number,
): PlexSectionPage {
  const items = raw.Metadata.map(toPlexListItem);
  return {
    offset: raw.offset ?? requestedStart,
    size: raw.size ?? items.length,
    totalSize: raw.totalSize ?? null,
    items,
  };
}
