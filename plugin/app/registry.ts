import { runHook } from "../hooks/entry.js";
import type { PluginInput } from "../protocol/input.js";
import { dispatchWith, type InvocationDeps } from "../runtime/dispatch.js";
import { DRAINER_MODE } from "../runtime/drainer-spawn.js";

/** The one place that knows every entry point of the script (tasks, operations, worker load on demand). */
export function dispatch(input: PluginInput, deps: InvocationDeps): Promise<unknown> {
  return dispatchWith(
    {
      hook: runHook,
      drainer: async () => (await import("../drainer/entry.js")).runDrainerProcess,
      tasks: async () => (await import("../tasks/registry.js")).TASKS,
      operations: async () => (await import("../ops/registry.js")).OPERATION_HANDLERS,
    },
    DRAINER_MODE,
    input,
    deps,
  );
}
