/**
 * The Plex circuit breaker as a pure state machine: every decision is a function of (state, event, now).
 *
 * Why not cockatiel's CircuitBreakerPolicy (https://github.com/connor4312/cockatiel; its state can be saved):
 *  1. it reads `Date.now()` itself, for `openedAt` and for the half-open check, and takes no clock, so a
 *     test cannot set the time and two processes cannot agree on an injected one;
 *  2. it is shaped around `execute(fn)`, but the drainer must ask *before* claiming a job, and failures
 *     arrive already classified by the queue's failure table;
 *  3. half-open exists only in memory (persisted as Open with `openedAt: 0`).
 * So our own discriminated union is the persisted truth (breaker.ts), and cockatiel stays the vocabulary at
 * the call boundary: a refused call throws cockatiel's `BrokenCircuitError`, recognised by its
 * `isBrokenCircuitError` flag (class names do not survive minifying).
 *
 * States (BREAKER_STATES):
 *  - closed: attempts run. A counted failure adds 1 to `failures`, a success resets it; failure number
 *    `failureThreshold` (5) opens the breaker.
 *  - open: attempts are refused. Entered from closed at the threshold or from half_open on a failure.
 *    `GET /identity` probes run at `nextProbeAt` (full jitter, base 5 s, cap 60 s): a probe success goes
 *    half_open at once (the probe, not a timer, says Plex is back); a failure schedules the next probe.
 *    Once `halfOpenAfter` (60 s) has passed since `openedAt`, an open state *reads* as half_open — no
 *    write needed, so whichever process looks next sees it. A clock earlier than `openedAt` (the clock
 *    moved back, or another host wrote it) also reads as half_open: one trial decides.
 *  - half_open: attempts run as trials. The first success closes the breaker (the outage ends); the
 *    first counted failure re-opens it (the same outage goes on: one record, not two).
 */
import type { Random } from "../core/clock.js";
import { fullJitterDelay, type JitterOptions } from "../core/full-jitter.js";
import {
  countsTowardBreaker,
  ERROR_CLASSES,
  type ErrorClass,
  type FAILURE_TABLE,
} from "../queue/failure-table.js";
import { PROBE_BACKOFF } from "./jitter.js";

export const BREAKER_STATES = {
  closed: "attempts run; counted failures add up until the threshold opens the breaker",
  open: "attempts are refused; /identity probes with backoff; half-opens on a probe success or after 60 s",
  half_open: "attempts run as trials; a success closes, a counted failure re-opens",
} as const;
export type BreakerStateName = keyof typeof BREAKER_STATES;

/**
 * Failure kinds that say Plex (or the way to it) is unwell: the failure table's classes marked `breaker: true`
 * (queue/failure-table.ts says why each one is or is not).
 */
export type CountedFailureKind = {
  [K in ErrorClass]: (typeof FAILURE_TABLE)[K]["breaker"] extends true ? K : never;
}[ErrorClass];

export function isCountedFailureKind(kind: unknown): kind is CountedFailureKind {
  return typeof kind === "string" && countsTowardBreaker(kind);
}

export const COUNTED_FAILURE_KINDS = ERROR_CLASSES.filter(isCountedFailureKind) as [
  CountedFailureKind,
  ...CountedFailureKind[],
];

export type BreakerState =
  | { state: "closed"; failures: number }
  | {
      state: "open";
      openedAt: number;
      failures: number;
      /** The failure that opened it (for the UI: "Plex is down" vs "in maintenance"). */
      reason: CountedFailureKind;
      /** Failed probes since opening; drives the probe backoff. */
      probes: number;
      nextProbeAt: number;
    }
  | { state: "half_open"; since: number };

export type OpenState = Extract<BreakerState, { state: "open" }>;

export interface BreakerOptions {
  failureThreshold: number;
  halfOpenAfterMs: number;
  probeBackoff: JitterOptions;
}

/**
 * The original plugin's values (https://github.com/trek-e/Stash2Plex): 5 counted failures, half-open after 60 s,
 * probes 5 s → 60 s.
 */
export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = {
  failureThreshold: 5,
  halfOpenAfterMs: 60_000,
  probeBackoff: PROBE_BACKOFF,
};

export const CLOSED: BreakerState = Object.freeze({ state: "closed", failures: 0 });

/** What an event changed; the shell logs it and starts or ends the outage record. */
export type BreakerTransition = "opened" | "reopened" | "half_opened" | "closed";

export interface BreakerStep {
  state: BreakerState;
  transition: BreakerTransition | null;
}

/** The state as of `now`: an open state whose time is up reads as half_open. */
export function effectiveState(state: BreakerState, now: number, options: BreakerOptions): BreakerState {
  if (state.state !== "open") return state;
  const elapsed = now - state.openedAt;
  if (elapsed < 0) return { state: "half_open", since: now };
  if (elapsed >= options.halfOpenAfterMs) {
    return { state: "half_open", since: state.openedAt + options.halfOpenAfterMs };
  }
  return state;
}

export function canAttempt(state: BreakerState, now: number, options: BreakerOptions): boolean {
  return effectiveState(state, now, options).state !== "open";
}

function open(
  now: number,
  failures: number,
  reason: CountedFailureKind,
  options: BreakerOptions,
  random: Random,
): OpenState {
  const firstProbeIn = fullJitterDelay(1, options.probeBackoff, random);
  return { state: "open", openedAt: now, failures, reason, probes: 0, nextProbeAt: now + firstProbeIn };
}

/** A success: a job that went through, or a probe that Plex answered. */
export function onSuccess(state: BreakerState, now: number, options: BreakerOptions): BreakerStep {
  const current = effectiveState(state, now, options);
  switch (current.state) {
    case "closed":
      return current.failures === 0
        ? { state: current, transition: null }
        : { state: CLOSED, transition: null };
    case "half_open":
      return { state: CLOSED, transition: "closed" };
    case "open":
      // Only a probe can succeed while open (attempts are refused): Plex answers, so let a trial through.
      return { state: { state: "half_open", since: now }, transition: "half_opened" };
  }
}

/** A failure of `kind`; kinds that do not count leave the state as it is. */
export function onFailure(
  state: BreakerState,
  kind: string,
  now: number,
  options: BreakerOptions,
  random: Random,
): BreakerStep {
  if (!isCountedFailureKind(kind)) return { state, transition: null };
  const current = effectiveState(state, now, options);
  switch (current.state) {
    case "closed": {
      const failures = current.failures + 1;
      if (failures < options.failureThreshold)
        return { state: { state: "closed", failures }, transition: null };
      return { state: open(now, failures, kind, options, random), transition: "opened" };
    }
    case "half_open":
      return { state: open(now, 1, kind, options, random), transition: "reopened" };
    case "open": {
      // A failed probe, or a job that was already in flight when the breaker opened.
      const probes = current.probes + 1;
      const delay = fullJitterDelay(probes + 1, options.probeBackoff, random);
      return {
        state: { ...current, failures: current.failures + 1, probes, nextProbeAt: now + delay },
        transition: null,
      };
    }
  }
}

/**
 * When the drainer should next probe Plex: null while closed (no probing), `now` when a trial is due
 * (half_open), else the earlier of the scheduled probe and the end of the half-open wait.
 */
export function nextProbeAt(state: BreakerState, now: number, options: BreakerOptions): number | null {
  const current = effectiveState(state, now, options);
  switch (current.state) {
    case "closed":
      return null;
    case "half_open":
      return now;
    case "open":
      return Math.max(now, Math.min(current.nextProbeAt, current.openedAt + options.halfOpenAfterMs));
  }
}
