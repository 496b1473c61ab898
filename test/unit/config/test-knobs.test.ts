import { describe, expect, it } from "vitest";
import { clockOf, parseTestKnobs, TEST_KNOB_ENV } from "../../../plugin/config/test-knobs.js";
import { decide, ERROR_CLASSES, FAILURE_TABLE } from "../../../plugin/queue/failure-table.js";
import { scaledFailureTable } from "../../../plugin/worker/time-scale.js";
import { makeJob, T0 } from "../queue/job-fixtures.js";

const PRODUCTION = { timeScale: 1, heldWindow: undefined, clockOffsetMs: 0 };

describe("test knobs, parsed once from the environment", () => {
  it("are the production values when unset, empty or invalid", () => {
    expect(parseTestKnobs({})).toEqual(PRODUCTION);
    expect(
      parseTestKnobs({
        [TEST_KNOB_ENV.timeScale]: " ",
        [TEST_KNOB_ENV.heldWindow]: "1",
        [TEST_KNOB_ENV.clockOffsetMs]: "soon",
      }),
    ).toEqual(PRODUCTION);
    for (const scale of ["0", "-0.5", "2", "NaN", "fast"])
      expect(parseTestKnobs({ [TEST_KNOB_ENV.timeScale]: scale }).timeScale, scale).toBe(1);
    expect(parseTestKnobs({ [TEST_KNOB_ENV.heldWindow]: "2.5" }).heldWindow).toBeUndefined();
  });

  it("take a scale in (0, 1], a window ≥ 2 and any finite clock offset", () => {
    expect(
      parseTestKnobs({
        [TEST_KNOB_ENV.timeScale]: "0.01",
        [TEST_KNOB_ENV.heldWindow]: "4",
        [TEST_KNOB_ENV.clockOffsetMs]: "-3600000",
      }),
    ).toEqual({ timeScale: 0.01, heldWindow: 4, clockOffsetMs: -3_600_000 });
  });

  it("shift the clock only when an offset is set", () => {
    const base = { now: () => 1_000 };
    expect(clockOf(PRODUCTION, base)).toBe(base);
    expect(clockOf({ ...PRODUCTION, clockOffsetMs: 250 }, base).now()).toBe(1_250);
  });
});

describe("the failure table's timings under a time scale", () => {
  it("shrinks every retry and wait delay by the scale and changes no policy or breaker flag", () => {
    const scaled = scaledFailureTable(0.01);
    expect(scaledFailureTable(1)).toBe(FAILURE_TABLE);
    for (const errorClass of ERROR_CLASSES) {
      const original = FAILURE_TABLE[errorClass];
      const shrunk = scaled[errorClass];
      expect({ policy: shrunk.policy, breaker: shrunk.breaker }).toEqual({
        policy: original.policy,
        breaker: original.breaker,
      });
      if ("baseMs" in original && "baseMs" in shrunk)
        expect([shrunk.baseMs, shrunk.capMs]).toEqual([original.baseMs * 0.01, original.capMs * 0.01]);
    }
    const job = makeJob({ attempts: 2 });
    const settings = { max_retries: 5, skip_not_found: false };
    const error = { class: "timeout", message: "slow" };
    const full = decide(job, error, settings, T0, () => 0.5);
    const fast = decide(job, error, settings, T0, () => 0.5, scaled);
    expect(full.type === "retry" && fast.type === "retry").toBe(true);
    if (full.type === "retry" && fast.type === "retry")
      expect(fast.runAt - T0).toBeCloseTo((full.runAt - T0) * 0.01);
  });
});
