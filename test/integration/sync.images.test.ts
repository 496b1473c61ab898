import { afterEach, describe, expect, it } from "vitest";
import { isEdit, isUpload, itemOf, ratingKeyOf, requestsFor, shapeScene, syncNow } from "./sync.helpers.js";
import { startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

describe("images and the nothing-changed skip, end to end", () => {
  it("uploads poster and background once, skips them when unchanged, re-uploads a changed cover", async () => {
    world = await startWorld({ scenes: 1 });
    shapeScene(world, "1", { title: "Golden Hour", studio: "Harbor Lights" });
    const rk = ratingKeyOf("1");

    const first = await syncNow(world, ["1"]);
    expect(
      requestsFor(first, rk)
        .filter(isUpload)
        .map((r) => r.path),
    ).toEqual([`/library/metadata/${rk}/posters`, `/library/metadata/${rk}/arts`]);
    const item = itemOf(world, "1");
    expect(item.posters.find((p) => p.selected)?.provider).toBe("upload");
    expect(item.arts.find((p) => p.selected)?.provider).toBe("upload");

    // Nothing changed in Stash: not one request for the scene, not even a metadata read.
    const second = await syncNow(world, ["1"], "update");
    expect(requestsFor(second, rk)).toEqual([]);

    // "Sync now" bypasses the skip, reads the item, and still uploads nothing (bytes unchanged).
    const manual = await syncNow(world, ["1"], "manual");
    expect(requestsFor(manual, rk).filter((r) => r.method !== "GET")).toEqual([]);

    // A new cover in Stash: both images go up again, and no field edit rides along.
    world.stash.state.updateScene("1", { coverVersion: 2 });
    const changed = await syncNow(world, ["1"], "update");
    expect(requestsFor(changed, rk).filter(isUpload)).toHaveLength(2);
    expect(requestsFor(changed, rk).filter(isEdit)).toEqual([]);
  });

  it("a scene with two files in two Plex items: both get the poster, and a second sync uploads nothing", async () => {
    world = await startWorld({ scenes: 1, settings: { sync_background: false } });
    shapeScene(world, "1", { title: "Golden Hour" });
    const copy = world.stash.state.addFile({
      path: "/data/videos/golden-hour-copy.mp4",
      size: 7_654_321,
      duration: 600,
      width: 1920,
      height: 1080,
    });
    const scene = world.stash.state.scenes.get("1");
    world.stash.state.updateScene("1", { fileIds: [...(scene?.fileIds ?? []), copy.id] });
    world.plex.addItem({ ratingKey: "502", title: "Golden Hour copy", file: copy.path, size: copy.size });
    const rk = ratingKeyOf("1");

    const first = await syncNow(world, ["1"]);
    expect(first.filter(isUpload).map((r) => r.path)).toEqual([
      `/library/metadata/${rk}/posters`,
      "/library/metadata/502/posters",
    ]);
    expect(world.plex.item("502").posters.find((p) => p.selected)?.provider).toBe("upload");

    const manual = await syncNow(world, ["1"], "manual");
    expect(manual.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("re-uploads the poster when someone replaced it in Plex", async () => {
    world = await startWorld({ scenes: 1, settings: { sync_background: false } });
    shapeScene(world, "1", { title: "Golden Hour" });
    const rk = ratingKeyOf("1");
    await syncNow(world, ["1"]);
    await syncNow(world, ["1"], "manual"); // learns the thumb path Plex gave our upload
    world.plex.setItem(rk, (item) => {
      item.thumbTs = (item.thumbTs ?? 0) + 100;
      for (const p of item.posters) p.selected = false;
    });
    const again = await syncNow(world, ["1"], "manual");
    expect(
      requestsFor(again, rk)
        .filter(isUpload)
        .map((r) => r.path),
    ).toEqual([`/library/metadata/${rk}/posters`]);
    // Plex ignores bytes it already holds: ours must be selected again explicitly.
    expect(itemOf(world, "1").posters.find((p) => p.selected)?.provider).toBe("upload");
  });

  it("a cover changed and changed back in Stash is what Plex shows", async () => {
    world = await startWorld({ scenes: 1, settings: { sync_background: false } });
    shapeScene(world, "1", { title: "Golden Hour" });
    const selectedKey = () => itemOf(world!, "1").posters.find((p) => p.selected)?.ratingKey;
    await syncNow(world, ["1"]);
    const first = selectedKey();
    world.stash.state.updateScene("1", { coverVersion: 2 });
    await syncNow(world, ["1"], "update");
    expect(selectedKey()).not.toBe(first);
    world.stash.state.updateScene("1", { coverVersion: 1 });
    await syncNow(world, ["1"], "update");
    expect(selectedKey()).toBe(first);
  });

  it("a second run over a synced library sends no Plex request at all", async () => {
    world = await startWorld({ scenes: 8 });
    const ids = [...world.stash.state.scenes.keys()];
    await syncNow(world, ids);
    const second = await syncNow(world, ids, "update");
    expect(second.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
