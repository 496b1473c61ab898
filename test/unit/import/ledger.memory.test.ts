import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openFileLedger } from "../../../plugin/import/file-ledger.js";
import { createMemoryLedger, type ImportLedger } from "../../../plugin/import/ledger.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "s2p-ledger-"));
  dirs.push(dir);
  return dir;
}

function exercise(open: () => ImportLedger) {
  const ledger = open();
  expect(ledger.acquireLease("run-a", 1_000, 60_000)).toBe(true);
  expect(open().acquireLease("run-b", 2_000, 60_000)).toBe(false);
  ledger.recordIntents([
    { key: "k1", sceneId: "1", viewedAt: 100 },
    { key: "k2", sceneId: "1", viewedAt: 200 },
  ]);
  ledger.settle(["k1"], 100);
  const reopened = open();
  expect(reopened.pending()).toEqual([{ key: "k2", sceneId: "1", viewedAt: 200 }]);
  expect(reopened.isSeen("k1") && reopened.isSeen("k2")).toBe(true);
  expect(reopened.highWater()).toBe(100);
  reopened.settle(["k2"], 200);
  reopened.prune(150);
  const last = open();
  expect(last.isSeen("k1")).toBe(false);
  expect(last.isSeen("k2")).toBe(true);
  expect(last.highWater()).toBe(200);
  // An expired lease (its run was killed) is taken over.
  expect(open().acquireLease("run-b", 61_001, 60_000)).toBe(true);
}

describe("ImportLedger", () => {
  it("in memory: intents, settling, high-water mark, pruning, lease", () => {
    const shared = createMemoryLedger();
    exercise(() => shared);
  });

  it("the interim file ledger keeps the same state across processes (re-opened from disk)", () => {
    const dir = tempDir();
    exercise(() => openFileLedger(dir));
  });
});
