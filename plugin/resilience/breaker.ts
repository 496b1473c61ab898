/**
 * The persisted Plex circuit breaker: the pure machine of breaker-state.ts plus persistence, logging and a
 * cockatiel-compatible `execute`. Every Stash invocation is a new process, so the state is saved after each
 * change (through the injected `save`) and parsed back on start; a saved value that does not fit the schema
 * becomes Closed with a warning rather than stopping the plugin. Time always comes in as `now` (epoch ms), so
 * the `openedAt` one process writes is compared with the next process's clock, and tests set it directly.
 */
import { BrokenCircuitError } from "cockatiel";
import { z } from "zod";
import type { Clock, Random } from "../core/clock.js";
import type { Logger } from "../log/logger.js";
import { isPlexError } from "../plex/errors.js";
import {
  type BreakerOptions,
  type BreakerState,
  type BreakerStateName,
  type BreakerStep,
  type BreakerTransition,
  CLOSED,
  COUNTED_FAILURE_KINDS,
  type CountedFailureKind,
  canAttempt,
  DEFAULT_BREAKER_OPTIONS,
  effectiveState,
  nextProbeAt,
  onFailure,
  onSuccess,
} from "./breaker-state.js";
import { formatDuration } from "./duration.js";

const epochMs = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();

export const breakerStateSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("closed"), failures: count }),
  z.object({
    state: z.literal("open"),
    openedAt: epochMs,
    failures: count,
    reason: z.enum(COUNTED_FAILURE_KINDS),
    probes: count,
    nextProbeAt: epochMs,
  }),
  z.object({ state: z.literal("half_open"), since: epochMs }),
]);

/** What `save` receives and `load` should give back. */
export const breakerJsonSchema = z.object({ version: z.literal(1), breaker: breakerStateSchema });
export type BreakerJson = z.output<typeof breakerJsonSchema>;

/** Parses a saved value; anything that does not fit is Closed, with the reason. */
export function parseBreakerJson(value: unknown): { state: BreakerState; problem: string | null } {
  if (value === null || value === undefined) return { state: CLOSED, problem: null };
  const parsed = breakerJsonSchema.safeParse(value);
  if (parsed.success) return { state: parsed.data.breaker, problem: null };
  const where = parsed.error.issues[0]?.path.map(String).join(".") || "(root)";
  return { state: CLOSED, problem: `saved breaker state is not valid at ${where}` };
}

/** For the UI and status reports: plain data, valid JSON. */
export const breakerSnapshotSchema = z.object({
  state: z.enum(["closed", "open", "half_open"]),
  failures: count,
  failureThreshold: count,
  openedAt: epochMs.nullable(),
  reason: z.enum(COUNTED_FAILURE_KINDS).nullable(),
  halfOpenAt: epochMs.nullable(),
  nextProbeAt: epochMs.nullable(),
  probes: count,
});
export type BreakerSnapshot = z.output<typeof breakerSnapshotSchema>;

export interface BreakerPersistence {
  load(): unknown | null;
  save(json: BreakerJson): void;
}

export interface CircuitBreakerInit {
  random: Random;
  logger: Logger;
  persistence?: BreakerPersistence;
  options?: Partial<BreakerOptions>;
  /** Called after every transition (the shell starts or ends the outage record here). */
  onTransition?: (transition: BreakerTransition, state: BreakerState, now: number) => void;
}

const TRANSITION_LINES: Record<BreakerTransition, (state: BreakerState) => string> = {
  opened: (s) =>
    s.state === "open"
      ? `Circuit OPEN after ${s.failures} consecutive failures (${s.reason}): jobs wait, probing Plex`
      : "Circuit OPEN",
  reopened: (s) =>
    s.state === "open" ? `Circuit OPEN again: the trial failed (${s.reason})` : "Circuit OPEN again",
  half_opened: () => "Circuit HALF-OPEN: Plex answers again, trying jobs",
  closed: () => "Circuit CLOSED: Plex recovered",
};

