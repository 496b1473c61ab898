import { runPlugin } from "./app/run.js";
import { type Clock, systemClock } from "./core/clock.js";

/**
 * The bundle's entry (dist/stash2plex-core.cjs), loaded by the launcher (plugin/launcher.ts, dist/stash2plex.mjs).
 * `scriptPath` is the launcher's absolute path: the background drainer is spawned through it too.
 * Resolves with the exit code once the result is written; the launcher exits the process.
 */
export function main(scriptPath: string): Promise<number> {
  return runPlugin({
    stdin: process.stdin,
    stdout: process.stdout,
    writeStderr: (text) => process.stderr.write(text),
    env: process.env,
    clock: testClock(process.env),
    scriptPath,
  });
}

/** TEST-ONLY: `STASH2PLEX_TEST_CLOCK_OFFSET_MS` shifts this process's clock (fault campaign: clock jumps). */
function testClock(env: NodeJS.ProcessEnv): Clock {
  const clockOffset = Number(env.STASH2PLEX_TEST_CLOCK_OFFSET_MS ?? "0");
  return Number.isFinite(clockOffset) && clockOffset !== 0
    ? { now: () => Date.now() + clockOffset }
    : systemClock;
}
