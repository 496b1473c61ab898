import { existsSync, utimesSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isWriterAlive, LOCK_NAME, LockBusyError } from "../../plugin/store/lock.js";
import { StoreFailedError, StoreReadOnlyError, type StoreWriter } from "../../plugin/store/store.js";
import { useStoreHarness } from "./helpers.js";

const sync = (sceneId: string) => ({ sceneId, reason: "update" as const });

describe("worker lock and readers", () => {
  const h = useStoreHarness();

  it("two writers racing: exactly one gets the lock, every round", async () => {
    for (let round = 0; round < 10; round++) {
      const results = await Promise.allSettled([h.writer(), h.writer()]);
      const winners = results.filter(
        (r): r is PromiseFulfilledResult<StoreWriter> => r.status === "fulfilled",
      );
      const losers = results.filter((r) => r.status === "rejected");
      expect(winners).toHaveLength(1);
      expect((losers[0] as PromiseRejectedResult).reason).toBeInstanceOf(LockBusyError);
      await winners[0]!.value.close();
      expect(existsSync(path.join(h.dir, LOCK_NAME))).toBe(false);
    }
  });

  it("isWriterAlive is true only while a writer holds a fresh lock", async () => {
    expect(await isWriterAlive(h.dir)).toBe(false);
    const store = await h.writer();
    expect(await isWriterAlive(h.dir)).toBe(true);
    await store.close();
    expect(await isWriterAlive(h.dir)).toBe(false);
  });

  it("a lock abandoned by a killed holder counts as not alive and can be taken over", async () => {
    const first = await h.writer();
    const lockDir = path.join(h.dir, LOCK_NAME);
    // The holder stops refreshing (SIGKILL): make its lock look 20 s old.
    const old = new Date(Date.now() - 20_000);
    utimesSync(lockDir, old, old);
    expect(await isWriterAlive(h.dir)).toBe(false);
    const second = await h.writer();
    expect(second.failure).toBeNull();
    await second.close();
    await first.close(); // releasing a lock someone else now holds must not throw
  });

  it("readers see the writer's facts without the lock and refuse to write", async () => {
    const writer = await h.writer();
    writer.enqueue("sync-scene", sync("1"));
    const reader = await h.reader();
    expect(reader.jobForScene("1", h.clock.now()).jobs).toHaveLength(1);
    writer.enqueue("sync-scene", sync("2"));
    writer.compact();
    writer.enqueue("sync-scene", sync("3"));
    expect(reader.countsByState(h.clock.now()).total).toBe(1);
    reader.refresh();
    expect(reader.countsByState(h.clock.now()).total).toBe(3);
    expect(() => (reader as StoreWriter).enqueue("sync-scene", sync("4"))).toThrow(StoreReadOnlyError);
    await reader.close();
    await writer.close();
  });

  it("a reader of a folder that never had a store sees an empty queue and creates nothing", async () => {
    const empty = path.join(h.dir, "nothing-here");
    const reader = await h.reader({}, empty);
    expect(reader.countsByState(h.clock.now()).total).toBe(0);
    expect(reader.nextDueAt(h.clock.now())).toBeNull();
    expect(existsSync(empty)).toBe(false);
    await reader.close();
  });

  it("when the lock is compromised the writer stops writing and says so, without crashing", async () => {
    let reported: Error | null = null;
    const store = await h.writer({ onFailure: (e) => (reported = e) });
    store.enqueue("sync-scene", sync("1"));
    (store as unknown as { markFailed(e: Error): void }).markFailed(new Error("lock was taken over"));
    expect(reported).not.toBeNull();
    expect(store.failure?.message).toBe("lock was taken over");
    expect(() => store.enqueue("sync-scene", sync("2"))).toThrow(StoreFailedError);
    expect(h.warnings().some((w) => w.includes("stopped accepting writes"))).toBe(true);
    await store.close();
  });
});
