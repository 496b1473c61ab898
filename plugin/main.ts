import { runPlugin } from "./app/run.js";
import { clockOf, parseTestKnobs } from "./config/test-knobs.js";

/**
 * The bundle's entry (dist/stash2plex-core.cjs), loaded by the launcher (plugin/launcher.ts, dist/stash2plex.mjs).
 * `scriptPath` is the launcher's absolute path: the background drainer is spawned through it too. `stdin` is what
 * the launcher read ahead (it answers scan updates itself) followed by the rest of the process's stdin.
 * Resolves with the exit code once the result is written; the launcher exits the process.
 * The test knobs (config/test-knobs.ts) are read here, once, and passed down.
 */
export function main(scriptPath: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const knobs = parseTestKnobs(process.env);
  return runPlugin({
    stdin,
    stdout: process.stdout,
    writeStderr: (text) => process.stderr.write(text),
    env: process.env,
    clock: clockOf(knobs),
    knobs,
    scriptPath,
  });
}
