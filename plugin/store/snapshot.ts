import { z } from "zod";
import type { Logger } from "../log/logger.js";
import { type Job, jobSchema } from "../queue/job.js";
import { type DeadLetter, deadLetterSchema } from "../queue/transitions.js";
import { outageSchema, pausedSchema, type SceneSyncState, sceneSyncStateSchema } from "./facts.js";
import { type HeldGroup, HeldList, heldGroups } from "./held-list.js";
import { jobShardCountFor, jobShardOf, MAX_JOB_SHARDS } from "./job-table.js";
import { looksLikeDeadLetter, looksLikeJob } from "./record-checks.js";
import { emptyState, rememberIngested, type StoreState } from "./state.js";
import { MAX_SHARDS, type SyncRow, shardCountFor, shardOf, toSyncRow } from "./sync-table.js";

/**
 * The compacted form of the state. `seq` is the last journal sequence folded in; replay applies only journal
 * lines after it, which is what makes every crash point of a compaction safe.
 *
 * Format 3 is one file, still replaced by one atomic rename, laid out so a reader parses only what it needs:
 *   line 1: header {format, seq, coreBytes, jobShardBytes[], shardBytes[]}
 *   then the core document (dead letters, pins, breaker, stats, held scenes, …) — `coreBytes` long,
 *   then one JSON array of jobs per job shard (job-table.ts) — `jobShardBytes[i]` long each,
 *   then one JSON array of compact sync rows per shard (sync-table.ts) — `shardBytes[i]` long each.
 * Format 2 (the same without job shards: the jobs in the core) and format 1 (one JSON document holding
 * everything) are still read, and replaced at the next compaction.
 */
export const SNAPSHOT_FORMAT = 3;
export const LEGACY_SNAPSHOT_FORMAT = 1;

export const snapshotHeaderSchema = z.object({
  format: z.union([z.literal(2), z.literal(SNAPSHOT_FORMAT)]),
  seq: z.number().int().min(0),
  coreBytes: z.number().int().min(0),
  /** Format 3 only. */
  jobShardBytes: z.array(z.number().int().min(0)).min(1).max(MAX_JOB_SHARDS).optional(),
  shardBytes: z.array(z.number().int().min(0)).min(1).max(MAX_SHARDS),
});
export type SnapshotHeader = z.infer<typeof snapshotHeaderSchema>;

/*
 * The large arrays are checked with one predicate each, not element by element through zod: a UI operation
 * loads this core in a fresh process, and zod's per-element walk over 10k jobs and 100k held ids cost ~10 ms
 * there. The items themselves are checked by loadItems below.
 */
const anyArray = z.custom<unknown[]>((v) => Array.isArray(v), "expected an array");
const stringArray = z.custom<string[]>(
  (v) => Array.isArray(v) && v.every((s) => typeof s === "string"),
  "expected an array of strings",
);
const coreFields = {
  /** Formats 1 and 2; format 3 keeps the jobs in job shards. */
  jobs: anyArray.optional(),
  deadLetters: anyArray,
  pins: z.record(z.string(), z.string()),
  breaker: z.unknown(),
  outages: anyArray,
  stats: z.record(z.string(), z.number()),
  reconcileReports: anyArray,
  ingested: stringArray,
  paused: z.unknown(),
  /** Absent in snapshots written before bulk syncs were held back (none held). */
  held: z
    .array(
      z.union([
        z.object({ ids: z.string().min(1), reasons: stringArray }),
        z.object({ sceneIds: stringArray, reasons: stringArray }),
      ]),
    )
    .optional(),
};
const coreShape = z.object(coreFields);
const legacyShape = z.object({
  ...coreFields,
  format: z.literal(LEGACY_SNAPSHOT_FORMAT),
  seq: z.number().int().min(0),
  sync: z.record(z.string(), z.unknown()),
});

export interface SnapshotCore {
  deadLetters: DeadLetter[];
  pins: Record<string, string>;
  breaker: unknown;
  outages: unknown[];
  stats: Record<string, number>;
  reconcileReports: unknown[];
  ingested: string[];
  paused: unknown;
  held: HeldGroup[];
}

/** Everything but the jobs and the sync states. */
export function toSnapshotCore(state: StoreState): SnapshotCore {
  return {
    deadLetters: [...state.deadLetters.values()],
    pins: Object.fromEntries(state.pins),
    breaker: state.breaker,
    outages: state.outages,
    stats: Object.fromEntries(state.stats),
    reconcileReports: state.reconcileReports,
    ingested: state.ingestedOrder,
    paused: state.paused,
    held: heldGroups(state.held.map()),
  };
}

/** The whole snapshot file. Loads every job and sync shard of `state` (a writer has them in memory anyway). */
export function encodeSnapshot(state: StoreState, seq: number): Buffer {
  const jobs = state.jobs.all();
  const jobShardCount = jobShardCountFor(jobs.size);
  const jobShards: Job[][] = Array.from({ length: jobShardCount }, () => []);
  for (const job of jobs.values()) jobShards[jobShardOf(job, jobShardCount)]?.push(job);
  const sync = state.sync.all();
  const shardCount = shardCountFor(sync.size);
  const shards: SyncRow[][] = Array.from({ length: shardCount }, () => []);
  for (const [sceneId, s] of sync) shards[shardOf(sceneId, shardCount)]?.push(toSyncRow(sceneId, s));
  return assembleSnapshot(seq, toSnapshotCore(state), jobShards, shards);
}

