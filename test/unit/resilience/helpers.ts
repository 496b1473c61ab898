import type { Clock, Random } from "../../../plugin/core/clock.js";
import { createRecordingLogger } from "../../../plugin/log/recording-logger.js";
import type { BreakerJson, BreakerPersistence } from "../../../plugin/resilience/index.js";

export const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

/** A clock that moves only when told to. */
export function fakeClock(start = T0): Clock & { set(ms: number): void; advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** mulberry32: a small seeded generator, for property loops that must be reproducible. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const constant =
  (value: number): Random =>
  () =>
    value;

/** Persistence kept in memory as a JSON string, exactly as a file would hold it. */
export function memoryPersistence(initial: string | null = null): BreakerPersistence & {
  text: string | null;
  saves: number;
} {
  const store = {
    text: initial,
    saves: 0,
    load: (): unknown | null => (store.text === null ? null : JSON.parse(store.text)),
    save: (json: BreakerJson): void => {
      store.text = JSON.stringify(json);
      store.saves += 1;
    },
  };
  return store;
}

export const recordingLogger = createRecordingLogger;
