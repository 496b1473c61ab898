import { clockOf, parseTestKnobs } from "../config/test-knobs.js";
import type { ProcessIO } from "../runtime/dispatch.js";

/**
 * The process as one invocation sees it. `scriptPath` is the launcher's absolute path (the background drainer is
 * spawned through it); `stdin` is what the launcher read ahead followed by the rest of the process's stdin.
 * The test knobs (config/test-knobs.ts) are read here, once, and passed down.
 */
export function processIO(scriptPath: string, stdin: NodeJS.ReadableStream): ProcessIO {
  const knobs = parseTestKnobs(process.env);
  return {
    stdin,
    stdout: process.stdout,
    writeStderr: (text) => process.stderr.write(text),
    env: process.env,
    clock: clockOf(knobs),
    knobs,
    scriptPath,
  };
}
