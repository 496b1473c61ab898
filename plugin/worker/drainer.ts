import type { Clock } from "../core/clock.js";
import type { Logger } from "../log/logger.js";
import type { Settlement } from "../queue/failure-table.js";
import type { Job } from "../queue/job.js";
import type { Store } from "../store/index.js";

/**
 * The drain loop. States (one at a time):
 * - paused: the token was rejected; the loop probes with an authenticated call and exits if it still fails
 *   (a settings change or "Test connection" sends `resume`, and the next invocation starts a drainer).
 * - broken: the breaker is open; sleep until its next probe time, probe, continue.
 * - working: top the queue up from a bulk sync's held scenes when it runs low, claim due jobs (attempt
 *   counted at claim), run them as one batch, settle each.
 * - idle: nothing due; sleep until the next due job (at most `pollMs`, to see jobs other processes added). Exits after
 *   `idleExitMs` with an empty queue, giving the role up in the same transaction as that last look (store.ts
 *   `releaseDrainerRoleIfIdle`). It never spins: every turn without work sleeps.
 */
export interface Gate {
  /** May jobs run now? When not, the earliest time to look again. */
  check(now: number): { open: true } | { open: false; until: number };
  /** Called when `until` has passed: probe Plex; resolves when the gate may have changed. */
  probe(): Promise<void>;
}

export interface DrainerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  workerId: string;
  sleep: (ms: number) => Promise<void>;
  runBatch: (jobs: Job[]) => Promise<Array<{ job: Job; settlement: Settlement }>>;
  gate: Gate;
  /** Checks the token while the queue is paused; true when it works again. */
  authOk: () => Promise<boolean>;
  batchSize: number;
  /** Window of held bulk-sync scenes made jobs at a time (default HELD_WINDOW). */
  heldWindow?: number;
  pollMs: number;
  idleExitMs: number;
  /** Foreground drains stop when nothing is due within this horizon (later retries go to the background). */
  foregroundHorizonMs?: number;
  shouldStop?: () => boolean;
  onSettled?: (done: number) => void;
}

/** Well inside JOB_LEASE_MS (2 min). */
const LEASE_RENEW_MS = 30_000;

export interface DrainSummary {
  processed: number;
  exitReason: "idle" | "paused" | "nothing-due" | "plex-down" | "stopped" | "store-failed";
}

export async function drain(deps: DrainerDeps): Promise<DrainSummary> {
  const log = deps.logger.child("Worker");
  let processed = 0;
  let lastActivity = deps.clock.now();
  for (;;) {
    if (deps.store.failure) return { processed, exitReason: "store-failed" };
    if (deps.shouldStop?.()) return { processed, exitReason: "stopped" };
    const now = deps.clock.now();
    if (deps.store.paused()) {
      if (await deps.authOk()) {
        deps.store.setPaused(null);
        log.info("Plex accepts the token again: queue resumed");
        continue;
      }
      log.warn("Queue paused: Plex rejected the token. Fix it in the plugin settings; jobs are kept.");
      return { processed, exitReason: "paused" };
    }
    const gate = deps.gate.check(now);
    if (!gate.open) {
      // A foreground drain (a Stash task) does not sit out an outage: one probe, then the background worker
      // waits for Plex.
      if (deps.foregroundHorizonMs !== undefined) {
        await deps.gate.probe();
        if (!deps.gate.check(deps.clock.now()).open) return { processed, exitReason: "plex-down" };
        continue;
      }
      await deps.sleep(Math.max(0, Math.min(gate.until - now, deps.pollMs)));
      if (deps.clock.now() >= gate.until) await deps.gate.probe();
      continue;
    }
    deps.store.releaseHeld(now, deps.heldWindow);
    const jobs = deps.store.claimDue(now, deps.batchSize, deps.workerId);
    if (jobs.length > 0) {
      const results = await withLeaseRenewal(deps, jobs, () => deps.runBatch(jobs));
      deps.store.batch(() => {
        for (const { job, settlement } of results) deps.store.settle(job.id, settlement, deps.workerId);
      });
      processed += results.length;
      deps.onSettled?.(processed);
      lastActivity = deps.clock.now();
      continue;
    }
    const next = deps.store.nextDueAt(now);
    if (next === null && now - lastActivity >= deps.idleExitMs && deps.store.releaseDrainerRoleIfIdle(now))
      return { processed, exitReason: "idle" };
    if (deps.foregroundHorizonMs !== undefined && next !== null && next - now > deps.foregroundHorizonMs) {
      return { processed, exitReason: "nothing-due" };
    }
    const wait = next === null ? deps.pollMs : Math.min(Math.max(0, next - now), deps.pollMs);
    await deps.sleep(Math.max(10, wait));
  }
}

/** Keeps the claimed jobs' leases fresh while a long batch runs (slow Plex), so no one else takes them. */
async function withLeaseRenewal<T>(deps: DrainerDeps, jobs: Job[], run: () => Promise<T>): Promise<T> {
  const ids = jobs.map((job) => job.id);
  const timer = setInterval(() => deps.store.renewLease(ids, deps.workerId), LEASE_RENEW_MS);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}
