import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BreakerState,
  CLOSED,
  effectiveState,
  fullJitterDelay,
  jitterCeiling,
  nextProbeAt,
  DEFAULT_BREAKER_OPTIONS as OPTIONS,
  onFailure,
  onSuccess,
  PROBE_BACKOFF,
  probeDelay,
} from "../../../plugin/resilience/index.js";
import { seededRandom, T0 } from "./helpers.js";

describe("probe jitter invariants", () => {
  it("10 × 100 delays are sane: finite, ≥ the 1 s floor, ≤ min(cap, base·2^(n−1))", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const random = seededRandom(seed);
      for (let attempt = 1; attempt <= 100; attempt++) {
        const delay = probeDelay(attempt, random);
        expect(Number.isFinite(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(PROBE_BACKOFF.floorMs);
        expect(delay).toBeLessThanOrEqual(Math.max(1000, Math.min(60_000, 5_000 * 2 ** (attempt - 1))));
      }
    }
  });

  it("holds for any attempt and any random value, even broken ones (NaN, negative, ≥ 1)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), fc.double(), (attempt, r) => {
        const delay = fullJitterDelay(attempt, PROBE_BACKOFF, () => r);
        expect(Number.isFinite(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(PROBE_BACKOFF.floorMs);
        expect(delay).toBeLessThanOrEqual(PROBE_BACKOFF.capMs);
      }),
      { numRuns: 1000 },
    );
  });

  it("spreads out: draws for the 5th attempt cover the low and the high end of [1 s, 60 s]", () => {
    const random = seededRandom(42);
    const draws = Array.from({ length: 1000 }, () => probeDelay(5, random));
    expect(Math.min(...draws)).toBeLessThan(5_000);
    expect(Math.max(...draws)).toBeGreaterThan(55_000);
    expect(jitterCeiling(5, PROBE_BACKOFF)).toBe(60_000);
  });

  it("any event sequence keeps the breaker consistent: probes never scheduled in the past or past the half-open time", () => {
    const event = fc.record({
      kind: fc.constantFrom("success", "server_down", "timeout", "not_found", "auth"),
      gapMs: fc.integer({ min: 0, max: 90_000 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), fc.integer({ min: 1, max: 1e6 }), (events, seed) => {
        const random = seededRandom(seed);
        let state: BreakerState = CLOSED;
        let now = T0;
        for (const e of events) {
          now += e.gapMs;
          state =
            e.kind === "success"
              ? onSuccess(state, now, OPTIONS).state
              : onFailure(state, e.kind, now, OPTIONS, random).state;
          const probe = nextProbeAt(state, now, OPTIONS);
          if (state.state === "closed") {
            expect(state.failures).toBeLessThan(OPTIONS.failureThreshold);
            expect(probe).toBeNull();
          } else {
            expect(probe).not.toBeNull();
            expect(probe).toBeGreaterThanOrEqual(now);
          }
          const current = effectiveState(state, now, OPTIONS);
          if (current.state === "open") {
            expect(probe).toBeLessThanOrEqual(current.openedAt + OPTIONS.halfOpenAfterMs);
            if (e.kind === "server_down" || e.kind === "timeout")
              expect(current.nextProbeAt).toBeGreaterThan(now);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
