import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach } from "vitest";
import type { Clock } from "../../../plugin/core/clock.js";
import { DB_FILE } from "../../../plugin/db/database.js";
import { isProcessAlive } from "../../../plugin/fs/process-alive.js";
import { createRecordingLogger } from "../../../plugin/log/recording-logger.js";
import { type OpenStoreOptions, openStore, type Store } from "../../../plugin/store/store.js";

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
 * store was left open, a drainer role row was left behind (graphile's "failed to release all workers") or the
 * database fails `PRAGMA integrity_check`.
 */
export interface StoreHarness {
  dir: string;
  clock: FakeClock;
  logger: ReturnType<typeof createRecordingLogger>;
  open(extra?: Extra, dir?: string): Promise<Store>;
  warnings(): string[];
}

/** Runs `fn` on a read-only raw connection to the folder's database. */
export function rawDb<T>(dir: string, fn: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(path.join(dir, DB_FILE), { readOnly: true, timeout: 5_000 });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function integrityCheck(dir: string): string {
  return rawDb(dir, (db) =>
    (db.prepare("PRAGMA integrity_check").all() as Array<{ integrity_check: string }>)
      .map((row) => row.integrity_check)
      .join("; "),
  );
}

export function useStoreHarness(): StoreHarness {
  const open = new Set<Store>();
  const harness: StoreHarness = {
    dir: "",
    clock: fakeClock(),
    logger: createRecordingLogger("Store"),
    async open(extra: Extra = {}, dir = harness.dir): Promise<Store> {
      const store = await openStore({ dir, clock: harness.clock, logger: harness.logger, ...extra });
      open.add(store);
      const close = store.close.bind(store);
      store.close = async () => {
        open.delete(store);
        await close();
      };
      return store;
    },
    warnings(): string[] {
      return harness.logger.lines
        .filter((l) => l.level === "warn" || l.level === "error")
        .map((l) => l.message);
    },
  };
  beforeEach(() => {
    harness.dir = mkdtempSync(path.join(os.tmpdir(), "s2p-store-"));
    harness.clock = fakeClock();
    harness.logger = createRecordingLogger("Store");
  });
  afterEach(async () => {
    const leaked = open.size;
    for (const store of [...open]) await store.close();
    let roleLeft = false;
    let integrity = "ok";
    try {
      // A SIGKILLed child's row may stay (its pid is gone, so the role is free); a live holder must not.
      const row = rawDb(harness.dir, (db) => db.prepare("SELECT pid FROM drainer").get()) as
        | { pid: number }
        | undefined;
      roleLeft = row !== undefined && isProcessAlive(row.pid);
      integrity = integrityCheck(harness.dir);
    } catch {
      // no database was created by this test
    }
    rmSync(harness.dir, { recursive: true, force: true });
    if (leaked > 0) throw new Error(`Current test failed to release ${leaked} store(s)`);
    if (roleLeft) throw new Error("Current test left a drainer role behind");
    if (integrity !== "ok") throw new Error(`The database failed integrity_check: ${integrity}`);
  });
  return harness;
}
