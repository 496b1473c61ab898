import { afterEach, describe, expect, it } from "vitest";
import { itemOf, shapeScene, syncNow } from "./sync.helpers.js";
import { startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const COVER = { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), contentType: "image/png" };

describe("group collections, end to end (bundled script, fake Stash, fake Plex)", () => {
  it("the group's Plex collection gets its description and cover once; a changed description is written again", async () => {
    world = await startWorld({ scenes: 3, settings: { sync_group_collections: true } });
    const group = world.stash.state.groupNamed("The Harbour Trilogy");
    world.stash.state.updateGroup(group.id, { synopsis: "Three walks by the sea.", frontImage: COVER });
    for (const id of ["1", "2", "3"]) {
      shapeScene(world, id, { title: `Part ${id}`, studio: "Harbor Lights" });
      world.stash.state.scenes.get(id)?.groupIds.push(group.id);
    }

    const first = await syncNow(world, ["1", "2", "3"]);
    expect(
      ["1", "2", "3"].every((id) => itemOf(world as World, id).tags.collection.includes(group.name)),
    ).toBe(true);
    const collection = world.plex.state.collections.find((c) => c.title === group.name);
    expect(collection).toMatchObject({ summary: "Three walks by the sea.", posters: [expect.any(String)] });
    // One scene wrote the collection; the other two found it up to date.
    expect(first.filter((r) => r.query.get("type") === "18")).toHaveLength(1);
    expect(
      first.filter(
        (r) => r.method === "POST" && r.path === `/library/metadata/${collection?.ratingKey}/posters`,
      ),
    ).toHaveLength(1);
    const fetched = world.stash.requests.filter((r) => r.path === `/group/${group.id}/frontimage`);
    expect(fetched).toHaveLength(1);

    world.stash.state.updateGroup(group.id, { synopsis: "Three walks, and a storm." });
    for (const id of ["1", "2", "3"]) world.stash.state.updateScene(id, {});
    const again = await syncNow(world, ["1", "2", "3"], "update");
    expect(world.plex.state.collections.find((c) => c.title === group.name)?.summary).toBe(
      "Three walks, and a storm.",
    );
    expect(again.filter((r) => r.query.get("type") === "18")).toHaveLength(1);
  });
});
