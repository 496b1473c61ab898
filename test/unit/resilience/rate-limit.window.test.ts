import { describe, expect, it } from "vitest";
import {
  DEFAULT_PACER_OPTIONS,
  inFlightLimit,
  initialPacerState,
  type PacerOptions,
  type PacerState,
  release,
  startRamp,
  tryAcquire,
} from "../../../plugin/resilience/index.js";
import { T0 } from "./helpers.js";

const OPTIONS: PacerOptions = { ...DEFAULT_PACER_OPTIONS, maxConcurrency: 8 };

/**
 * Callers that always want more than the pacer allows: fill every free slot, then finish the oldest request
 * after `latency(inFlight)` ms. Returns the in-flight limits seen after each completion.
 */
function saturate(
  start: PacerState,
  completions: number,
  latency: (inFlight: number) => number,
  ok: (i: number) => boolean = () => true,
  options: PacerOptions = OPTIONS,
) {
  let state = start;
  let now = T0 + 1_000;
  const limits: number[] = [];
  for (let i = 0; i < completions; i++) {
    for (;;) {
      const d = tryAcquire(state, now, options);
      state = d.state;
      if (d.granted) continue;
      if (d.reason === "rate") now += d.waitMs;
      else break;
    }
    const latencyMs = latency(state.inFlight);
    now += latencyMs;
    state = release(state, now, { ok: ok(i), latencyMs }, options).state;
    limits.push(inFlightLimit(state, options));
  }
  return { state, limits };
}

describe("adaptive in-flight window", () => {
  it("starts at 2 and grows to the user's cap while latency stays at its baseline", () => {
    const { limits } = saturate(initialPacerState(T0, null, OPTIONS), 60, () => 15);
    expect(limits[0]).toBe(2);
    expect(Math.max(...limits)).toBe(8);
    expect(limits.indexOf(8)).toBeLessThan(40);
    expect(limits.every((l, i) => i === 0 || l >= (limits[i - 1] ?? 0))).toBe(true);
  });

  it("stops growing where Plex starts queueing (latency above 1.5 × baseline)", () => {
    // A server with 4 workers: each request beyond 4 in flight waits for a whole extra service time.
    const plex = (inFlight: number) => 15 * Math.ceil(inFlight / 4);
    const { limits } = saturate(initialPacerState(T0, null, OPTIONS), 150, plex);
    expect(Math.max(...limits)).toBe(5);
    expect(limits.at(-1)).toBe(5);
  });

  it("does not grow when callers never wait for a slot", () => {
    let state = initialPacerState(T0, null, OPTIONS);
    for (let i = 0; i < 100; i++) {
      const d = tryAcquire(state, T0 + i * 100, OPTIONS);
      expect(d.granted).toBe(true);
      state = release(d.state, T0 + i * 100 + 15, { ok: true, latencyMs: 15 }, OPTIONS).state;
    }
    expect(inFlightLimit(state, OPTIONS)).toBe(2);
  });

  it("halves on a burst of errors, never below 1, and never exceeds max_concurrency", () => {
    const grown = saturate(initialPacerState(T0, null, OPTIONS), 60, () => 15).state;
    expect(inFlightLimit(grown, OPTIONS)).toBe(8);
    const failing = saturate(
      grown,
      40,
      () => 15,
      () => false,
    );
    expect(failing.limits).toContain(4);
    expect(failing.state.counters.backoffs).toBe(1);
    const capped = saturate(
      initialPacerState(T0, null, { ...OPTIONS, maxConcurrency: 3 }),
      80,
      () => 15,
      undefined,
      {
        ...OPTIONS,
        maxConcurrency: 3,
      },
    );
    expect(Math.max(...capped.limits)).toBe(3);
    const single = { ...OPTIONS, maxConcurrency: 1 };
    expect(inFlightLimit(initialPacerState(T0, null, single), single)).toBe(1);
  });

  it("a recovery restarts the window at its initial size", () => {
    const grown = saturate(initialPacerState(T0, null, OPTIONS), 60, () => 15).state;
    expect(inFlightLimit(startRamp(grown, T0 + 5_000, OPTIONS), OPTIONS)).toBe(2);
  });
});
