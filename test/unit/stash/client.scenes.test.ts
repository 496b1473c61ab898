import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRecordingLogger } from "../../../plugin/log/recording-logger.js";
import { createStashClient, type StashClient } from "../../../plugin/stash/index.js";
import { type FakeStash, startFakeStash } from "../../fakes/stash/index.js";

let now = Date.parse("2025-06-01T10:00:00Z");
const clock = { now: () => now };
let stash: FakeStash;
let client: StashClient;

beforeEach(async () => {
  now = Date.parse("2025-06-01T10:00:00Z");
  stash = await startFakeStash({ clock, scenes: 250 });
  client = createStashClient({
    baseUrl: stash.url,
    cookieHeader: null,
    logger: createRecordingLogger(),
    timeoutMs: 5000,
  });
});
afterEach(() => stash.stop());

describe("scenesByIds", () => {
  it("batches 250 ids into 3 requests of at most 100 and maps every scene", async () => {
    const ids = Array.from({ length: 250 }, (_, i) => String(i + 1));
    const scenes = await client.scenesByIds(ids);
    expect(scenes.size).toBe(250);
    expect(client.requestCount()).toBe(3);
    const sent = stash.requests.map((r) => (r.variables?.ids as string[] | undefined)?.length);
    expect(sent).toEqual([100, 100, 50]);
  });

  it("maps Stash fields to a SceneSnapshot", async () => {
    const parent = stash.state.studioNamed("Parent Network");
    const studio = stash.state.addStudio("Child Studio", parent.id);
    const file = stash.state.addFile({
      path: "/media/a/Film.mp4",
      size: 123456789,
      duration: 60,
      width: 1,
      height: 1,
    });
    const scene = stash.state.addScene({
      title: "Film",
      details: "About",
      date: "2024-02-03",
      rating100: 80,
      organized: true,
      studioId: studio.id,
      performerIds: [stash.state.performerNamed("Ann Lee").id],
      tagIds: [stash.state.tagNamed("Drama").id],
      fileIds: [file.id],
      urls: ["https://example.com/x"],
      groupIds: [stash.state.groupNamed("Series One").id, stash.state.groupNamed("Saga").id],
    });
    stash.state.updateGroup(stash.state.groupNamed("Saga").id, {
      synopsis: "Three films",
      frontImage: { bytes: new Uint8Array([1, 2, 3]), contentType: "image/png" },
    });
    const snapshot = (await client.scenesByIds([scene.id])).get(scene.id);
    expect(snapshot).toEqual({
      id: scene.id,
      title: "Film",
      code: null,
      details: "About",
      director: null,
      date: "2024-02-03",
      urls: ["https://example.com/x"],
      rating100: 80,
      organized: true,
      createdAt: "2025-06-01T10:00:00Z",
      updatedAt: "2025-06-01T10:00:00Z",
      files: [{ path: "/media/a/Film.mp4", basename: "Film.mp4", size: 123456789 }],
      studio: { name: "Child Studio", parentName: "Parent Network" },
      performers: ["Ann Lee"],
      tags: ["Drama"],
      // A group without a cover: Stash answers a placeholder URL (`default=true`), which is no cover.
      groups: [
        { name: "Series One", synopsis: null, frontImageUrl: null },
        {
          name: "Saga",
          synopsis: "Three films",
          frontImageUrl: expect.stringMatching(new RegExp(`^${stash.url}/group/\\d+/frontimage\\?t=\\d+$`)),
        },
      ],
      screenshotUrl: expect.stringMatching(
        new RegExp(`^${stash.url}/scene/${scene.id}/screenshot\\?t=\\d+$`),
      ),
    });
  });

  it("leaves out ids Stash no longer has in two requests however many are gone (Stash fails the whole findScenes for one)", async () => {
    stash.state.scenes.delete("2");
    const scenes = await client.scenesByIds(["1", "2", "3", "9999", "3", "9998", "9997"]);
    expect([...scenes.keys()].sort()).toEqual(["1", "3"]);
    expect(scenes.get("3")?.id).toBe("3");
    expect(client.requestCount()).toBe(2);
  });

  it("sends nothing for no ids or ids that cannot be Stash ids", async () => {
    expect((await client.scenesByIds([])).size).toBe(0);
    expect((await client.scenesByIds(["abc", "-1"])).size).toBe(0);
    expect(client.requestCount()).toBe(0);
  });
});

describe("scenesPage and scenesCount", () => {
  it("pages an updated_at window after a cursor Stash returned, in updated_at order", async () => {
    const cursor = stash.state.scenes.get("1")?.updatedAt ?? "";
    for (const id of ["40", "7", "120"]) {
      now += 60_000;
      stash.state.updateScene(id, { title: `changed ${id}` });
    }
    const first = await client.scenesPage({ field: "updated_at", after: cursor, page: 1, perPage: 2 });
    const second = await client.scenesPage({ field: "updated_at", after: cursor, page: 2, perPage: 2 });
    expect(first.count).toBe(3);
    expect([...first.scenes, ...second.scenes].map((s) => s.id)).toEqual(["40", "7", "120"]);
    expect(await client.scenesCount({ field: "updated_at", after: cursor })).toBe(3);
    const sent = stash.requests[0]?.variables;
    expect(sent).toEqual({
      scene_filter: { updated_at: { value: cursor, modifier: "GREATER_THAN" } },
      filter: { page: 1, per_page: 2, sort: "updated_at", direction: "ASC" },
    });
  });

  it("windows on created_at", async () => {
    const cursor = stash.state.now();
    now += 1000;
    const added = stash.state.addScene({ title: "new one" });
    const page = await client.scenesPage({ field: "created_at", after: cursor, page: 1, perPage: 50 });
    expect(page.scenes.map((s) => s.id)).toEqual([added.id]);
  });

  it("pages through every scene by id when there is no window", async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const result = await client.scenesPage({ field: null, page, perPage: 100 });
      seen.push(...result.scenes.map((s) => s.id));
      if (seen.length >= result.count) break;
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => String(i + 1)));
    expect(await client.scenesCount({ field: null })).toBe(250);
  });

  it("refuses page sizes that would mean 'everything' or nothing", async () => {
    await expect(client.scenesPage({ field: null, page: 1, perPage: -1 })).rejects.toThrow(RangeError);
    await expect(client.scenesPage({ field: null, page: 0, perPage: 10 })).rejects.toThrow(RangeError);
    expect(client.requestCount()).toBe(0);
  });
});
