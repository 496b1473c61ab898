/**
 * Health probe while the breaker is open: `GET /identity`, which Plex answers only once its database is up
 * (503 during start-up and migrations — a TCP or `/` check would say "healthy" too early). It is
 * unauthenticated, so a probe never spends or exposes the token.
 *
 * The probe also compares the server's machineIdentifier with the last one seen: a different one means a
 * different Plex server now answers at the configured URL (a reinstalled server, or the address now points
 * elsewhere), and the ratingKeys we stored may mean nothing there — worth a warning, not a silent "healthy".
 *
 * Create the client it uses with the probe timeout (5 s, the original plugin's) as connect/read timeouts.
 */
import type { Clock, Random } from "../core/clock.js";
import { fullJitterDelay, type JitterOptions } from "../core/full-jitter.js";
import type { Logger } from "../log/logger.js";
import type { CallOptions } from "../plex/client.js";
import { isPlexError, type PlexErrorKind } from "../plex/errors.js";
import type { PlexIdentity } from "../plex/schemas.js";
import { PROBE_BACKOFF } from "./jitter.js";

export interface IdentitySource {
  identity(call?: CallOptions): Promise<PlexIdentity>;
}

export type ProbeResult =
  | {
      ok: true;
      latencyMs: number;
      version: string;
      machineIdentifier: string;
      /** The machineIdentifier seen before, when a different one answers now. */
      changedFrom: string | null;
    }
  | { ok: false; latencyMs: number; kind: PlexErrorKind; message: string };

export interface ProbeOptions {
  clock: Clock;
  logger: Logger;
  /** The machineIdentifier seen last (saved by the caller), to notice a different server. */
  lastMachineIdentifier?: string | null;
  signal?: AbortSignal;
}

/** One probe. A PlexError becomes `ok: false`; any other throw is a bug of ours and passes through. */
export async function probePlex(source: IdentitySource, options: ProbeOptions): Promise<ProbeResult> {
  const started = options.clock.now();
  try {
    const identity = await source.identity(options.signal ? { signal: options.signal } : {});
    const latencyMs = Math.max(0, options.clock.now() - started);
    const last = options.lastMachineIdentifier ?? null;
    const changedFrom = last !== null && last !== identity.machineIdentifier ? last : null;
    if (changedFrom !== null) {
      options.logger.warn(
        `A different Plex server answers at this URL: machineIdentifier ${identity.machineIdentifier} ` +
          `(was ${changedFrom}). Check the Plex URL; items synced before may not exist on this server.`,
      );
    }
    return {
      ok: true,
      latencyMs,
      version: identity.version,
      machineIdentifier: identity.machineIdentifier,
      changedFrom,
    };
  } catch (e) {
    if (!isPlexError(e)) throw e;
    return {
      ok: false,
      latencyMs: Math.max(0, options.clock.now() - started),
      kind: e.kind,
      message: e.message,
    };
  }
}

/** The pause before probe number `attempt + 1` after `attempt` failed probes (full jitter, 5 s → 60 s). */
export function probeDelay(attempt: number, random: Random, backoff: JitterOptions = PROBE_BACKOFF): number {
  return fullJitterDelay(attempt, backoff, random);
}

export interface ProbeLoopOptions extends ProbeOptions {
  random: Random;
  /** Resolves after `ms` (a fake in tests); should reject or resolve early when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  maxAttempts: number;
  backoff?: JitterOptions;
  /** Called after every probe (the shell feeds the breaker and the health figures from here). */
  onResult?: (result: ProbeResult, attempt: number) => void;
}

/**
 * Probes until Plex answers or `maxAttempts` probes failed, pausing with full jitter between them.
 * Returns the last result. Stops early (returning the last result) when `signal` aborts.
 */
export async function probeUntilHealthy(
  source: IdentitySource,
  options: ProbeLoopOptions,
): Promise<ProbeResult> {
  let attempt = 0;
  for (;;) {
    attempt += 1;
    const result = await probePlex(source, options);
    options.onResult?.(result, attempt);
    if (result.ok || attempt >= options.maxAttempts || options.signal?.aborted) return result;
    await options.sleep(probeDelay(attempt, options.random, options.backoff), options.signal);
    if (options.signal?.aborted) return result;
  }
}
