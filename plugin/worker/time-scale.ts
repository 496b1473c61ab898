import type { BreakerOptions } from "../resilience/breaker-state.js";
import { DEFAULT_BREAKER_OPTIONS } from "../resilience/breaker-state.js";
import { DEFAULT_PACER_OPTIONS, type PacerOptions } from "../resilience/rate-limit.js";

/**
 * TEST-ONLY: `STASH2PLEX_TEST_TIME_SCALE` (a number in (0, 1]) shrinks every wait of the worker — retry
 * backoff, server-down waits, the breaker's probe backoff and half-open delay, hook debounce, idle exit — so
 * integration tests can walk a job through its whole retry schedule in seconds. Unset (or invalid) means 1:
 * production timings. Users never set it; it is not a setting and is not in the manifest.
 */
export const TEST_TIME_SCALE_ENV = "STASH2PLEX_TEST_TIME_SCALE";

export function testTimeScale(env: Record<string, string | undefined>): number {
  const raw = env[TEST_TIME_SCALE_ENV];
  if (raw === undefined || raw.trim() === "") return 1;
  const scale = Number(raw);
  return Number.isFinite(scale) && scale > 0 && scale <= 1 ? scale : 1;
}

/** The breaker's timings shrunk by `scale` (thresholds unchanged). */
export function scaledBreakerOptions(scale: number): BreakerOptions {
  const d = DEFAULT_BREAKER_OPTIONS;
  return {
    failureThreshold: d.failureThreshold,
    halfOpenAfterMs: d.halfOpenAfterMs * scale,
    probeBackoff: {
      baseMs: d.probeBackoff.baseMs * scale,
      capMs: d.probeBackoff.capMs * scale,
      floorMs: d.probeBackoff.floorMs * scale,
    },
  };
}

/** The pacer's time windows (recovery ramp, error window, hold) shrunk by `scale`; rates unchanged. */
export function scaledPacerTimings(scale: number): Pick<PacerOptions, "rampMs" | "windowMs" | "holdMs"> {
  const d = DEFAULT_PACER_OPTIONS;
  return { rampMs: d.rampMs * scale, windowMs: d.windowMs * scale, holdMs: d.holdMs * scale };
}

/**
 * TEST-ONLY: `STASH2PLEX_TEST_HELD_WINDOW` (an integer ≥ 2) shrinks the window of held bulk-sync scenes the
 * worker turns into jobs at a time, so a test of a few dozen scenes crosses several windows. Unset: the default.
 */
export const TEST_HELD_WINDOW_ENV = "STASH2PLEX_TEST_HELD_WINDOW";

export function testHeldWindow(env: Record<string, string | undefined>): number | undefined {
  const window = Number(env[TEST_HELD_WINDOW_ENV] ?? "");
  return Number.isInteger(window) && window >= 2 ? window : undefined;
}
