import { afterEach, describe, expect, it } from "vitest";
import { isEdit, itemOf, sceneStatus, shapeScene, syncNow } from "./sync.helpers.js";
import { startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const NO_IMAGES = { sync_poster: false, sync_background: false };

async function oneScene(): Promise<World> {
  const w = await startWorld({ scenes: 1, settings: NO_IMAGES });
  shapeScene(w, "1", { title: "Golden Hour", studio: "Harbor Lights" });
  return w;
}

describe("permanent and auth Plex faults during a sync, end to end", () => {
  it("bad request (400 on the edit): dead letter at once, nothing written", async () => {
    world = await oneScene();
    world.plex.faults.set("PUT /library/sections/*", { type: "status", status: 400 });
    const requests = await syncNow(world, ["1"]);
    expect(requests.filter(isEdit)).toHaveLength(1);
    expect(itemOf(world, "1").values.title).not.toBe("Golden Hour");
    expect((await sceneStatus(world, "1")).job).toMatchObject({
      state: "dead",
      error: { class: "bad_request" },
    });
  });

  it("auth (401): the queue pauses and no attempt is burnt", async () => {
    world = await oneScene();
    world.plex.faults.set("/library/*", { type: "status", status: 401 });
    await syncNow(world, ["1"]);
    const summary = (await world.runner.operation({ op: "queue.summary" })) as {
      paused: boolean;
      counts: { dead: number };
    };
    expect(summary.paused).toBe(true);
    expect(summary.counts.dead).toBe(0);
    const job = (await sceneStatus(world, "1")).job as { state: string; attempts: number } | null;
    expect(job?.state).not.toBe("dead");
    expect(world.plex.tokenLeaks()).toEqual([]);
  });
});
