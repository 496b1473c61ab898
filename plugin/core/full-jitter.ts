import type { Random } from "./clock.js";

/**
 * Full-jitter exponential backoff, the one form every wait uses (the queue's retries and server-down waits, the
 * breaker's health probes): the n-th (1-based) delay is uniform in [floor, max(floor, min(cap, base·2^(n−1)))].
 * Full jitter spreads clients that failed together; the floor keeps a probe loop from spinning when the draw is
 * 0 (the original plugin's `poll_interval` busy loop). The draw comes from the injected `random`, so tests fix it.
 */
export interface JitterOptions {
  baseMs: number;
  capMs: number;
  /** Smallest delay ever returned; 0 when unset. */
  floorMs?: number;
}

function unitInterval(random: Random): number {
  const r = random();
  if (!Number.isFinite(r) || r < 0) return 0;
  return Math.min(r, 1);
}

/** Upper bound of the n-th delay: min(cap, base·2^(n−1)), never below the floor. */
export function jitterCeiling(attempt: number, options: JitterOptions): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const ceiling = Math.min(
    Math.max(0, options.capMs),
    Math.max(0, options.baseMs) * 2 ** Math.min(n - 1, 1023),
  );
  return Math.max(options.floorMs ?? 0, ceiling);
}

/** Pure: the n-th full-jitter delay for a given random draw. */
export function fullJitterDelay(attempt: number, options: JitterOptions, random: Random): number {
  const floor = options.floorMs ?? 0;
  return floor + unitInterval(random) * (jitterCeiling(attempt, options) - floor);
}