/** Header + core + shards as laid out above (shard i must hold the jobs or rows whose key hashes to i). */
export function assembleSnapshot(
  seq: number,
  core: unknown,
  jobShards: readonly unknown[][],
  shards: readonly unknown[][],
): Buffer {
  const coreBytes = Buffer.from(`${JSON.stringify(core)}\n`, "utf8");
  const encode = (items: unknown[]) => Buffer.from(`${JSON.stringify(items)}\n`, "utf8");
  const jobBuffers = jobShards.map(encode);
  const shardBuffers = shards.map(encode);
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    seq,
    coreBytes: coreBytes.length,
    jobShardBytes: jobBuffers.map((b) => b.length),
    shardBytes: shardBuffers.map((b) => b.length),
  };
  const headerBytes = Buffer.from(`${JSON.stringify(header)}\n`, "utf8");
  return Buffer.concat([headerBytes, coreBytes, ...jobBuffers, ...shardBuffers]);
}

/** Cheap structural check for the one large collection; zod per item would dominate a 100k-scene load. */
function looksLikeSyncState(value: unknown): value is SceneSyncState {
  if (typeof value !== "object" || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    Array.isArray(s.ratingKeys) &&
    typeof s.lastSyncedAt === "number" &&
    (s.desiredHash === null || typeof s.desiredHash === "string") &&
    typeof s.imageHashes === "object" &&
    s.imageHashes !== null &&
    Array.isArray(s.lastChanges)
  );
}

function loadItems<T>(
  items: unknown[],
  schema: z.ZodType<T>,
  what: string,
  logger: Logger,
  into: (item: T) => void,
  looksRight: (item: unknown) => item is T = (_item): _item is T => false,
) {
  let skipped = 0;
  for (const item of items) {
    if (looksRight(item)) {
      into(item);
      continue;
    }
    const parsed = schema.safeParse(item);
    if (parsed.success) into(parsed.data);
    else skipped++;
  }
  if (skipped > 0) logger.warn(`Snapshot: skipped ${skipped} unreadable ${what}`);
}

/** Checked jobs of a parsed array (a job shard, or a format-2 core's jobs); unreadable ones are skipped. */
export function readJobs(items: unknown[], logger: Logger): Job[] {
  const jobs: Job[] = [];
  loadItems(items, jobSchema, "jobs", logger, (job) => jobs.push(job), looksLikeJob);
  return jobs;
}

/** Builds the state (with empty lazy tables) from a parsed core document; unreadable items are skipped. */
export function fromSnapshotCore(raw: unknown, logger: Logger): StoreState {
  const shape = coreShape.safeParse(raw);
  if (!shape.success)
    throw new Error(`snapshot has an unknown shape: ${shape.error.issues[0]?.message ?? "?"}`);
  const doc = shape.data;
  const state = emptyState();
  for (const job of readJobs(doc.jobs ?? [], logger)) state.jobs.put(job);
  const putDeadLetter = (dl: DeadLetter) => state.deadLetters.set(dl.id, dl);
  loadItems(doc.deadLetters, deadLetterSchema, "dead letters", logger, putDeadLetter, looksLikeDeadLetter);
  state.pins = new Map(Object.entries(doc.pins));
  state.breaker = doc.breaker;
  loadItems(doc.outages, outageSchema, "outage records", logger, (o) => state.outages.push(o));
  state.stats = new Map(Object.entries(doc.stats).filter(([, n]) => Number.isFinite(n) && n >= 0));
  state.reconcileReports = doc.reconcileReports;
  rememberIngested(state, doc.ingested);
  const paused = pausedSchema.nullable().safeParse(doc.paused);
  state.paused = paused.success ? paused.data : null;
  state.held = new HeldList(
    (doc.held ?? []).map((g) => ({ ids: "ids" in g ? g.ids : g.sceneIds, reasons: g.reasons })),
  );
  return state;
}

/** A format-1 document (everything in one JSON object), as written before sharding. */
export function fromLegacySnapshot(raw: unknown, logger: Logger): { state: StoreState; seq: number } {
  const shape = legacyShape.safeParse(raw);
  if (!shape.success)
    throw new Error(`snapshot has an unknown shape: ${shape.error.issues[0]?.message ?? "?"}`);
  const state = fromSnapshotCore(shape.data, logger);
  let skipped = 0;
  for (const [sceneId, value] of Object.entries(shape.data.sync)) {
    if (looksLikeSyncState(value)) state.sync.set(sceneId, value);
    else {
      const parsed = sceneSyncStateSchema.safeParse(value);
      if (parsed.success) state.sync.set(sceneId, parsed.data);
      else skipped++;
    }
  }
  if (skipped > 0) logger.warn(`Snapshot: skipped ${skipped} unreadable scene sync records`);
  return { state, seq: shape.data.seq };
}
