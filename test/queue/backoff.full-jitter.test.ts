import { describe, expect, it } from "vitest";
import {
  exponentialBackoff,
  exponentialCeiling,
  fullJitterDelay,
  noJitterGenerator,
} from "../../plugin/queue/backoff.js";

const options = { baseMs: 5_000, capMs: 80_000 };

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("backoff", () => {
  it("without jitter follows base·2^(n−1) up to the cap", () => {
    let backoff = exponentialBackoff(options, () => 0.5, noJitterGenerator);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      backoff = backoff.next();
      delays.push(backoff.delayMs);
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 80_000, 80_000]);
  });

  it("is immutable: next() returns a new value and leaves the old one as it was", () => {
    const first = exponentialBackoff(options, () => 1).next();
    const second = first.next();
    expect(first.delayMs).toBe(5_000);
    expect(first.attempt).toBe(1);
    expect(second.delayMs).toBe(10_000);
    expect(first.next().delayMs).toBe(10_000);
  });

  it("full jitter spans [0, ceiling]: random 0 gives 0, random near 1 gives the ceiling", () => {
    expect(fullJitterDelay(3, options, () => 0)).toBe(0);
    expect(fullJitterDelay(3, options, () => 0.999_999)).toBeCloseTo(20_000, -1);
    expect(fullJitterDelay(30, options, () => 0.5)).toBe(40_000);
  });

  it("is sane for 10 × 100 random schedules: never negative, never above min(cap, base·2^(n−1)), never NaN", () => {
    for (let run = 0; run < 10; run++) {
      const random = seeded(run + 1);
      let backoff = exponentialBackoff(options, random);
      for (let n = 1; n <= 100; n++) {
        backoff = backoff.next();
        expect(Number.isNaN(backoff.delayMs)).toBe(false);
        expect(backoff.delayMs).toBeGreaterThanOrEqual(0);
        expect(backoff.delayMs).toBeLessThanOrEqual(exponentialCeiling(n, options));
        expect(backoff.delayMs).toBeLessThanOrEqual(options.capMs);
      }
    }
  });

  it("survives a broken random source (NaN, negative, ≥ 1) and a huge attempt count", () => {
    expect(fullJitterDelay(2, options, () => Number.NaN)).toBe(0);
    expect(fullJitterDelay(2, options, () => -3)).toBe(0);
    expect(fullJitterDelay(2, options, () => 7)).toBe(10_000);
    expect(fullJitterDelay(10_000, options, () => 1)).toBe(80_000);
    expect(exponentialCeiling(Number.NaN, options)).toBe(5_000);
  });
});
