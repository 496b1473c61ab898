import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exited, useStoreChild } from "./child.js";
import { integrityCheck, rawDb, useStoreHarness } from "./helpers.js";

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

const ready = (file: string) => () => existsSync(file) && readFileSync(file, "utf8").startsWith("ready");

describe("store under SIGKILL", () => {
  const h = useStoreHarness();
  const children = useStoreChild();

  it(`keeps every acknowledged commit through ${TRIALS} kills of a drainer at random moments`, async () => {
    const allAcked: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const ackFile = path.join(h.dir, `acks-${trial}.txt`);
      const child = children.start(["crash-writer", h.dir, ackFile, String(trial * 1_000_000 + 1)]);
      const done = exited(child);
      await waitFor(ready(ackFile), 10_000);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 120));
      child.kill("SIGKILL");
      const { code, stderr } = await done;
      expect(stderr).toBe("");
      expect(code).toBeNull();
      allAcked.push(...acked(ackFile));

      expect(integrityCheck(h.dir)).toBe("ok");
      const store = await h.open();
      // The killed holder's pid is gone: the role is free at once, without waiting out the heartbeat.
      expect(store.drainerAlive()).toBe(false);
      for (const i of allAcked)
        expect(store.syncState(String(i))?.ratingKeys, `scene ${i}`).toEqual([`rk${i}`]);
      // Atomic batches: a scene with sync state never still has its job.
      const synced = rawDb(h.dir, (db) =>
        (db.prepare("SELECT scene_id AS id FROM sync_state").all() as Array<{ id: string }>).map((r) => r.id),
      );
      for (const sceneId of synced) expect(store.jobForScene(sceneId, Date.now()).jobs).toEqual([]);
      expect(store.stats().succeeded).toBe(synced.length);
      await store.close();
    }
    expect(allAcked.length).toBeGreaterThan(TRIALS);
    expect(h.warnings()).toEqual([]);
  }, 90_000);

  it("a bulk sync killed mid-enqueue keeps every acknowledged batch and no torn one", async () => {
    const allAcked: number[] = [];
    for (let trial = 0; trial < 5; trial++) {
      const ackFile = path.join(h.dir, `bulk-${trial}.txt`);
      const child = children.start(["bulk-holder", h.dir, ackFile, String(trial * 10_000)]);
      const done = exited(child);
      await waitFor(ready(ackFile), 10_000);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 150));
      child.kill("SIGKILL");
      expect((await done).stderr).toBe("");
      allAcked.push(...acked(ackFile));
      expect(integrityCheck(h.dir)).toBe("ok");
      const store = await h.open();
      // Each batch is one transaction: the count is a whole number of batches, at least the acknowledged ones.
      const held = store.heldCount();
      expect(held % 500).toBe(0);
      expect(held).toBeGreaterThanOrEqual(allAcked.length * 500);
      expect(held).toBeLessThanOrEqual((allAcked.length + trial + 1) * 500);
      for (const batch of allAcked)
        expect(store.jobForScene(String(batch * 500 + 499), Date.now()).held).toBe(true);
      await store.close();
    }
  }, 60_000);
});
