/**
 * The plugin runner of the fake Stash: starts the plugin exactly as Stash does (reference/stash-platform.md
 * §1.4, §2) — for tasks (as jobs), hooks (synchronously, before the mutation answers) and
 * runPluginOperation — and keeps every log line, hook run and protocol violation for tests.
 */
import type { JobQueue } from "./jobs.js";
import { execCommand, type LoadedPlugin, loadPlugin, type ManifestTask } from "./manifest.js";
import type { PluginSlot } from "./plugin-slot.js";
import { type RunResult, runPluginProcess } from "./process.js";
import { defaultLevel, type PluginLogEntry } from "./protocol.js";
import {
  type HookVisit,
  hookVisits,
  MAX_HOOK_VISITS,
  SESSION_COOKIE_NAME,
  type SessionStore,
} from "./sessions.js";

export type { RunResult } from "./process.js";

export interface PluginRunnerOptions {
  pluginDir: string;
  /** The yml file name when the folder holds several. */
  ymlName?: string;
  port: number;
  /** Stash sends its listen host; the default 0.0.0.0 is what a stock install sends. */
  host?: string;
  scheme?: "http" | "https";
  /** `Dir`: Stash's config directory. */
  stashDir: string;
  sessions: SessionStore;
  jobs: JobQueue;
  /** Extra environment for every plugin process (e.g. STASH_PLUGIN_DATA). */
  env?: Record<string, string>;
}

export interface HookRun {
  trigger: string;
  hookName: string;
  args: Record<string, unknown>;
  result: RunResult | null;
  /** Set when the process could not start. */
  startError: string | null;
}

interface RunSpec {
  task: ManifestTask | null;
  args: Record<string, unknown>;
  source: string;
  visited?: readonly HookVisit[];
  onProgress?: (value: number) => void;
  signal?: AbortSignal;
}

/** Go's *http.Cookie marshalled as-is (no JSON tags), as Stash puts it in server_connection. */
function goCookie(value: string) {
  return {
    Name: SESSION_COOKIE_NAME,
    Value: value,
    Quoted: false,
    Path: "",
    Domain: "",
    Expires: "0001-01-01T00:00:00Z",
    RawExpires: "",
    MaxAge: 0,
    Secure: false,
    HttpOnly: false,
    SameSite: 0,
    Partitioned: false,
    Raw: "",
    Unparsed: null,
  };
}

export class PluginRunner implements PluginSlot {
  plugin: LoadedPlugin;
  readonly logs: PluginLogEntry[] = [];
  readonly hookRuns: HookRun[] = [];
  /** Every protocol violation seen, with the run it came from. */
  readonly violations: Array<{ source: string; violation: string }> = [];
  /** Every finished run (tasks, hooks, operations), oldest first. */
  readonly runs: Array<{ source: string; args: Record<string, unknown>; result: RunResult }> = [];
  private readonly running = new Set<AbortController>();

  constructor(private readonly options: PluginRunnerOptions) {
    this.plugin = loadPlugin(options.pluginDir, options.ymlName);
  }

  get id(): string {
    return this.plugin.id;
  }

  get manifest() {
    return this.plugin.manifest;
  }

  /** Re-reads the manifest (Stash's "Reload plugins"). */
  reload(): void {
    this.plugin = loadPlugin(this.options.pluginDir, this.options.ymlName);
  }

  /** Extra env for later runs (merged). */
  setEnv(extra: Record<string, string>): void {
    this.options.env = { ...this.options.env, ...extra };
  }

  /** runPluginOperation semantics: exactly `args`, no execArgs, no defaultArgs, no progress. */
  run(args: Record<string, unknown>): Promise<RunResult> {
    return this.execute({ task: null, args, source: "operation" });
  }

  /** A task run directly (not as a job): defaultArgs overridden by `argsMap`, the task's execArgs. */
  runTask(taskName: string, argsMap: Record<string, unknown> = {}): Promise<RunResult> {
    const task = this.task(taskName);
    return this.execute({ task, args: { ...task.defaultArgs, ...argsMap }, source: `task:${taskName}` });
  }

