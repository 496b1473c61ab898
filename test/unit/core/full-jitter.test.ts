import { describe, expect, it } from "vitest";
import { fullJitterDelay, jitterCeiling } from "../../../plugin/core/full-jitter.js";

const options = { baseMs: 5_000, capMs: 80_000 };

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("full-jitter backoff", () => {
  it("has a ceiling of base·2^(n−1) up to the cap", () => {
    const ceilings = Array.from({ length: 7 }, (_, i) => jitterCeiling(i + 1, options));
    expect(ceilings).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 80_000, 80_000]);
  });

  it("spans [0, ceiling] without a floor: random 0 gives 0, random near 1 gives the ceiling", () => {
    expect(fullJitterDelay(3, options, () => 0)).toBe(0);
    expect(fullJitterDelay(3, options, () => 0.999_999)).toBeCloseTo(20_000, -1);
    expect(fullJitterDelay(30, options, () => 0.5)).toBe(40_000);
  });

  it("spans [floor, ceiling] with one, and a ceiling under the floor is the floor", () => {
    const floored = { ...options, floorMs: 1_000 };
    expect(fullJitterDelay(3, floored, () => 0)).toBe(1_000);
    expect(fullJitterDelay(3, floored, () => 1)).toBe(20_000);
    expect(jitterCeiling(1, { baseMs: 100, capMs: 500, floorMs: 1_000 })).toBe(1_000);
  });

  it("is sane for 10 × 100 random schedules: never negative, never above min(cap, base·2^(n−1)), never NaN", () => {
    for (let run = 0; run < 10; run++) {
      const random = seeded(run + 1);
      for (let n = 1; n <= 100; n++) {
        const delay = fullJitterDelay(n, options, random);
        expect(Number.isNaN(delay)).toBe(false);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(options.capMs, options.baseMs * 2 ** (n - 1)));
      }
    }
  });

  it("survives a broken random source (NaN, negative, ≥ 1) and a huge or NaN attempt count", () => {
    expect(fullJitterDelay(2, options, () => Number.NaN)).toBe(0);
    expect(fullJitterDelay(2, options, () => -3)).toBe(0);
    expect(fullJitterDelay(2, options, () => 7)).toBe(10_000);
    expect(fullJitterDelay(10_000, options, () => 1)).toBe(80_000);
    expect(jitterCeiling(Number.NaN, options)).toBe(5_000);
  });
});
