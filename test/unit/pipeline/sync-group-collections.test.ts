import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { syncScene } from "../../../plugin/pipeline/sync-scene.js";
import type { FakeRequest } from "../../fakes/plex/index.js";
import { stashScene, usePipelineWorld, writes } from "./harness.js";

const ITEMS = [
  { ratingKey: "501", file: "/data/scenes/golden-hour.mp4", size: 1_000_000 },
  { ratingKey: "502", file: "/data/scenes/blue-hour.mp4", size: 2_000_000 },
];
const COVER_URL = "http://stash.test/group/7/frontimage?t=1";
const COVER = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7, 7]);
const sha1 = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("hex");
const saga = (synopsis: string | null, frontImageUrl: string | null = COVER_URL) => [
  { name: "The Saga", synopsis, frontImageUrl },
];
const onCollections = (requests: FakeRequest[]) =>
  requests
    .filter((r) => r.path.includes("/collections") || r.query.get("type") === "18" || /\/60\d\//.test(r.path))
    .map((r) => `${r.method} ${r.path}${r.query.get("type") === "18" ? " type=18" : ""}`);

/** A group's Plex collection gets the group's description and cover (pipeline/sync-group-collections.ts). */
describe("syncScene: group collections", () => {
  const world = usePipelineWorld();

  it("the first scene of a group writes its collection's summary and poster; the next scene of the group costs nothing", async () => {
    const w = await world({ plex: { items: ITEMS }, settings: { sync_group_collections: true } });
    w.covers.set(COVER_URL, COVER);
    const first = stashScene({ groups: saga("Three films, one summer.") });
    expect(await syncScene(first, "create", w.deps)).toMatchObject({ status: "synced" });
    const collection = w.fake.state.collections.find((c) => c.title === "The Saga");
    expect(collection).toMatchObject({ summary: "Three films, one summer.", poster: sha1(COVER) });
    expect(w.downloads).toEqual([COVER_URL]);

    w.mark();
    const second = stashScene({
      id: "2",
      files: [{ path: "/stash/videos/blue-hour.mp4", basename: "blue-hour.mp4", size: 2_000_000 }],
      groups: saga("Three films, one summer."),
    });
    await syncScene(second, "create", w.deps);
    expect(onCollections(w.since())).toEqual([]);
    expect(w.downloads).toEqual([COVER_URL]);
  });

  it("a changed description or cover is written again; an unchanged scene re-synced writes nothing", async () => {
    const w = await world({ plex: { items: ITEMS.slice(0, 1) }, settings: { sync_group_collections: true } });
    w.covers.set(COVER_URL, COVER);
    await syncScene(stashScene({ groups: saga("Before") }), "create", w.deps);
    w.mark();
    await syncScene(stashScene({ groups: saga("Before") }), "manual", w.deps);
    expect(writes(w.since())).toEqual([]);

    const newCover = "http://stash.test/group/7/frontimage?t=2";
    w.covers.set(newCover, new Uint8Array([1, 2, 3]));
    const outcome = await syncScene(stashScene({ groups: saga("After", newCover) }), "update", w.deps);
    expect(outcome).toMatchObject({ status: "synced" });
    const collection = w.fake.state.collections.find((c) => c.title === "The Saga");
    expect(collection).toMatchObject({ summary: "After", poster: sha1(new Uint8Array([1, 2, 3])) });
  });

  it("a cover Stash does not deliver is said and tried again with the group's next scene; the summary is kept", async () => {
    const w = await world({ plex: { items: ITEMS }, settings: { sync_group_collections: true } });
    await syncScene(stashScene({ groups: saga("Words") }), "create", w.deps);
    const collection = w.fake.state.collections.find((c) => c.title === "The Saga");
    expect(collection?.summary).toBe("Words");
    expect(collection?.poster).toBeUndefined();
    expect(w.plex.logger.lines.some((r) => r.level === "warn" && /front image/.test(r.message))).toBe(true);

    w.covers.set(COVER_URL, COVER);
    const second = stashScene({
      id: "2",
      files: [{ path: "/stash/videos/blue-hour.mp4", basename: "blue-hour.mp4", size: 2_000_000 }],
      groups: saga("Words"),
    });
    await syncScene(second, "create", w.deps);
    expect(w.fake.state.collections.find((c) => c.title === "The Saga")?.poster).toBe(sha1(COVER));
  });

  it("off (the default) or a group with neither description nor cover: no collection request at all", async () => {
    const off = await world({ plex: { items: ITEMS.slice(0, 1) } });
    off.covers.set(COVER_URL, COVER);
    await syncScene(stashScene({ groups: saga("Words") }), "create", off.deps);
    expect(onCollections(off.fake.requests)).toEqual([]);

    const bare = await world({
      plex: { items: ITEMS.slice(0, 1) },
      settings: { sync_group_collections: true },
    });
    await syncScene(stashScene({ groups: saga(null, null) }), "create", bare.deps);
    expect(onCollections(bare.fake.requests)).toEqual([]);
    expect(bare.fake.item("501").tags.collection).toContain("The Saga");
  });
});