export class PlexCircuitBreaker {
  private state: BreakerState;
  private readonly options: BreakerOptions;

  private constructor(
    state: BreakerState,
    private readonly init: CircuitBreakerInit,
  ) {
    this.state = state;
    this.options = { ...DEFAULT_BREAKER_OPTIONS, ...init.options };
  }

  /** Loads the saved state (Closed when there is none or it does not fit, with a warning). */
  static restore(init: CircuitBreakerInit): PlexCircuitBreaker {
    return PlexCircuitBreaker.fromJSON(init.persistence?.load() ?? null, init);
  }

  static fromJSON(json: unknown, init: CircuitBreakerInit): PlexCircuitBreaker {
    const { state, problem } = parseBreakerJson(json);
    if (problem) init.logger.warn(`Circuit breaker reset to CLOSED: ${problem}`);
    return new PlexCircuitBreaker(state, init);
  }

  toJSON(): BreakerJson {
    return { version: 1, breaker: this.state };
  }

  /** The state as of `now` (an expired open state reads as half_open). */
  stateAt(now: number): BreakerStateName {
    return effectiveState(this.state, now, this.options).state;
  }

  canAttempt(now: number): boolean {
    return canAttempt(this.state, now, this.options);
  }

  recordSuccess(now: number): BreakerTransition | null {
    return this.apply(onSuccess(this.state, now, this.options), now);
  }

  /** Counts only the kinds in COUNTED_FAILURE_KINDS; returns the transition it caused, if any. */
  recordFailure(kind: string, now: number): BreakerTransition | null {
    return this.apply(onFailure(this.state, kind, now, this.options, this.init.random), now);
  }

  nextProbeAt(now: number): number | null {
    return nextProbeAt(this.state, now, this.options);
  }

  snapshot(now: number): BreakerSnapshot {
    const current = effectiveState(this.state, now, this.options);
    const opened = this.state.state === "open" ? this.state : null;
    return {
      state: current.state,
      failures: current.state === "half_open" ? (opened?.failures ?? 0) : current.failures,
      failureThreshold: this.options.failureThreshold,
      openedAt: opened?.openedAt ?? null,
      reason: opened?.reason ?? null,
      halfOpenAt: current.state === "half_open" ? current.since : null,
      nextProbeAt: this.nextProbeAt(now),
      probes: opened?.probes ?? 0,
    };
  }

  /**
   * Runs `fn` through the breaker: refused with cockatiel's BrokenCircuitError while open; a PlexError of
   * a counted kind is recorded as a failure; any other throw passes through unrecorded (a bug of ours or a
   * not-found says nothing about Plex's health). The error is always re-thrown unchanged.
   */
  async execute<T>(fn: () => Promise<T>, clock: Clock): Promise<T> {
    const started = clock.now();
    if (!this.canAttempt(started)) {
      const next = this.nextProbeAt(started);
      const wait = next === null ? "" : `; next probe in ${formatDuration(next - started)}`;
      throw new BrokenCircuitError(`Plex circuit is open${wait}`);
    }
    let result: T;
    try {
      result = await fn();
    } catch (e) {
      if (isPlexError(e)) this.recordFailure(e.kind, clock.now());
      throw e;
    }
    this.recordSuccess(clock.now());
    return result;
  }

  private apply(step: BreakerStep, now: number): BreakerTransition | null {
    const changed = step.state !== this.state;
    this.state = step.state;
    if (changed) this.init.persistence?.save(this.toJSON());
    if (step.transition) {
      const line = TRANSITION_LINES[step.transition](step.state);
      if (step.transition === "opened" || step.transition === "reopened") this.init.logger.warn(line);
      else this.init.logger.info(line);
      this.init.onTransition?.(step.transition, step.state, now);
    }
    return step.transition;
  }
}

export type { CountedFailureKind };
