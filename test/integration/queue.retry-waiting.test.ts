import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../plugin/store/index.js";
import { list, plexTitle, seedDeadLetter, seedStore, startQueueWorld } from "./queue.helpers.js";
import { eventually, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const NO_IMAGES = { sync_poster: false, sync_background: false };
const HOUR = 3_600_000;

/** A job that failed once and waits an hour for its next try (seeded through the queue's own path). */
function seedWaiting(store: Store, setNow: (at: number) => void, sceneId: string, now: number): string {
  setNow(now);
  const job = store.enqueue("sync-scene", { sceneId, reason: "manual" });
  store.claimDue(now, 100, "seed");
  const error = { class: "server_error", message: "seeded server_error" };
  store.settle(job.id, { type: "retry", runAt: now + HOUR, maxAttempts: 5, error }, "seed");
  return job.id;
}

describe("queue.retry on scenes waiting for a later try (bundled script)", () => {
  it("tries them now: by ids, and 'all' of the Will retry list, leaving unsynced scenes alone", async () => {
    world = await startQueueWorld({ scenes: 4, settings: NO_IMAGES, timeScale: 1 });
    const w = world;
    const now = Date.now();
    const ids: Record<string, string> = {};
    await seedStore(w, (store, setNow) => {
      ids["1"] = seedWaiting(store, setNow, "1", now);
      ids["2"] = seedWaiting(store, setNow, "2", now);
      ids["3"] = seedWaiting(store, setNow, "3", now);
      ids["4"] = seedDeadLetter(store, setNow, "4", "bad_request", now);
    });
    for (const id of ["1", "2", "3", "4"]) w.stash.state.updateScene(id, { title: `now ${id}` });
    const waiting = await list(w, "retrying");
    expect(waiting.jobs.map((j) => j.sceneId).sort()).toEqual(["1", "2", "3"]);
    expect(Math.min(...waiting.jobs.map((j) => j.nextAttemptAt ?? 0))).toBeGreaterThan(now + HOUR / 2);

    const byId = (await w.runner.operation({ op: "queue.retry", ids: [ids["1"]] })) as { affected: number };
    expect(byId.affected).toBe(1);
    await eventually(() => plexTitle(w, "1") === "now 1", 20_000, "scene 1 tried now");
    expect(plexTitle(w, "2")).not.toBe("now 2");

    await w.runner.operation({ op: "queue.retry", state: "retrying", all: true });
    await eventually(
      () => plexTitle(w, "2") === "now 2" && plexTitle(w, "3") === "now 3",
      20_000,
      "scenes 2 and 3 tried now",
    );
    // 'all' of the Will retry list is not 'all' of the unsynced list.
    expect(plexTitle(w, "4")).not.toBe("now 4");
    expect((await list(w, "dead")).jobs.map((j) => j.sceneId)).toEqual(["4"]);
  }, 60_000);
});
