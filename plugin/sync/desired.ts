/**
 * What Plex should show for a scene, from the scene and the field toggles. A field ABSENT from the desired
 * state is left untouched in Plex; a scalar `""` or an empty list clears it.
 *
 * Decisions (reference §2.16, §7):
 *  - `sync_master` off → an empty desired state (nothing is written, no images).
 *  - Title has no toggle and is never cleared: a scene without a title gets its first file's basename
 *    without extension (what Plex itself shows for an unmatched file), and nothing if even that is empty.
 *  - Tagline: Stash scenes have no tagline, and the original never wrote one in practice (its `tagline` key was
 *    never filled). `sync_tagline` is kept for settings compatibility but the tagline is always left untouched:
 *    clearing a tagline the user typed in Plex because Stash has no such field would destroy data.
 *  - The "identification race": an empty Stash value clears Plex only when the scene has real metadata
 *    (studio, performers, tags, details or date); a half-scraped scene never wipes Plex.
 *  - Collections ← studio name are ADDED ("ensure"), never mirrored: Plex collections the user built by hand
 *    must survive, and an empty studio never removes collections (as the original).
 *  - Rating ← rating100 / 10 (Plex userRating 0..10), only with `sync_rating`.
 *  - Poster and background ← the scene's screenshot (the original used the preview video for the background).
 */
import type { PlexScalarField } from "../domain/plex-item.js";
import type { SceneSnapshot } from "../domain/scene.js";
import { pathBasename, stripExtension } from "./normalize.js";
import { LIMITS, sanitizeLine, sanitizeList, sanitizeMultiline } from "./sanitize.js";

/** The synced tag lists (a subset of Plex tag types). */
export type DesiredListField = "genre" | "actor" | "collection";

export interface DesiredList {
  values: string[];
  /** mirror: Plex ends up with exactly `values`; ensure: `values` are added, nothing removed. */
  mode: "mirror" | "ensure";
}

export interface DesiredState {
  /** `""` clears the field; a missing key leaves it untouched. */
  scalars: Partial<Record<PlexScalarField, string>>;
  lists: Partial<Record<DesiredListField, DesiredList>>;
  images: { poster: boolean; background: boolean };
  /** Names left out by count limits (for a log line), per list. */
  truncated: Partial<Record<DesiredListField, number>>;
}

/** The toggles `desiredPlexState` reads (a full `Settings` fits). */
export interface DesiredSettings {
  sync_master: boolean;
  sync_studio: boolean;
  sync_summary: boolean;
  sync_tagline: boolean;
  sync_date: boolean;
  sync_performers: boolean;
  sync_tags: boolean;
  sync_poster: boolean;
  sync_background: boolean;
  sync_collection: boolean;
  sync_rating: boolean;
  max_tags: number;
}

/** A desired state that touches nothing. */
export function emptyDesiredState(): DesiredState {
  return { scalars: {}, lists: {}, images: { poster: false, background: false }, truncated: {} };
}

/** Past the identification race: Stash has some metadata of its own (a rating or a title alone does not count). */
export function hasRealMetadata(scene: SceneSnapshot): boolean {
  return (
    (scene.studio?.name.trim() ?? "") !== "" ||
    scene.performers.some((p) => p.trim() !== "") ||
    scene.tags.some((t) => t.trim() !== "") ||
    (scene.details?.trim() ?? "") !== "" ||
    normalizeStashDate(scene.date) !== null
  );
}

function isValidDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * `YYYY-MM-DD` from a Stash date: a time part (`2024-01-15T10:00:00Z`, `2024-01-15 10:00`) is dropped without
 * time-zone conversion (it is a calendar date); `YYYY-MM` and `YYYY` become the first day. Anything else,
 * or an impossible day, gives null.
 */
export function normalizeStashDate(value: string | null): string | null {
  if (!value) return null;
  const match = /^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:$|[T\s])/.exec(value);
  if (!match?.[1]) return null;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : 1;
  const day = match[3] ? Number(match[3]) : 1;
  if (year < 1000 || !isValidDay(year, month, day)) return null;
  return `${match[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The title to write: the scene's, else the first file's basename without extension; "" = leave alone. */
export function desiredTitle(scene: SceneSnapshot): string {
  const title = sanitizeLine(scene.title, LIMITS.title);
  if (title !== "") return title;
  const file = scene.files[0];
  if (!file) return "";
  const basename = file.basename || pathBasename(file.path);
  return sanitizeLine(stripExtension(basename), LIMITS.title);
}

/** Plex userRating (0..10, one decimal) from Stash's rating100, or null. */
export function plexRatingFromStash(rating100: number | null): string | null {
  if (rating100 === null || !Number.isFinite(rating100)) return null;
  const clamped = Math.min(100, Math.max(0, rating100));
  return String(Math.round(clamped) / 10);
}

type Scalars = DesiredState["scalars"];

/** Sets a scalar; an empty value becomes a clear only past the identification race. */
function putScalar(scalars: Scalars, field: PlexScalarField, value: string, mayClear: boolean): void {
  if (value !== "" || mayClear) scalars[field] = value;
}

function scalarsFor(scene: SceneSnapshot, settings: DesiredSettings, mayClear: boolean): Scalars {
  const scalars: Scalars = {};
  const title = desiredTitle(scene);
  if (title !== "") scalars.title = title;
  if (settings.sync_summary) {
    putScalar(scalars, "summary", sanitizeMultiline(scene.details, LIMITS.summary), mayClear);
  }
  if (settings.sync_studio)
    putScalar(scalars, "studio", sanitizeLine(scene.studio?.name, LIMITS.studio), mayClear);
  if (settings.sync_date) {
    // An unparseable date is not a clear: it leaves Plex's date alone.
    const date = normalizeStashDate(scene.date);
    if (date !== null || !scene.date) putScalar(scalars, "originallyAvailableAt", date ?? "", mayClear);
  }
  if (settings.sync_rating)
    putScalar(scalars, "userRating", plexRatingFromStash(scene.rating100) ?? "", mayClear);
  return scalars;
}

function listsFor(
  scene: SceneSnapshot,
  settings: DesiredSettings,
  mayClear: boolean,
  state: DesiredState,
): void {
  const mirror = (field: DesiredListField, names: readonly string[], maxItems: number, maxLength: number) => {
    const { values, dropped } = sanitizeList(names, { maxItems, maxLength });
    if (values.length === 0 && !mayClear) return;
    state.lists[field] = { values, mode: "mirror" };
    if (dropped > 0) state.truncated[field] = dropped;
  };
  if (settings.sync_tags) mirror("genre", scene.tags, settings.max_tags, LIMITS.tagName);
  if (settings.sync_performers) mirror("actor", scene.performers, LIMITS.performers, LIMITS.performerName);
  if (settings.sync_collection) {
    const studio = sanitizeLine(scene.studio?.name, LIMITS.collectionName);
    if (studio !== "") state.lists.collection = { values: [studio], mode: "ensure" };
  }
}

/** The desired Plex state of every item holding one of the scene's files. */
export function desiredPlexState(scene: SceneSnapshot, settings: DesiredSettings): DesiredState {
  if (!settings.sync_master) return emptyDesiredState();
  const mayClear = hasRealMetadata(scene);
  const state: DesiredState = {
    scalars: scalarsFor(scene, settings, mayClear),
    lists: {},
    images: {
      poster: settings.sync_poster && scene.screenshotUrl !== null,
      background: settings.sync_background && scene.screenshotUrl !== null,
    },
    truncated: {},
  };
  listsFor(scene, settings, mayClear, state);
  return state;
}
