/**
 * The drain that ends a bulk sync or reconcile task. One unauthenticated `/identity` probe first: when Plex
 * is down (refused, timeout, maintenance, 5xx) the queued jobs are handed to the background worker — they wait
 * without spending attempts and run when Plex is back — and the task ends saying so, instead of holding a
 * Stash job open for as long as the outage lasts. Otherwise it drains in the foreground (or follows a
 * running drainer) via tasks/drain-task.ts.
 */
import { ensureDrainer } from "../app/drainer-spawn.js";
import type { Runtime } from "../app/runtime.js";
import { isPlexError } from "../plex/index.js";
import { isWriterAlive } from "../store/index.js";
import { drainInForeground } from "../tasks/drain-task.js";

const PROBE_TIMEOUT_MS = 5_000;
const DOWN_KINDS = new Set(["server_down", "maintenance", "timeout", "server_error", "rate_limited"]);

export interface DrainAfter {
  processed: number;
  plexDown: boolean;
}

export async function drainAfterTask(rt: Runtime, report: (line: string) => void): Promise<DrainAfter> {
  const plex = await rt.plex();
  try {
    await plex.identity({ signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch (error) {
    const down = (isPlexError(error) && DOWN_KINDS.has(error.kind)) || (error as Error).name === "TimeoutError";
    if (!down) throw error;
    report(
      `Plex is unreachable (${(error as Error).message}): the queued scenes stay queued and the background worker syncs them when Plex is back`,
    );
    await ensureDrainer({
      clock: rt.clock,
      dataDir: rt.dataDir,
      scriptPath: rt.scriptPath,
      input: rt.input,
      isDrainerAlive: () => isWriterAlive(rt.dataDir),
    });
    return { processed: 0, plexDown: true };
  }
  return { processed: await drainInForeground(rt, report), plexDown: false };
}
