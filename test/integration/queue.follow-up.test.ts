import { afterEach, describe, expect, it } from "vitest";
import { editTitle, plexTitle, putsFor, ratingKeyOf, sceneStatus, startQueueWorld } from "./queue.helpers.js";
import { eventually, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

describe("an edit that arrives while the scene's job runs (reference §7 case 13)", () => {
  it("still reaches Plex afterwards: a follow-up job queued behind the running one", async () => {
    world = await startQueueWorld({ scenes: 2 });
    const w = world;
    w.plex.faults.set("PUT /library/sections/*", { type: "slow", delayMs: 1_500 });
    await editTitle(w, "1", "first edit");
    await eventually(() => putsFor(w, ratingKeyOf("1")).length === 1, 20_000, "the first PUT to start");
    await editTitle(w, "1", "second edit");
    const during = await sceneStatus(w, "1");
    expect(during.job?.state).toBe("running");
    await eventually(() => plexTitle(w, "1") === "second edit", 20_000, "the second edit to reach Plex");
    const titles = putsFor(w, ratingKeyOf("1")).map((r) => r.query.get("title.value"));
    expect(titles).toEqual(["first edit", "second edit"]);
    await eventually(async () => (await sceneStatus(w, "1")).job === null, 10_000, "no job left");
  }, 45_000);
});
