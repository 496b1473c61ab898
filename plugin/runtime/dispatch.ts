import type { TestKnobs } from "../config/test-knobs.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../log/logger.js";
import type { PluginInput } from "../protocol/input.js";
import { UsageError } from "./errors.js";

/** What the process gives one invocation: its streams, environment, clock and test knobs. */
export interface ProcessIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  writeStderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Parsed once by plugin/main.ts; production values unless a test set them. */
  knobs: TestKnobs;
  /** Absolute path of the running bundle, used to spawn the background drainer. */
  scriptPath: string;
}

export interface InvocationDeps extends ProcessIO {
  logger: Logger & { setDebugVisible(visible: boolean): void };
}

export type Handler = (input: PluginInput, deps: InvocationDeps) => Promise<unknown>;

/**
 * Entry points are loaded on demand: the bundle inlines dynamic imports as lazily evaluated modules, so a hook
 * (the hot path, run while the user's save waits) never evaluates the task, operation and worker code.
 */
export interface Registries {
  hook: Handler;
  drainer: () => Promise<Handler>;
  tasks: () => Promise<Readonly<Record<string, Handler>>>;
  /** Operation name → loader of its handler (each operation evaluates only its own module). */
  operations: () => Promise<Readonly<Record<string, () => Promise<Handler>>>>;
}

/**
 * Routes one invocation: a hook (args.hookContext), a task (args.mode), a UI operation (args.op) or the hidden
 * drainer mode. Unknown names are usage errors that list what is known.
 */
export async function dispatchWith(
  registries: Registries,
  drainerMode: string,
  input: PluginInput,
  deps: InvocationDeps,
): Promise<unknown> {
  const args = input.args;
  if (args.hookContext) return registries.hook(input, deps);
  if (args.mode === drainerMode) return (await registries.drainer())(input, deps);
  if (args.mode !== undefined) {
    const tasks = await registries.tasks();
    const task = Object.hasOwn(tasks, args.mode) ? tasks[args.mode] : undefined;
    if (!task) {
      throw new UsageError(
        `Unknown task mode "${clip(args.mode)}". Known modes: ${Object.keys(tasks).join(", ")}. Reload plugins if you just upgraded.`,
      );
    }
    return task(input, deps);
  }
  if (args.op !== undefined) {
    const operations = await registries.operations();
    const load = Object.hasOwn(operations, args.op) ? operations[args.op] : undefined;
    if (!load) {
      throw new UsageError(
        `Unknown operation "${clip(args.op)}". Known operations: ${Object.keys(operations).join(", ")}. The UI and the plugin script may be from different versions: reload the page after updating.`,
      );
    }
    return (await load())(input, deps);
  }
  throw new UsageError(
    "Stash2Plex was started without args.mode, args.op or args.hookContext: run it from Stash's Tasks page, a hook, or the Stash2Plex UI.",
  );
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
