import { fileURLToPath } from "node:url";
import { runPlugin } from "./app/run.js";
import { type Clock, systemClock } from "./core/clock.js";

/** TEST-ONLY: `STASH2PLEX_TEST_CLOCK_OFFSET_MS` shifts this process's clock (fault campaign: clock jumps). */
const clockOffset = Number(process.env.STASH2PLEX_TEST_CLOCK_OFFSET_MS ?? "0");
const clock: Clock =
  Number.isFinite(clockOffset) && clockOffset !== 0 ? { now: () => Date.now() + clockOffset } : systemClock;

const exitCode = await runPlugin({
  stdin: process.stdin,
  stdout: process.stdout,
  writeStderr: (text) => process.stderr.write(text),
  env: process.env,
  clock,
  scriptPath: fileURLToPath(import.meta.url),
});
process.exitCode = exitCode;
// Everything the invocation started has been awaited and its result flushed. Leave now rather than when the last
// idle timer or socket lets go: Stash waits for the exit, and a finished drainer must not linger beside the next
// one. (Pipe and file writes to stderr are synchronous on Linux and macOS; Windows pipes are not, so there the
// process ends by itself.)
if (process.platform !== "win32") process.exit(exitCode);
