import type { Random } from "../core/clock.js";

/**
 * Full-jitter backoff for health probes: uniform in [floor, min(cap, base·2^(n−1))] for the n-th (1-based)
 * delay. The floor keeps a probe loop from spinning when the jitter draws 0 (the original's `poll_interval`
 * busy loop, reference §7 case 99).
 */
export interface JitterOptions {
  baseMs: number;
  capMs: number;
  /** Smallest delay ever returned. */
  floorMs: number;
}

/** The constants of reference §10: probe backoff full jitter, base 5 s, cap 60 s. */
export const PROBE_BACKOFF: JitterOptions = { baseMs: 5_000, capMs: 60_000, floorMs: 1_000 };

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
  return Math.max(options.floorMs, ceiling);
}

/** Pure: the n-th full-jitter delay for a given random draw. */
export function fullJitterDelay(attempt: number, options: JitterOptions, random: Random): number {
  const ceiling = jitterCeiling(attempt, options);
  return options.floorMs + unitInterval(random) * (ceiling - options.floorMs);
}
