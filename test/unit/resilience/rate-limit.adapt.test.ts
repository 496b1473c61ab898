import { describe, expect, it } from "vitest";
import {
  currentRate,
  DEFAULT_PACER_OPTIONS as DEFAULTS,
  initialPacerState,
  type PacerOptions,
  type PacerState,
  pacerFigures,
  release,
  startRamp,
  tryAcquire,
} from "../../../plugin/resilience/index.js";
import { T0 } from "./helpers.js";

const OPTIONS = DEFAULTS;

/** Continuous demand for `durationMs` from `from`: every grant is released at once with `outcome`. */
function drive(
  start: PacerState,
  from: number,
  durationMs: number,
  outcome: (i: number) => { ok: boolean; latencyMs: number } = () => ({ ok: true, latencyMs: 20 }),
  options: PacerOptions = OPTIONS,
): { state: PacerState; grants: number[]; end: number } {
  let state = start;
  let now = from;
  const grants: number[] = [];
  while (now < from + durationMs) {
    const decision = tryAcquire(state, now, options);
    state = decision.state;
    if (decision.granted) {
      grants.push(now);
      state = release(state, now, outcome(grants.length), options).state;
    } else if (decision.reason === "rate") now += decision.waitMs;
    else throw new Error("slot never freed");
  }
  return { state, grants, end: now };
}

const perSecondIn = (grants: number[], from: number, to: number) =>
  grants.filter((t) => t >= from && t < to).length / ((to - from) / 1000);

describe("pacer ramp after a recovery", () => {
  it("climbs linearly from 5/s to 20/s over 5 minutes, then lifts the cap to the steady ceiling", () => {
    const state = initialPacerState(T0, T0);
    expect(currentRate(state, T0, OPTIONS)).toBe(5);
    expect(currentRate(state, T0 + 150_000, OPTIONS)).toBeCloseTo(12.5, 10);
    expect(currentRate(state, T0 + 299_999, OPTIONS)).toBeCloseTo(20, 3);
    expect(currentRate(state, T0 + 300_000, OPTIONS)).toBe(OPTIONS.targetRate);
    const { grants } = drive(state, T0, 360_000);
    const first = perSecondIn(grants, T0, T0 + 10_000);
    const middle = perSecondIn(grants, T0 + 145_000, T0 + 155_000);
    const late = perSecondIn(grants, T0 + 290_000, T0 + 300_000);
    const after = perSecondIn(grants, T0 + 310_000, T0 + 360_000);
    expect(first).toBeGreaterThanOrEqual(4.5);
    expect(first).toBeLessThanOrEqual(6);
    expect(middle).toBeGreaterThan(11);
    expect(middle).toBeLessThan(14);
    expect(late).toBeGreaterThan(19);
    expect(late).toBeLessThanOrEqual(20.1);
    expect(after).toBeGreaterThan(OPTIONS.targetRate * 0.95);
    expect(after).toBeLessThanOrEqual(OPTIONS.targetRate * 1.01);
  });

  it("a process started mid-ramp resumes it from the recovery time", () => {
    const resumed = initialPacerState(T0 + 240_000, T0);
    expect(currentRate(resumed, T0 + 240_000, OPTIONS)).toBeCloseTo(17, 10);
    expect(pacerFigures(resumed, T0 + 240_000, OPTIONS).rampProgress).toBeCloseTo(0.8, 10);
  });

  it("startRamp drops a steady pacer back to the low rate", () => {
    const steady = initialPacerState(T0);
    expect(currentRate(steady, T0, OPTIONS)).toBe(OPTIONS.targetRate);
    expect(currentRate(startRamp(steady, T0 + 1000), T0 + 1000, OPTIONS)).toBe(5);
  });
});

describe("pacer backs off and restores", () => {
  it("halves the rate when more than 30 % of recent requests fail, holds 60 s, restores when healthy", () => {
    const steady = initialPacerState(T0);
    const OPTIONS = { ...DEFAULTS, targetRate: 20 };
    // every second request fails
    const bad = drive(steady, T0, 2_000, (i) => ({ ok: i % 2 === 0, latencyMs: 20 }), OPTIONS);
    expect(bad.state.multiplier).toBe(0.5);
    expect(currentRate(bad.state, bad.end, OPTIONS)).toBe(10);
    // still failing: no second halving inside the hold period
    const held = drive(bad.state, bad.end, 50_000, (i) => ({ ok: i % 2 === 0, latencyMs: 20 }), OPTIONS);
    expect(held.state.multiplier).toBe(0.5);
    // still failing after the hold: halves again
    const worse = drive(held.state, held.end, 15_000, (i) => ({ ok: i % 2 === 0, latencyMs: 20 }), OPTIONS);
    expect(worse.state.multiplier).toBe(0.25);
    // healthy again: once the errors have aged out of the window, it doubles back up per hold period
    const healing = drive(worse.state, worse.end, 200_000, undefined, OPTIONS);
    expect(healing.state.multiplier).toBe(1);
    expect(healing.state.counters).toMatchObject({ backoffs: 2, restores: 2 });
  });

  it("a few errors below the threshold change nothing", () => {
    const { state } = drive(initialPacerState(T0), T0, 30_000, (i) => ({ ok: i % 5 !== 0, latencyMs: 20 }));
    expect(state.multiplier).toBe(1);
  });

  it("backs off when latency climbs well above the baseline", () => {
    const fast = drive(initialPacerState(T0), T0, 60_000, () => ({ ok: true, latencyMs: 100 }));
    expect(fast.state.baselineLatencyMs).toBeCloseTo(100, 5);
    const slow = drive(fast.state, fast.end, 20_000, () => ({ ok: true, latencyMs: 2_500 }));
    expect(slow.state.multiplier).toBe(0.5);
    expect(slow.state.baselineLatencyMs).toBeLessThan(200);
  });

  it("caps requests in flight at max_concurrency", () => {
    let state = initialPacerState(T0);
    const options = { ...OPTIONS, burst: 10 };
    let now = T0 + 1000;
    const granted: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const d = tryAcquire(state, now, options);
      state = d.state;
      granted.push(d.granted);
      now += 10;
    }
    expect(granted).toEqual([true, true, false]);
    expect(tryAcquire(state, now, options)).toMatchObject({ granted: false, reason: "concurrency" });
    state = release(state, now, { ok: true, latencyMs: 5 }, options).state;
    expect(tryAcquire(state, now, options).granted).toBe(true);
  });
});
