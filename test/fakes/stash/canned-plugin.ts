/**
 * A canned Stash2Plex in the fake Stash's plugin slot: the real manifest, and operation answers from
 * `canned-answers.ts` (checked against the operations' contract, as the UI checks them) — for UI states the real
 * plugin cannot reach on demand: hostile strings, a Stash that cannot start node, answers held back, failures.
 * Tasks finish at once; hooks do nothing.
 */
import { resolve } from "node:path";
import { OPERATIONS } from "../../../plugin/ops/contract-args.js";
import { isOperationName, type OperationName } from "../../../plugin/ops/contracts.js";
import { LIBRARIES, queueList, queueSummary, sceneStatusFor } from "./canned-answers.js";
import type { JobQueue } from "./jobs.js";
import { loadPlugin, type PluginManifest } from "./manifest.js";
import type { PluginSlot } from "./plugin-slot.js";

/** What Stash (Go's os/exec) says when `node` is not on its PATH. */
export const RUNTIME_MISSING_TEXT = 'exec: "node": executable file not found in $PATH';

const ROOT = resolve(import.meta.dirname, "../../..");

export class CannedPlugin implements PluginSlot {
  readonly id = "Stash2Plex";
  /** The real manifest; a test may drop its settings to play a Stash that gives no setting words. */
  manifest: PluginManifest = loadPlugin(ROOT, "Stash2Plex.yml").manifest;
  /** When set, every operation fails as when Stash cannot start node. */
  runtimeMissing = false;
  /** Operation name → error text the plugin answers with. */
  readonly failures = new Map<string, string>();
  /** Operation name → answer to give instead of the canned one (still checked against the contract). */
  readonly overrides = new Map<string, unknown>();
  /** Operations that never answer (to observe loading states). */
  readonly hold = new Set<string>();

  constructor(private readonly deps: { jobs: JobQueue; now(): number }) {}

  async operation(args: Record<string, unknown>): Promise<unknown> {
    const { op, ...opArgs } = args;
    const name = String(op);
    if (this.hold.has(name)) await new Promise(() => {});
    if (this.runtimeMissing) throw new Error(`error running plugin: ${RUNTIME_MISSING_TEXT}`);
    const failure = this.failures.get(name);
    if (failure !== undefined) throw new Error(failure);
    if (!isOperationName(name)) throw new Error(`Unknown operation "${name}"`);
    return this.answer(name, opArgs);
  }

  startTask(taskName: string | null, description: string | null): string {
    return this.deps.jobs.add(`Running plugin task: ${description ?? taskName ?? this.id}`, async () => {
      if (this.runtimeMissing) throw new Error(`error running plugin: ${RUNTIME_MISSING_TEXT}`);
    });
  }

  async fireHooks(): Promise<void> {}

  killAll(): void {}

  private answer(op: OperationName, raw: Record<string, unknown>): unknown {
    const args = OPERATIONS[op].args.parse(raw) as Record<string, unknown>;
    const now = this.deps.now();
    const result = (() => {
      if (this.overrides.has(op)) return this.overrides.get(op);
      switch (op) {
        case "scene.status":
          return sceneStatusFor(String(args["sceneId"]), now);
        case "queue.summary":
          return queueSummary(now);
        case "queue.list":
          return queueList(args as Parameters<typeof queueList>[0], now);
        case "plex.test":
          return { ok: true, version: "1.41.3.9314", latencyMs: 42, tokenValid: true, libraries: LIBRARIES };
        case "plex.libraries":
          return { libraries: LIBRARIES };
        case "paths.preview": {
          const mapped = String(args["path"]).replace(/^\/data/, "/media");
          return { mapped, match: { state: "not_found", triedPaths: [mapped] } };
        }
        default:
          return { accepted: true, affected: 1, message: null };
      }
    })();
    return OPERATIONS[op].result.parse(result);
  }
}
