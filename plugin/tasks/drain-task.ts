import { silentLogger } from "../log/silent-logger.js";
import { PlexCircuitBreaker } from "../resilience/index.js";
import type { Runtime } from "../runtime/runtime.js";
import { startDrainer } from "../runtime/start-drainer.js";
import { openReader, tryOpenWriter } from "../runtime/store-access.js";
import type { Store } from "../store/index.js";
import { readResilience } from "../worker/resilience-state.js";
import { runWorkerSession } from "../worker/session.js";
import { task } from "./task.js";

const FOLLOW_POLL_MS = 1_000;

/** Jobs due within this horizon are waited for; later retries are left to the background worker. */
const FOLLOW_HORIZON_MS = 120_000;

function outstanding(store: Store, now: number): number {
  const c = store.countsByState(now);
  return c.pending + c.waiting + c.retrying + c.running;
}

/** The running drainer's breaker, as it last persisted it. */
function breakerOpen(store: Store, now: number): boolean {
  const breaker = PlexCircuitBreaker.fromJSON(readResilience(store).breaker, {
    random: Math.random,
    logger: silentLogger,
  });
  return breaker.stateAt(now) === "open";
}

/** Is there work the follower should wait for: running jobs, or jobs due soon? */
function workDueSoon(store: Store, now: number): boolean {
  if (store.countsByState(now).running > 0) return true;
  const next = store.nextDueAt(now);
  return next !== null && next - now <= FOLLOW_HORIZON_MS;
}

/**
 * Drains the queue in the foreground with progress. When a background drainer already runs, it follows that
 * one (progress from the store) instead of competing, and takes over if it dies. Jobs whose retry is more
 * than two minutes away are left to a background drainer, which is started for them.
 */
export async function drainInForeground(rt: Runtime, report: (line: string) => void): Promise<number> {
  const reader = await openReader(rt);
  const total = Math.max(1, outstanding(reader, rt.clock.now()));
  let processed = 0;
  try {
    for (;;) {
      const writer = await tryOpenWriter(rt);
      if (writer) {
        try {
          const summary = await runWorkerSession(rt, writer, {
            foreground: true,
            onProgress: (n) => rt.logger.progress((processed + n) / total),
          });
          processed += summary.processed;
          if (summary.exitReason === "paused") report("Queue paused: Plex rejected the token");
          if (summary.exitReason === "plex-down") report("Plex is down: the background worker waits for it");
        } finally {
          await writer.close();
        }
        break;
      }
      const now = rt.clock.now();
      rt.logger.progress(Math.max(0, 1 - outstanding(reader, now) / total));
      if (!workDueSoon(reader, now)) break;
      if (breakerOpen(reader, now)) {
        report("Plex is down: the background worker waits for it");
        break;
      }
      if (!reader.drainerAlive()) continue;
      await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
    }
    const left = outstanding(reader, rt.clock.now());
    if (left > 0) {
      await startDrainer(rt);
      report(`${left} job(s) wait for a later retry; the background worker continues with them`);
    }
    return processed;
  } finally {
    await reader.close();
  }
}

export const processQueueTask = task("Process Queue", async ({ rt, report }) => {
  const processed = await drainInForeground(rt, report);
  report(`Process Queue: ${processed} job(s) run in this task`);
  return { processed };
});
