import { afterEach, describe, expect, it } from "vitest";
import { endOutage, startOutage } from "../../plugin/resilience/index.js";
import { emptyHealth } from "../../plugin/worker/resilience-state.js";
import {
  editTitle,
  list,
  plexTitle,
  readStore,
  seedDeadLetter,
  seedStore,
  startQueueWorld,
  summary,
  writerAlive,
} from "./queue.helpers.js";
import { eventually, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const NO_IMAGES = { sync_poster: false, sync_background: false };
const DAY = 86_400_000;
const MIN = 60_000;

async function deadScenes(w: World): Promise<string[]> {
  return (await list(w, "dead")).jobs.map((j) => j.sceneId ?? "?").sort();
}

function retitle(w: World, ids: string[]): void {
  for (const id of ids) w.stash.state.updateScene(id, { title: `recovered ${id}` });
}

const landed = (w: World, id: string) => plexTitle(w, id) === `recovered ${id}`;

describe("dead-letter operations end to end (bundled script)", () => {
  it("retry by ids, by errorClass and all; delete; Purge Old DLQ Entries with days", async () => {
    world = await startQueueWorld({ scenes: 7, settings: NO_IMAGES });
    const w = world;
    const now = Date.now();
    const ids: Record<string, string> = {};
    await seedStore(w, (store, setNow) => {
      ids["1"] = seedDeadLetter(store, setNow, "1", "bad_request", now - 5 * MIN);
      ids["2"] = seedDeadLetter(store, setNow, "2", "bad_request", now - 4 * MIN);
      ids["3"] = seedDeadLetter(store, setNow, "3", "server_error", now - 3 * MIN);
      ids["4"] = seedDeadLetter(store, setNow, "4", "server_error", now - 2 * MIN);
      ids["5"] = seedDeadLetter(store, setNow, "5", "ambiguous", now - MIN);
      ids["6"] = seedDeadLetter(store, setNow, "6", "timeout", now - 10 * DAY);
    });
    retitle(w, ["1", "2", "3", "4", "5", "6"]);
    expect(await deadScenes(w)).toEqual(["1", "2", "3", "4", "5", "6"]);
    const classes = (await list(w, "dead")).errorClasses;
    expect(Object.fromEntries(classes.map((c) => [c.class, c.count]))).toEqual({
      bad_request: 2,
      server_error: 2,
      ambiguous: 1,
      timeout: 1,
    });

    await w.runner.operation({ op: "queue.retry", ids: [ids["1"]] });
    await eventually(() => landed(w, "1"), 15_000, "scene 1 retried");
    await eventually(async () => !(await deadScenes(w)).includes("1"), 10_000, "scene 1 off the dead list");
    expect(await deadScenes(w)).toEqual(["2", "3", "4", "5", "6"]);

    await w.runner.operation({ op: "queue.retry", errorClass: "server_error" });
    await eventually(() => landed(w, "3") && landed(w, "4"), 15_000, "server_error letters retried");
    await eventually(async () => (await deadScenes(w)).join() === "2,5,6", 10_000, "2, 5, 6 left");

    await w.runner.operation({ op: "queue.delete", ids: [ids["2"]] });
    await eventually(async () => (await deadScenes(w)).join() === "5,6", 10_000, "scene 2 deleted");
    expect(landed(w, "2")).toBe(false);

    const purge = await w.runner.runTask("Purge Old DLQ Entries", { days: "7" });
    expect(purge.error).toBeNull();
    await eventually(
      async () => (await deadScenes(w)).join() === "5",
      10_000,
      "the 10-day-old letter purged",
    );
    expect(landed(w, "6")).toBe(false);

    await w.runner.operation({ op: "queue.retry", all: true });
    await eventually(() => landed(w, "5"), 15_000, "retry all");
    await eventually(async () => (await summary(w)).counts.dead === 0, 10_000, "an empty dead list");
    expect(landed(w, "2") || landed(w, "6")).toBe(false);
  }, 40_000);

  it("Recover Outage Jobs re-queues outage-class letters of the last outage only, once", async () => {
    world = await startQueueWorld({ scenes: 5, settings: NO_IMAGES });
    const w = world;
    const now = Date.now();
    const outage = { start: now - 20 * MIN, end: now - 10 * MIN };
    await seedStore(w, (store, setNow) => {
      seedDeadLetter(store, setNow, "1", "server_error", outage.start + MIN);
      seedDeadLetter(store, setNow, "2", "timeout", outage.end - MIN);
      seedDeadLetter(store, setNow, "3", "bad_request", outage.start + 2 * MIN);
      seedDeadLetter(store, setNow, "4", "server_error", outage.start - 30 * MIN);
      seedDeadLetter(store, setNow, "5", "ambiguous", outage.end - 2 * MIN);
      setNow(now);
      const history = endOutage(startOutage([], outage.start), outage.end);
      store.setBreaker({ breaker: null, outages: history, health: emptyHealth() });
    });
    retitle(w, ["1", "2", "3", "4", "5"]);

    const first = await w.runner.runTask("Recover Outage Jobs");
    expect(first.error).toBeNull();
    expect(first.logs.map((l) => l.message).join("\n")).toContain("re-queued 2 dead letter(s)");
    await summary(w); // a queue with work and no worker gets one
    await eventually(() => landed(w, "1") && landed(w, "2"), 15_000, "outage letters synced");
    expect(await deadScenes(w)).toEqual(["3", "4", "5"]);

    // Run directly (no drainer holding the store), so the task reports the count itself.
    await eventually(async () => !(await writerAlive(w)), 10_000, "the drainer to exit");
    const second = await w.runner.runTask("Recover Outage Jobs");
    expect(second.error).toBeNull();
    expect(second.logs.map((l) => l.message).join("\n")).toContain("re-queued 0 dead letter(s)");
    expect(await deadScenes(w)).toEqual(["3", "4", "5"]);
  }, 30_000);

  it("each worker session purges letters older than dlq_retention_days and logs how many", async () => {
    world = await startQueueWorld({ scenes: 3, settings: { ...NO_IMAGES, dlq_retention_days: 30 } });
    const w = world;
    const now = Date.now();
    await seedStore(w, (store, setNow) => {
      seedDeadLetter(store, setNow, "1", "bad_request", now - 45 * DAY);
      seedDeadLetter(store, setNow, "2", "server_error", now - 31 * DAY);
      seedDeadLetter(store, setNow, "3", "bad_request", now - 29 * DAY);
    });
    const run = await w.runner.runTask("Process Queue");
    expect(run.error).toBeNull();
    const lines = run.logs.map((l) => l.message).join("\n");
    expect(lines).toContain("Purged 2 dead letter(s) older than 30 day(s)");
    expect(await deadScenes(w)).toEqual(["3"]);
    const again = await w.runner.runTask("Process Queue");
    expect(again.logs.map((l) => l.message).join("\n")).not.toContain("Purged");
  }, 20_000);
});

describe("stats and reconcile reports end to end (bundled script)", () => {
  it("counts each job once: processed = succeeded + failed settlements", async () => {
    world = await startQueueWorld({ scenes: 3, settings: { ...NO_IMAGES, max_retries: 1 } });
    const w = world;
    w.plex.faults.set("GET /library/metadata/1003", { type: "status", status: 400 });
    for (const id of ["1", "2", "3"]) await editTitle(w, id, `counted ${id}`);
    await eventually(
      async () => {
        const s = await summary(w);
        return s.counts.dead === 1 && s.counts.pending + s.counts.retrying + s.counts.running === 0;
      },
      15_000,
      "three jobs settled",
    );
    const stats = await readStore(w, (store) => store.stats());
    expect(stats).toMatchObject({ processed: 3, succeeded: 2, failed: 1, deadLettered: 1 });
    expect(stats["errors.bad_request"]).toBe(1);
    expect((stats.synced ?? 0) + (stats.unchanged ?? 0)).toBe(2);
    expect((await summary(w)).drain.processed).toBe(3);
    const hourly = (await summary(w)).throughput.reduce((sum, b) => sum + b.ok + b.failed, 0);
    expect(hourly).toBe(3);
  }, 20_000);

  it("a reconcile report recorded while a drainer runs lands in the store at once", async () => {
    world = await startQueueWorld({ scenes: 1, settings: NO_IMAGES });
    const w = world;
    // A slow edit keeps the background drainer (the writer) busy while the report arrives.
    w.plex.faults.set("PUT /library/sections/*", { type: "slow", delayMs: 1_500 });
    await editTitle(w, "1", "busy");
    await eventually(() => writerAlive(w), 10_000, "a running drainer");
    const report = {
      at: Date.now(),
      scope: "all",
      scenesChecked: 1,
      missing: 0,
      stale: 1,
      emptyMetadata: 0,
      queued: false,
    };
    await seedStore(w, (store) => store.addReconcileReport(report));
    expect(await readStore(w, (store) => store.reconcileReports())).toEqual([report]);
    expect((await summary(w)).lastReconcile).toEqual(report);
  }, 20_000);
});
