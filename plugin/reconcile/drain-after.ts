/**
 * The drain that ends a bulk sync or reconcile task: run what is due NOW, then hand the rest to the background
 * worker and end the Stash job.
 *
 *  - Nothing queued (an idle re-sync): done, without a request to Plex.
 *  - One unauthenticated `/identity` probe first: when Plex is down (refused, timeout, maintenance, 5xx) the
 *    jobs stay queued (they wait without spending attempts), a background worker is started for them, and the
 *    task ends saying so — instead of holding a Stash job open for the whole outage.
 *  - Then it drains in the foreground as writer, or follows the running drainer, until nothing is due now.
 *    Jobs scheduled for later (a scene Plex has not scanned yet retries after 30 s, then minutes) are left to
 *    the background worker: tasks/drain-task.ts's Process Queue keeps waiting for retries up to two minutes
 *    away, which would hold a reconcile task for many minutes per missing scene.
 */

import { isPlexError } from "../plex/index.js";
import type { Runtime } from "../runtime/runtime.js";
import { startDrainer } from "../runtime/start-drainer.js";
import { openReader, tryOpenWriter } from "../runtime/store-access.js";
import type { Store } from "../store/index.js";
import { runWorkerSession } from "../worker/session.js";

const PROBE_TIMEOUT_MS = 5_000;
const FOLLOW_POLL_MS = 500;
const DOWN_KINDS = new Set(["server_down", "maintenance", "timeout", "server_error", "rate_limited"]);

export interface DrainAfter {
  processed: number;
  plexDown: boolean;
  /** Jobs left to the background worker (due later). */
  left: number;
}

function outstanding(store: Store, now: number): number {
  const c = store.countsByState(now);
  return c.pending + c.waiting + c.retrying + c.running;
}

/** Nothing to run right now: no live claim, and the next due job is in the future. */
function nothingDueNow(store: Store, now: number): boolean {
  if (store.countsByState(now).running > 0) return false;
  const next = store.nextDueAt(now);
  return next === null || next > now;
}

async function startBackground(rt: Runtime): Promise<void> {
  await startDrainer(rt);
}

async function plexDownReason(rt: Runtime): Promise<string | null> {
  const plex = await rt.plex();
  try {
    await plex.identity({ signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return null;
  } catch (error) {
    const down =
      (isPlexError(error) && DOWN_KINDS.has(error.kind)) || (error as Error).name === "TimeoutError";
    if (!down) throw error;
    return (error as Error).message;
  }
}

async function drainDueNow(rt: Runtime, total: number): Promise<number> {
  const processed = 0;
  for (;;) {
    const writer = await tryOpenWriter(rt);
    if (writer) {
      let turns = 0;
      try {
        const summary = await runWorkerSession(rt, writer, {
          foreground: true,
          onProgress: (n) => rt.logger.progress((processed + n) / total),
          // The first turn releases held scenes; after that, stop as soon as nothing is due now.
          shouldStop: () => turns++ > 0 && nothingDueNow(writer, rt.clock.now()),
        });
        return processed + summary.processed;
      } finally {
        await writer.close();
      }
    }
    const reader = await openReader(rt);
    try {
      for (;;) {
        const now = rt.clock.now();
        rt.logger.progress(1 - outstanding(reader, now) / total);
        if (nothingDueNow(reader, now)) return processed;
        if (!reader.drainerAlive()) break; // the drainer is gone: take over
        await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
      }
    } finally {
      await reader.close();
    }
  }
}

export async function drainAfterTask(rt: Runtime, report: (line: string) => void): Promise<DrainAfter> {
  const reader = await openReader(rt);
  const total = outstanding(reader, rt.clock.now());
  await reader.close();
  // Nothing queued (an idle re-sync): nothing to drain, so not even the probe goes to Plex.
  if (total === 0) return { processed: 0, plexDown: false, left: 0 };
  const down = await plexDownReason(rt);
  if (down !== null) {
    report(
      `Plex is unreachable (${down}): queued scenes stay queued; the background worker syncs them when Plex is back`,
    );
    await startBackground(rt);
    return { processed: 0, plexDown: true, left: total };
  }
  const processed = await drainDueNow(rt, total);
  const after = await openReader(rt);
  const left = outstanding(after, rt.clock.now());
  await after.close();
  if (left > 0) {
    report(
      `${left} job(s) are due later (e.g. files Plex has not scanned yet); the background worker continues with them`,
    );
    await startBackground(rt);
  }
  return { processed, plexDown: false, left };
}
