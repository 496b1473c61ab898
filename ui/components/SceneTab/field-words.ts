/**
 * Plex's field names (as the plugin reports them) in the words a Stash user knows, with Plex's own name as
 * secondary text where it differs. An unknown name (from a newer plugin) shows as itself.
 */
const FIELDS: Record<string, { stash: string; plex?: string }> = {
  title: { stash: "Title" },
  summary: { stash: "Details", plex: "Summary" },
  originallyAvailableAt: { stash: "Date" },
  studio: { stash: "Studio" },
  actor: { stash: "Performers", plex: "Actors" },
  genre: { stash: "Tags", plex: "Genres" },
  tagline: { stash: "Code", plex: "Tagline" },
  userRating: { stash: "Rating" },
  collection: { stash: "Studio collection", plex: "Collections" },
};

export function stashFieldName(plexField: string): string {
  return FIELDS[plexField]?.stash ?? plexField;
}

/** Plex's name when it differs from Stash's, else null. */
export function plexFieldName(plexField: string): string | null {
  return FIELDS[plexField]?.plex ?? null;
}

/** "Title, Date and Performers". */
export function fieldList(plexFields: string[]): string {
  const names = plexFields.map(stashFieldName);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