  /** runPluginTask: queues a job and returns its id. */
  startTask(
    taskName: string | null,
    description: string | null,
    argsMap: Record<string, unknown> | null,
  ): string {
    const label = description ?? taskName ?? this.id;
    return this.options.jobs.add(`Running plugin task: ${label}`, async ({ signal, setProgress }) => {
      const task = taskName === null ? null : this.task(taskName);
      const args = { ...task?.defaultArgs, ...argsMap };
      const source = `task:${taskName ?? "(none)"}`;
      await this.execute({ task, args, source, onProgress: setProgress, signal });
    });
  }

  /** runPluginOperation as GraphQL sees it: the output, or an Error carrying the plugin's error text. */
  async operation(args: Record<string, unknown>): Promise<unknown> {
    const result = await this.run(args);
    if (result.error !== null) throw new Error(result.error);
    return result.output;
  }

  /**
   * Runs every hook of the plugin triggered by `context.type`, one after another, and resolves when all
   * have exited — the mutation that fired them answers only then.
   */
  async fireHooks(context: { type: string }, visited: readonly HookVisit[]): Promise<void> {
    if (hookVisits(visited, this.id, context.type) >= MAX_HOOK_VISITS) return;
    const hooks = (this.plugin.manifest.hooks ?? []).filter((h) => h.triggeredBy?.includes(context.type));
    const chain = [...visited, { pluginId: this.id, trigger: context.type }];
    for (const hook of hooks) {
      const args = { ...hook.defaultArgs, hookContext: context };
      const run: HookRun = {
        trigger: context.type,
        hookName: hook.name,
        args,
        result: null,
        startError: null,
      };
      this.hookRuns.push(run);
      try {
        run.result = await this.execute({ task: hook, args, source: `hook:${context.type}`, visited: chain });
      } catch (error) {
        run.startError = error instanceof Error ? error.message : String(error);
      }
    }
  }

  /** SIGKILLs every running plugin process. */
  killAll(): void {
    for (const controller of this.running) controller.abort();
  }

  private task(name: string): ManifestTask {
    const task = this.plugin.manifest.tasks?.find((t) => t.name === name);
    if (!task) throw new Error(`task ${name} not found in plugin ${this.id}`);
    return task;
  }

  private input(args: Record<string, unknown>, visited: readonly HookVisit[]) {
    return {
      server_connection: {
        Scheme: this.options.scheme ?? "http",
        Host: this.options.host ?? "0.0.0.0",
        Port: this.options.port,
        SessionCookie: goCookie(this.options.sessions.issue(visited)),
        Dir: this.options.stashDir,
        PluginDir: this.plugin.dir,
      },
      args,
    };
  }

  private async execute(spec: RunSpec): Promise<RunResult> {
    const env = { ...process.env, ...this.options.env };
    const controller = new AbortController();
    const abort = () => controller.abort();
    spec.signal?.addEventListener("abort", abort, { once: true });
    if (spec.signal?.aborted) controller.abort();
    this.running.add(controller);
    try {
      const result = await runPluginProcess({
        command: execCommand(this.plugin, spec.task?.execArgs ?? [], env),
        input: this.input(spec.args, spec.visited ?? []),
        env,
        source: spec.source,
        errLog: defaultLevel(this.plugin.manifest.errLog),
        onLog: (entry) => this.logs.push(entry),
        ...(spec.onProgress ? { onProgress: spec.onProgress } : {}),
        signal: controller.signal,
      });
      for (const violation of result.violations) this.violations.push({ source: spec.source, violation });
      this.runs.push({ source: spec.source, args: spec.args, result });
      return result;
    } finally {
      this.running.delete(controller);
      spec.signal?.removeEventListener("abort", abort);
    }
  }
}
