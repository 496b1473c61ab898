import { afterEach, describe, expect, it } from "vitest";
import { bareScene, isEdit, itemOf, ratingKeyOf, requestsFor, shapeScene, syncNow } from "./sync.helpers.js";
import { startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const FULL = {
  title: "Golden Hour",
  details: "Two friends at the harbor.",
  code: "NW-1001",
  date: "2024-01-30",
  rating100: 80,
  organized: true,
  studio: "Harbor Lights",
  performers: ["Ava Stone", "Liam Hart"],
  tags: ["Outdoor", "Beach"],
};

describe("field rules, end to end through the bundled script", () => {
  it("sets every field with its lock, then removes tags and performers Stash dropped", async () => {
    world = await startWorld({ scenes: 1, settings: { sync_poster: false, sync_background: false } });
    shapeScene(world, "1", FULL);
    await syncNow(world, ["1"]);
    const item = itemOf(world, "1");
    expect(item.values).toMatchObject({
      title: "Golden Hour",
      summary: "Two friends at the harbor.",
      tagline: "NW-1001",
      studio: "Harbor Lights",
      originallyAvailableAt: "2024-01-30",
    });
    expect(item.values.userRating).toBeUndefined(); // sync_rating is off by default
    expect(item.tags.genre.sort()).toEqual(["Beach", "Outdoor"]);
    expect(item.tags.actor.sort()).toEqual(["Ava Stone", "Liam Hart"]);
    expect(item.tags.collection).toEqual(["Harbor Lights"]);
    for (const f of ["title", "summary", "tagline", "studio", "originallyAvailableAt", "genre", "actor"])
      expect(item.locks.has(f), f).toBe(true);

    shapeScene(world, "1", { tags: ["Beach", "Night"], performers: ["Liam Hart"] });
    const requests = await syncNow(world, ["1"], "update");
    expect(requests.filter(isEdit)).toHaveLength(1);
    expect(item.tags.genre.sort()).toEqual(["Beach", "Night"]);
    expect(item.tags.actor).toEqual(["Liam Hart"]);
  });

  it("clears emptied fields only when the scene has real metadata; never the title", async () => {
    world = await startWorld({ scenes: 2, settings: { sync_poster: false, sync_background: false } });
    for (const id of ["1", "2"]) shapeScene(world, id, FULL);
    await syncNow(world, ["1", "2"]);

    // Scene 1 keeps its studio (real metadata) but loses details, date, tags and performers.
    shapeScene(world, "1", { title: null, details: null, date: null, tags: [], performers: [] });
    // Scene 2 is stripped to its file: the identification race. Nothing may be wiped.
    bareScene(world, "2");
    await syncNow(world, ["1", "2"], "update");

    const one = itemOf(world, "1");
    expect(one.values.title).toBe("Golden Hour");
    expect(one.values.summary).toBeUndefined();
    expect(one.values.originallyAvailableAt).toBeUndefined();
    expect(one.tags.genre).toEqual([]);
    expect(one.tags.actor).toEqual([]);
    expect(one.values.studio).toBe("Harbor Lights");
    expect(one.locks.has("summary")).toBe(true); // a clear stays cleared after an agent refresh

    const two = itemOf(world, "2");
    expect(two.values).toMatchObject({
      title: "Golden Hour",
      summary: "Two friends at the harbor.",
      studio: "Harbor Lights",
      originallyAvailableAt: "2024-01-30",
    });
    expect(two.tags.genre.sort()).toEqual(["Beach", "Outdoor"]);
    expect(two.tags.actor.sort()).toEqual(["Ava Stone", "Liam Hart"]);
  });

  it("preserve_plex_edits fills only what Plex leaves empty", async () => {
    world = await startWorld({
      scenes: 1,
      settings: { preserve_plex_edits: true, sync_poster: false, sync_background: false },
    });
    world.plex.setItem(ratingKeyOf("1"), (item) => {
      item.values.title = "My own title";
      item.values.summary = "My own summary";
      item.tags.genre = ["Mine"];
      item.tags.actor = [];
    });
    shapeScene(world, "1", FULL);
    await syncNow(world, ["1"]);
    const item = itemOf(world, "1");
    expect(item.values.title).toBe("My own title");
    expect(item.values.summary).toBe("My own summary");
    expect(item.tags.genre).toEqual(["Mine"]);
    expect(item.tags.actor.sort()).toEqual(["Ava Stone", "Liam Hart"]);
    expect(item.values.studio).toBe("Harbor Lights");
    expect(item.values.originallyAvailableAt).toBe("2024-01-30");

    shapeScene(world, "1", { details: null, tags: [] });
    await syncNow(world, ["1"], "update");
    expect(item.values.summary).toBe("My own summary");
    expect(item.tags.genre).toEqual(["Mine"]);
  });

  it("adds the studio collection without removing the user's collections", async () => {
    world = await startWorld({ scenes: 1, settings: { sync_poster: false, sync_background: false } });
    world.plex.setItem(ratingKeyOf("1"), (item) => {
      item.tags.collection = ["Favourites"];
    });
    shapeScene(world, "1", FULL);
    await syncNow(world, ["1"]);
    expect(itemOf(world, "1").tags.collection.sort()).toEqual(["Favourites", "Harbor Lights"]);
    expect(world.plex.state.collections.map((c) => c.title).sort()).toEqual(["Favourites", "Harbor Lights"]);
  });

  it("writes the rating only with sync_rating, as rating100 / 10", async () => {
    world = await startWorld({ scenes: 2, settings: { sync_poster: false, sync_background: false } });
    shapeScene(world, "1", FULL);
    await syncNow(world, ["1"]);
    expect(itemOf(world, "1").values.userRating).toBeUndefined();
    world.settings({ sync_rating: true });
    shapeScene(world, "2", { ...FULL, rating100: 60 });
    await syncNow(world, ["1", "2"], "manual");
    expect(itemOf(world, "1").values.userRating).toBe("8");
    expect(itemOf(world, "2").values.userRating).toBe("6");
  });

  it("leaves a field alone when its toggle is off", async () => {
    world = await startWorld({
      scenes: 1,
      settings: {
        sync_studio: false,
        sync_summary: false,
        sync_tagline: false,
        sync_date: false,
        sync_performers: false,
        sync_tags: false,
        sync_collection: false,
        sync_poster: false,
        sync_background: false,
      },
    });
    const before = structuredClone(itemOf(world, "1").values);
    shapeScene(world, "1", FULL);
    const requests = await syncNow(world, ["1"]);
    const item = itemOf(world, "1");
    expect(item.values).toEqual({ ...before, title: "Golden Hour" });
    expect(item.tags.genre).toEqual([]);
    expect(item.tags.actor).toEqual([]);
    expect(item.tags.collection).toEqual([]);
    const edit = requestsFor(requests, ratingKeyOf("1")).filter(isEdit);
    expect(edit).toHaveLength(1);
    const keys = edit[0]!.params.map(([k]) => k).filter((k) => !/^(type|id)$/.test(k));
    expect(keys.sort()).toEqual(["title.locked", "title.value"]);
  });

  it("writes nothing with sync_master off", async () => {
    world = await startWorld({ scenes: 1, settings: { sync_master: false } });
    const before = structuredClone(itemOf(world, "1").values);
    shapeScene(world, "1", FULL);
    const requests = await syncNow(world, ["1"]);
    expect(requests).toEqual([]);
    expect(itemOf(world, "1").values).toEqual(before);
  });

  it("organized_only syncs organized scenes and skips the rest", async () => {
    world = await startWorld({
      scenes: 2,
      settings: { organized_only: true, sync_poster: false, sync_background: false },
    });
    shapeScene(world, "1", FULL);
    shapeScene(world, "2", { ...FULL, title: "Not yet", organized: false });
    const requests = await syncNow(world, ["1", "2"]);
    expect(itemOf(world, "1").values.title).toBe("Golden Hour");
    expect(itemOf(world, "2").values.title).not.toBe("Not yet");
    expect(requestsFor(requests, ratingKeyOf("2"))).toEqual([]);
  });
});
