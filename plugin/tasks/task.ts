import type { PluginInput } from "../protocol/input.js";
import { maybeScheduleReconcile } from "../reconcile/schedule.js";
import type { Handler, InvocationDeps } from "../runtime/dispatch.js";
import { openRuntime, type Runtime } from "../runtime/runtime.js";
import { capYoungGeneration, favorSmallHeap } from "../worker/young-generation.js";

export interface TaskContext {
  rt: Runtime;
  args: Record<string, unknown>;
  /** Logs one line of the task's report (info) and keeps it for the structured output. */
  report: (line: string) => void;
  lines: string[];
}

export type TaskResult = Record<string, unknown>;

/**
 * Wraps a task body: builds the runtime (settings from Stash), honours `enabled`, and returns a structured
 * output `{task, lines, ...result}` that fits both Stash's log and the UI. Every task (except the reconcile
 * tasks themselves, which record their own run) checks whether a scheduled reconcile is due. Tasks mostly wait on
 * Stash and Plex, so they favour a small heap over V8's speed; `cpuBound` tasks (reconcile) keep the speed.
 */
export function task(
  name: string,
  body: (ctx: TaskContext) => Promise<TaskResult>,
  options: { runWhenDisabled?: boolean; schedule?: boolean; cpuBound?: boolean } = {},
): Handler {
  return async (input: PluginInput, deps: InvocationDeps) => {
    capYoungGeneration();
    if (!options.cpuBound) favorSmallHeap();
    const rt = await openRuntime(input, deps);
    const log = rt.logger.child("Task");
    if (!rt.settings.enabled && !options.runWhenDisabled) {
      log.info(`${name}: the plugin is disabled in its settings; nothing done`);
      return { task: name, disabled: true, lines: ["disabled"] };
    }
    // A due scheduled reconcile starts in the background (one state-file read when nothing is due).
    if (options.schedule !== false && rt.settings.enabled) await maybeScheduleReconcile(rt);
    const lines: string[] = [];
    const report = (line: string) => {
      lines.push(line);
      log.info(line);
    };
    const result = await body({ rt, args: input.args as Record<string, unknown>, report, lines });
    rt.logger.progress(1);
    return { task: name, ...result, lines };
  };
}
