import { describe, expect, it } from "vitest";
import { decide } from "../../../plugin/queue/failure-table.js";
import { JOB_LEASE_MS } from "../../../plugin/queue/job.js";
import { useStoreHarness } from "./helpers.js";

const settings = { max_retries: 3, skip_not_found: false };
const sync = (sceneId: string, reason: "update" | "manual" | "bulk" = "update") => ({ sceneId, reason });

describe("store queue operations", () => {
  const h = useStoreHarness();

  it("debounces: a newer event for a pending scene replaces its job and merges reasons", async () => {
    const store = await h.open();
    const first = store.enqueue("sync-scene", sync("1"), { delayMs: 2_000 });
    const second = store.enqueue("sync-scene", sync("1", "manual"), { delayMs: 2_000 });
    expect(second.id).toBe(first.id);
    expect(store.countsByState(h.clock.now())).toMatchObject({ waiting: 1, total: 1 });
    expect(store.getJob(first.id)).toMatchObject({
      reasons: ["update", "manual"],
      payload: sync("1", "manual"),
    });
    await store.close();
  });

  it("an edit arriving while the scene's job runs is synced after it (the original dropped it)", async () => {
    const store = await h.open();
    store.enqueue("sync-scene", sync("1"));
    const [running] = store.claimDue(h.clock.now(), 10, "w1");
    const followUp = store.enqueue("sync-scene", sync("1", "manual"));
    expect(followUp.id).not.toBe(running!.id);
    expect(store.claimDue(h.clock.now(), 10, "w1")).toEqual([]); // not while the first runs
    store.settle(running!.id, { type: "done" }, "w1");
    const next = store.claimDue(h.clock.now(), 10, "w1");
    expect(next.map((j) => j.id)).toEqual([followUp.id]);
    expect(store.stats()).toMatchObject({ succeeded: 1, processed: 1 });
    await store.close();
  });

  it("counts attempts at claim, so a job that keeps killing its process ends in dead letters", async () => {
    const store = await h.open({ leaseMs: JOB_LEASE_MS });
    const job = store.enqueue("sync-scene", sync("5"), { maxAttempts: 2 });
    expect(store.claimDue(h.clock.now(), 1, "a")[0]?.attempts).toBe(1);
    h.clock.advance(JOB_LEASE_MS); // drainer "a" was SIGKILLed; its lease runs out
    expect(store.countsByState(h.clock.now()).pending).toBe(1);
    expect(store.claimDue(h.clock.now(), 1, "b")[0]).toMatchObject({
      id: job.id,
      attempts: 2,
      lockedBy: "b",
    });
    h.clock.advance(JOB_LEASE_MS);
    expect(store.claimDue(h.clock.now(), 1, "c")).toEqual([]);
    expect(store.listDeadLetters().items[0]).toMatchObject({ id: job.id, error: { class: "internal" } });
    await store.close();
  });

  it("ignores a settle from a worker whose lease was taken over", async () => {
    const store = await h.open();
    const job = store.enqueue("sync-scene", sync("1"));
    store.claimDue(h.clock.now(), 1, "old");
    h.clock.advance(JOB_LEASE_MS + 1);
    store.claimDue(h.clock.now(), 1, "new");
    expect(store.settle(job.id, { type: "done" }, "old")).toBeNull();
    expect(store.getJob(job.id)?.lockedBy).toBe("new");
    await store.close();
  });

  it("renewing the lease keeps a long job running", async () => {
    const store = await h.open();
    const job = store.enqueue("sync-scene", sync("1"));
    store.claimDue(h.clock.now(), 1, "w");
    h.clock.advance(JOB_LEASE_MS - 1_000);
    expect(store.renewLease([job.id], "w")).toBe(1);
    h.clock.advance(5_000);
    expect(store.jobForScene("1", h.clock.now()).jobs[0]?.state).toBe("running");
    await store.close();
  });

  it("retries with backoff, never early, then dead-letters; success clears a scene's dead letter", async () => {
    const store = await h.open();
    store.enqueue("sync-scene", sync("2"), { maxAttempts: 3 });
    const error = { class: "timeout", message: "slow" };
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [job] = store.claimDue(h.clock.now(), 1, "w");
      expect(job?.attempts).toBe(attempt);
      store.settle(
        job!.id,
        decide(job!, error, settings, h.clock.now(), () => 1),
        "w",
      );
      if (attempt < 3) {
        expect(store.claimDue(h.clock.now(), 1, "w")).toEqual([]);
        expect(store.nextDueAt(h.clock.now())).toBe(h.clock.now() + 5_000 * 2 ** (attempt - 1));
        h.clock.advance(5_000 * 2 ** (attempt - 1));
      }
    }
    const dead = store.listDeadLetters();
    expect(dead.total).toBe(1);
    expect(dead.items[0]?.error.message).toContain("gave up after 3 attempts");
    const retried = store.retryDeadLetter(dead.items[0]!.id);
    expect(retried).toMatchObject({ attempts: 0, reasons: ["update", "retry"] });
    expect(store.listDeadLetters().total).toBe(0);
    await store.close();
  });

  it("server-down waits refund the attempt; auth pauses the queue without burning the job", async () => {
    const store = await h.open();
    store.enqueue("sync-scene", sync("3"));
    let [job] = store.claimDue(h.clock.now(), 1, "w");
    store.settle(
      job!.id,
      decide(job!, { class: "server_down", message: "refused" }, settings, h.clock.now(), () => 0),
    );
    expect(store.getJob(job!.id)?.attempts).toBe(0);
    [job] = store.claimDue(h.clock.now(), 1, "w");
    store.settle(
      job!.id,
      decide(job!, { class: "auth", message: "token rejected" }, settings, h.clock.now(), () => 0),
    );
    expect(store.paused()).toMatchObject({ reason: "token rejected" });
    expect(store.getJob(job!.id)?.attempts).toBe(0);
    expect(store.claimDue(h.clock.now(), 1, "w")).toEqual([]);
    expect(store.nextDueAt(h.clock.now())).toBeNull();
    store.setPaused(null);
    expect(store.claimDue(h.clock.now(), 1, "w")).toHaveLength(1);
    await store.close();
  });

  it("dead-letter operations: list by class, retry by class, delete, purge older than N days", async () => {
    const store = await h.open();
    const fail = (sceneId: string, cls: string) => {
      store.enqueue("sync-scene", sync(sceneId));
      const [job] = store.claimDue(h.clock.now(), 1, "w");
      store.settle(job!.id, { type: "dead", error: { class: cls, message: cls } });
    };
    fail("1", "ambiguous");
    fail("2", "no_file");
    h.clock.advance(40 * 86_400_000);
    fail("3", "ambiguous");
    fail("4", "bad_request");
    expect(store.listDeadLetters({ errorClass: "ambiguous" }).total).toBe(2);
    expect(store.listDeadLetters({ perPage: 1, page: 2 }).items).toHaveLength(1);
    expect(store.purgeDeadLetters(30)).toBe(2);
    expect(store.retryDeadLetters({ errorClass: "ambiguous" })).toBe(1);
    expect(store.jobForScene("3", h.clock.now()).jobs[0]?.reasons).toContain("retry");
    const [left] = store.listDeadLetters().items;
    expect(store.deleteDeadLetter(left!.id)).toBe(true);
    expect(store.deleteDeadLetter(left!.id)).toBe(false);
    expect(store.listDeadLetters().total).toBe(0);
    await store.close();
  });

  it("keeps one dead letter per scene and lists jobs by state and class", async () => {
    const store = await h.open();
    for (const cls of ["ambiguous", "no_file"]) {
      store.enqueue("sync-scene", sync("8"));
      const [job] = store.claimDue(h.clock.now(), 1, "w");
      store.settle(job!.id, { type: "dead", error: { class: cls, message: cls } });
    }
    expect(store.listDeadLetters().items.map((d) => d.error.class)).toEqual(["no_file"]);
    store.enqueue("sync-scene", sync("9"));
    store.enqueue("remove-scene", { sceneId: "10", path: "/x.mp4" }, { delayMs: 1_000 });
    expect(store.listJobs({ state: "waiting" }, h.clock.now()).items.map((j) => j.kind)).toEqual([
      "remove-scene",
    ]);
    expect(store.listJobs({}, h.clock.now()).total).toBe(2);
    await store.close();
  });

  it("remembers pins, sync state, breaker, stats and reconcile reports across reopening", async () => {
    let store = await h.open();
    store.setPin("1", "555");
    store.putSyncState("1", {
      ratingKeys: ["555"],
      lastSyncedAt: 1,
      desiredHash: "h",
      imageHashes: {},
      lastChanges: [],
    });
    store.setBreaker({ state: "open", openedAt: 5 });
    store.addStats({ succeeded: 2, dropped: 1 });
    store.addStats({ dropped: -1, "tp.1.ok": Number.NaN });
    for (let n = 0; n < 25; n++) store.addReconcileReport({ gaps: n });
    await store.close();
    store = await h.open();
    expect(store.pinnedRatingKey("1")).toBe("555");
    expect(store.syncState("1")?.ratingKeys).toEqual(["555"]);
    expect(store.breaker()).toEqual({ state: "open", openedAt: 5 });
    expect(store.stats()).toEqual({ succeeded: 2 });
    // The newest 20 are kept.
    expect(store.reconcileReports()).toEqual(Array.from({ length: 20 }, (_, n) => ({ gaps: n + 5 })));
    expect(store.desiredHashesOf(["1", "2"])).toEqual(new Map([["1", "h"]]));
    store.setPin("1", null);
    store.removeSyncState("1");
    expect([store.pinnedRatingKey("1"), store.syncState("1")]).toEqual([null, null]);
    await store.close();
  });
});
