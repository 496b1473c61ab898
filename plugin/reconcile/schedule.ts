/**
 * Scheduled reconciliation (`reconcile_interval`: never / hourly / daily / weekly; `reconcile_scope`:
 * all / 24h / 7days), honoured as written — the original's "startup" rule (any task ≥ 1 h after the last run
 * ran a "recent" reconcile, overriding daily/weekly) is gone.
 *
 * Design:
 *  - State: `reconcile-schedule.json` in the data folder ({lastRunAt, lastScope, lastTrigger}). Checking it is
 *    one small file read — no network — so every task and operation can call `maybeScheduleReconcile`.
 *  - Claim: a process that finds a run due claims `reconcile-schedule.claim` (process/exclusive-claim.ts),
 *    re-reads the state (someone may have just started a run), writes `lastRunAt = now` and releases the claim.
 *    Concurrent processes either lose the claim or see the new `lastRunAt`, so one due slot starts one run. A
 *    claim left by a killed process expires after CLAIM_TTL_MS.
 *  - Run: the winner starts a detached copy of the plugin (process/detached-spawn.ts) running the reconcile
 *    task of the configured scope with `trigger: "schedule"`, and returns at once.
 *    That task queues its gaps and drains like a manual one, logging to `logs/reconcile.log`; its report is
 *    kept in the store like any other.
 *  - Manual reconcile tasks record their run too, so they reset the timer.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Settings } from "../config/settings.js";
import { writeFileAtomicSync } from "../fs/atomic.js";
import { spawnDetached } from "../process/detached-spawn.js";
import { claimExclusive, releaseClaim } from "../process/exclusive-claim.js";
import type { Runtime } from "../runtime/runtime.js";
import type { ReconcileScope, ReconcileTrigger } from "./report.js";

export const SCHEDULE_FILE = "reconcile-schedule.json";
export const CLAIM_FILE = "reconcile-schedule.claim";
const CLAIM_TTL_MS = 60_000;

export const INTERVAL_MS: Readonly<Record<Settings["reconcile_interval"], number>> = {
  never: 0,
  hourly: 3_600_000,
  daily: 86_400_000,
  weekly: 604_800_000,
};

/** Task mode that runs each scheduled scope. */
export const SCHEDULED_MODE: Readonly<Record<Settings["reconcile_scope"], string>> = {
  all: "reconcile_all",
  "24h": "reconcile_recent",
  "7days": "reconcile_7days",
};

const stateSchema = z.object({
  lastRunAt: z.number().nullable(),
  lastScope: z.string().nullable().optional(),
  lastTrigger: z.string().nullable().optional(),
});
export type ScheduleState = z.infer<typeof stateSchema>;

/** Pure: is a scheduled run due? A `lastRunAt` in the future (clock moved back) counts from now. */
export function isDue(
  interval: Settings["reconcile_interval"],
  lastRunAt: number | null,
  now: number,
): boolean {
  const every = INTERVAL_MS[interval];
  if (every === 0) return false;
  if (lastRunAt === null) return true;
  if (lastRunAt > now + every) return true;
  return now - lastRunAt >= every;
}

export function readScheduleState(dataDir: string): ScheduleState {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(path.join(dataDir, SCHEDULE_FILE), "utf8")));
    return parsed.success ? parsed.data : { lastRunAt: null };
  } catch {
    return { lastRunAt: null };
  }
}

/** Records a run (manual or scheduled): the interval counts from here. */
export function recordReconcileRun(
  dataDir: string,
  scope: ReconcileScope,
  trigger: ReconcileTrigger,
  at: number,
): void {
  const state: ScheduleState = { lastRunAt: at, lastScope: scope, lastTrigger: trigger };
  writeFileAtomicSync(path.join(dataDir, SCHEDULE_FILE), JSON.stringify(state));
}

export type ScheduleOutcome = "off" | "not_due" | "busy" | "started";

export interface ScheduleDeps {
  /** Starts the detached run; default spawns this script. */
  start?: (rt: Runtime, mode: string) => Promise<void>;
}

/**
 * The hook point for task and operation wrappers: cheap when nothing is due (one file read), never throws.
 */
export async function maybeScheduleReconcile(rt: Runtime, deps: ScheduleDeps = {}): Promise<ScheduleOutcome> {
  const log = rt.logger.child("Reconcile");
  try {
    const { reconcile_interval: interval, reconcile_scope: scope } = rt.settings;
    if (interval === "never") return "off";
    const now = rt.clock.now();
    if (!isDue(interval, readScheduleState(rt.dataDir).lastRunAt, now)) return "not_due";
    const claimFile = path.join(rt.dataDir, CLAIM_FILE);
    if (!claimExclusive(claimFile, now, { ttlMs: CLAIM_TTL_MS })) return "busy";
    try {
      if (!isDue(interval, readScheduleState(rt.dataDir).lastRunAt, now)) return "not_due";
      recordReconcileRun(rt.dataDir, scope, "schedule", now);
    } finally {
      releaseClaim(claimFile);
    }
    const mode = SCHEDULED_MODE[scope];
    await (deps.start ?? spawnScheduledRun)(rt, mode);
    log.info(`Scheduled reconciliation (${interval}, scope ${scope}) started in the background`);
    return "started";
  } catch (error) {
    log.warn(`Scheduled reconciliation check failed: ${(error as Error).message}`);
    return "busy";
  }
}

async function spawnScheduledRun(rt: Runtime, mode: string): Promise<void> {
  await spawnDetached(rt.scriptPath, {
    server_connection: rt.input.server_connection,
    args: { mode, trigger: "schedule" },
  });
}
