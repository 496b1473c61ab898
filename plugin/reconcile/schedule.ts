/**
 * Scheduled reconciliation (`reconcile_interval`: never / hourly / daily / weekly; `reconcile_scope`:
 * all / 24h / 7days), honoured as written — the original's "startup" rule (any task ≥ 1 h after the last run
 * ran a "recent" reconcile, overriding daily/weekly) is gone.
 *
 * Design:
 *  - State: `reconcile-schedule.json` in the data folder ({lastRunAt, lastScope, lastTrigger}). Checking it is
 *    one small file read — no network — so every task and operation can call `maybeScheduleReconcile`.
 *  - Claim: a process that finds a run due creates `reconcile-schedule.claim` with O_EXCL, re-reads the state
 *    (someone may have just started a run), writes `lastRunAt = now` and removes the claim. Concurrent
 *    processes either lose the O_EXCL race or see the new `lastRunAt`, so one due slot starts one run. A claim
 *    left by a killed process expires after CLAIM_TTL_MS.
 *  - Run: the winner spawns a detached copy of the plugin running the reconcile task of the configured scope
 *    with `trigger: "schedule"` (connection on the stdin pipe, as the drainer spawn does), and returns at once.
 *    That task queues its gaps and drains like a manual one, logging to `logs/reconcile.log`; its report is
 *    kept in the store like any other.
 *  - Manual reconcile tasks record their run too, so they reset the timer.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Runtime } from "../app/runtime.js";
import type { Settings } from "../config/settings.js";
import { writeFileAtomicSync } from "../store/index.js";
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

function claim(dataDir: string, now: number): boolean {
  const file = path.join(dataDir, CLAIM_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(now));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return false;
      let at = Number.NaN;
      try {
        at = Number(readFileSync(file, "utf8"));
      } catch {
        // vanished meanwhile: try again
      }
      if (Number.isFinite(at) && Math.abs(now - at) < CLAIM_TTL_MS) return false;
      try {
        unlinkSync(file);
      } catch {
        // another process removed it first
      }
    }
  }
  return false;
}

function release(dataDir: string): void {
  try {
    unlinkSync(path.join(dataDir, CLAIM_FILE));
  } catch {
    // already gone
  }
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
    if (!claim(rt.dataDir, now)) return "busy";
    try {
      if (!isDue(interval, readScheduleState(rt.dataDir).lastRunAt, now)) return "not_due";
      recordReconcileRun(rt.dataDir, scope, "schedule", now);
    } finally {
      release(rt.dataDir);
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
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [...process.execArgv, rt.scriptPath], {
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
    windowsHide: true,
  });
  const payload = JSON.stringify({
    server_connection: rt.input.server_connection,
    args: { mode, trigger: "schedule" },
  });
  await new Promise<void>((resolve) => {
    child.on("error", () => resolve());
    child.stdin?.on("error", () => resolve());
    child.stdin?.end(payload, () => resolve());
  });
  child.unref();
}
