import * as z from "zod/mini";

/**
 * What the store records of a scene's last sync (store.ts `putSyncState`), written by the sync pipeline and
 * read by reconcile and the scene panel; checked with this schema when read back.
 */
export const imageLogSchema = z.object({
  uploadedAt: z.optional(z.number()),
  /** Set by the sync that failed to upload (at `failedAt`); cleared by a later upload. */
  problem: z.optional(z.string()),
  failedAt: z.optional(z.number()),
});
export type ImageLog = z.output<typeof imageLogSchema>;

const imageSlots = () => z.object({ poster: z.optional(z.string()), art: z.optional(z.string()) });

export const sceneSyncStateSchema = z.object({
  /** Every Plex item that holds one of the scene's files. */
  ratingKeys: z.array(z.string()),
  lastSyncedAt: z.number(),
  /** Hash of the desired Plex state last written (nothing changed ⇒ no write). */
  desiredHash: z.nullable(z.string()),
  /** Hashes of the image bytes last uploaded to every item of the scene (per item: `itemImages`). */
  imageHashes: imageSlots(),
  /** The item's thumb/art path seen after our upload: a different one later means someone replaced it in Plex. */
  imageThumbs: z.optional(imageSlots()),
  /**
   * Per Plex item (ratingKey): the image hashes and thumbs above, for that item alone — a scene in two items
   * uploads to each. Absent in states written before; then the scene-wide fields stand for its first item.
   */
  itemImages: z.optional(z.record(z.string(), z.object({ hashes: imageSlots(), thumbs: imageSlots() }))),
  /** Names of the fields the last sync changed. */
  lastChanges: z.array(z.string()),
  /** Per image slot: when our image was last uploaded, and why the last sync could not upload it. */
  imageLog: z.optional(z.object({ poster: z.optional(imageLogSchema), art: z.optional(imageLogSchema) })),
});
export type SceneSyncState = z.output<typeof sceneSyncStateSchema>;
