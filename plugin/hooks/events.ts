import { z } from "zod";

/**
 * What a hook leaves in the inbox: a fact about a scene, written without any network I/O. The drainer turns
 * these into jobs. Stored payloads outlive code versions, so the schema is versioned and checked on ingest.
 */
export const sceneEventSchema = z.object({
  v: z.literal(1),
  type: z.literal("scene-event"),
  event: z.enum(["update", "create", "destroy"]),
  sceneId: z.string().regex(/^\d+$/),
  /** The sync-relevant fields the mutation touched (update only). */
  fields: z.array(z.string()).default([]),
  /** For destroy: the removed scene's primary file path, when Stash sent it. */
  path: z.string().nullable().default(null),
  at: z.number(),
});

export type SceneEvent = z.infer<typeof sceneEventSchema>;
