import { afterEach, describe, expect, it } from "vitest";
import { sceneCreateContext } from "../fakes/stash/hook-input.js";
import { isEdit, processQueue, sceneStatus, shapeScene, syncNow } from "./sync.helpers.js";
import { eventually, startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const SIZE = 1_234_567;

/** Gives scene 1 the file `stashPath` and puts two same-named, same-sized items in Plex (ratingKeys a, b). */
async function twinWorld(stashPath: string, settings: Record<string, unknown> = {}) {
  const w = await startWorld({
    scenes: 1,
    inPlex: () => false,
    settings: { sync_poster: false, sync_background: false, ...settings },
  });
  const file = w.stash.state.files.get(w.stash.state.scenes.get("1")!.fileIds[0]!)!;
  file.path = stashPath;
  file.basename = "Golden Hour.mp4";
  file.size = SIZE;
  shapeScene(w, "1", { title: "Golden Hour", studio: "Harbor Lights" });
  w.plex.addItem({ ratingKey: "501", title: "Twin A", file: "/data/videos/A/Golden Hour.mp4", size: SIZE });
  w.plex.addItem({ ratingKey: "502", title: "Twin B", file: "/data/videos/B/Golden Hour.mp4", size: SIZE });
  return w;
}

describe("matching, end to end", () => {
  it("never writes an ambiguous match under strict matching; a pin resolves it", async () => {
    world = await twinWorld("/stash/videos/A/Golden Hour.mp4");
    const requests = await syncNow(world, ["1"]);
    expect(requests.filter(isEdit)).toEqual([]);
    const status = await sceneStatus(world, "1");
    expect(status.match.state).toBe("ambiguous");
    if (status.match.state === "ambiguous")
      expect(status.match.candidates.map((c) => c.ratingKey).sort()).toEqual(["501", "502"]);
    expect(status.job).toMatchObject({ state: "dead", error: { class: "ambiguous" } });

    await world.runner.operation({ op: "scene.pin", sceneId: "1", ratingKey: "502" });
    await eventually(() => world!.plex.item("502").values.title === "Golden Hour", 15_000, "pinned sync");
    expect(world.plex.item("501").values.title).not.toBe("Golden Hour");
    const after = await sceneStatus(world, "1");
    expect(after.match).toMatchObject({ state: "matched", ratingKeys: ["502"], how: "pinned" });
  });

  it("drops a pin whose item vanished and matches normally again", async () => {
    world = await twinWorld("/stash/videos/A/Golden Hour.mp4");
    await world.runner.operation({ op: "scene.pin", sceneId: "1", ratingKey: "502" });
    await eventually(() => world!.plex.item("502").values.title === "Golden Hour", 15_000, "pinned sync");
    world.plex.removeItem("502");
    shapeScene(world, "1", { title: "Golden Hour II" });
    await eventually(async () => {
      await syncNow(world!, ["1"], "manual");
      return world!.plex.item("501").values.title === "Golden Hour II";
    });
    const status = await sceneStatus(world, "1");
    expect(status.match).toMatchObject({ state: "matched", ratingKeys: ["501"], how: "basename" });
    // The pin is gone for good: an item with the old ratingKey coming back does not capture the scene.
    world.plex.addItem({
      ratingKey: "502",
      title: "Twin B",
      file: "/data/videos/B/Golden Hour.mp4",
      size: SIZE,
    });
    await syncNow(world, ["1"], "manual");
    const final = await sceneStatus(world, "1");
    expect(final.match.state, JSON.stringify(final)).toBe("ambiguous");
  });

  it("path_map turns the Stash path into the Plex path (POSIX and Windows)", async () => {
    world = await twinWorld("/stash/videos/A/Golden Hour.mp4", { path_map: "/stash/videos => /data/videos" });
    await syncNow(world, ["1"]);
    expect(world.plex.item("501").values.title).toBe("Golden Hour");
    expect(world.plex.item("502").values.title).not.toBe("Golden Hour");
    await world.stop();

    world = await twinWorld("D:\\Media\\Videos\\B\\Golden Hour.mp4", {
      path_map: "d:\\media\\videos => /data/videos",
    });
    await syncNow(world, ["1"]);
    expect(world.plex.item("502").values.title).toBe("Golden Hour");
    expect(world.plex.item("501").values.title).not.toBe("Golden Hour");
  });

  it("not found, then found after the partial scan trigger_plex_scan asked for", async () => {
    world = await startWorld({
      scenes: 2,
      inPlex: (id) => id !== "2",
      settings: { trigger_plex_scan: true, sync_poster: false, sync_background: false },
    });
    const scene = world.stash.state.scenes.get("2")!;
    const file = world.stash.state.files.get(scene.fileIds[0]!)!;
    shapeScene(world, "2", { title: "Fresh scene" });
    world.plex.addPendingFile({ file: file.path, size: file.size });
    await syncNow(world, ["1"]); // builds the library index

    const hook = await world.runner.run({ hookContext: sceneCreateContext(2) });
    expect(hook.error).toBeNull();
    const folder = file.path.slice(0, file.path.lastIndexOf("/"));
    const scan = await eventually(
      () => world!.plex.requests.find((r) => r.path === "/library/sections/1/refresh"),
      15_000,
      "a partial scan",
    );
    expect(scan?.query.get("path")).toBe(folder);
    const status = await sceneStatus(world, "2");
    expect(status.match.state).toBe("not_found");

    // The not-found retry is 30 s away; "Sync now" runs it at once and finds the scanned file.
    await syncNow(world, ["2"], "manual");
    await processQueue(world);
    const item = [...world.plex.state.items.values()].find((i) => i.parts[0]?.file === file.path);
    expect(item?.values.title).toBe("Fresh scene");
  });
});
