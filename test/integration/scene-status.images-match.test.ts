import { afterEach, describe, expect, it } from "vitest";
import type { SceneStatus } from "../../plugin/ops/contracts.js";
import { ratingKeyOf, syncNow } from "./sync.helpers.js";
import { startWorld, type World } from "./world.js";

/** scene.status before the first sync (match from the library index) and the image rows, through the bundle. */
let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

async function status(w: World, sceneId: string): Promise<SceneStatus> {
  return (await w.runner.operation({ op: "scene.status", sceneId })) as SceneStatus;
}

describe("scene.status before the first sync", () => {
  it("says there is no library index yet, reads the library on request, then shows the match", async () => {
    world = await startWorld({ scenes: 2 });
    const before = await status(world, "1");
    expect(before.match).toEqual({ state: "unknown", reason: "no_index" });
    expect(before.lastSync).toBeNull();

    const read = (await world.runner.operation({ op: "library.read" })) as {
      accepted: boolean;
      affected: number;
      message: string;
    };
    expect(read.accepted).toBe(true);
    expect(read.affected).toBeGreaterThanOrEqual(2);
    expect(read.message).toMatch(/^Read \d+ files in 1 Plex library\.$/);

    const after = await status(world, "1");
    expect(after.lastSync).toBeNull();
    expect(after.match.state).toBe("matched");
    if (after.match.state === "matched") expect(after.match.ratingKeys).toEqual([ratingKeyOf("1")]);
    expect(after.images?.poster.state).toBe("not_yet");
    // No Plex write happened: reading the library is all it did.
    expect(world.plex.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("says Plex is not set up when it is not", async () => {
    world = await startWorld({ scenes: 1, settings: { plex_url: "", plex_token: "" } });
    expect((await status(world, "1")).match).toEqual({ state: "unknown", reason: "not_configured" });
    const read = (await world.runner.operation({ op: "library.read" })) as { accepted: boolean };
    expect(read.accepted).toBe(false);
  });
});

describe("scene.status image rows", () => {
  it("uploaded by the last sync, then unchanged since that upload; off when its setting is off", async () => {
    world = await startWorld({ scenes: 1, settings: { sync_background: false } });
    await syncNow(world, ["1"]);
    const first = await status(world, "1");
    expect(first.images?.background).toEqual({ state: "off", at: null, problem: null });
    expect(first.images?.poster.state).toBe("uploaded");
    expect(first.images?.poster.at).toBe(first.lastSync?.at);

    await syncNow(world, ["1"], "manual");
    const second = await status(world, "1");
    expect(second.lastSync?.at).toBeGreaterThan(first.lastSync?.at ?? 0);
    expect(second.images?.poster).toEqual({ state: "unchanged", at: first.images?.poster.at, problem: null });
  });

  it("failed with Plex's reason when Plex refuses the image", async () => {
    world = await startWorld({ scenes: 1, settings: { sync_background: false } });
    world.plex.faults.set(`POST /library/metadata/${ratingKeyOf("1")}/posters`, {
      type: "status",
      status: 400,
    });
    await syncNow(world, ["1"]);
    const refused = await status(world, "1");
    expect(refused.images?.poster.state).toBe("failed");
    expect(refused.images?.poster.problem).toMatch(/^Plex refused the image/);
    expect(refused.images?.poster.at).toBe(refused.lastSync?.at);
  });
});
