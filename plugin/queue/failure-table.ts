import type { Random } from "../core/clock.js";
import { fullJitterDelay } from "../core/full-jitter.js";
import type { Job, JobError } from "./job.js";

/**
 * The one place that says what each kind of failure costs, so retries, dead letters and the breaker cannot
 * disagree about a failure. Policies:
 * - `wait`: the job waits without spending an attempt (the claim's attempt is refunded); the breaker paces
 *   an outage, the delay here only spreads the jobs out;
 * - `retry`: full-jitter backoff, then dead letters when the attempts run out (`maxAttempts: "settings"` means
 *   `settings.max_retries`);
 * - `pause`: the whole queue pauses (the token was rejected); no attempt spent;
 * - `dead`: dead letters at once, with the reason.
 * `breaker`: whether the failure counts toward the circuit breaker (resilience/breaker-state.ts derives its
 * counted kinds from these flags). Not-found, permanent, Stash's and our own bugs never do: they say nothing
 * about Plex's health. rate_limited does: a stream of 429s is Plex asking for a pause.
 */
export type FailurePolicy =
  | { policy: "wait"; baseMs: number; capMs: number; breaker: boolean }
  | {
      policy: "retry";
      baseMs: number;
      capMs: number;
      maxAttempts: number | "settings";
      breaker: boolean;
      dropWhenSkipNotFound?: true;
    }
  | { policy: "pause"; breaker: false }
  | { policy: "dead"; breaker: false };

const TRANSIENT = {
  policy: "retry",
  baseMs: 5_000,
  capMs: 80_000,
  maxAttempts: "settings",
  breaker: true,
} as const;
const PERMANENT = { policy: "dead", breaker: false } as const;

export const FAILURE_TABLE = {
  server_down: { policy: "wait", baseMs: 5_000, capMs: 60_000, breaker: true },
  maintenance: { policy: "wait", baseMs: 5_000, capMs: 60_000, breaker: true },
  timeout: TRANSIENT,
  rate_limited: TRANSIENT,
  server_error: TRANSIENT,
  bad_response: TRANSIENT,
  /** Stash itself failed (unreachable, GraphQL error): retry, but it says nothing about Plex. */
  stash_error: { ...TRANSIENT, breaker: false },
  not_found: {
    policy: "retry",
    baseMs: 30_000,
    capMs: 600_000,
    maxAttempts: 12,
    breaker: false,
    dropWhenSkipNotFound: true,
  },
  auth: { policy: "pause", breaker: false },
  ambiguous: PERMANENT,
  bad_request: PERMANENT,
  no_file: PERMANENT,
  /** A stored payload this version cannot run. */
  bad_payload: PERMANENT,
  /** A bug of ours: surfaces as itself, never retried as if Plex were at fault. */
  internal: PERMANENT,
} as const satisfies Record<string, FailurePolicy>;

export type ErrorClass = keyof typeof FAILURE_TABLE;
/** The table's shape, for a copy with other timings (integration tests shrink them: worker/time-scale.ts). */
export type FailureTable = Readonly<Record<ErrorClass, FailurePolicy>>;
export const ERROR_CLASSES = Object.keys(FAILURE_TABLE) as ErrorClass[];

export function isErrorClass(value: unknown): value is ErrorClass {
  return typeof value === "string" && Object.hasOwn(FAILURE_TABLE, value);
}

/** Policy of a stored class; an unknown class (from a newer version) is treated as our own bug. */
export function policyFor(errorClass: string, table: FailureTable = FAILURE_TABLE): FailurePolicy {
  return isErrorClass(errorClass) ? table[errorClass] : table.internal;
}

export function countsTowardBreaker(errorClass: string): boolean {
  return policyFor(errorClass).breaker;
}

/** What to do with a job after a run. Produced by `decide` (or `{type: "done"}` on success). */
export type Settlement =
  | { type: "done" }
  /** Try again at runAt; `maxAttempts` is the failing class's limit, stored on the job. */
  | { type: "retry"; runAt: number; maxAttempts: number; error: JobError }
  /** Try again at runAt without spending an attempt. */
  | { type: "wait"; runAt: number; error: JobError }
  /** Pause the whole queue; the job stays, attempt refunded. */
  | { type: "pause"; error: JobError }
  | { type: "dead"; error: JobError }
  /** Forget the job (skip_not_found): no retry, no dead letter. */
  | { type: "drop"; error: JobError };

export interface DecideSettings {
  max_retries: number;
  skip_not_found: boolean;
}

/** Pure: the settlement for a failed run of `job` (whose `attempts` already counts this run). */
export function decide(
  job: Job,
  error: JobError,
  settings: DecideSettings,
  now: number,
  random: Random,
  table: FailureTable = FAILURE_TABLE,
): Settlement {
  const rule = policyFor(error.class, table);
  switch (rule.policy) {
    case "wait":
      return {
        type: "wait",
        runAt: now + fullJitterDelay(Math.max(1, job.attempts), rule, random),
        error,
      };
    case "pause":
      return { type: "pause", error };
    case "dead":
      return { type: "dead", error };
    case "retry": {
      if ("dropWhenSkipNotFound" in rule && settings.skip_not_found) return { type: "drop", error };
      const maxAttempts = rule.maxAttempts === "settings" ? settings.max_retries : rule.maxAttempts;
      if (job.attempts >= maxAttempts) {
        return {
          type: "dead",
          error: { ...error, message: `${error.message} (gave up after ${job.attempts} attempts)` },
        };
      }
      return {
        type: "retry",
        runAt: now + fullJitterDelay(Math.max(1, job.attempts), rule, random),
        maxAttempts,
        error,
      };
    }
  }
}
