import { existsSync, readFileSync, utimesSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCK_NAME } from "../../plugin/store/lock.js";
import { exited, useStoreChild } from "./child.js";
import { useStoreHarness } from "./helpers.js";

const TRIALS = 20;

function acked(file: string): number[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => /^\d+$/.test(line))
    .map(Number);
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("child did not get ready in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("store under SIGKILL", () => {
  const h = useStoreHarness();
  const children = useStoreChild();

  it(`keeps every acknowledged commit through ${TRIALS} kills at random moments`, async () => {
    const allAcked: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const ackFile = path.join(h.dir, `acks-${trial}.txt`);
      const child = children.start(["crash-writer", h.dir, ackFile, String(trial * 1_000_000 + 1)]);
      const done = exited(child);
      await waitFor(() => existsSync(ackFile) && readFileSync(ackFile, "utf8").startsWith("ready"), 10_000);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 120));
      child.kill("SIGKILL");
      const { code, stderr } = await done;
      expect(stderr).toBe("");
      expect(code).toBeNull();
      allAcked.push(...acked(ackFile));

      // The killed holder no longer refreshes its lock; age it past `stale` instead of waiting 15 s.
      const old = new Date(Date.now() - 60_000);
      utimesSync(path.join(h.dir, LOCK_NAME), old, old);
      const store = await h.writer();
      for (const i of allAcked)
        expect(store.syncState(String(i))?.ratingKeys, `scene ${i}`).toEqual([`rk${i}`]);
      // Atomic batches: a scene with sync state never still has its job.
      for (const sceneId of store.syncStates().keys())
        expect(store.jobForScene(sceneId, Date.now()).jobs).toEqual([]);
      expect(store.stats().succeeded).toBe(store.syncStates().size);
      await store.close();
    }
    expect(allAcked.length).toBeGreaterThan(TRIALS);
  }, 60_000);
});
