import { OPERATION_HANDLERS } from "../ops/registry.js";
import type { PluginInput } from "../protocol/input.js";
import { TASKS } from "../tasks/registry.js";
import { runDrainerProcess } from "../worker/drainer-entry.js";
import { dispatchWith, type InvocationDeps } from "./dispatch.js";
import { DRAINER_MODE } from "./drainer-spawn.js";
import { runHook } from "./hook-entry.js";

/** The one place that knows every entry point of the script. */
export function dispatch(input: PluginInput, deps: InvocationDeps): Promise<unknown> {
  return dispatchWith(
    { hook: runHook, drainer: runDrainerProcess, tasks: TASKS, operations: OPERATION_HANDLERS },
    DRAINER_MODE,
    input,
    deps,
  );
}
