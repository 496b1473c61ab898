import { describe, expect, it } from "vitest";
import type { Settlement } from "../../../plugin/queue/failure-table.js";
import type { Job } from "../../../plugin/queue/job.js";
import type { Store } from "../../../plugin/store/index.js";
import { type DrainerDeps, drain, type Gate } from "../../../plugin/worker/drainer.js";
import { useStoreHarness } from "../store/helpers.js";

/**
 * The drain loop with its real collaborator, a temporary SQLite store, and fakes for what it is handed: a clock
 * that sleeping advances, a batch runner that records and settles, a gate. No timers, no network.
 */
describe("drain loop (worker/drainer.ts)", () => {
  const h = useStoreHarness();

  function depsFor(
    store: Store,
    settle: (job: Job) => Settlement,
    overrides: Partial<DrainerDeps> = {},
  ): DrainerDeps & { batches: string[][]; sleeps: number[] } {
    const batches: string[][] = [];
    const sleeps: number[] = [];
    const open: Gate = { check: () => ({ open: true }), probe: async () => {} };
    return {
      store,
      clock: h.clock,
      logger: h.logger,
      workerId: "test-worker",
      sleep: async (ms) => {
        sleeps.push(ms);
        h.clock.advance(ms);
      },
      runBatch: async (jobs) => {
        batches.push(jobs.map((j) => (j.payload as { sceneId: string }).sceneId));
        return jobs.map((job) => ({ job, settlement: settle(job) }));
      },
      gate: open,
      authOk: async () => true,
      batchSize: 3,
      pollMs: 1_000,
      idleExitMs: 5_000,
      ...overrides,
      batches,
      sleeps,
    };
  }

  it("works every due job in batches of batchSize, then exits idle after idleExitMs without spinning", async () => {
    const store = await h.open();
    for (const id of ["1", "2", "3", "4", "5", "6", "7"])
      store.enqueue("sync-scene", { sceneId: id, reason: "update" });
    const deps = depsFor(store, () => ({ type: "done" }));
    const summary = await drain(deps);
    expect(summary).toEqual({ processed: 7, exitReason: "idle" });
    expect(deps.batches.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(deps.batches.flat().sort()).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(store.countsByState(h.clock.now())).toMatchObject({ total: 0, deadLetters: 0 });
    // Idle turns sleep the poll interval: 5 of them reach the 5 s idle exit.
    expect(deps.sleeps).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
    await store.close();
  });

  it("sleeps until a retried job is due, runs it again, and counts both runs", async () => {
    const store = await h.open();
    store.enqueue("sync-scene", { sceneId: "9", reason: "update" });
    let runs = 0;
    const deps = depsFor(store, () =>
      ++runs === 1
        ? {
            type: "retry",
            runAt: h.clock.now() + 2_500,
            maxAttempts: 5,
            error: { class: "timeout", message: "Plex took too long" },
          }
        : { type: "done" },
    );
    const summary = await drain(deps);
    expect(summary.processed).toBe(2);
    expect(deps.batches).toEqual([["9"], ["9"]]);
    // The first waits are capped at pollMs, the last one is what remains until the retry is due.
    expect(deps.sleeps.slice(0, 3)).toEqual([1_000, 1_000, 500]);
    await store.close();
  });

  it("runs nothing while the gate is closed: it sleeps until the gate's time, probes, then works", async () => {
    const store = await h.open();
    store.enqueue("sync-scene", { sceneId: "4", reason: "update" });
    const reopensAt = h.clock.now() + 1_500;
    let probes = 0;
    const gate: Gate = {
      check: (now) => (now >= reopensAt && probes > 0 ? { open: true } : { open: false, until: reopensAt }),
      probe: async () => {
        probes++;
      },
    };
    const deps = depsFor(store, () => ({ type: "done" }), { gate });
    const summary = await drain(deps);
    expect(summary.processed).toBe(1);
    expect(probes).toBe(1);
    expect(deps.sleeps.slice(0, 2)).toEqual([1_000, 500]);
    await store.close();
  });

  it("a foreground drain does not sit out an outage: one probe, then it hands over ('plex-down')", async () => {
    const store = await h.open();
    store.enqueue("sync-scene", { sceneId: "4", reason: "update" });
    let probes = 0;
    const gate: Gate = {
      check: (now) => ({ open: false, until: now + 60_000 }),
      probe: async () => {
        probes++;
      },
    };
    const deps = depsFor(store, () => ({ type: "done" }), { gate, foregroundHorizonMs: 10_000 });
    expect(await drain(deps)).toEqual({ processed: 0, exitReason: "plex-down" });
    expect(probes).toBe(1);
    expect(deps.batches).toEqual([]);
    expect(store.countsByState(h.clock.now()).pending).toBe(1);
    await store.close();
  });

  it("tops the queue up from held bulk-sync scenes a window at a time until every scene ran once", async () => {
    const store = await h.open();
    const ids = Array.from({ length: 10 }, (_, i) => String(i + 1));
    store.hold(ids, "bulk");
    let mostQueued = 0;
    const deps = depsFor(store, () => ({ type: "done" }), { heldWindow: 4 });
    const runBatch = deps.runBatch;
    deps.runBatch = async (jobs) => {
      const c = store.countsByState(h.clock.now());
      mostQueued = Math.max(mostQueued, c.pending + c.running - store.heldCount());
      return runBatch(jobs);
    };
    const summary = await drain(deps);
    expect(summary.processed).toBe(10);
    expect(deps.batches.flat().sort((a, b) => Number(a) - Number(b))).toEqual(ids);
    expect(mostQueued).toBeLessThanOrEqual(4);
    await store.close();
  });

  it("stops when asked, and when the token is rejected it exits 'paused' with the job kept", async () => {
    const store = await h.open();
    store.enqueue("sync-scene", { sceneId: "1", reason: "update" });
    const stopped = depsFor(store, () => ({ type: "done" }), { shouldStop: () => true });
    expect(await drain(stopped)).toEqual({ processed: 0, exitReason: "stopped" });
    const paused = depsFor(store, () => ({ type: "pause", error: { class: "auth", message: "401" } }), {
      authOk: async () => false,
    });
    expect(await drain(paused)).toEqual({ processed: 1, exitReason: "paused" });
    expect(store.paused()).not.toBeNull();
    expect(store.countsByState(h.clock.now())).toMatchObject({ total: 1, deadLetters: 0 });
    await store.close();
  });
});
