/**
 * The async shell of the pacer (rate-limit.ts): callers `await acquire()` for a permit and release it with
 * the outcome, or hand a call to `run()`. Waiters are served first come, first served: acquisitions form
 * one promise chain, and the head waits either for a token (an injected `sleep`) or for a slot (woken by a
 * release). Time and sleep are injected, so tests drive it with a fake clock.
 */
import type { Clock } from "../core/clock.js";
import type { Logger } from "../log/logger.js";
import { isPlexError } from "../plex/errors.js";
import { isCountedFailureKind } from "./breaker-state.js";
import { type PacerChange, type PacerFigures, pacerFigures, release } from "./pacer-feedback.js";
import {
  DEFAULT_PACER_OPTIONS,
  initialPacerState,
  noteGrant,
  type PacerOptions,
  type PacerState,
  startRamp,
  tryAcquire,
} from "./rate-limit.js";

export interface PacerInit {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  logger?: Logger;
  options?: Partial<PacerOptions>;
  /** When the last recovery happened (the end of the last outage), to resume its ramp. */
  rampStartedAt?: number | null;
}

export interface PacerPermit {
  /** Frees the slot; `outcome` null when the call says nothing about Plex (a bug of ours, a cancel). */
  release(outcome: { ok: boolean; latencyMs: number } | null): void;
}

export interface Pacer {
  acquire(signal?: AbortSignal): Promise<PacerPermit>;
  /**
   * Runs `fn` under a permit and samples its outcome: a PlexError of a kind that counts against the breaker
   * is an error; any other PlexError (not found, bad request) still shows Plex answering; other throws are
   * not sampled. The result or error passes through unchanged.
   */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Call when the breaker closes after an outage. */
  startRamp(): void;
  figures(): PacerFigures;
  readonly options: PacerOptions;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error("aborted");
}

export function createPacer(init: PacerInit): Pacer {
  const options: PacerOptions = { ...DEFAULT_PACER_OPTIONS, ...init.options };
  if (!(options.maxConcurrency >= 1)) {
    throw new RangeError(`Pacer maxConcurrency must be at least 1, got ${options.maxConcurrency}`);
  }
  let state: PacerState = initialPacerState(init.clock.now(), init.rampStartedAt ?? null, options);
  let line: Promise<unknown> = Promise.resolve();
  let wakeHead: (() => void) | null = null;

  const report = (change: PacerChange): void => {
    if (!change || !init.logger) return;
    const figures = pacerFigures(state, init.clock.now(), options);
    const pace = `${figures.ratePerSec.toFixed(1)}/s, ${figures.concurrency} at a time`;
    if (change.change === "backed_off") init.logger.warn(`Slowing Plex requests to ${pace} (${change.why})`);
    else init.logger.info(`Plex requests back up to ${pace} (${change.why})`);
  };

  const makePermit = (): PacerPermit => {
    let released = false;
    return {
      release(outcome) {
        if (released) return;
        released = true;
        const step = release(state, init.clock.now(), outcome, options);
        state = step.state;
        report(step.change);
        const wake = wakeHead;
        wakeHead = null;
        wake?.();
      },
    };
  };

  const waitForSlot = (signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      const onAbort = (): void => resolve();
      wakeHead = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    });

  const acquireInTurn = async (signal?: AbortSignal): Promise<PacerPermit> => {
    const requestedAt = init.clock.now();
    for (;;) {
      throwIfAborted(signal);
      const now = init.clock.now();
      const decision = tryAcquire(state, now, options);
      state = decision.state;
      if (decision.granted) {
        state = noteGrant(state, now - requestedAt);
        return makePermit();
      }
      if (decision.reason === "rate") await init.sleep(decision.waitMs);
      else await waitForSlot(signal);
    }
  };

  const acquire = (signal?: AbortSignal): Promise<PacerPermit> => {
    const turn = line.then(() => acquireInTurn(signal));
    line = turn.catch(() => undefined);
    return turn;
  };

  const run = async <T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    const permit = await acquire(signal);
    const started = init.clock.now();
    try {
      const result = await fn();
      permit.release({ ok: true, latencyMs: init.clock.now() - started });
      return result;
    } catch (e) {
      const latencyMs = init.clock.now() - started;
      permit.release(isPlexError(e) ? { ok: !isCountedFailureKind(e.kind), latencyMs } : null);
      throw e;
    }
  };

  return {
    acquire,
    run,
    startRamp: () => {
      state = startRamp(state, init.clock.now(), options);
    },
    figures: () => pacerFigures(state, init.clock.now(), options),
    options,
  };
}
