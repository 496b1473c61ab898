/**
 * zod schemas for the Plex JSON responses the client reads. Deliberately lenient, like Plex itself:
 * child arrays are omitted when empty, numbers sometimes arrive as strings, booleans as 0/1.
 * Unknown attributes are ignored. Output types are the parsed (normalised) shapes.
 */
import { z } from "zod";

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A number, or a numeric string. */
export const lenientNumber = z.union([z.number(), z.string().trim().regex(NUMERIC).transform(Number)]);

/** A boolean, 0/1, or "0"/"1"/"true"/"false". */
export const lenientBoolean = z.union([
  z.boolean(),
  z.literal(0).transform(() => false),
  z.literal(1).transform(() => true),
  z.enum(["0", "false"]).transform(() => false),
  z.enum(["1", "true"]).transform(() => true),
]);

/** An identifier Plex may send as a string or a number (ratingKey, section key). */
export const idString = z.union([z.string().min(1), z.number().transform(String)]);

/** An optional child array: absent/null → []. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v): z.output<T>[] => v ?? []);
}

function container<T extends z.ZodType>(inner: T) {
  return z.object({ MediaContainer: inner });
}

export const identitySchema = container(
  z.object({
    machineIdentifier: z.string().min(1),
    version: z.string().min(1),
    claimed: lenientBoolean.optional(),
    apiVersion: z.string().optional(),
  }),
);
export type PlexIdentity = z.output<typeof identitySchema>["MediaContainer"];

export const sectionSchema = z.object({
  key: idString,
  type: z.string(),
  title: z.string(),
  agent: z.string().optional(),
  scanner: z.string().optional(),
  uuid: z.string().optional(),
  refreshing: lenientBoolean.optional(),
  updatedAt: lenientNumber.optional(),
  scannedAt: lenientNumber.optional(),
  contentChangedAt: lenientNumber.optional(),
  Location: list(z.object({ id: idString.optional(), path: z.string() })),
});
export const sectionsSchema = container(z.object({ Directory: list(sectionSchema) }));

export const tagSchema = z.object({ tag: z.string(), id: idString.optional() });
export const fieldLockSchema = z.object({ name: z.string(), locked: lenientBoolean.optional() });

const partSchema = z.object({ file: z.string(), size: lenientNumber.optional() });
const mediaSchema = z.object({ Part: list(partSchema) });

/** The attributes a list page item and a detail item share. */
const itemCore = {
  ratingKey: idString,
  type: z.string().optional(),
  title: z.union([z.string(), z.number().transform(String)]).optional(),
  librarySectionID: idString.optional(),
  addedAt: lenientNumber.optional(),
  updatedAt: lenientNumber.optional(),
  Media: list(mediaSchema),
};

/** The scalar metadata a listing row and a detail item share (omitted by Plex when empty). */
const itemText = {
  summary: z.string().optional(),
  studio: z.string().optional(),
  originallyAvailableAt: z.string().optional(),
};

/** The token owner's view state of an item (omitted by Plex when unwatched / unrated). */
const itemActivity = {
  viewCount: lenientNumber.optional(),
  lastViewedAt: lenientNumber.optional(),
  viewOffset: lenientNumber.optional(),
  userRating: lenientNumber.optional(),
};

/** A listing row: tag lists are truncated (first 2 genres, 3 roles…), `{tag}` only, and no `Field`. */
export const listItemSchema = z.object({
  ...itemCore,
  ...itemText,
  ...itemActivity,
  Genre: list(tagSchema),
  Role: list(tagSchema),
});
export type PlexListItemRaw = z.output<typeof listItemSchema>;

export const sectionPageSchema = container(
  z.object({
    size: lenientNumber.optional(),
    totalSize: lenientNumber.optional(),
    offset: lenientNumber.optional(),
    librarySectionID: idString.optional(),
    Metadata: list(listItemSchema),
  }),
);

export const metadataItemSchema = z.object({
  ...itemCore,
  ...itemText,
  ...itemActivity,
  tagline: z.string().optional(),
  thumb: z.string().optional(),
  art: z.string().optional(),
  Genre: list(tagSchema),
  Role: list(tagSchema),
  Collection: list(tagSchema),
  Director: list(tagSchema),
  Field: list(fieldLockSchema),
});
export type PlexMetadataRaw = z.output<typeof metadataItemSchema>;

export const metadataSchema = container(
  z.object({ librarySectionID: idString.optional(), Metadata: list(metadataItemSchema) }),
);

export const imageSchema = z.object({
  key: z.string().optional(),
  ratingKey: z.string(),
  provider: z.string().optional(),
  selected: lenientBoolean.optional().transform((v) => v ?? false),
  thumb: z.string().optional(),
});
export type PlexImage = z.output<typeof imageSchema>;
export const imagesSchema = container(z.object({ Metadata: list(imageSchema) }));

/** A collection in a section's collection list (`GET /library/sections/{id}/collections`). */
export const collectionSchema = z.object({
  ratingKey: idString,
  title: z.union([z.string(), z.number().transform(String)]),
  summary: z.string().optional(),
  thumb: z.string().optional(),
});
export type PlexCollection = z.output<typeof collectionSchema>;
export const collectionsSchema = container(z.object({ Metadata: list(collectionSchema) }));

export const activitySchema = z.object({
  uuid: z.string(),
  type: z.string(),
  title: z.string().optional(),
  subtitle: z.string().optional(),
  progress: lenientNumber.optional(),
  Context: z.object({ librarySectionID: idString.optional(), key: z.string().optional() }).optional(),
});
export type PlexActivity = z.output<typeof activitySchema>;
export const activitiesSchema = container(z.object({ Activity: list(activitySchema) }));

/** One row of `/status/sessions/history/all`: one play (python-plexapi's history objects carry the same). */
export const historyRowSchema = z.object({
  historyKey: z.string().optional(),
  ratingKey: idString.optional(),
  librarySectionID: idString.optional(),
  title: z.union([z.string(), z.number().transform(String)]).optional(),
  type: z.string().optional(),
  viewedAt: lenientNumber,
  accountID: idString.optional(),
  deviceID: idString.optional(),
});
export type PlexHistoryRowRaw = z.output<typeof historyRowSchema>;
export const historyPageSchema = container(
  z.object({
    size: lenientNumber.optional(),
    totalSize: lenientNumber.optional(),
    offset: lenientNumber.optional(),
    Metadata: list(historyRowSchema),
  }),
);
