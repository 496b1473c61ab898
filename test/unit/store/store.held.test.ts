import { describe, expect, it } from "vitest";
import type { Store } from "../../../plugin/store/store.js";
import { useStoreHarness } from "./helpers.js";

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));
const byNumber = (list: string[]) => [...list].sort((a, b) => Number(a) - Number(b));

/** Drains like the worker: release, claim a batch, settle it; returns the scene ids run, in order. */
function drainAll(store: Store, now: number, window: number, onTurn?: () => void): string[] {
  const ran: string[] = [];
  for (;;) {
    store.releaseHeld(now, window);
    onTurn?.();
    const jobs = store.claimDue(now, 25, "w");
    if (jobs.length === 0) return ran;
    for (const job of jobs) {
      ran.push((job.payload as { sceneId: string }).sceneId);
      store.settle(job.id, { type: "done" }, "w");
    }
  }
}

describe("held bulk-sync scenes", () => {
  const h = useStoreHarness();

  it("become jobs a window at a time: the queue never holds more than the window, each scene runs once", async () => {
    const store = await h.open();
    store.hold(ids(1, 2_000), "bulk");
    store.hold(ids(2_001, 500), "bulk");
    const now = h.clock.now();
    expect(store.countsByState(now)).toMatchObject({ pending: 2_500, total: 2_500 });
    expect(store.nextDueAt(now)).toBe(now);
    let mostJobs = 0;
    const ran = drainAll(store, now, 100, () => {
      mostJobs = Math.max(mostJobs, store.listJobs({ perPage: 1 }, now).total);
    });
    expect(mostJobs).toBe(100);
    expect(byNumber(ran)).toEqual(ids(1, 2_500));
    expect(store.countsByState(now).total).toBe(0);
    expect(store.nextDueAt(now)).toBeNull();
    await store.close();
  });

  it("survive a crash: a new drainer continues where the last release stopped", async () => {
    const first = await h.open();
    first.hold(ids(1, 300), "bulk");
    const now = h.clock.now();
    first.releaseHeld(now, 50);
    const settled = first.claimDue(now, 25, "w").slice(0, 10);
    for (const job of settled) first.settle(job.id, { type: "done" }, "w");
    const done = new Set(settled.map((job) => (job.payload as { sceneId: string }).sceneId));
    // Killed here (the SIGKILL variant is test/unit/store/store.crash.test.ts): every commit so far is on disk.
    await first.close();
    const reader = await h.open();
    expect(reader.countsByState(now).total).toBe(290);
    await reader.close();
    const second = await h.open();
    // Taking the drainer role releases the 15 jobs the dead drainer had claimed but not settled.
    expect(second.takeDrainerRole()).toBe(true);
    const ran = drainAll(second, now, 50);
    expect(byNumber(ran)).toEqual(ids(1, 300).filter((id) => !done.has(id)));
    expect(second.countsByState(now).total).toBe(0);
    await second.close();
  });

  it("a scene held twice is queued once with both reasons; Clear Pending forgets what is held", async () => {
    const store = await h.open();
    store.hold(["1", "2"], "bulk");
    store.hold(["2", "3"], "reconcile");
    const now = h.clock.now();
    expect(store.countsByState(now).pending).toBe(3);
    store.releaseHeld(now, 10);
    const jobs = store.listJobs({ perPage: 10 }, now).items;
    expect(jobs.map((j) => [j.key, j.reasons, (j.payload as { reason: string }).reason])).toEqual([
      ["scene:1", ["bulk"], "bulk"],
      ["scene:2", ["bulk", "reconcile"], "reconcile"],
      ["scene:3", ["reconcile"], "reconcile"],
    ]);
    store.hold(ids(10, 5), "bulk");
    expect(store.dropHeld()).toBe(5);
    expect(store.countsByState(now).total).toBe(3);
    await store.close();
  });

  it("a held scene shows in jobForScene and heldScenes until released; dropHeld forgets only the given ones", async () => {
    const store = await h.open();
    store.hold(["5", "6", "7"], "bulk");
    const now = h.clock.now();
    expect(store.jobForScene("6", now)).toMatchObject({ jobs: [], held: true });
    expect(store.heldScenes(0, 10)).toEqual(["5", "6", "7"]);
    expect(store.heldScenes(1, 1)).toEqual(["6"]);
    expect(store.heldCount()).toBe(3);
    expect(store.dropHeld(["6", "99"])).toBe(1);
    expect(store.dropHeld([])).toBe(0);
    expect(store.jobForScene("6", now).held).toBe(false);
    store.releaseHeld(now, 10);
    expect(store.jobForScene("5", now)).toMatchObject({ held: false, jobs: [{ state: "pending" }] });
    expect(store.heldCount()).toBe(0);
    await store.close();
  });

  it("jobs waiting for a retry do not hold back the rest of the library", async () => {
    const store = await h.open();
    store.hold(ids(1, 40), "bulk");
    const now = h.clock.now();
    store.releaseHeld(now, 10);
    const error = { class: "not_found", message: "not scanned yet" };
    for (const job of store.claimDue(now, 25, "w"))
      store.settle(job.id, { type: "retry", runAt: now + 30_000, maxAttempts: 5, error }, "w");
    expect(store.releaseHeld(now, 10)).toBe(10);
    expect(store.countsByState(now)).toMatchObject({ retrying: 10, pending: 30 });
    await store.close();
  });
});
