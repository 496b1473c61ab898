import type { Logger } from "../log/logger.js";
import type { PluginInput } from "../protocol/input.js";
import { UsageError } from "./errors.js";
import type { ProcessIO } from "./run.js";

export interface InvocationDeps extends ProcessIO {
  logger: Logger & { setDebugVisible(visible: boolean): void };
}

export type Handler = (input: PluginInput, deps: InvocationDeps) => Promise<unknown>;

export interface Registries {
  hook: Handler;
  drainer: Handler;
  tasks: Readonly<Record<string, Handler>>;
  operations: Readonly<Record<string, Handler>>;
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
  if (args.mode === drainerMode) return registries.drainer(input, deps);
  if (args.mode !== undefined) {
    const task = registries.tasks[args.mode];
    if (!task) {
      throw new UsageError(
        `Unknown task mode "${clip(args.mode)}". Known modes: ${Object.keys(registries.tasks).join(", ")}. Reload plugins if you just upgraded.`,
      );
    }
    return task(input, deps);
  }
  if (args.op !== undefined) {
    const op = registries.operations[args.op];
    if (!op) {
      throw new UsageError(
        `Unknown operation "${clip(args.op)}". Known operations: ${Object.keys(registries.operations).join(", ")}. The UI and the plugin script may be from different versions: reload the page after updating.`,
      );
    }
    return op(input, deps);
  }
  throw new UsageError(
    "Stash2Plex was started without args.mode, args.op or args.hookContext: run it from Stash's Tasks page, a hook, or the Stash2Plex UI.",
  );
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
