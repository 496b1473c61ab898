import { type Clock, systemClock } from "../core/clock.js";

/**
 * TEST-ONLY knobs. They are read from the environment once, by the entry point (plugin/main.ts), and passed
 * down in the invocation's deps and the runtime; no other module reads them from process.env, and the pure
 * modules only ever see what they make (scaled timings, a shifted clock). Users never set them: they are not
 * settings and not in the manifest. Unset or invalid means production behaviour.
 */
export const TEST_KNOB_ENV = {
  /**
   * A number in (0, 1] that shrinks every wait of the worker — retry backoff, server-down waits, the breaker's
   * probe backoff and half-open delay, inbox debounce, idle exit — so integration tests can walk a job through
   * its whole retry schedule in seconds.
   */
  timeScale: "STASH2PLEX_TEST_TIME_SCALE",
  /** An integer ≥ 2: the window of held bulk-sync scenes turned into jobs at a time, so a test of a few dozen
   * scenes crosses several windows. */
  heldWindow: "STASH2PLEX_TEST_HELD_WINDOW",
  /** Milliseconds added to this process's clock (the fault campaign's clock jumps). */
  clockOffsetMs: "STASH2PLEX_TEST_CLOCK_OFFSET_MS",
} as const;

export interface TestKnobs {
  /** 1 in production. */
  timeScale: number;
  /** Undefined in production: the default window. */
  heldWindow: number | undefined;
  /** 0 in production. */
  clockOffsetMs: number;
}

export function parseTestKnobs(env: Record<string, string | undefined>): TestKnobs {
  const rawScale = env[TEST_KNOB_ENV.timeScale];
  const scale = rawScale === undefined || rawScale.trim() === "" ? 1 : Number(rawScale);
  const window = Number(env[TEST_KNOB_ENV.heldWindow] ?? "");
  const offset = Number(env[TEST_KNOB_ENV.clockOffsetMs] ?? "0");
  return {
    timeScale: Number.isFinite(scale) && scale > 0 && scale <= 1 ? scale : 1,
    heldWindow: Number.isInteger(window) && window >= 2 ? window : undefined,
    clockOffsetMs: Number.isFinite(offset) ? offset : 0,
  };
}

/** The process clock, shifted by the clock-offset knob when one is set. */
export function clockOf(knobs: TestKnobs, base: Clock = systemClock): Clock {
  const offset = knobs.clockOffsetMs;
  return offset === 0 ? base : { now: () => base.now() + offset };
}
