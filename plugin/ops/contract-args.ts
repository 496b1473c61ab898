import * as z from "zod/mini";
import {
  JOB_STATES,
  OPERATION_NAMES,
  OPERATION_RESULTS,
  type OperationName,
  ratingKey,
} from "./contracts.js";

/**
 * What each UI operation takes: the plugin validates `args` with these (the wire format is in contracts.ts). Kept
 * apart from the answers so the UI bundle, which only sends arguments, does not carry their schemas.
 */

const sceneId = z.string().check(z.regex(/^\d+$/, "must be a Stash scene id (digits)"));
const empty = z.object({});
const bySceneId = z.object({ sceneId });
const ids = z.optional(z.array(z.string().check(z.minLength(1))));

/** Exactly one selector, so "retry" with nothing selected can never mean "retry everything". */
function oneSelector(v: {
  ids?: string[] | undefined;
  all?: boolean | undefined;
  errorClass?: string | undefined;
}) {
  const chosen = [v.ids !== undefined, v.all === true, v.errorClass !== undefined].filter(Boolean);
  return chosen.length === 1;
}

export const OPERATION_ARGS = {
  "scene.status": bySceneId,
  "scene.sync": bySceneId,
  "scene.pin": z.object({ sceneId, ratingKey }),
  "scene.unpin": bySceneId,
  "queue.summary": empty,
  "queue.list": z.object({
    state: z.enum(JOB_STATES),
    errorClass: z.optional(z.string()),
    page: z.number().check(z.int(), z.minimum(1)),
    perPage: z.number().check(z.int(), z.minimum(1), z.maximum(200)),
  }),
  "queue.retry": z
    .object({
      ids,
      all: z.optional(z.boolean()),
      errorClass: z.optional(z.string()),
      /** Which list `all` / `errorClass` mean: scenes waiting for a later try, or (default) unsynced ones. */
      state: z.optional(z.enum(["retrying", "dead"])),
    })
    .check(z.refine(oneSelector, "give exactly one of ids, all or errorClass")),
  "queue.delete": z
    .object({ ids, all: z.optional(z.boolean()) })
    .check(z.refine(oneSelector, "give exactly one of ids or all")),
  "queue.clear": empty,
  "plex.test": z.object({ plex_url: z.optional(z.string()), plex_token: z.optional(z.string()) }),
  "plex.libraries": empty,
  "paths.preview": z.object({ path: z.string() }),
  "reconcile.queueGaps": empty,
  "library.read": empty,
} as const satisfies Record<OperationName, z.ZodMiniType>;

/** Each operation's arguments and answer together, as the plugin's operation wrapper checks both. */
export const OPERATIONS = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, { args: OPERATION_ARGS[name], result: OPERATION_RESULTS[name] }]),
) as {
  [N in OperationName]: { args: (typeof OPERATION_ARGS)[N]; result: (typeof OPERATION_RESULTS)[N] };
};

/** What the UI sends for an operation (a type only: the UI bundle carries no argument schema). */
export type OperationArgs<N extends OperationName> = z.input<(typeof OPERATION_ARGS)[N]>;
