/**
 * Adaptive pacing of Plex requests, pure: a cap on requests in flight that adapts to Plex's latency (AIMD),
 * under a token-bucket rate cap. The async shell is pacer.ts.
 *
 * In-flight window (how many requests may run at once):
 *  - starts at `initialConcurrency` (2) and never exceeds `maxConcurrency` (the user's hard cap);
 *  - additive increase: a healthy success (latency ≤ `growLatencyFactor` × baseline) grows it by 1/window,
 *    i.e. by one per window's worth of successes — only while callers actually wait for a slot (a pacer
 *    that is not the bottleneck learns nothing about Plex by growing);
 *  - multiplicative decrease: a backoff (below) halves it, down to 1.
 *  Throughput then follows Plex's latency: window ÷ latency (15 ms and 8 in flight ≈ 500 requests/s).
 *
 * Rate cap = ramp × multiplier:
 *  - ramp: after a recovery (`startRamp`) the rate climbs linearly from `rampStartRate` to `rampEndRate` over
 *    `rampMs` (5 min), so a queue that piled up during an outage does not hit a Plex that just came back all
 *    at once (the window restarts at its initial size too). The start time is data, so a new process resumes
 *    the ramp instead of starting it again. Outside a ramp the cap is `targetRate`, a sanity ceiling well above
 *    what the window allows at LAN latencies — the window, not a fixed rate, sets the pace.
 *  - multiplier: outcomes of the last `windowMs` (60 s) are kept. When there are at least `minSamples` and
 *    the error rate is above `backoffErrorRate` (30 %), or the mean latency of the last `latencySamples`
 *    successes climbs above max(`latencyFloorMs`, `latencyFactor` × baseline), the multiplier and the window
 *    halve; when the error rate is below `restoreErrorRate` (10 %) and latency is back, the multiplier
 *    doubles (up to 1). Either change holds for at least `holdMs` (60 s) before the next one.
 * The latency baseline is a slow moving average of ordinary successes' latencies. What a finished request
 * teaches (samples, backoff and restore, the window's growth, the baseline) is pacer-feedback.ts.
 */
export interface PacerOptions {
  targetRate: number;
  rampStartRate: number;
  rampEndRate: number;
  rampMs: number;
  initialConcurrency: number;
  maxConcurrency: number;
  growLatencyFactor: number;
  burst: number;
  windowMs: number;
  minSamples: number;
  backoffErrorRate: number;
  restoreErrorRate: number;
  holdMs: number;
  latencyFactor: number;
  latencyFloorMs: number;
  latencySamples: number;
  /** At most this many newest outcomes are kept: bounds the work per request at hundreds per second. */
  maxSamples: number;
  minMultiplier: number;
}

/**
 * Ramp and error thresholds of the original plugin (5 → 20 per second over 300 s, window 60 s, >30 % / <10 %,
 * hold 60 s). Its steady 20/s is gone: it capped a first sync well below what Plex answers on a LAN
 * (docs/benchmarks.md, "Pacer design"); the latency-driven window replaces it, with 400/s as a ceiling against
 * a runaway loop.
 */
export const DEFAULT_PACER_OPTIONS: PacerOptions = {
  targetRate: 400,
  rampStartRate: 5,
  rampEndRate: 20,
  rampMs: 300_000,
  initialConcurrency: 2,
  maxConcurrency: 2,
  growLatencyFactor: 1.5,
  burst: 4,
  windowMs: 60_000,
  minSamples: 5,
  backoffErrorRate: 0.3,
  restoreErrorRate: 0.1,
  holdMs: 60_000,
  latencyFactor: 3,
  latencyFloorMs: 1_000,
  latencySamples: 10,
  maxSamples: 200,
  minMultiplier: 0.125,
};

export interface PacerSample {
  at: number;
  ok: boolean;
  latencyMs: number;
}

export interface PacerCounters {
  granted: number;
  /** Grants that had to wait (for a token or a free slot). */
  waited: number;
  totalWaitMs: number;
  maxWaitMs: number;
  backoffs: number;
  restores: number;
}

export interface PacerState {
  tokens: number;
  refilledAt: number;
  inFlight: number;
  /** The adaptive in-flight limit (its floor is used), between 1 and maxConcurrency. */
  window: number;
  /** A caller was refused for want of a slot since the window last grew. */
  windowFull: boolean;
  rampStartedAt: number | null;
  multiplier: number;
  multiplierChangedAt: number | null;
  samples: readonly PacerSample[];
  baselineLatencyMs: number | null;
  counters: PacerCounters;
}

