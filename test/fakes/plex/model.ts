/**
 * In-memory model of the fake Plex server and the compact specs tests seed it with.
 * Shapes follow shared/plex-fixtures (movie items with Media/Part, tag lists, Field locks).
 */

/** Edit-name tag types → the JSON element Plex lists them under. */
export const TAG_ELEMENTS = {
  genre: "Genre",
  actor: "Role",
  collection: "Collection",
  director: "Director",
  writer: "Writer",
  producer: "Producer",
  country: "Country",
  label: "Label",
  mood: "Mood",
  style: "Style",
} as const;
export type FakeTagType = keyof typeof TAG_ELEMENTS;
export const FAKE_TAG_TYPES = Object.keys(TAG_ELEMENTS) as FakeTagType[];

/** Scalar attributes the fake accepts `<name>.value` edits for. */
export const SCALAR_FIELDS = [
  "title",
  "titleSort",
  "originalTitle",
  "summary",
  "tagline",
  "studio",
  "originallyAvailableAt",
  "year",
  "contentRating",
  "userRating",
  "rating",
  "audienceRating",
  "editionTitle",
] as const;
export type FakeScalarField = (typeof SCALAR_FIELDS)[number];
/** Rendered as JSON numbers. */
export const NUMERIC_FIELDS: ReadonlySet<string> = new Set([
  "year",
  "userRating",
  "rating",
  "audienceRating",
]);
/** Lockable names besides scalars and tag types. */
export const IMAGE_LOCKS = ["thumb", "art", "theme"] as const;

export interface FakeImage {
  ratingKey: string;
  provider: string;
  selected: boolean;
  bytes: Uint8Array | null;
}

export interface FakeItem {
  ratingKey: string;
  sectionId: string;
  guid: string;
  /** Present scalar attributes only (an empty value is deleted). */
  values: Partial<Record<FakeScalarField, string>>;
  tags: Record<FakeTagType, string[]>;
  /** Field names with a `Field locked` entry. */
  locks: Set<string>;
  parts: Array<{ file: string; size: number }>;
  posters: FakeImage[];
  arts: FakeImage[];
  /** `{ts}` of `/library/metadata/{rk}/thumb/{ts}`; null = no poster. */
  thumbTs: number | null;
  artTs: number | null;
  addedAt: number;
  updatedAt: number;
  /** What an agent refresh restores to unlocked fields. */
  agent: { values: FakeItem["values"]; tags: FakeItem["tags"] };
  /** The token owner's view state: plays, last play (epoch s), where playback stopped (ms). */
  viewCount: number;
  lastViewedAt: number | null;
  viewOffset: number | null;
}

export interface FakeSection {
  key: string;
  title: string;
  type: "movie" | "show";
  agent: string;
  scanner: string;
  uuid: string;
  locations: string[];
  refreshing: boolean;
  updatedAt: number;
  scannedAt: number;
  contentChangedAt: number;
}

/** Compact item description for seeding. */
export interface ItemSpec {
  ratingKey?: string;
  /** Defaults to the first section. */
  sectionId?: string;
  title?: string;
  /** One path, or several parts/versions. */
  file: string | string[];
  size?: number;
  titleSort?: string;
  summary?: string;
  tagline?: string;
  studio?: string;
  /** `YYYY-MM-DD` → originallyAvailableAt (and year). */
  date?: string;
  userRating?: number;
  genres?: string[];
  actors?: string[];
  collections?: string[];
  directors?: string[];
  /** Field names to lock initially. */
  locks?: string[];
  /** Give the item an agent poster/background (selected). */
  withImages?: boolean;
  guid?: string;
}

export interface SectionSpec {
  key: string;
  title: string;
  type?: "movie" | "show";
  locations: string[];
  agent?: string;
}

/** A file the next (partial) scan of its section will turn into an item. */
export interface PendingFileSpec {
  sectionId?: string;
  file: string;
  size?: number;
  title?: string;
}

export function emptyTags(): Record<FakeTagType, string[]> {
  return Object.fromEntries(FAKE_TAG_TYPES.map((t) => [t, []])) as unknown as Record<FakeTagType, string[]>;
}

export function stemOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

function valuesOf(spec: ItemSpec): FakeItem["values"] {
  const values: FakeItem["values"] = { title: spec.title ?? stemOf([spec.file].flat()[0] ?? "") };
  const optional: Array<[FakeScalarField, string | number | undefined]> = [
    ["titleSort", spec.titleSort],
    ["summary", spec.summary],
    ["tagline", spec.tagline],
    ["studio", spec.studio],
    ["originallyAvailableAt", spec.date],
    ["year", spec.date?.slice(0, 4)],
    ["userRating", spec.userRating],
  ];
  for (const [field, value] of optional) {
    if (value !== undefined && value !== "") values[field] = String(value);
  }
  return values;
}

export function itemFromSpec(spec: ItemSpec, ratingKey: string, sectionId: string, now: number): FakeItem {
  const tags = emptyTags();
  tags.genre = [...(spec.genres ?? [])];
  tags.actor = [...(spec.actors ?? [])];
  tags.collection = [...(spec.collections ?? [])];
  tags.director = [...(spec.directors ?? [])];
  const values = valuesOf(spec);
  const image = (kind: string): FakeImage[] =>
    spec.withImages
      ? [
          {
            ratingKey: `metadata://${kind}/agent_${ratingKey}`,
            provider: "local",
            selected: true,
            bytes: null,
          },
        ]
      : [];
  return {
    ratingKey,
    sectionId,
    guid: spec.guid ?? `local://${ratingKey}`,
    values,
    tags,
    locks: new Set(spec.locks ?? []),
    parts: [spec.file].flat().map((file) => ({ file, size: spec.size ?? 1_000_000 })),
    posters: image("posters"),
    arts: image("art"),
    thumbTs: spec.withImages ? now : null,
    artTs: spec.withImages ? now : null,
    addedAt: now,
    updatedAt: now,
    agent: { values: { ...values }, tags: structuredClone(tags) },
    viewCount: 0,
    lastViewedAt: null,
    viewOffset: null,
  };
}
