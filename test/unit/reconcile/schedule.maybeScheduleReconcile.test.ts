import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "../../../plugin/config/settings.js";
import { createRecordingLogger } from "../../../plugin/log/recording-logger.js";
import {
  CLAIM_FILE,
  isDue,
  maybeScheduleReconcile,
  readScheduleState,
  recordReconcileRun,
} from "../../../plugin/reconcile/schedule.js";
import type { Runtime } from "../../../plugin/runtime/runtime.js";

const HOUR = 3_600_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function runtime(dataDir: string, now: number, patch: Partial<Settings>): Runtime {
  return {
    dataDir,
    clock: { now: () => now },
    logger: createRecordingLogger(),
    settings: { ...DEFAULT_SETTINGS, ...patch },
  } as unknown as Runtime;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "s2p-sched-"));
  dirs.push(dir);
  return dir;
}

describe("isDue", () => {
  it("honours the interval as written; never means never", () => {
    expect(isDue("never", null, 0)).toBe(false);
    expect(isDue("hourly", null, 0)).toBe(true);
    expect(isDue("hourly", 0, HOUR - 1)).toBe(false);
    expect(isDue("hourly", 0, HOUR)).toBe(true);
    // No "startup" override: a daily schedule does not run again an hour later.
    expect(isDue("daily", 0, 2 * HOUR)).toBe(false);
    expect(isDue("daily", 0, 24 * HOUR)).toBe(true);
    expect(isDue("weekly", 0, 6 * 24 * HOUR)).toBe(false);
    expect(isDue("weekly", 0, 7 * 24 * HOUR)).toBe(true);
    // A last run far in the future (clock moved back) does not block the schedule forever.
    expect(isDue("daily", 10 * 24 * HOUR, 0)).toBe(true);
  });
});

describe("maybeScheduleReconcile", () => {
  it("starts one run of the configured scope when due, then is not due until the interval passes", async () => {
    const dir = tempDir();
    const started: string[] = [];
    const start = async (_rt: Runtime, mode: string) => {
      started.push(mode);
    };
    const settings = { reconcile_interval: "daily", reconcile_scope: "7days" } as const;
    expect(await maybeScheduleReconcile(runtime(dir, 1_000, settings), { start })).toBe("started");
    expect(started).toEqual(["reconcile_7days"]);
    expect(readScheduleState(dir)).toMatchObject({ lastRunAt: 1_000, lastTrigger: "schedule" });
    expect(await maybeScheduleReconcile(runtime(dir, 1_000 + HOUR, settings), { start })).toBe("not_due");
    expect(await maybeScheduleReconcile(runtime(dir, 1_000 + 24 * HOUR, settings), { start })).toBe(
      "started",
    );
    expect(started).toEqual(["reconcile_7days", "reconcile_7days"]);
  });

  it("is off under never, and a manual run resets the timer", async () => {
    const dir = tempDir();
    const start = async () => {
      throw new Error("must not start");
    };
    expect(await maybeScheduleReconcile(runtime(dir, 0, {}), { start })).toBe("off");
    recordReconcileRun(dir, "all", "manual", 5 * HOUR);
    const hourly = { reconcile_interval: "hourly" } as const;
    expect(await maybeScheduleReconcile(runtime(dir, 5 * HOUR + 10, hourly), { start })).toBe("not_due");
  });

  it("concurrent callers start exactly one run (O_EXCL claim + re-check)", async () => {
    const dir = tempDir();
    let runs = 0;
    const start = async () => {
      runs++;
    };
    const hourly = { reconcile_interval: "hourly", reconcile_scope: "all" } as const;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => maybeScheduleReconcile(runtime(dir, 10 * HOUR, hourly), { start })),
    );
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o === "started")).toHaveLength(1);
  });

  it("a claim left by a killed process blocks only until it expires", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, CLAIM_FILE), String(10 * HOUR));
    const start = async () => {};
    const hourly = { reconcile_interval: "hourly" } as const;
    expect(await maybeScheduleReconcile(runtime(dir, 10 * HOUR + 1_000, hourly), { start })).toBe("busy");
    expect(await maybeScheduleReconcile(runtime(dir, 10 * HOUR + 120_000, hourly), { start })).toBe(
      "started",
    );
  });
});
