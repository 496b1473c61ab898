/**
 * What a finished request teaches the pacer (rate-limit.ts describes the rules): its outcome joins the sample
 * window, which may back the rate and the in-flight window off or restore them; a healthy success grows the
 * window and moves the latency baseline.
 */
import {
  currentRate,
  inFlightLimit,
  type PacerCounters,
  type PacerOptions,
  type PacerSample,
  type PacerState,
  rampProgress,
} from "./rate-limit.js";

export interface WindowHealth {
  samples: number;
  errorRate: number;
  meanLatencyMs: number | null;
}

/** Error rate over the samples; mean latency over the newest `latencySamples` successes. */
export function windowHealth(samples: readonly PacerSample[], latencySamples = 10): WindowHealth {
  const ok = samples.filter((s) => s.ok);
  const errorRate = samples.length === 0 ? 0 : (samples.length - ok.length) / samples.length;
  const recent = ok.slice(-Math.max(1, latencySamples));
  const meanLatencyMs =
    recent.length === 0 ? null : recent.reduce((a, s) => a + s.latencyMs, 0) / recent.length;
  return { samples: samples.length, errorRate, meanLatencyMs };
}

export type PacerChange = { change: "backed_off" | "restored"; why: string } | null;

function latencyHigh(health: WindowHealth, state: PacerState, options: PacerOptions): boolean {
  const limit = latencyLimit(state, options);
  return health.meanLatencyMs !== null && limit !== null && health.meanLatencyMs > limit;
}

function adapt(
  state: PacerState,
  now: number,
  options: PacerOptions,
): { state: PacerState; change: PacerChange } {
  const held = state.multiplierChangedAt !== null && now - state.multiplierChangedAt < options.holdMs;
  const health = windowHealth(state.samples, options.latencySamples);
  if (held || health.samples < options.minSamples) return { state, change: null };
  const slow = latencyHigh(health, state, options);
  const errors = `error rate ${Math.round(health.errorRate * 100)}%`;
  if ((health.errorRate > options.backoffErrorRate || slow) && state.multiplier > options.minMultiplier) {
    const multiplier = Math.max(options.minMultiplier, state.multiplier * 0.5);
    const c = { ...state.counters, backoffs: state.counters.backoffs + 1 };
    const why = slow ? `latency ${Math.round(health.meanLatencyMs ?? 0)} ms` : errors;
    const window = Math.max(1, inFlightLimit(state, options) / 2);
    return {
      state: { ...state, multiplier, window, windowFull: false, multiplierChangedAt: now, counters: c },
      change: { change: "backed_off", why },
    };
  }
  if (health.errorRate < options.restoreErrorRate && !slow && state.multiplier < 1) {
    const multiplier = Math.min(1, state.multiplier * 2);
    const c = { ...state.counters, restores: state.counters.restores + 1 };
    return {
      state: { ...state, multiplier, multiplierChangedAt: now, counters: c },
      change: { change: "restored", why: errors },
    };
  }
  return { state, change: null };
}

const BASELINE_WEIGHT = 0.05;
/** Answers slower than the growth limit still nudge the baseline, this slowly: a Plex that got slower for
 * good is eventually the new normal, while a queue the window itself builds barely moves it. */
const BASELINE_DRIFT_WEIGHT = 0.001;

function latencyLimit(state: PacerState, options: PacerOptions): number | null {
  if (state.baselineLatencyMs === null) return null;
  return Math.max(options.latencyFloorMs, options.latencyFactor * state.baselineLatencyMs);
}

/**
 * The baseline follows ordinary successes taken at full rate (at or below the growth limit); a slower answer
 * only drifts it (see BASELINE_DRIFT_WEIGHT), and one above the backoff limit not at all — otherwise a climb
 * would drag the baseline up and hide the very climb it should reveal.
 */
function updateBaseline(state: PacerState, latencyMs: number, options: PacerOptions): PacerState {
  const limit = latencyLimit(state, options);
  if (state.multiplier < 1 || (limit !== null && latencyMs > limit)) return state;
  const previous = state.baselineLatencyMs;
  if (previous === null) return { ...state, baselineLatencyMs: latencyMs };
  const weight = latencyMs > options.growLatencyFactor * previous ? BASELINE_DRIFT_WEIGHT : BASELINE_WEIGHT;
  return { ...state, baselineLatencyMs: previous + weight * (latencyMs - previous) };
}

/**
 * A request finished. `outcome` null = it says nothing about Plex's health (our own bug, a cancelled call):
 * the slot is freed and nothing is sampled.
 */
export function release(
  state: PacerState,
  now: number,
  outcome: { ok: boolean; latencyMs: number } | null,
  options: PacerOptions,
): { state: PacerState; change: PacerChange } {
  const inFlight = Math.max(0, state.inFlight - 1);
  const recent = state.samples.filter((s) => now - s.at < options.windowMs);
  const kept = recent.length >= options.maxSamples ? recent.slice(1 - options.maxSamples) : recent;
  if (outcome === null) return { state: { ...state, inFlight, samples: kept }, change: null };
  const latencyMs = Math.max(0, outcome.latencyMs);
  const samples = [...kept, { at: now, ok: outcome.ok, latencyMs }];
  const next = adapt({ ...state, inFlight, samples }, now, options);
  if (!outcome.ok) return next;
  const grown = next.change === null ? growWindow(next.state, latencyMs, options) : next.state;
  return { state: updateBaseline(grown, latencyMs, options), change: next.change };
}

/** Additive increase: +1 per window's worth of healthy successes, while callers wait for slots. */
function growWindow(state: PacerState, latencyMs: number, options: PacerOptions): PacerState {
  if (!state.windowFull || state.multiplier < 1 || state.window >= options.maxConcurrency) return state;
  const baseline = state.baselineLatencyMs;
  if (baseline !== null && latencyMs > options.growLatencyFactor * baseline) return state;
  const window = Math.min(options.maxConcurrency, state.window + 1 / Math.max(1, Math.floor(state.window)));
  const crossed = Math.floor(window) > Math.floor(state.window);
  return { ...state, window, windowFull: crossed ? false : state.windowFull };
}

export interface PacerFigures extends PacerCounters {
  ratePerSec: number;
  targetRatePerSec: number;
  multiplier: number;
  inFlight: number;
  /** The adaptive in-flight limit now. */
  concurrency: number;
  maxConcurrency: number;
  rampProgress: number | null;
  errorRate: number;
  meanLatencyMs: number | null;
  baselineLatencyMs: number | null;
}

export function pacerFigures(state: PacerState, now: number, options: PacerOptions): PacerFigures {
  const recent = state.samples.filter((s) => now - s.at < options.windowMs);
  const health = windowHealth(recent, options.latencySamples);
  return {
    ...state.counters,
    ratePerSec: currentRate(state, now, options),
    targetRatePerSec: options.targetRate,
    multiplier: state.multiplier,
    inFlight: state.inFlight,
    concurrency: inFlightLimit(state, options),
    maxConcurrency: options.maxConcurrency,
    rampProgress: rampProgress(state, now, options),
    errorRate: health.errorRate,
    meanLatencyMs: health.meanLatencyMs,
    baselineLatencyMs: state.baselineLatencyMs,
  };
}
