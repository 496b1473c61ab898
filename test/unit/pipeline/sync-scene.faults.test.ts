import { describe, expect, it } from "vitest";
import { syncScene } from "../../../plugin/pipeline/sync-scene.js";
import { isPlexError, type PlexError } from "../../../plugin/plex/index.js";
import { coerceError } from "../../../plugin/worker/coerce-error.js";
import type { Fault } from "../../fakes/plex/index.js";
import { rejectionOf } from "../plex/helpers.js";
import { COVER_URL, stashScene, usePipelineWorld } from "./harness.js";

/** The scene's two files live in two libraries, so the second item's edit has its own path to fail on. */
const SECTIONS = [
  { key: "1", title: "Scenes", locations: ["/data/scenes"] },
  { key: "2", title: "More scenes", locations: ["/data/more"] },
];
const ITEMS = [
  { ratingKey: "501", sectionId: "1", file: "/data/scenes/golden-hour.mp4", size: 1_000_000 },
  { ratingKey: "801", sectionId: "2", file: "/data/more/golden-hour-4k.mp4", size: 4_000_000 },
];
const TWO_FILES = stashScene({
  files: [
    { path: "/stash/videos/golden-hour.mp4", basename: "golden-hour.mp4", size: 1_000_000 },
    { path: "/stash/more/golden-hour-4k.mp4", basename: "golden-hour-4k.mp4", size: 4_000_000 },
  ],
});
const SETTINGS = {
  sync_poster: false,
  sync_background: false,
  path_map: "/stash/videos => /data/scenes; /stash/more => /data/more",
};

async function plexRejection(promise: Promise<unknown>): Promise<PlexError> {
  const error = await rejectionOf(promise);
  if (!isPlexError(error)) throw new Error(`expected a PlexError, got ${String(error)}`);
  return error;
}

/**
 * A Plex failure in the middle of a scene's sync (the first item already edited) surfaces as a classified
 * PlexError and records no sync state, so the retry runs the whole sync again rather than skipping it.
 */
describe("syncScene: Plex failures mid-way", () => {
  const world = usePipelineWorld();

  it.each<[string, string, Fault]>([
    ["HTTP 500", "server_error", { type: "status", status: 500 }],
    ["HTTP 503", "maintenance", { type: "status", status: 503 }],
    ["HTTP 401", "auth", { type: "status", status: 401 }],
    ["no answer in time", "timeout", { type: "hang" }],
  ])("%s on the second item's edit → %s; nothing recorded", async (_name, kind, fault) => {
    const w = await world({
      plex: { sections: SECTIONS, items: ITEMS },
      client: { connectTimeoutMs: 300, readTimeoutMs: 300 },
      settings: SETTINGS,
    });
    w.fake.faults.set("PUT /library/sections/2/all", fault);
    const error = await plexRejection(syncScene(TWO_FILES, "create", w.deps));
    expect(error).toMatchObject({ kind, method: "PUT", path: "/library/sections/2/all" });
    expect(coerceError(error).class).toBe(kind);
    // The first item was written before the failure; the state was not.
    expect(w.fake.item("501").values.title).toBe("Golden Hour");
    expect(w.records).toEqual([]);
    expect(w.states.has("1")).toBe(false);
  });

  it("after the failure, the retry re-sends what Plex did not get, and then records", async () => {
    const w = await world({ plex: { sections: SECTIONS, items: ITEMS }, settings: SETTINGS });
    w.fake.faults.set("PUT /library/sections/2/all", { type: "status", status: 500, times: 1 });
    await plexRejection(syncScene(TWO_FILES, "create", w.deps));
    w.mark();
    const outcome = await syncScene(TWO_FILES, "create", w.deps);
    expect(outcome).toMatchObject({ status: "synced", ratingKeys: ["501", "801"] });
    expect(
      w
        .since()
        .filter((r) => r.method === "PUT")
        .map((r) => r.query.get("id")),
    ).toEqual(["801"]);
    expect(w.fake.item("801").values.title).toBe("Golden Hour");
    expect(w.records).toHaveLength(1);
  });

  it("a previously synced scene keeps its old sync state when the new sync fails", async () => {
    const w = await world({ plex: { sections: SECTIONS, items: ITEMS }, settings: SETTINGS });
    await syncScene(TWO_FILES, "create", w.deps);
    const before = w.states.get("1");
    w.fake.faults.set("PUT /library/sections/2/all", { type: "status", status: 502 });
    const error = await plexRejection(syncScene({ ...TWO_FILES, title: "Blue Hour" }, "update", w.deps));
    expect(error.kind).toBe("server_error");
    expect(w.states.get("1")).toBe(before);
    expect(w.records).toHaveLength(1);
  });

  it("an image upload failing with a 5xx after the edit fails the sync too; a 400 is only a warning", async () => {
    const w = await world({
      plex: { items: [ITEMS[0]!] },
      settings: { sync_poster: true, sync_background: false },
    });
    w.covers.set(COVER_URL, new Uint8Array([1, 2, 3]));
    const scene = stashScene({ screenshotUrl: COVER_URL });
    w.fake.faults.set("POST /library/metadata/501/posters", { type: "status", status: 500, times: 1 });
    expect((await plexRejection(syncScene(scene, "create", w.deps))).kind).toBe("server_error");
    expect(w.records).toEqual([]);

    w.fake.faults.set("POST /library/metadata/501/posters", { type: "status", status: 400, times: 1 });
    const outcome = await syncScene(scene, "create", w.deps);
    expect(outcome).toMatchObject({ status: "unchanged", ratingKeys: ["501"] });
    expect(w.states.get("1")?.imageLog?.poster).toMatchObject({
      problem: expect.stringContaining("refused"),
    });
    expect(w.plex.logger.lines.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      expect.stringContaining("Plex refused the poster image for item 501"),
    ]);
  });
});
