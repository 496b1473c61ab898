import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import type { Clock } from "../../plugin/core/clock.js";
import { createRecordingLogger } from "../../plugin/log/recording-logger.js";
import { type OpenStoreOptions, openStore } from "../../plugin/store/file-store.js";
import { LOCK_NAME } from "../../plugin/store/lock.js";
import type { StoreReader, StoreWriter } from "../../plugin/store/store.js";

export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

export function fakeClock(start = 1_700_000_000_000): FakeClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    set: (ms) => {
      now = ms;
    },
  };
}

type Extra = Partial<Omit<OpenStoreOptions, "dir" | "clock" | "logger">>;

/**
 * A temp data folder per test, a fake clock and a recording logger. After each test it fails the test if a
 * store was left open or a worker lock was left behind (graphile's "failed to release all workers").
 */
export interface StoreHarness {
  dir: string;
  clock: FakeClock;
  logger: ReturnType<typeof createRecordingLogger>;
  writer(extra?: Extra, dir?: string): Promise<StoreWriter>;
  reader(extra?: Extra, dir?: string): Promise<StoreReader>;
  warnings(): string[];
}

export function useStoreHarness(): StoreHarness {
  const open = new Set<StoreReader>();
  const harness: StoreHarness = {
    dir: "",
    clock: fakeClock(),
    logger: createRecordingLogger("Store"),
    async writer(extra: Extra = {}, dir = harness.dir): Promise<StoreWriter> {
      const store = await openStore({
        dir,
        clock: harness.clock,
        logger: harness.logger,
        mode: "writer",
        ...extra,
      });
      return track(store);
    },
    async reader(extra: Extra = {}, dir = harness.dir): Promise<StoreReader> {
      const store = await openStore({
        dir,
        clock: harness.clock,
        logger: harness.logger,
        mode: "reader",
        ...extra,
      });
      return track(store);
    },
    warnings(): string[] {
      return harness.logger.lines
        .filter((l) => l.level === "warn" || l.level === "error")
        .map((l) => l.message);
    },
  };
  function track<T extends StoreReader>(store: T): T {
    open.add(store);
    const close = store.close.bind(store);
    store.close = async () => {
      open.delete(store);
      await close();
    };
    return store;
  }
  beforeEach(() => {
    harness.dir = mkdtempSync(path.join(os.tmpdir(), "s2p-store-"));
    harness.clock = fakeClock();
    harness.logger = createRecordingLogger("Store");
  });
  afterEach(async () => {
    const leaked = open.size;
    for (const store of [...open]) await store.close();
    const lockLeft = existsSync(path.join(harness.dir, LOCK_NAME));
    rmSync(harness.dir, { recursive: true, force: true });
    if (leaked > 0) throw new Error(`Current test failed to release ${leaked} store(s)`);
    if (lockLeft) throw new Error("Current test left a worker lock behind");
  });
  return harness;
}
