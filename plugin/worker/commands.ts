import { z } from "zod";
import { SYNC_REASONS } from "../queue/job.js";

/**
 * Commands that processes without the worker lock (UI operations, tasks while a drainer runs) hand to the
 * writer through the inbox. Stored payloads outlive code versions: parsed with zod on ingest.
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
    /** A bulk sync's scenes: held and released a window at a time (store/held-ops.ts), not queued at once. */
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
  /**
   * A reconcile run's report, from a process that could not take the writer role. Kept opaque here (an object
   * with a numeric `at`): readers validate it against the UI contract when they show it.
   */
  z.object({ name: z.literal("add-reconcile-report"), report: z.looseObject({ at: z.number() }) }),
]);

export type Command = z.infer<typeof commandSchema>;

export const commandEnvelopeSchema = z.object({
  v: z.literal(1),
  type: z.literal("command"),
  command: commandSchema,
  at: z.number(),
});

export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;

export function commandEnvelope(command: Command, at: number): CommandEnvelope {
  return { v: 1, type: "command", command, at };
}
