import { z } from "zod";
import { jobSchema } from "../queue/job.js";
import { deadLetterSchema } from "../queue/transitions.js";

/**
 * Facts are what the journal records; state is their fold. Each fact carries a version `v`, so a newer
 * version can add facts and an older file still replays: an unknown or malformed fact is skipped with a
 * warning, never a crash.
 */
export const imageLogSchema = z.object({
  uploadedAt: z.number().optional(),
  /** Set by the sync that failed to upload (at `failedAt`); cleared by a later upload. */
  problem: z.string().optional(),
  failedAt: z.number().optional(),
});
export type ImageLog = z.infer<typeof imageLogSchema>;

export const sceneSyncStateSchema = z.object({
  /** Every Plex item that holds one of the scene's files. */
  ratingKeys: z.array(z.string()),
  lastSyncedAt: z.number(),
  /** Hash of the desired Plex state last written (nothing changed ⇒ no write). */
  desiredHash: z.string().nullable(),
  /** Hashes of the image bytes last uploaded, so unchanged images are not re-sent. */
  imageHashes: z.object({ poster: z.string().optional(), art: z.string().optional() }),
  /** The item's thumb/art path seen after our upload: a different one later means someone replaced it in Plex. */
  imageThumbs: z.object({ poster: z.string().optional(), art: z.string().optional() }).optional(),
  /** Names of the fields the last sync changed. */
  lastChanges: z.array(z.string()),
  /** Per image slot: when our image was last uploaded, and why the last sync could not upload it. */
  imageLog: z.object({ poster: imageLogSchema.optional(), art: imageLogSchema.optional() }).optional(),
});
export type SceneSyncState = z.infer<typeof sceneSyncStateSchema>;

export const outageSchema = z.object({ startedAt: z.number(), endedAt: z.number().nullable() });
export type Outage = z.infer<typeof outageSchema>;

export const pausedSchema = z.object({ since: z.number(), reason: z.string() });
export type Paused = z.infer<typeof pausedSchema>;

const v = z.literal(1);

export const factSchema = z.discriminatedUnion("type", [
  z.object({ v, type: z.literal("job-put"), job: jobSchema }),
  z.object({ v, type: z.literal("job-removed"), id: z.string() }),
  z.object({ v, type: z.literal("dead-letter-put"), deadLetter: deadLetterSchema }),
  z.object({ v, type: z.literal("dead-letter-removed"), id: z.string() }),
  z.object({ v, type: z.literal("sync-state-put"), sceneId: z.string(), state: sceneSyncStateSchema }),
  z.object({ v, type: z.literal("sync-state-removed"), sceneId: z.string() }),
  z.object({ v, type: z.literal("pin-set"), sceneId: z.string(), ratingKey: z.string().nullable() }),
  z.object({ v, type: z.literal("breaker-set"), breaker: z.unknown() }),
  z.object({ v, type: z.literal("outage-started"), at: z.number() }),
  z.object({ v, type: z.literal("outage-ended"), at: z.number() }),
  z.object({ v, type: z.literal("stats-added"), delta: z.record(z.string(), z.number()) }),
  z.object({ v, type: z.literal("reconcile-reported"), report: z.unknown() }),
  z.object({ v, type: z.literal("inbox-ingested"), ids: z.array(z.string()) }),
  z.object({ v, type: z.literal("paused-set"), paused: pausedSchema.nullable() }),
  /** Scenes a bulk sync will queue, a window at a time (queue-ops.ts `releaseHeld`). */
  z.object({
    v,
    type: z.literal("scenes-held"),
    sceneIds: z.array(z.string()),
    reasons: z.array(z.string()),
  }),
  /** Held scenes that became jobs (in the same commit as their job-put facts) or were dropped. */
  z.object({ v, type: z.literal("held-released"), sceneIds: z.array(z.string()) }),
]);
export type Fact = z.infer<typeof factSchema>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A fact before its version stamp is added. */
export type FactInput = DistributiveOmit<Fact, "v">;

export function fact(input: FactInput): Fact {
  return { v: 1, ...input } as Fact;
}
