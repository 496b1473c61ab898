import { z } from "zod";

/**
 * What a hook records about a scene, without any network I/O; hooks/record.ts makes it the scene's job in the
 * same process (the event itself is not stored).
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
