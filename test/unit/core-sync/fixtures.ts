import { DEFAULT_SETTINGS, type Settings } from "../../../plugin/config/settings.js";
import type { PlexItem } from "../../../plugin/domain/plex-item.js";
import type { SceneSnapshot } from "../../../plugin/domain/scene.js";

export function makeScene(overrides: Partial<SceneSnapshot> = {}): SceneSnapshot {
  return {
    id: "1",
    title: "A Scene",
    code: null,
    details: null,
    director: null,
    date: null,
    urls: [],
    rating100: null,
    organized: false,
    createdAt: "2024-01-01T00:00:00Z",
    updatedAt: "2024-01-01T00:00:00Z",
    files: [{ path: "/stash/videos/a.mp4", basename: "a.mp4", size: 1000 }],
    studio: null,
    performers: [],
    tags: [],
    screenshotUrl: null,
    ...overrides,
  };
}

export function makeItem(overrides: Partial<PlexItem> = {}): PlexItem {
  return {
    ratingKey: "100",
    librarySectionId: "1",
    type: "movie",
    title: "",
    summary: null,
    tagline: null,
    studio: null,
    originallyAvailableAt: null,
    userRating: null,
    tags: { genre: [], actor: [], collection: [], director: [] },
    lockedFields: [],
    thumb: null,
    art: null,
    parts: [{ file: "/plex/videos/a.mp4", size: 1000 }],
    updatedAt: null,
    ...overrides,
  };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}
