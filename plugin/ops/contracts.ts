import * as z from "zod/mini";

/**
 * The UI ↔ plugin operation contracts: the single source of truth for `runPluginOperation`. The plugin validates
 * `args` with `OPERATIONS[op].args` and builds its answer to `OPERATIONS[op].result`; the UI bundle validates every
 * answer with the same schema. `zod/mini` keeps this shareable with the UI bundle (~5 kB instead of ~25 kB gzip);
 * mini schemas have the same `parse`/`safeParse` and `z.infer` as full zod.
 *
 * Wire format: the UI sends `args = { op: "<name>", ...opArgs }`; the plugin prints `{"output": <result>}` (the
 * result object itself) or `{"error": "<text>"}`, which Stash turns into a GraphQL error carrying that text.
 * Times are epoch milliseconds.
 */

export const PLUGIN_ID = "Stash2Plex";

const epochMs = z.number();
const count = z.number().check(z.int(), z.nonnegative());
const sceneId = z.string().check(z.regex(/^\d+$/, "must be a Stash scene id (digits)"));
const ratingKey = z.string().check(z.minLength(1));

export const JOB_STATES = ["pending", "retrying", "running", "dead"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const jobErrorSummarySchema = z.object({ class: z.string(), message: z.string() });

const matchedItemSchema = z.object({
  ratingKey,
  title: z.string(),
  sectionId: z.string(),
  /** Deep link into Plex web, or null when the server's machine id is unknown. Only http(s) is ever rendered. */
  plexWebUrl: z.nullable(z.string()),
  /** A file-name guess among several items with the same name (strict matching off): worth a look. */
  lowConfidence: z.optional(z.boolean()),
});

export const MATCH_HOW = ["path", "basename", "basename_size", "pinned"] as const;

export const matchSchema = z.discriminatedUnion("state", [
  z.object({
    state: z.literal("matched"),
    ratingKeys: z.array(ratingKey),
    items: z.array(matchedItemSchema),
    how: z.enum(MATCH_HOW),
  }),
  z.object({
    state: z.literal("ambiguous"),
    candidates: z.array(
      z.object({ ratingKey, file: z.string(), size: z.nullable(z.number()), title: z.string() }),
    ),
  }),
  z.object({ state: z.literal("not_found"), triedPaths: z.array(z.string()) }),
  z.object({ state: z.literal("unknown") }),
]);
export type Match = z.infer<typeof matchSchema>;

/** A field value as shown to the user: text, a number, a list of names, or nothing. */
export const fieldValueSchema = z.nullable(z.union([z.string(), z.number(), z.array(z.string())]));
export type FieldValue = z.infer<typeof fieldValueSchema>;

export const sceneStatusSchema = z.object({
  /** False when plex_url / plex_token are not set yet. */
  configured: z.boolean(),
  match: matchSchema,
  lastSync: z.nullable(
    z.object({
      at: epochMs,
      changes: z.array(z.object({ field: z.string(), from: fieldValueSchema, to: fieldValueSchema })),
    }),
  ),
  job: z.nullable(
    z.object({
      state: z.enum(JOB_STATES),
      attempts: count,
      nextAttemptAt: z.nullable(epochMs),
      error: z.nullable(jobErrorSummarySchema),
    }),
  ),
  fields: z.nullable(
    z.array(
      z.object({ field: z.string(), stash: fieldValueSchema, plex: fieldValueSchema, locked: z.boolean() }),
    ),
  ),
});
export type SceneStatus = z.infer<typeof sceneStatusSchema>;

/** Answer of every write: applied to the store when it returns; `affected` may be unknown (null). */
export const ackSchema = z.object({
  accepted: z.boolean(),
  affected: z.nullable(count),
  message: z.nullable(z.string()),
});
export type Ack = z.infer<typeof ackSchema>;

export const BREAKER_STATES = ["closed", "open", "half_open"] as const;

export const reconcileReportSchema = z.object({
  at: epochMs,
  scope: z.string(),
  scenesChecked: count,
  missing: count,
  stale: count,
  emptyMetadata: count,
  /** True once "queue all gaps" (or auto-queue) queued this report's gaps. */
  queued: z.boolean(),
});
export type ReconcileReport = z.infer<typeof reconcileReportSchema>;

const outageSchema = z.object({ start: epochMs, end: z.nullable(epochMs) });

export const queueSummarySchema = z.object({
  counts: z.object({ pending: count, retrying: count, running: count, dead: count }),
  paused: z.boolean(),
  /** Why the queue is paused (e.g. "Plex rejected the token"), null when running. */
  pauseReason: z.optional(z.nullable(z.string())),
  breaker: z.object({ state: z.enum(BREAKER_STATES), openedAt: z.nullable(epochMs), failures: count }),
  health: z.object({
    lastCheckAt: z.nullable(epochMs),
    ok: z.nullable(z.boolean()),
    latencyMs: z.nullable(z.number()),
  }),
  lastOutage: z.nullable(outageSchema),
  drain: z.object({ running: z.boolean(), processed: count, total: z.nullable(count) }),
  /** Buckets, oldest first; `t` is the bucket start. */
  throughput: z.array(z.object({ t: epochMs, ok: count, failed: count })),
  outages: z.array(outageSchema),
  lastReconcile: z.nullable(reconcileReportSchema),
});
export type QueueSummary = z.infer<typeof queueSummarySchema>;

export const queueJobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  sceneId: z.nullable(z.string()),
  /** Scene title when the store knows it (display only). */
  title: z.nullable(z.string()),
  state: z.enum(JOB_STATES),
  attempts: count,
  maxAttempts: count,
  createdAt: epochMs,
  nextAttemptAt: z.nullable(epochMs),
  error: z.nullable(jobErrorSummarySchema),
});
export type QueueJob = z.infer<typeof queueJobSchema>;

