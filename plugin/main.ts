import { processIO } from "./app/process-io.js";
import { dispatch } from "./app/registry.js";
import { runPlugin } from "./app/run.js";

/**
 * The core bundle's entry (dist/stash2plex-core.cjs), loaded by the launcher (plugin/launcher.ts,
 * dist/stash2plex.mjs) for everything but hooks: tasks, UI operations and the drainer. Resolves with the exit code
 * once the result is written; the launcher exits the process.
 */
export function main(scriptPath: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  return runPlugin(processIO(scriptPath, stdin), dispatch);
}
