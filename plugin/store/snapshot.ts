import { z } from "zod";
import type { Logger } from "../log/logger.js";
import { type Job, jobSchema } from "../queue/job.js";
import { type DeadLetter, deadLetterSchema } from "../queue/transitions.js";
import { outageSchema, pausedSchema, type SceneSyncState, sceneSyncStateSchema } from "./facts.js";
import { emptyState, rememberIngested, type StoreState } from "./state.js";

/**
 * The compacted form of the state: one JSON document, so loading 100k scenes is one parse. `seq` is the last
 * journal sequence folded in; replay applies only journal lines after it, which is what makes every crash
 * point of a compaction safe.
 */
export const SNAPSHOT_FORMAT = 1;

const snapshotShape = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  seq: z.number().int().min(0),
  jobs: z.array(z.unknown()),
  deadLetters: z.array(z.unknown()),
  sync: z.record(z.string(), z.unknown()),
  pins: z.record(z.string(), z.string()),
  breaker: z.unknown(),
  outages: z.array(z.unknown()),
  stats: z.record(z.string(), z.number()),
  reconcileReports: z.array(z.unknown()),
  ingested: z.array(z.string()),
  paused: z.unknown(),
});

export interface SnapshotDocument {
  format: typeof SNAPSHOT_FORMAT;
  seq: number;
  jobs: Job[];
  deadLetters: DeadLetter[];
  sync: Record<string, SceneSyncState>;
  pins: Record<string, string>;
  breaker: unknown;
  outages: unknown[];
  stats: Record<string, number>;
  reconcileReports: unknown[];
  ingested: string[];
  paused: unknown;
}

export function toSnapshot(state: StoreState, seq: number): SnapshotDocument {
  return {
    format: SNAPSHOT_FORMAT,
    seq,
    jobs: [...state.jobs.values()],
    deadLetters: [...state.deadLetters.values()],
    sync: Object.fromEntries(state.sync),
    pins: Object.fromEntries(state.pins),
    breaker: state.breaker,
    outages: state.outages,
    stats: Object.fromEntries(state.stats),
    reconcileReports: state.reconcileReports,
    ingested: state.ingestedOrder,
    paused: state.paused,
  };
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
) {
  let skipped = 0;
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) into(parsed.data);
    else skipped++;
  }
  if (skipped > 0) logger.warn(`Snapshot: skipped ${skipped} unreadable ${what}`);
}

/** Builds state from a parsed snapshot document; unreadable parts are skipped with a warning. */
export function fromSnapshot(raw: unknown, logger: Logger): { state: StoreState; seq: number } {
  const shape = snapshotShape.safeParse(raw);
  if (!shape.success)
    throw new Error(`snapshot has an unknown shape: ${shape.error.issues[0]?.message ?? "?"}`);
  const doc = shape.data;
  const state = emptyState();
  loadItems(doc.jobs, jobSchema, "jobs", logger, (job) => {
    state.jobs.set(job.id, job);
    if (job.key !== null)
      state.jobsByKey.set(job.key, (state.jobsByKey.get(job.key) ?? new Set()).add(job.id));
  });
  loadItems(doc.deadLetters, deadLetterSchema, "dead letters", logger, (dl) =>
    state.deadLetters.set(dl.id, dl),
  );
  const sync = loadSync(doc.sync, logger);
  state.sync = sync;
  state.pins = new Map(Object.entries(doc.pins));
  state.breaker = doc.breaker;
  loadItems(doc.outages, outageSchema, "outage records", logger, (o) => state.outages.push(o));
  state.stats = new Map(Object.entries(doc.stats).filter(([, n]) => Number.isFinite(n) && n >= 0));
  state.reconcileReports = doc.reconcileReports;
  rememberIngested(state, doc.ingested);
  const paused = pausedSchema.nullable().safeParse(doc.paused);
  state.paused = paused.success ? paused.data : null;
  return { state, seq: doc.seq };
}

function loadSync(raw: Record<string, unknown>, logger: Logger): Map<string, SceneSyncState> {
  const sync = new Map<string, SceneSyncState>();
  let skipped = 0;
  for (const [sceneId, value] of Object.entries(raw)) {
    if (looksLikeSyncState(value)) sync.set(sceneId, value);
    else {
      const parsed = sceneSyncStateSchema.safeParse(value);
      if (parsed.success) sync.set(sceneId, parsed.data);
      else skipped++;
    }
  }
  if (skipped > 0) logger.warn(`Snapshot: skipped ${skipped} unreadable scene sync records`);
  return sync;
}
