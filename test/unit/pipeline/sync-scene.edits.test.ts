import { describe, expect, it } from "vitest";
import { syncScene } from "../../../plugin/pipeline/sync-scene.js";
import { editParams, stashScene, usePipelineWorld, writes } from "./harness.js";

const NO_IMAGES = { sync_poster: false, sync_background: false };
const ITEM = {
  ratingKey: "501",
  file: "/data/scenes/golden-hour.mp4",
  size: 1_000_000,
  title: "golden-hour",
};

/**
 * syncScene (pipeline/sync-scene.ts) on the real Plex client, fake Plex over HTTP and the library cache on a
 * temporary store: what a scene's sync sends, and when it sends nothing.
 */
describe("syncScene: edits", () => {
  const world = usePipelineWorld();

  it("first sync: sweeps the library once, reads the item, sends one PUT with every field and its lock", async () => {
    const w = await world({ plex: { items: [ITEM] }, settings: NO_IMAGES });
    const outcome = await syncScene(stashScene(), "create", w.deps);
    expect(outcome).toMatchObject({ status: "synced", ratingKeys: ["501"] });
    expect(w.since().map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /library/sections",
      "GET /library/sections/1/all",
      "GET /library/metadata/501",
      "PUT /library/sections/1/all",
    ]);
    const params = new Map(editParams(w.since()[3]!));
    expect(params.get("title.value")).toBe("Golden Hour");
    expect(params.get("studio.value")).toBe("Harbor Lights");
    for (const field of ["title", "studio", "summary", "originallyAvailableAt", "genre", "actor"])
      expect(params.get(`${field}.locked`), field).toBe("1");
    expect(w.fake.item("501").values).toMatchObject({ title: "Golden Hour", studio: "Harbor Lights" });
    expect(w.records).toEqual([
      { sceneId: "1", dropPin: false, state: expect.objectContaining({ ratingKeys: ["501"] }) },
    ]);
  });

  it("desired state unchanged since the last sync: no request at all, nothing recorded", async () => {
    const w = await world({ plex: { items: [ITEM] }, settings: NO_IMAGES });
    await syncScene(stashScene(), "create", w.deps);
    w.mark();
    const outcome = await syncScene(stashScene(), "update", w.deps);
    expect(outcome).toMatchObject({ status: "unchanged", ratingKeys: ["501"] });
    expect(w.since()).toEqual([]);
    expect(w.records).toHaveLength(1);
  });

  it("one field changed in Stash: one PUT carrying that field and its lock, nothing else", async () => {
    const w = await world({ plex: { items: [ITEM] }, settings: NO_IMAGES });
    await syncScene(stashScene(), "create", w.deps);
    w.mark();
    const outcome = await syncScene(stashScene({ title: "Blue Hour" }), "update", w.deps);
    expect(outcome).toMatchObject({
      status: "synced",
      changes: [{ field: "title", from: "Golden Hour", to: "Blue Hour" }],
    });
    expect(w.since().map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /library/metadata/501",
      "PUT /library/sections/1/all",
    ]);
    expect(editParams(w.since()[1]!)).toEqual([
      ["title.value", "Blue Hour"],
      ["title.locked", "1"],
    ]);
    expect(w.states.get("1")?.lastChanges).toEqual(["title"]);
  });

  it.each(["manual", "reconcile"])(
    "reason %s bypasses the unchanged shortcut: the item is read, and nothing is written when it matches",
    async (reason) => {
      const w = await world({ plex: { items: [ITEM] }, settings: NO_IMAGES });
      await syncScene(stashScene(), "create", w.deps);
      w.mark();
      const outcome = await syncScene(stashScene(), reason, w.deps);
      expect(outcome).toMatchObject({ status: "unchanged", ratingKeys: ["501"] });
      expect(w.since().map((r) => `${r.method} ${r.path}`)).toContain("GET /library/metadata/501");
      expect(writes(w.since())).toEqual([]);
      expect(w.records).toHaveLength(2);
    },
  );

  it("reason reconcile repairs an item someone emptied in Plex though Stash did not change", async () => {
    const w = await world({ plex: { items: [ITEM] }, settings: NO_IMAGES });
    await syncScene(stashScene(), "create", w.deps);
    w.fake.setItem("501", (item) => {
      delete item.values.studio;
      item.locks.delete("studio");
    });
    expect(await syncScene(stashScene(), "update", w.deps)).toMatchObject({ status: "unchanged" });
    w.mark();
    const outcome = await syncScene(stashScene(), "reconcile", w.deps);
    expect(outcome).toMatchObject({ status: "synced", changes: [{ field: "studio", to: "Harbor Lights" }] });
    expect(writes(w.since()).map(editParams)).toEqual([
      [
        ["studio.value", "Harbor Lights"],
        ["studio.locked", "1"],
      ],
    ]);
  });

  it("a scene with two files held by two Plex items: one PUT per item, both recorded", async () => {
    const w = await world({
      plex: {
        items: [ITEM, { ratingKey: "502", file: "/data/scenes/golden-hour-4k.mp4", size: 4_000_000 }],
      },
      settings: NO_IMAGES,
    });
    const scene = stashScene({
      files: [
        { path: "/stash/videos/golden-hour.mp4", basename: "golden-hour.mp4", size: 1_000_000 },
        { path: "/stash/videos/golden-hour-4k.mp4", basename: "golden-hour-4k.mp4", size: 4_000_000 },
      ],
    });
    const outcome = await syncScene(scene, "create", w.deps);
    expect(outcome).toMatchObject({ status: "synced", ratingKeys: ["501", "502"] });
    const edits = writes(w.since());
    expect(edits.map((r) => r.query.get("id"))).toEqual(["501", "502"]);
    expect(edits.every((r) => r.query.get("title.value") === "Golden Hour")).toBe(true);
    expect(w.fake.item("502").values.title).toBe("Golden Hour");
    w.mark();
    expect(await syncScene(scene, "update", w.deps)).toMatchObject({ status: "unchanged" });
    expect(w.since()).toEqual([]);
  });

  it("a scene split over one Plex item with two parts: that item is edited once", async () => {
    const w = await world({
      plex: { items: [{ ratingKey: "600", file: ["/data/scenes/a-part1.mp4", "/data/scenes/a-part2.mp4"] }] },
      settings: NO_IMAGES,
    });
    const scene = stashScene({
      files: [
        { path: "/stash/videos/a-part1.mp4", basename: "a-part1.mp4", size: 1_000_000 },
        { path: "/stash/videos/a-part2.mp4", basename: "a-part2.mp4", size: 1_000_000 },
      ],
    });
    const outcome = await syncScene(scene, "create", w.deps);
    expect(outcome).toMatchObject({ status: "synced", ratingKeys: ["600"] });
    expect(writes(w.since()).map((r) => r.query.get("id"))).toEqual(["600"]);
  });

  it("sync_master off or an unorganized scene under organized_only: skipped without a request", async () => {
    const off = await world({ plex: { items: [ITEM] }, settings: { sync_master: false } });
    expect(await syncScene(stashScene(), "manual", off.deps)).toMatchObject({ status: "skipped" });
    expect(off.since()).toEqual([]);
    const organized = await world({ plex: { items: [ITEM] }, settings: { organized_only: true } });
    const outcome = await syncScene(stashScene({ organized: false }), "manual", organized.deps);
    expect(outcome).toMatchObject({ status: "skipped", reason: expect.stringContaining("organized") });
    expect(organized.since()).toEqual([]);
    expect([...off.records, ...organized.records]).toEqual([]);
  });
});
