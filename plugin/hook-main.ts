import { processIO } from "./app/process-io.js";
import { runPlugin } from "./app/run.js";
import { runHook } from "./hooks/entry.js";

/**
 * The hook bundle's entry (dist/stash2plex-hook.cjs): the launcher loads it instead of the core for an input
 * with `args.hookContext`, so a hook — run while the user's save waits — compiles and evaluates only the hook
 * path (input schema, settings cache, the store's insert, the drainer spawn), not the tasks, operations, clients
 * and worker. Same invocation code as the core (plugin/app/run.ts), so answers and errors are the core's.
 */
export function main(scriptPath: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  return runPlugin(processIO(scriptPath, stdin), runHook);
}
