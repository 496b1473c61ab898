import { z } from "zod";
import type { Clock, Random } from "../core/clock.js";
import type { Logger } from "../log/logger.js";
import type { BreakerOptions } from "../resilience/breaker-state.js";
import {
  endOutage,
  type OutageHistory,
  outageRecordSchema,
  PlexCircuitBreaker,
  parseOutageHistory,
  startOutage,
} from "../resilience/index.js";
import type { Store } from "../store/index.js";

/**
 * The resilience facts kept in the store as one opaque value: the breaker, the outage history and the last
 * health probe. One value (rather than separate facts) so a transition and its outage record commit together.
 */
export const healthSchema = z.object({
  lastCheckAt: z.number().nullable(),
  ok: z.boolean().nullable(),
  latencyMs: z.number().nullable(),
  version: z.string().nullable(),
  machineIdentifier: z.string().nullable(),
});
export type Health = z.infer<typeof healthSchema>;

const resilienceSchema = z.object({
  breaker: z.unknown().nullable(),
  outages: z.array(outageRecordSchema).catch([]),
  health: healthSchema.catch(emptyHealth()),
});
export type ResilienceState = z.infer<typeof resilienceSchema>;

export function emptyHealth(): Health {
  return { lastCheckAt: null, ok: null, latencyMs: null, version: null, machineIdentifier: null };
}

export function readResilience(store: Store): ResilienceState {
  const parsed = resilienceSchema.safeParse(store.breaker());
  if (!parsed.success) return { breaker: null, outages: [], health: emptyHealth() };
  return { ...parsed.data, outages: parseOutageHistory(parsed.data.outages).history };
}

export interface LiveResilience {
  breaker: PlexCircuitBreaker;
  outages(): OutageHistory;
  health(): Health;
  setHealth(health: Health): void;
  /** End of the last completed outage (to resume the pacer's ramp). */
  lastRecoveryAt(): number | null;
}

/** Restores the breaker from the store and keeps breaker + outages + health persisted on every change. */
export function openResilience(
  store: Store,
  deps: {
    clock: Clock;
    random: Random;
    logger: Logger;
    onClosed?: () => void;
    options?: Partial<BreakerOptions>;
  },
): LiveResilience {
  let state = readResilience(store);
  const save = () => store.setBreaker(state);
  const breaker = PlexCircuitBreaker.fromJSON(state.breaker, {
    random: deps.random,
    logger: deps.logger.child("CircuitBreaker"),
    ...(deps.options ? { options: deps.options } : {}),
    persistence: {
      load: () => state.breaker,
      save: (json) => {
        state = { ...state, breaker: json };
        save();
      },
    },
    onTransition: (transition, breakerState, now) => {
      if (transition === "opened") {
        const reason = breakerState.state === "open" ? breakerState.reason : undefined;
        const machineIdentifier = state.health.machineIdentifier ?? undefined;
        state = { ...state, outages: [...startOutage(state.outages, now, { reason, machineIdentifier })] };
        save();
      } else if (transition === "closed") {
        state = { ...state, outages: [...endOutage(state.outages, now)] };
        save();
        deps.onClosed?.();
      }
    },
  });
  return {
    breaker,
    outages: () => state.outages,
    health: () => state.health,
    setHealth: (health) => {
      state = { ...state, health };
      save();
    },
    lastRecoveryAt: () => {
      const ended = state.outages.filter((o) => o.end !== null).map((o) => o.end as number);
      return ended.length ? Math.max(...ended) : null;
    },
  };
}
