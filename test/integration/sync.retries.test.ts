import { afterEach, describe, expect, it } from "vitest";
import { itemOf, sceneStatus, shapeScene, syncNow } from "./sync.helpers.js";
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

describe("retryable Plex faults during a sync, end to end (one per class)", () => {
  it.each([
    ["transient (500)", { type: "status", status: 500 }],
    ["maintenance (503)", { type: "status", status: 503 }],
    ["server down (connection reset)", { type: "refuse" }],
  ] as const)("%s: the job is retried and lands", async (_label, fault) => {
    world = await oneScene();
    world.plex.faults.set("GET /library/metadata/*", { ...fault, times: 1 });
    const requests = await syncNow(world, ["1"]);
    expect(requests.filter((r) => r.path.startsWith("/library/metadata/")).length).toBeGreaterThanOrEqual(2);
    expect(itemOf(world, "1").values.title).toBe("Golden Hour");
    expect((await sceneStatus(world, "1")).job).toBeNull();
  });
});
