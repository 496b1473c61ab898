/**
 * What the fake Stash needs of a plugin: its manifest (for `plugins { … }`), and the three ways Stash runs it —
 * operations, tasks (as jobs) and hooks. The real plugin process (`PluginRunner`) and the canned plugin
 * (`CannedPlugin`, for UI states the real plugin cannot reach on demand) both fill the slot.
 */
import type { PluginManifest } from "./manifest.js";
import type { HookVisit } from "./sessions.js";

export interface PluginSlot {
  readonly id: string;
  readonly manifest: PluginManifest;
  /** runPluginOperation: the plugin's output, or an Error carrying Stash's error text. */
  operation(args: Record<string, unknown>): Promise<unknown>;
  /** runPluginTask: queues a job and returns its id. */
  startTask(
    taskName: string | null,
    description: string | null,
    argsMap: Record<string, unknown> | null,
  ): string;
  /** Runs the hooks triggered by `context.type`; the mutation that fired them answers only after. */
  fireHooks(context: { type: string }, visited: readonly HookVisit[]): Promise<void>;
  /** Stops whatever the plugin is running (the fake Stash is stopping). */
  killAll(): void;
}