export const queueListSchema = z.object({
  total: count,
  jobs: z.array(queueJobSchema),
  /** Error classes present in this state, for the filter. */
  errorClasses: z.array(z.object({ class: z.string(), count })),
});
export type QueueList = z.infer<typeof queueListSchema>;

export const plexLibrarySchema = z.object({ key: z.string(), title: z.string(), type: z.string() });
export type PlexLibrary = z.infer<typeof plexLibrarySchema>;

export const plexTestSchema = z.object({
  ok: z.boolean(),
  version: z.nullable(z.string()),
  latencyMs: z.nullable(z.number()),
  tokenValid: z.nullable(z.boolean()),
  libraries: z.array(plexLibrarySchema),
  error: z.optional(z.string()),
});
export type PlexTest = z.infer<typeof plexTestSchema>;

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

export const OPERATIONS = {
  "scene.status": { args: bySceneId, result: sceneStatusSchema },
  "scene.sync": { args: bySceneId, result: ackSchema },
  "scene.pin": { args: z.object({ sceneId, ratingKey }), result: ackSchema },
  "scene.unpin": { args: bySceneId, result: ackSchema },
  "queue.summary": { args: empty, result: queueSummarySchema },
  "queue.list": {
    args: z.object({
      state: z.enum(JOB_STATES),
      errorClass: z.optional(z.string()),
      page: z.number().check(z.int(), z.minimum(1)),
      perPage: z.number().check(z.int(), z.minimum(1), z.maximum(200)),
    }),
    result: queueListSchema,
  },
  "queue.retry": {
    args: z
      .object({ ids, all: z.optional(z.boolean()), errorClass: z.optional(z.string()) })
      .check(z.refine(oneSelector, "give exactly one of ids, all or errorClass")),
    result: ackSchema,
  },
  "queue.delete": {
    args: z
      .object({ ids, all: z.optional(z.boolean()) })
      .check(z.refine(oneSelector, "give exactly one of ids or all")),
    result: ackSchema,
  },
  "queue.clear": { args: empty, result: ackSchema },
  "plex.test": {
    args: z.object({ plex_url: z.optional(z.string()), plex_token: z.optional(z.string()) }),
    result: plexTestSchema,
  },
  "plex.libraries": { args: empty, result: z.object({ libraries: z.array(plexLibrarySchema) }) },
  "paths.preview": {
    args: z.object({ path: z.string() }),
    result: z.object({ mapped: z.string(), match: matchSchema }),
  },
  "reconcile.queueGaps": { args: empty, result: ackSchema },
} as const;

export type OperationName = keyof typeof OPERATIONS;
export type OperationArgs<N extends OperationName> = z.input<(typeof OPERATIONS)[N]["args"]>;
export type OperationResult<N extends OperationName> = z.infer<(typeof OPERATIONS)[N]["result"]>;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}

const RUNTIME_MISSING_PATTERNS = [
  // Linux/macOS: the exec path points at a node binary that is not there.
  /fork\/exec \S*node(\.exe)?: no such file or directory/i,
  // Go's exec.LookPath on PATH (Linux and Windows variants).
  /exec: "node(\.exe)?": executable file not found in (\$PATH|%PATH%)/i,
];

/** True when an operation failed because Stash could not start `node` (e.g. the official Docker image). */
export function runtimeMissing(errorText: string): boolean {
  return RUNTIME_MISSING_PATTERNS.some((pattern) => pattern.test(errorText));
}
