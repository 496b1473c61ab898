import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CompactionStep } from "../../plugin/store/file-store.js";
import { JOURNAL_FILE, SNAPSHOT_FILE } from "../../plugin/store/load.js";
import type { StoreWriter } from "../../plugin/store/store.js";
import { useStoreHarness } from "./helpers.js";

class SimulatedCrash extends Error {}

function fill(store: StoreWriter, from: number, count: number): void {
  for (let i = from; i < from + count; i++) {
    store.enqueue("sync-scene", { sceneId: String(i), reason: "bulk" });
    store.putSyncState(String(i), {
      ratingKeys: [`r${i}`],
      lastSyncedAt: i,
      desiredHash: null,
      imageHashes: {},
      lastChanges: [],
    });
  }
}

function fingerprint(store: StoreWriter, now: number): string {
  const jobs = store.listJobs({ perPage: 500 }, now).items.map((j) => `${j.key}:${j.attempts}`);
  return JSON.stringify({
    jobs: jobs.sort(),
    sync: [...store.syncStates().keys()].sort(),
    pins: store.pinnedRatingKey("1"),
  });
}

describe("snapshot compaction", () => {
  const h = useStoreHarness();

  it("empties the journal and loads the same state from the snapshot", async () => {
    let store = await h.writer();
    fill(store, 1, 30);
    const before = fingerprint(store, h.clock.now());
    store.compact();
    expect(readFileSync(path.join(h.dir, JOURNAL_FILE), "utf8")).toBe("");
    fill(store, 31, 2);
    await store.close();
    store = await h.writer();
    expect(store.syncStates().size).toBe(32);
    expect(fingerprint(store, h.clock.now())).not.toBe(before);
    await store.close();
  });

  it("compacts by itself when the journal passes the line limit", async () => {
    const store = await h.writer({ compactAfterLines: 10 });
    fill(store, 1, 6); // 12 commits
    const lines = readFileSync(path.join(h.dir, JOURNAL_FILE), "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBeLessThan(10);
    const header = readFileSync(path.join(h.dir, SNAPSHOT_FILE), "utf8").split("\n")[0] ?? "";
    expect(JSON.parse(header).seq).toBe(10);
    await store.close();
  });

  it.each<CompactionStep>(["snapshot", "reset-journal"])(
    "a crash before the %s step replays to the same facts, and the next compaction still works",
    async (step) => {
      let store = await h.writer();
      fill(store, 1, 10);
      store.compact(); // an earlier generation, so there is an old snapshot to replace
      fill(store, 11, 10);
      store.setPin("1", "p1");
      const expected = fingerprint(store, h.clock.now());
      await store.close();

      store = await h.writer({
        beforeCompactionStep: (at) => {
          if (at === step) throw new SimulatedCrash(at);
        },
      });
      expect(() => store.compact()).toThrow(SimulatedCrash);
      await store.close(); // the "crashed" process goes away without another write

      store = await h.writer();
      expect(fingerprint(store, h.clock.now())).toBe(expected);
      fill(store, 21, 1);
      store.compact();
      await store.close();
      store = await h.writer();
      expect(store.syncStates().size).toBe(21);
      await store.close();
    },
  );

  it("a crash mid-snapshot-write leaves a temp file that is ignored and swept", async () => {
    let store = await h.writer();
    fill(store, 1, 5);
    const expected = fingerprint(store, h.clock.now());
    await store.close();
    writeFileSync(path.join(h.dir, `${SNAPSHOT_FILE}.999.abcdef.tmp`), '{"format":1,"seq":99,"jo');
    store = await h.writer();
    expect(fingerprint(store, h.clock.now())).toBe(expected);
    expect(readdirSync(h.dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    await store.close();
  });

  it("a snapshot written but journal not yet emptied: old lines are skipped, not applied twice", async () => {
    let store = await h.writer();
    store.addStats({ succeeded: 1 });
    store.addStats({ succeeded: 1 });
    const journalBefore = readFileSync(path.join(h.dir, JOURNAL_FILE));
    store.compact();
    await store.close();
    writeFileSync(path.join(h.dir, JOURNAL_FILE), journalBefore); // as if the reset never happened
    store = await h.writer();
    expect(store.stats()).toEqual({ succeeded: 2 });
    store.addStats({ succeeded: 1 });
    await store.close();
    store = await h.writer();
    expect(store.stats()).toEqual({ succeeded: 3 });
    await store.close();
  });
});
