import { FAILURE_TABLE, type FailurePolicy, type FailureTable } from "../queue/failure-table.js";
import type { BreakerOptions } from "../resilience/breaker-state.js";
import { DEFAULT_BREAKER_OPTIONS } from "../resilience/breaker-state.js";
import { DEFAULT_PACER_OPTIONS, type PacerOptions } from "../resilience/rate-limit.js";

/**
 * The worker's timings shrunk by the test time scale (config/test-knobs.ts), handed to the pure modules as
 * ordinary options: they never learn that a test is running. Scale 1 returns the production values.
 */

/** The breaker's timings shrunk by `scale` (thresholds unchanged). */
export function scaledBreakerOptions(scale: number): BreakerOptions {
  const d = DEFAULT_BREAKER_OPTIONS;
  return {
    failureThreshold: d.failureThreshold,
    halfOpenAfterMs: d.halfOpenAfterMs * scale,
    probeBackoff: {
      baseMs: d.probeBackoff.baseMs * scale,
      capMs: d.probeBackoff.capMs * scale,
      floorMs: (d.probeBackoff.floorMs ?? 0) * scale,
    },
  };
}

/** The pacer's time windows (recovery ramp, error window, hold) shrunk by `scale`; rates unchanged. */
export function scaledPacerTimings(scale: number): Pick<PacerOptions, "rampMs" | "windowMs" | "holdMs"> {
  const d = DEFAULT_PACER_OPTIONS;
  return { rampMs: d.rampMs * scale, windowMs: d.windowMs * scale, holdMs: d.holdMs * scale };
}

/** The failure table with every retry and wait delay shrunk by `scale` (policies and breaker flags unchanged). */
export function scaledFailureTable(scale: number): FailureTable {
  if (scale === 1) return FAILURE_TABLE;
  const scaled = (policy: FailurePolicy): FailurePolicy =>
    "baseMs" in policy ? { ...policy, baseMs: policy.baseMs * scale, capMs: policy.capMs * scale } : policy;
  return Object.fromEntries(
    Object.entries(FAILURE_TABLE).map(([errorClass, policy]) => [errorClass, scaled(policy)]),
  ) as FailureTable;
}
