import type { Random } from "../core/clock.js";

/**
 * Backoff as an immutable value built from a pure generator (the shape of cockatiel's ExponentialBackoff):
 * `next()` returns a new backoff whose `delayMs` is the next delay; the old value is untouched, so a schedule
 * can be replayed or forked. Jitter comes from the injected `random`, so tests can pass a fixed one.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/** `(state, options, random) → [delay, nextState]`. */
export type GeneratorFn<S> = (state: S, options: BackoffOptions, random: Random) => [number, S];

export interface Backoff {
  /** The delay this step produced; 0 before the first `next()`. */
  readonly delayMs: number;
  /** Attempts taken so far (1 after the first `next()`). */
  readonly attempt: number;
  next(): Backoff;
}

/** Upper bound of attempt n (1-based): min(cap, base·2^(n−1)). */
export function exponentialCeiling(attempt: number, options: BackoffOptions): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const base = Math.max(0, options.baseMs);
  const cap = Math.max(0, options.capMs);
  return Math.min(cap, base * 2 ** Math.min(n - 1, 1023));
}

function unit(random: Random): number {
  const r = random();
  if (!Number.isFinite(r) || r < 0) return 0;
  return Math.min(r, 1);
}

/** Full jitter: uniform in [0, min(cap, base·2^(n−1))]. State = attempts taken. */
export const fullJitterGenerator: GeneratorFn<number> = (attempts, options, random) => {
  const n = attempts + 1;
  return [unit(random) * exponentialCeiling(n, options), n];
};

/** No jitter: exactly min(cap, base·2^(n−1)); for tests and for reading the schedule. */
export const noJitterGenerator: GeneratorFn<number> = (attempts, options) => {
  const n = attempts + 1;
  return [exponentialCeiling(n, options), n];
};

export function exponentialBackoff(
  options: BackoffOptions,
  random: Random,
  generator: GeneratorFn<number> = fullJitterGenerator,
): Backoff {
  const make = (state: number, delayMs: number): Backoff => ({
    delayMs,
    attempt: state,
    next: () => {
      const [delay, nextState] = generator(state, options, random);
      return make(nextState, delay);
    },
  });
  return make(0, 0);
}

/** The full-jitter delay before attempt n + 1 after n failures (n ≥ 1); the form the queue uses for runAt. */
export function fullJitterDelay(failures: number, options: BackoffOptions, random: Random): number {
  return unit(random) * exponentialCeiling(failures, options);
}
