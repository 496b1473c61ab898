import { describe, expect, it } from "vitest";
import type { SceneSnapshot } from "../../../plugin/domain/scene.js";
import { PlexError } from "../../../plugin/plex/errors.js";
import type { Job } from "../../../plugin/queue/job.js";
import type { Store } from "../../../plugin/store/index.js";
import { type BatchDeps, runBatch } from "../../../plugin/worker/run-batch.js";
import { makeScene } from "../core-sync/fixtures.js";
import { useStoreHarness } from "../store/helpers.js";

/**
 * The batch runner with jobs claimed from a temporary SQLite store and fakes for Stash (the batched scene read)
 * and the scene pipeline: every job ends with exactly one settlement, whatever its sync did.
 */
describe("runBatch (worker/run-batch.ts)", () => {
  const h = useStoreHarness();

  function claim(store: Store, sceneIds: string[]): Job[] {
    for (const sceneId of sceneIds) store.enqueue("sync-scene", { sceneId, reason: "update" });
    return store.claimDue(h.clock.now(), sceneIds.length, "w");
  }

  function deps(store: Store, over: Partial<BatchDeps> = {}): BatchDeps & { reads: string[][] } {
    const reads: string[][] = [];
    return {
      store,
      clock: h.clock,
      random: () => 0.5,
      logger: h.logger,
      settings: { max_retries: 5, skip_not_found: false },
      concurrency: 2,
      fetchScenes: async (ids) => {
        reads.push(ids);
        return new Map(ids.filter((id) => id !== "404").map((id) => [id, makeScene({ id })]));
      },
      syncScene: async () => ({ status: "skipped", reason: "test" }),
      canAttempt: () => true,
      retryAfter: () => h.clock.now() + 60_000,
      ...over,
      reads,
    };
  }

  const plexError = (kind: "timeout" | "auth" | "server_down", status?: number) =>
    new PlexError({ kind, method: "PUT", path: "/library/metadata/1", detail: kind, status });

  it("reads every scene of the batch from Stash in one request and settles each job once", async () => {
    const store = await h.open();
    const jobs = claim(store, ["1", "2", "3", "404"]);
    const d = deps(store);
    const results = await runBatch(jobs, d);
    expect(d.reads.map((ids) => [...ids].sort())).toEqual([["1", "2", "3", "404"]]);
    expect(results.map((r) => r.job.id).sort()).toEqual(jobs.map((j) => j.id).sort());
    // A scene deleted in Stash since it was queued is done, not an error.
    expect(results.every((r) => r.settlement.type === "done")).toBe(true);
    await store.close();
  });

  it("classifies each failure through the failure table: timeout retries, auth pauses, a bug is dead as itself", async () => {
    const store = await h.open();
    const jobs = claim(store, ["1", "2", "3"]);
    const failures: Record<string, unknown> = {
      "1": plexError("timeout"),
      "2": plexError("auth", 401),
      "3": new TypeError("undefined is not a function"),
    };
    const results = await runBatch(
      jobs,
      deps(store, {
        syncScene: async (scene: SceneSnapshot) => {
          throw failures[scene.id];
        },
      }),
    );
    const bySceneId = Object.fromEntries(
      results.map((r) => [(r.job.payload as { sceneId: string }).sceneId, r.settlement]),
    );
    expect(bySceneId["1"]).toMatchObject({ type: "retry", error: { class: "timeout" } });
    expect(bySceneId["2"]).toMatchObject({ type: "pause", error: { class: "auth" } });
    expect(bySceneId["3"]).toMatchObject({ type: "dead", error: { class: "internal" } });
    await store.close();
  });

  it("while the breaker is open no scene is synced: every job waits until the breaker's next try", async () => {
    const store = await h.open();
    const jobs = claim(store, ["1", "2"]);
    let synced = 0;
    const retryAt = h.clock.now() + 30_000;
    const results = await runBatch(
      jobs,
      deps(store, {
        canAttempt: () => false,
        retryAfter: () => retryAt,
        syncScene: async () => {
          synced++;
          return { status: "skipped", reason: "test" };
        },
      }),
    );
    expect(synced).toBe(0);
    expect(results.map((r) => r.settlement)).toEqual([
      { type: "wait", runAt: retryAt, error: expect.objectContaining({ class: "server_down" }) },
      { type: "wait", runAt: retryAt, error: expect.objectContaining({ class: "server_down" }) },
    ]);
    await store.close();
  });

  it("a failed Stash read settles every sync job of the batch with that error, and a removal still runs", async () => {
    const store = await h.open();
    store.putSyncState("8", {
      ratingKeys: ["1008"],
      lastSyncedAt: 1,
      desiredHash: "h",
      imageHashes: {},
      lastChanges: [],
    });
    store.enqueue("remove-scene", { sceneId: "8", path: null });
    const jobs = [...claim(store, ["1", "2"]), ...store.claimDue(h.clock.now(), 5, "w")];
    const results = await runBatch(
      jobs,
      deps(store, {
        fetchScenes: async () => {
          throw new Error("connect ECONNREFUSED 127.0.0.1:9999");
        },
      }),
    );
    expect(results).toHaveLength(3);
    const removal = results.find((r) => r.job.kind === "remove-scene");
    expect(removal?.settlement).toEqual({ type: "done" });
    expect(store.syncState("8")).toBeNull();
    for (const r of results.filter((x) => x.job.kind === "sync-scene"))
      expect(r.settlement.type).not.toBe("done");
    await store.close();
  });
});
