import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRecordingLogger } from "../../../plugin/log/recording-logger.js";
import { createStashClient, isStashError, type StashClient } from "../../../plugin/stash/index.js";
import { type FakeStash, startFakeStash } from "../../fakes/stash/index.js";

const clock = { now: () => Date.parse("2025-06-01T10:00:00Z") };
let stash: FakeStash;
let client: StashClient;

beforeEach(async () => {
  stash = await startFakeStash({ clock, scenes: 3 });
  client = createStashClient({
    baseUrl: stash.url,
    cookieHeader: null,
    logger: createRecordingLogger(),
    timeoutMs: 5000,
  });
});
afterEach(() => stash.stop());

describe("play history, resume point and rating", () => {
  it("addPlays sends the plays of several scenes in one request; scenesActivity reads them back", async () => {
    const done = await client.addPlays([
      { sceneId: "1", times: ["2024-06-01T12:00:00Z", "2024-06-02T12:00:00Z"] },
      { sceneId: "2", times: ["2024-06-03T12:00:00Z"] },
    ]);
    expect(done).toEqual(new Set(["1", "2"]));
    expect(client.requestCount()).toBe(1);
    const activity = await client.scenesActivity(["1", "2", "3"]);
    expect(activity.get("1")).toMatchObject({
      playCount: 2,
      playHistory: ["2024-06-01T12:00:00Z", "2024-06-02T12:00:00Z"],
      lastPlayedAt: "2024-06-02T12:00:00Z",
    });
    expect(activity.get("3")).toMatchObject({ playCount: 0, playHistory: [], resumeTime: null });
  });

  it("a scene deleted meanwhile fails the request, but Stash still ran the other fields", async () => {
    stash.state.scenes.delete("2");
    const error = await client
      .addPlays([
        { sceneId: "1", times: ["2024-06-01T12:00:00Z"] },
        { sceneId: "2", times: ["2024-06-01T12:00:00Z"] },
      ])
      .catch((e: unknown) => e);
    expect(isStashError(error)).toBe(true);
    expect(stash.state.scenes.get("1")?.plays).toHaveLength(1);
    const activity = await client.scenesActivity(["1", "2"]);
    expect([...activity.keys()]).toEqual(["1"]);
  });

  it("saveResumeTimes and setRating write what they say", async () => {
    expect(await client.saveResumeTimes([{ sceneId: "3", seconds: 61.5 }])).toEqual(new Set(["3"]));
    await client.setRating("3", 80);
    expect((await client.scenesActivity(["3"])).get("3")).toMatchObject({ resumeTime: 61.5, rating100: 80 });
  });
});
