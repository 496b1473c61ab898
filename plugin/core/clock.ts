/** Time as an injected dependency: decisions take `now` as data, the shell passes the real clock. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Milliseconds on the host's monotonic clock: shared by every process on the host, never moved by a wall-clock
   * change (NTP, DST, a user setting the time). Absent: the real one (`hostMonotonicMs`).
   */
  monotonic?(): number;
}

/** The host's monotonic clock (libuv's uv_hrtime: CLOCK_MONOTONIC, system-wide since boot). */
export const hostMonotonicMs = (): number => Number(process.hrtime.bigint() / 1_000_000n);

export const systemClock: Clock = { now: () => Date.now(), monotonic: hostMonotonicMs };

/** Randomness as an injected dependency (jitter); returns a float in [0, 1). */
export type Random = () => number;
