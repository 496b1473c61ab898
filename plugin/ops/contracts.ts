import * as z from "zod/mini";
import { NODE_TOO_OLD_PREFIX } from "../protocol/node-version.js";

/**
 * The UI ↔ plugin operation contracts: the single source of truth for `runPluginOperation`. The plugin validates
 * `args` with `OPERATIONS[op].args` (contract-args.ts) and builds its answer to `OPERATION_RESULTS[op]`; the UI
 * bundle validates every answer with the same schema. `zod/mini` keeps this shareable with the UI bundle (its size: docs/decisions.md);
 * mini schemas have the same `parse`/`safeParse` and `z.infer` as full zod.
 *
 * Wire format: the UI sends `args = { op: "<name>", ...opArgs }`; the plugin prints `{"output": <result>}` (the
 * result object itself) or `{"error": "<text>"}`, which Stash turns into a GraphQL error carrying that text.
 * Times are epoch milliseconds.
 */

export const PLUGIN_ID = "Stash2Plex";

const epochMs = z.number();
const count = z.number().check(z.int(), z.nonnegative());
export const ratingKey = z.string().check(z.minLength(1));

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
export const MATCH_UNKNOWN_REASONS = ["not_configured", "no_index", "no_scene"] as const;

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
  z.object({
    state: z.literal("unknown"),
    /** Why there is no match yet: Plex not set up, no library index read yet, or Stash has no such scene. */
    reason: z.optional(z.enum(MATCH_UNKNOWN_REASONS)),
  }),
]);
export type Match = z.infer<typeof matchSchema>;

/** A field value as shown to the user: text, a number, a list of names, or nothing. */
export const fieldValueSchema = z.nullable(z.union([z.string(), z.number(), z.array(z.string())]));
export type FieldValue = z.infer<typeof fieldValueSchema>;

/** Plays and resume point on both sides, for the Plex tab (Plex: the token owner's view state). */
export const sceneActivitySchema = z.object({
  plex: z.nullable(
    z.object({ viewCount: count, lastViewedAt: z.nullable(epochMs), resumeSeconds: z.nullable(z.number()) }),
  ),
  stash: z.nullable(
    z.object({ playCount: count, lastPlayedAt: z.nullable(epochMs), resumeSeconds: z.nullable(z.number()) }),
  ),
});
export type SceneActivityView = z.infer<typeof sceneActivitySchema>;

/**
 * One image slot of the scene's Plex item. `uploaded`: the last sync uploaded it (at `at`); `unchanged`: the
 * last sync found our upload still current (uploaded at `at`, null when recorded before upload times were);
 * `off`: its setting is off; `no_cover`: the scene has no cover in Stash; `not_yet`: not synced yet;
 * `failed`: the last sync could not upload it (`problem` says why; at `at`).
 */
export const IMAGE_STATES = ["uploaded", "unchanged", "off", "no_cover", "not_yet", "failed"] as const;
export const imageStatusSchema = z.object({
  state: z.enum(IMAGE_STATES),
  at: z.nullable(epochMs),
  problem: z.nullable(z.string()),
});
export type ImageStatus = z.infer<typeof imageStatusSchema>;

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
      /** The job's (or dead letter's) id: a new id means new work, even in the same state. */
      id: z.optional(z.string()),
      state: z.enum(JOB_STATES),
      attempts: count,
      nextAttemptAt: z.nullable(epochMs),
      /** When a dead job failed for good. */
      failedAt: z.optional(z.nullable(epochMs)),
      error: z.nullable(jobErrorSummarySchema),
    }),
  ),
  /** Poster and background of the Plex item (absent from older plugin versions). */
  images: z.optional(z.object({ poster: imageStatusSchema, background: imageStatusSchema })),
  fields: z.nullable(
    z.array(
      z.object({ field: z.string(), stash: fieldValueSchema, plex: fieldValueSchema, locked: z.boolean() }),
    ),
  ),
  /** Absent from a plugin older than the import (the UI shows nothing then). */
  activity: z.optional(z.nullable(sceneActivitySchema)),
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

/** The last import from Plex, for the queue page. */
export const importSummarySchema = z.object({
  at: epochMs,
  playsAdded: count,
  playsSkipped: count,
  /** Plays of Plex items that hold no Stash scene or several. */
  playsUnmatched: count,
  resumeUpdated: count,
  ratingsUpdated: count,
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

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
  /** Absent from a plugin older than the import; null before the first import. */
  lastImport: z.optional(z.nullable(importSummarySchema)),
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

/**
 * What each operation answers: the plugin builds its answer to this and the UI checks every answer with it. What
 * each one takes is in contract-args.ts (`OPERATION_ARGS`, and `OPERATIONS` pairing both for the plugin): the UI
 * only sends arguments, so it does not bundle their schemas.
 */
export const OPERATION_RESULTS = {
  "scene.status": sceneStatusSchema,
  "scene.sync": ackSchema,
  "scene.pin": ackSchema,
  "scene.unpin": ackSchema,
  "queue.summary": queueSummarySchema,
  "queue.list": queueListSchema,
  "queue.retry": ackSchema,
  "queue.delete": ackSchema,
  "queue.clear": ackSchema,
  "plex.test": plexTestSchema,
  "plex.libraries": z.object({ libraries: z.array(plexLibrarySchema) }),
  "paths.preview": z.object({ mapped: z.string(), match: matchSchema }),
  "reconcile.queueGaps": ackSchema,
  /** Reads the configured Plex libraries into the local index (what matching looks files up in). */
  "library.read": ackSchema,
} as const;

export type OperationName = keyof typeof OPERATION_RESULTS;
export type OperationResult<N extends OperationName> = z.infer<(typeof OPERATION_RESULTS)[N]>;
export const OPERATION_NAMES = Object.keys(OPERATION_RESULTS) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATION_RESULTS, name);
}

const RUNTIME_MISSING_PATTERNS = [
  // Linux/macOS: the exec path points at a node binary that is not there.
  /fork\/exec \S*node(\.exe)?: no such file or directory/i,
  // Go's exec.LookPath on PATH (Linux and Windows variants).
  /exec: "node(\.exe)?": executable file not found in (\$PATH|%PATH%)/i,
  // A node older than 22.13: the launcher's own answer (plugin/protocol/node-version.ts).
  new RegExp(NODE_TOO_OLD_PREFIX.replaceAll(".", "\\.")),
];

/** True when an operation failed because Stash could not start `node` (e.g. the official Docker image). */
export function runtimeMissing(errorText: string): boolean {
  return RUNTIME_MISSING_PATTERNS.some((pattern) => pattern.test(errorText));
}