export function initialPacerState(
  now: number,
  rampStartedAt: number | null = null,
  options: Pick<PacerOptions, "initialConcurrency" | "maxConcurrency"> = DEFAULT_PACER_OPTIONS,
): PacerState {
  return {
    tokens: 1,
    refilledAt: now,
    inFlight: 0,
    window: startingWindow(options),
    windowFull: false,
    rampStartedAt,
    multiplier: 1,
    multiplierChangedAt: null,
    samples: [],
    baselineLatencyMs: null,
    counters: { granted: 0, waited: 0, totalWaitMs: 0, maxWaitMs: 0, backoffs: 0, restores: 0 },
  };
}

function startingWindow(options: Pick<PacerOptions, "initialConcurrency" | "maxConcurrency">): number {
  return Math.max(1, Math.min(options.initialConcurrency, options.maxConcurrency));
}

/** Requests allowed in flight now. */
export function inFlightLimit(state: PacerState, options: PacerOptions): number {
  return Math.max(1, Math.min(options.maxConcurrency, Math.floor(state.window)));
}

/** 0..1 while a ramp runs, null otherwise. */
export function rampProgress(state: PacerState, now: number, options: PacerOptions): number | null {
  if (state.rampStartedAt === null || options.rampMs <= 0) return null;
  const progress = Math.max(0, now - state.rampStartedAt) / options.rampMs;
  return progress >= 1 ? null : progress;
}

/** Requests per second allowed at `now`. */
export function currentRate(state: PacerState, now: number, options: PacerOptions): number {
  const progress = rampProgress(state, now, options);
  const base =
    progress === null
      ? options.targetRate
      : options.rampStartRate + (options.rampEndRate - options.rampStartRate) * progress;
  return Math.max(base * state.multiplier, 1e-3);
}

function refill(state: PacerState, now: number, options: PacerOptions): PacerState {
  const elapsedMs = Math.max(0, now - state.refilledAt);
  const tokens = Math.min(
    options.burst,
    state.tokens + (elapsedMs / 1000) * currentRate(state, now, options),
  );
  return { ...state, tokens, refilledAt: Math.max(now, state.refilledAt) };
}

export type AcquireDecision =
  | { granted: true; state: PacerState }
  | { granted: false; reason: "concurrency"; state: PacerState }
  | { granted: false; reason: "rate"; waitMs: number; state: PacerState };

export function tryAcquire(state: PacerState, now: number, options: PacerOptions): AcquireDecision {
  const filled = refill(state, now, options);
  if (filled.inFlight >= inFlightLimit(filled, options))
    return { granted: false, reason: "concurrency", state: { ...filled, windowFull: true } };
  if (filled.tokens >= 1) {
    return { granted: true, state: { ...filled, tokens: filled.tokens - 1, inFlight: filled.inFlight + 1 } };
  }
  const waitMs = Math.ceil(((1 - filled.tokens) / currentRate(filled, now, options)) * 1000);
  return { granted: false, reason: "rate", waitMs: Math.max(1, waitMs), state: filled };
}

/** Counts a grant and how long its caller waited for it. */
export function noteGrant(state: PacerState, waitedMs: number): PacerState {
  const c = state.counters;
  const wait = Math.max(0, waitedMs);
  return {
    ...state,
    counters: {
      ...c,
      granted: c.granted + 1,
      waited: c.waited + (wait > 0 ? 1 : 0),
      totalWaitMs: c.totalWaitMs + wait,
      maxWaitMs: Math.max(c.maxWaitMs, wait),
    },
  };
}

/** After a recovery: ramp from the low rate again, with an empty bucket, the starting window and a fresh
 * error window. */
export function startRamp(
  state: PacerState,
  now: number,
  options: Pick<PacerOptions, "initialConcurrency" | "maxConcurrency"> = DEFAULT_PACER_OPTIONS,
): PacerState {
  return {
    ...state,
    rampStartedAt: now,
    tokens: Math.min(state.tokens, 1),
    refilledAt: now,
    samples: [],
    window: startingWindow(options),
    windowFull: false,
  };
}
