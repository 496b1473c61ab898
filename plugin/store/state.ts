import type { DeadLetter } from "../queue/transitions.js";
import type { Fact, Outage, Paused } from "./facts.js";
import { HeldList } from "./held-list.js";
import { JobTable } from "./job-table.js";
import { SyncTable } from "./sync-table.js";

/**
 * The in-memory fold of the journal's facts. `applyFact` is deterministic and does no I/O (time arrives inside
 * the facts), so replaying the same facts always yields the same state. It updates the state in place: a
 * copy per fact would make replaying a journal over 100k scenes quadratic.
 *
 * Completed jobs are not kept (a finished job's fact is `job-removed`); per-scene sync state is.
 */
export const MAX_OUTAGES = 100;
export const MAX_RECONCILE_REPORTS = 20;
export const MAX_INGESTED_IDS = 20_000;
/** Counters are additive; anything past this is corruption, not traffic (the original once reached 10^32). */
export const MAX_COUNTER = 1e12;

export interface StoreState {
  /** Queued jobs; in a reader, backed lazily by the snapshot's job shards. */
  jobs: JobTable;
  deadLetters: Map<string, DeadLetter>;
  /** Per-scene sync state; in a reader, backed lazily by the snapshot's shards. */
  sync: SyncTable;
  /** sceneId → the ratingKey the user chose for an ambiguous match. */
  pins: Map<string, string>;
  /** The breaker's own serialised form; the breaker module parses it (and falls back to closed). */
  breaker: unknown;
  outages: Outage[];
  stats: Map<string, number>;
  reconcileReports: unknown[];
  /** Inbox ids already ingested, oldest first; bounded (a file is deleted right after it is ingested). */
  ingestedOrder: string[];
  ingested: Set<string>;
  paused: Paused | null;
  /**
   * Scenes a bulk sync has decided to queue but not yet made jobs: sceneId → reasons, in the order they were
   * held. The drainer turns them into jobs a window at a time, so the queue (and every scan, claim and
   * compaction over it) stays the size of the window instead of the library.
   */
  held: HeldList;
}

export function emptyState(): StoreState {
  return {
    jobs: new JobTable(),
    deadLetters: new Map(),
    sync: new SyncTable(),
    pins: new Map(),
    breaker: null,
    outages: [],
    stats: new Map(),
    reconcileReports: [],
    ingestedOrder: [],
    ingested: new Set(),
    paused: null,
    held: new HeldList(),
  };
}

function startOutage(state: StoreState, at: number): void {
  const last = state.outages.at(-1);
  if (last && last.endedAt === null) return; // one record per outage, however often the breaker re-opens
  state.outages.push({ startedAt: at, endedAt: null });
  if (state.outages.length > MAX_OUTAGES) state.outages.splice(0, state.outages.length - MAX_OUTAGES);
}

function endOutage(state: StoreState, at: number): void {
  const last = state.outages.at(-1);
  if (last && last.endedAt === null) state.outages[state.outages.length - 1] = { ...last, endedAt: at };
}

function addStats(state: StoreState, delta: Record<string, number>): void {
  for (const [name, amount] of Object.entries(delta)) {
    if (!Number.isFinite(amount)) continue;
    const next = (state.stats.get(name) ?? 0) + amount;
    if (next <= 0) state.stats.delete(name);
    else state.stats.set(name, next > MAX_COUNTER ? 0 : next);
  }
}

export function rememberIngested(state: StoreState, ids: readonly string[]): void {
  for (const id of ids) {
    if (state.ingested.has(id)) continue;
    state.ingested.add(id);
    state.ingestedOrder.push(id);
  }
  const excess = state.ingestedOrder.length - MAX_INGESTED_IDS;
  if (excess > 0) for (const id of state.ingestedOrder.splice(0, excess)) state.ingested.delete(id);
}

/** Folds one fact into the state. */
export function applyFact(state: StoreState, fact: Fact): void {
  switch (fact.type) {
    case "job-put":
      state.jobs.put(fact.job);
      return;
    case "job-removed":
      state.jobs.remove(fact.id);
      return;
    case "dead-letter-put":
      state.deadLetters.set(fact.deadLetter.id, fact.deadLetter);
      return;
    case "dead-letter-removed":
      state.deadLetters.delete(fact.id);
      return;
    case "sync-state-put":
      state.sync.set(fact.sceneId, fact.state);
      return;
    case "sync-state-removed":
      state.sync.delete(fact.sceneId);
      return;
    case "pin-set":
      if (fact.ratingKey === null) state.pins.delete(fact.sceneId);
      else state.pins.set(fact.sceneId, fact.ratingKey);
      return;
    case "breaker-set":
      state.breaker = fact.breaker;
      return;
    case "outage-started":
      startOutage(state, fact.at);
      return;
    case "outage-ended":
      endOutage(state, fact.at);
      return;
    case "stats-added":
      addStats(state, fact.delta);
      return;
    case "reconcile-reported":
      state.reconcileReports.push(fact.report);
      if (state.reconcileReports.length > MAX_RECONCILE_REPORTS) state.reconcileReports.shift();
      return;
    case "inbox-ingested":
      rememberIngested(state, fact.ids);
      return;
    case "paused-set":
      state.paused = fact.paused;
      return;
    case "scenes-held":
      state.held.hold(fact.sceneIds, fact.reasons);
      return;
    case "held-released":
      state.held.release(fact.sceneIds);
      return;
  }
}
