/**
 * A Plex library item (movie type) as the planner sees it, normalised from `GET /library/metadata/{ratingKey}`.
 * Absent Plex attributes become null / empty lists. Tag lists are the full lists from the detail response
 * (never the truncated ones of a section listing).
 */
export interface PlexPart {
  file: string;
  size: number | null;
}

/** Scalar fields the planner may write (Plex `<field>.value` names). */
export const PLEX_SCALAR_FIELDS = [
  "title",
  "summary",
  "tagline",
  "studio",
  "originallyAvailableAt",
  "userRating",
] as const;
export type PlexScalarField = (typeof PLEX_SCALAR_FIELDS)[number];

/** Tag list types the planner may write (Plex `<type>[i].tag.tag` names). */
export const PLEX_TAG_TYPES = ["genre", "actor", "collection", "director"] as const;
export type PlexTagType = (typeof PLEX_TAG_TYPES)[number];

/**
 * The value of a `<tag>[].tag.tag-` removal pair: each name encoded, joined with ",", as Plex splits the once
 * decoded value on "," and decodes each piece (the wire format is in the header of plugin/plex/client.ts).
 */
export function encodePlexTagRemoval(names: readonly string[]): string {
  return names.map(encodeURIComponent).join(",");
}

export interface PlexItem {
  ratingKey: string;
  librarySectionId: string;
  type: string;
  title: string;
  summary: string | null;
  tagline: string | null;
  studio: string | null;
  /** `YYYY-MM-DD` or null. */
  originallyAvailableAt: string | null;
  /** 0..10 or null. */
  userRating: number | null;
  tags: Record<PlexTagType, string[]>;
  /** Field names with a `Field locked="1"` entry (e.g. "title", "genre", "thumb"). */
  lockedFields: string[];
  /** Current poster/background paths (`/library/metadata/1/thumb/1700000000`), or null. */
  thumb: string | null;
  art: string | null;
  parts: PlexPart[];
  /** Epoch seconds. */
  updatedAt: number | null;
  /** The token owner's view state (absent: not read). Times in epoch seconds, viewOffset in ms. */
  view?: { viewCount: number; lastViewedAt: number | null; viewOffset: number | null };
}

/** The key Plex gives an uploaded image (its bytes' sha1), to select it again with `PUT …/poster|art?url=`. */
export function uploadedImageKey(slot: "poster" | "art", sha1: string): string {
  return `upload://${slot === "poster" ? "posters" : "art"}/${sha1}`;
}
