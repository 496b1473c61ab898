/**
 * A Stash scene as the sync pipeline sees it: everything needed to plan Plex edits, nothing else.
 * Built from Stash GraphQL (validated at that boundary); pure code only ever sees this shape.
 */
export interface SceneFile {
  /** Absolute path as Stash stores it (POSIX or Windows). */
  path: string;
  basename: string;
  /** Bytes; null when Stash does not know it. */
  size: number | null;
}

export interface SceneSnapshot {
  id: string;
  title: string | null;
  code: string | null;
  details: string | null;
  director: string | null;
  /** `YYYY-MM-DD` or null. */
  date: string | null;
  urls: string[];
  /** 1..100 or null. */
  rating100: number | null;
  organized: boolean;
  /** RFC3339 as Stash returned it (used verbatim as a cursor). */
  createdAt: string;
  updatedAt: string;
  files: SceneFile[];
  studio: { name: string; parentName: string | null } | null;
  performers: string[];
  tags: string[];
  /** Absolute URL of the scene's cover (screenshot) image; needs the session cookie. */
  screenshotUrl: string | null;
  /** The Stash groups (formerly movies) the scene belongs to; absent = none. */
  groups?: SceneGroup[];
}

/** A group as its Plex collection needs it: the name (the collection's title), description and cover. */
export interface SceneGroup {
  name: string;
  synopsis: string | null;
  /** Absolute URL of the group's front image; null when the group has none. Needs the session cookie. */
  frontImageUrl: string | null;
}

/** A scene's play history, resume point and rating as Stash keeps them (the Plex → Stash import compares them). */
export interface SceneActivity {
  id: string;
  rating100: number | null;
  /** Seconds. */
  resumeTime: number | null;
  playCount: number;
  /** RFC3339 as Stash returned them. */
  playHistory: string[];
  lastPlayedAt: string | null;
}
