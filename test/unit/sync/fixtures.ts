import type { PlexItem, PlexTagType } from "../../../plugin/domain/plex-item.js";
import type { SceneSnapshot } from "../../../plugin/domain/scene.js";
import { type DesiredSettings, type LibraryEntry, pathBasename } from "../../../plugin/sync/index.js";

/** A scene with real metadata and one file; override what a test is about. */
export function scene(overrides: Partial<SceneSnapshot> = {}): SceneSnapshot {
  return {
    id: "42",
    title: "Scene Title",
    code: null,
    details: "A summary.",
    director: null,
    date: "2024-01-15",
    urls: [],
    rating100: null,
    organized: false,
    createdAt: "2024-01-01T00:00:00Z",
    updatedAt: "2024-01-02T00:00:00Z",
    files: [{ path: "/stash/media/clip.mp4", basename: "clip.mp4", size: 1000 }],
    studio: { name: "Studio A", parentName: null },
    performers: ["Alice", "Bob"],
    tags: ["Drama", "Outdoor"],
    screenshotUrl: "http://stash:9999/scene/42/screenshot?t=1",
    ...overrides,
  };
}

export function sceneFile(path: string, size: number | null = 1000) {
  return { path, basename: pathBasename(path), size };
}

export function emptyTags(): Record<PlexTagType, string[]> {
  return { genre: [], actor: [], collection: [], director: [] };
}

/** A Plex item with nothing set but its title (as Plex shows a freshly scanned file). */
export function plexItem(overrides: Partial<PlexItem> = {}): PlexItem {
  return {
    ratingKey: "100",
    librarySectionId: "1",
    type: "movie",
    title: "clip",
    summary: null,
    tagline: null,
    studio: null,
    originallyAvailableAt: null,
    userRating: null,
    tags: emptyTags(),
    lockedFields: [],
    thumb: null,
    art: null,
    parts: [{ file: "/plex/media/clip.mp4", size: 1000 }],
    updatedAt: null,
    ...overrides,
  };
}

export const ALL_ON: DesiredSettings = {
  sync_master: true,
  sync_studio: true,
  sync_summary: true,
  sync_tagline: true,
  sync_date: true,
  sync_performers: true,
  sync_tags: true,
  sync_poster: true,
  sync_background: true,
  sync_collection: true,
  sync_rating: false,
  max_tags: 100,
};

export function entry(
  ratingKey: string,
  file: string,
  size: number | null = 1000,
  sectionId = "1",
): LibraryEntry {
  return { ratingKey, sectionId, file, size };
}
