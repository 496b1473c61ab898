import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { syncScene } from "../../../plugin/pipeline/sync-scene.js";
import type { FakeRequest } from "../../fakes/plex/index.js";
import { COVER_URL, stashScene, usePipelineWorld, writes } from "./harness.js";

const ITEM = { ratingKey: "501", file: "/data/scenes/golden-hour.mp4", size: 1_000_000, withImages: true };
const COVER_A = new Uint8Array([0xff, 0xd8, 0xff, 1, 1, 1]);
const COVER_B = new Uint8Array([0xff, 0xd8, 0xff, 2, 2, 2]);
const sha1 = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("hex");
const shown = (requests: FakeRequest[]) =>
  writes(requests).map((r) => `${r.method} ${r.path}${r.query.has("url") ? ` ${r.query.get("url")}` : ""}`);

/**
 * Poster and background (pipeline/sync-images.ts) through syncScene: the screenshot is downloaded once per
 * sync, uploaded only when its bytes changed or Plex shows another image, and re-selected after a re-upload.
 */
describe("syncScene: images", () => {
  const world = usePipelineWorld();

  /** One scene with two files, each in its own Plex item (501, 502); poster only. */
  async function twoItems() {
    const second = { ...ITEM, ratingKey: "502", file: "/data/scenes/golden-hour-2.mp4", size: 2_000_000 };
    const w = await world({ plex: { items: [ITEM, second] }, settings: { sync_background: false } });
    w.covers.set(COVER_URL, COVER_A);
    const scene = stashScene({
      screenshotUrl: COVER_URL,
      files: [
        { path: "/stash/videos/golden-hour.mp4", basename: "golden-hour.mp4", size: 1_000_000 },
        { path: "/stash/videos/golden-hour-2.mp4", basename: "golden-hour-2.mp4", size: 2_000_000 },
      ],
    });
    return { w, scene };
  }

  it("first sync: the cover is downloaded once and uploaded as poster and background, which select themselves", async () => {
    const w = await world({ plex: { items: [ITEM] } });
    w.covers.set(COVER_URL, COVER_A);
    const outcome = await syncScene(stashScene({ screenshotUrl: COVER_URL }), "create", w.deps);
    expect(outcome).toMatchObject({ status: "synced", imagesUploaded: 2 });
    expect(w.downloads).toEqual([COVER_URL]);
    expect(shown(w.since()).filter((line) => !line.startsWith("PUT /library/sections"))).toEqual([
      "POST /library/metadata/501/posters",
      "POST /library/metadata/501/arts",
    ]);
    const item = w.fake.item("501");
    expect(item.posters.find((p) => p.selected)).toMatchObject({ provider: "upload", bytes: COVER_A });
    expect(item.arts.find((p) => p.selected)).toMatchObject({ provider: "upload", bytes: COVER_A });
    expect(w.states.get("1")).toMatchObject({
      imageHashes: { poster: sha1(COVER_A), art: sha1(COVER_A) },
      imageLog: { poster: { uploadedAt: expect.any(Number) }, art: { uploadedAt: expect.any(Number) } },
    });
  });

  it("same bytes on a Sync now: nothing uploaded, and the thumb path Plex gave our upload is learned", async () => {
    const w = await world({ plex: { items: [ITEM] } });
    w.covers.set(COVER_URL, COVER_A);
    const scene = stashScene({ screenshotUrl: COVER_URL });
    await syncScene(scene, "create", w.deps);
    w.mark();
    const outcome = await syncScene(scene, "manual", w.deps);
    expect(outcome).toMatchObject({ status: "unchanged" });
    expect(writes(w.since())).toEqual([]);
    expect(w.states.get("1")?.itemImages?.["501"]?.thumbs.poster).toMatch(
      /^\/library\/metadata\/501\/thumb\/\d+$/,
    );
  });

  it("changed bytes: uploaded again and explicitly selected; bytes changed back are re-selected too", async () => {
    const w = await world({ plex: { items: [ITEM] }, settings: { sync_background: false } });
    w.covers.set(COVER_URL, COVER_A);
    await syncScene(stashScene({ screenshotUrl: COVER_URL }), "create", w.deps);

    // Stash hands out a new URL for a new cover, so the desired state changes with it.
    const urlB = `${COVER_URL}?t=2`;
    w.covers.set(urlB, COVER_B);
    w.mark();
    await syncScene(stashScene({ screenshotUrl: urlB }), "update", w.deps);
    expect(shown(w.since())).toEqual([
      "POST /library/metadata/501/posters",
      `PUT /library/metadata/501/poster upload://posters/${sha1(COVER_B)}`,
    ]);
    expect(w.fake.item("501").posters.find((p) => p.selected)?.bytes).toEqual(COVER_B);

    // Back to the first cover: Plex already holds those bytes and would keep showing B without the select.
    const urlA = `${COVER_URL}?t=3`;
    w.covers.set(urlA, COVER_A);
    w.mark();
    await syncScene(stashScene({ screenshotUrl: urlA }), "update", w.deps);
    expect(shown(w.since())).toEqual([
      "POST /library/metadata/501/posters",
      `PUT /library/metadata/501/poster upload://posters/${sha1(COVER_A)}`,
    ]);
    expect(w.fake.item("501").posters.find((p) => p.selected)?.bytes).toEqual(COVER_A);
  });

  it("someone picked another poster in Plex: ours goes up again on the next sync that reads the item", async () => {
    const w = await world({ plex: { items: [ITEM] }, settings: { sync_background: false } });
    w.covers.set(COVER_URL, COVER_A);
    const scene = stashScene({ screenshotUrl: COVER_URL });
    await syncScene(scene, "create", w.deps);
    await syncScene(scene, "manual", w.deps); // learns the thumb path of our upload
    w.fake.setItem("501", (item) => {
      item.thumbTs = (item.thumbTs ?? 0) + 100;
      for (const p of item.posters) p.selected = p.provider !== "upload";
    });
    w.mark();
    await syncScene(scene, "manual", w.deps);
    expect(shown(w.since())).toEqual([
      "POST /library/metadata/501/posters",
      `PUT /library/metadata/501/poster upload://posters/${sha1(COVER_A)}`,
    ]);
    expect(w.fake.item("501").posters.find((p) => p.selected)?.provider).toBe("upload");
  });

  it("no cover from Stash: nothing uploaded, the image log says why", async () => {
    const w = await world({ plex: { items: [ITEM] } });
    const outcome = await syncScene(stashScene({ screenshotUrl: COVER_URL }), "create", w.deps);
    expect(outcome).toMatchObject({ status: "synced", imagesUploaded: 0 });
    expect(writes(w.since()).filter((r) => r.method === "POST")).toEqual([]);
    expect(w.states.get("1")?.imageLog).toMatchObject({
      poster: { problem: "Stash did not deliver the scene's cover image" },
      art: { problem: "Stash did not deliver the scene's cover image" },
    });
  });

  it("posters and backgrounds off: the cover is never downloaded", async () => {
    const w = await world({
      plex: { items: [ITEM] },
      settings: { sync_poster: false, sync_background: false },
    });
    w.covers.set(COVER_URL, COVER_A);
    await syncScene(stashScene({ screenshotUrl: COVER_URL }), "create", w.deps);
    expect(w.downloads).toEqual([]);
    expect(writes(w.since()).filter((r) => r.method === "POST")).toEqual([]);
  });

  it("a scene in two Plex items: each item gets the poster, and a second sync uploads nothing", async () => {
    const { w, scene } = await twoItems();
    const outcome = await syncScene(scene, "create", w.deps);
    expect(outcome).toMatchObject({ status: "synced", imagesUploaded: 2 });
    expect(shown(w.since()).filter((line) => line.startsWith("POST"))).toEqual([
      "POST /library/metadata/501/posters",
      "POST /library/metadata/502/posters",
    ]);
    expect(w.downloads).toEqual([COVER_URL]);
    expect(w.states.get("1")?.imageHashes).toEqual({ poster: sha1(COVER_A) });
    w.mark();
    await syncScene(scene, "manual", w.deps);
    expect(writes(w.since())).toEqual([]);
  });

  it("a state from before per-item images stands for the first item: the other gets its poster, the first no re-upload", async () => {
    const { w, scene } = await twoItems();
    w.states.set("1", {
      ratingKeys: ["501", "502"],
      lastSyncedAt: 1,
      desiredHash: "old",
      imageHashes: { poster: sha1(COVER_A) },
      lastChanges: [],
    });
    await syncScene(scene, "manual", w.deps);
    expect(shown(w.since()).filter((line) => line.startsWith("POST"))).toEqual([
      "POST /library/metadata/502/posters",
    ]);
  });

  it("an item no longer matched drops its image state", async () => {
    const w = await world({ plex: { items: [ITEM] } });
    w.covers.set(COVER_URL, COVER_A);
    w.states.set("1", {
      ratingKeys: ["501", "999"],
      lastSyncedAt: 1,
      desiredHash: "old",
      imageHashes: {},
      itemImages: { "999": { hashes: { poster: "gone" }, thumbs: {} } },
      lastChanges: [],
    });
    await syncScene(stashScene({ screenshotUrl: COVER_URL }), "manual", w.deps);
    expect(Object.keys(w.states.get("1")?.itemImages ?? {})).toEqual(["501"]);
  });
});
