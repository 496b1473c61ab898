import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importLedgerOf } from "../../../plugin/import/ledger-table.js";
import { createMemoryLedger, type ImportLedger } from "../../../plugin/import-rules/ledger.js";
import { silentLogger } from "../../../plugin/log/silent-logger.js";
import { openStore, type Store } from "../../../plugin/store/index.js";

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "s2p-ledger-"));
  dirs.push(dir);
  return dir;
}

async function storeLedger(dir: string): Promise<ImportLedger> {
  const store = await openStore({ dir, clock: { now: () => 0 }, logger: silentLogger });
  stores.push(store);
  return importLedgerOf(store.database);
}

/** Each `open()` is another process's view of the same ledger. */
async function exercise(open: () => Promise<ImportLedger>) {
  const ledger = await open();
  expect(ledger.acquireLease("run-a", 1_000, 60_000)).toBe(true);
  expect((await open()).acquireLease("run-b", 2_000, 60_000)).toBe(false);
  ledger.recordIntents([
    { key: "k1", sceneId: "1", viewedAt: 100 },
    { key: "k2", sceneId: "1", viewedAt: 200 },
  ]);
  ledger.settle(["k1"], 100);
  const reopened = await open();
  expect(reopened.pending()).toEqual([{ key: "k2", sceneId: "1", viewedAt: 200 }]);
  expect(reopened.isSeen("k1") && reopened.isSeen("k2")).toBe(true);
  expect(reopened.highWater()).toBe(100);
  reopened.settle(["k2"], 200);
  reopened.settle([], 150); // the mark never moves back
  reopened.prune(150);
  const last = await open();
  expect(last.isSeen("k1")).toBe(false);
  expect(last.isSeen("k2")).toBe(true);
  expect(last.highWater()).toBe(200);
  // An expired lease (its run was killed) is taken over.
  expect((await open()).acquireLease("run-b", 61_001, 60_000)).toBe(true);
}

describe("ImportLedger", () => {
  it("in memory: intents, settling, high-water mark, pruning, lease", async () => {
    const shared = createMemoryLedger();
    await exercise(async () => shared);
  });

  it("in the store's database (migration 2): the same, seen from several connections", async () => {
    const dir = tempDir();
    await exercise(() => storeLedger(dir));
    const report = {
      at: 5,
      trigger: "manual" as const,
      playsAdded: 3,
      playsSkipped: 0,
      playsUnmatched: 0,
      playsAmbiguous: 0,
      playsRecovered: 0,
      resumeUpdated: 0,
      ratingsUpdated: 0,
      ratingsKept: 0,
      durationMs: 1,
    };
    (await storeLedger(dir)).saveReport(report);
    expect((await storeLedger(dir)).lastReport()).toEqual(report);
  });

  it("a lease whose process is gone is free before it expires; a live one is not", async () => {
    const dir = tempDir();
    const a = await storeLedger(dir);
    const dead = 2 ** 22 + 12345; // beyond any pid this machine hands out
    expect(a.acquireLease(`${dead}-old`, 1_000, 60_000)).toBe(true);
    expect((await storeLedger(dir)).acquireLease(`${process.pid}-new`, 2_000, 60_000)).toBe(true);
    expect((await storeLedger(dir)).acquireLease(`${process.pid}-third`, 3_000, 60_000)).toBe(false);
  });
});
