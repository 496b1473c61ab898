import { z } from "zod";
import { SYNC_REASONS } from "../queue/job.js";

/**
 * Commands of UI operations and tasks, applied to the store directly (apply-command.ts). They arrive from
 * another process (the UI's operation arguments): parsed with zod at that boundary.
 */
const sceneId = z.string().regex(/^\d+$/);
const deadLetterSelection = z.object({
  ids: z.array(z.string()).optional(),
  all: z.boolean().optional(),
  errorClass: z.string().optional(),
  errorClasses: z.array(z.string()).optional(),
  failedBefore: z.number().optional(),
  failedAfter: z.number().optional(),
});
export type DeadLetterSelection = z.infer<typeof deadLetterSelection>;

export const commandSchema = z.discriminatedUnion("name", [
  z.object({
    name: z.literal("sync-scenes"),
    sceneIds: z.array(sceneId),
    reason: z.enum(SYNC_REASONS),
    /** A bulk sync's scenes: held and released a window at a time (store/held.ts), not queued at once. */
    hold: z.boolean().optional(),
  }),
  z.object({ name: z.literal("pin"), sceneId, ratingKey: z.string().min(1).nullable() }),
  z.object({ name: z.literal("retry-dead"), selection: deadLetterSelection }),
  z.object({ name: z.literal("delete-dead"), selection: deadLetterSelection }),
  z.object({ name: z.literal("purge-dead"), days: z.number().int().min(0) }),
  z.object({ name: z.literal("clear-pending") }),
  z.object({ name: z.literal("delete-jobs"), ids: z.array(z.string()) }),
  z.object({ name: z.literal("resume") }),
  z.object({ name: z.literal("clear-match-cache") }),
]);

export type Command = z.infer<typeof commandSchema>;
