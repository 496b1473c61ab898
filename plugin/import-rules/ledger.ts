/**
 * What the import remembers between runs, behind a narrow interface so it can live in any store: the
 * high-water mark (Plex's viewedAt of the newest play settled), the keys of plays settled inside the
 * look-back window, intents recorded but not yet confirmed, a lease against overlapping runs, and the last
 * report. Every method is one atomic step; the decisions are in plays.ts and `leaseFree` below.
 */
import type { PlayIntent } from "./plays.js";
import type { ImportReport } from "./report.js";

export interface ImportLease {
  owner: string;
  /** Epoch ms, our clock. */
  expiresAt: number;
}

/** Owner ids are `<pid>-<random>`: a lease whose process died (SIGKILL) is free at once, not at expiry. */
export function pidOfOwner(owner: string): number | null {
  const pid = Number(owner.split("-")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export interface ImportLedger {
  /** Takes the lease when free, expired or already ours; false when another live run holds it. */
  acquireLease(owner: string, now: number, ttlMs: number): boolean;
  releaseLease(owner: string): void;
  highWater(): number | null;
  /** True for a key recorded as an intent or settled. */
  isSeen(key: string): boolean;
  pending(): PlayIntent[];
  /** Durable before the plays are sent. */
  recordIntents(intents: readonly PlayIntent[]): void;
  /** The intents are in Stash (or can never be: scene gone); `highWater` moves to at least `upTo`. */
  settle(keys: readonly string[], upTo: number | null): void;
  /** Forgets settled keys with viewedAt before `before` (pending intents are kept). */
  prune(before: number): void;
  lastReport(): ImportReport | null;
  saveReport(report: ImportReport): void;
}

/** Pure: may `owner` take a lease that is currently `held` (`holderAlive`: its process still runs)? */
export function leaseFree(held: ImportLease | null, owner: string, now: number, holderAlive = true): boolean {
  return held === null || held.owner === owner || held.expiresAt <= now || !holderAlive;
}

/** The ledger's whole state as plain data, for the in-memory ledger (the store keeps it in import_state / import_plays). */
export interface LedgerData {
  highWater: number | null;
  /** key → [viewedAt, 0 settled | 1 pending, sceneId]. */
  plays: Record<string, [number, 0 | 1, string]>;
  lease: ImportLease | null;
  report: ImportReport | null;
}

export function emptyLedgerData(): LedgerData {
  return { highWater: null, plays: {}, lease: null, report: null };
}

/** An ImportLedger over LedgerData; `persist` is called after every change (no-op in memory). */
export function ledgerOver(data: LedgerData, persist: (data: LedgerData) => void = () => {}): ImportLedger {
  return {
    acquireLease(owner, now, ttlMs) {
      if (!leaseFree(data.lease, owner, now)) return false;
      data.lease = { owner, expiresAt: now + ttlMs };
      persist(data);
      return true;
    },
    releaseLease(owner) {
      if (data.lease?.owner !== owner) return;
      data.lease = null;
      persist(data);
    },
    highWater: () => data.highWater,
    isSeen: (key) => key in data.plays,
    pending: () =>
      Object.entries(data.plays).flatMap(([key, [viewedAt, state, sceneId]]) =>
        state === 1 ? [{ key, sceneId, viewedAt }] : [],
      ),
    recordIntents(intents) {
      for (const i of intents) data.plays[i.key] = [i.viewedAt, 1, i.sceneId];
      persist(data);
    },
    settle(keys, upTo) {
      for (const key of keys) {
        const entry = data.plays[key];
        if (entry) entry[1] = 0;
      }
      if (upTo !== null && (data.highWater === null || upTo > data.highWater)) data.highWater = upTo;
      persist(data);
    },
    prune(before) {
      for (const [key, [viewedAt, state]] of Object.entries(data.plays)) {
        if (state === 0 && viewedAt < before) delete data.plays[key];
      }
      persist(data);
    },
    lastReport: () => data.report,
    saveReport(report) {
      data.report = report;
      persist(data);
    },
  };
}

/** For unit tests and for runs that must not remember anything. */
export function createMemoryLedger(initial: LedgerData = emptyLedgerData()): ImportLedger {
  return ledgerOver(initial);
}
