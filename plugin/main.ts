import { runPlugin } from "./app/run.js";
import { clockOf, parseTestKnobs } from "./config/test-knobs.js";

/**
 * The bundle's entry (dist/stash2plex-core.cjs), loaded by the launcher (plugin/launcher.ts, dist/stash2plex.mjs).
 * `scriptPath` is the launcher's absolute path: the background drainer is spawned through it too.
 * Resolves with the exit code once the result is written; the launcher exits the process.
 * The test knobs (config/test-knobs.ts) are read here, once, and passed down.
 */
export function main(scriptPath: string): Promise<number> {
  const knobs = parseTestKnobs(process.env);
  return runPlugin({
    stdin: process.stdin,
    stdout: process.stdout,
    writeStderr: (text) => process.stderr.write(text),
    env: process.env,
    clock: clockOf(knobs),
    knobs,
    scriptPath,
  });
}
