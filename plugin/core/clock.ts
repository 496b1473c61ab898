/** Time as an injected dependency: decisions take `now` as data, the shell passes the real clock. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Randomness as an injected dependency (jitter); returns a float in [0, 1). */
export type Random = () => number;
