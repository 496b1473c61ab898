import { describe, expect, it } from "vitest";
import { MatchError } from "../../../plugin/pipeline/outcome.js";
import { syncScene } from "../../../plugin/pipeline/sync-scene.js";
import { coerceError } from "../../../plugin/worker/coerce-error.js";
import { rejectionOf } from "../plex/helpers.js";
import { stashScene, usePipelineWorld, writes } from "./harness.js";

const NO_IMAGES = { sync_poster: false, sync_background: false };
/** Two Plex items with the scene's file name and size in other folders than its mapped path. */
const TWINS = [
  { ratingKey: "701", file: "/data/scenes/2024/golden-hour.mp4", size: 1_000_000, title: "First" },
  { ratingKey: "702", file: "/data/scenes/archive/golden-hour.mp4", size: 1_000_000, title: "Second" },
];

async function matchError(promise: Promise<unknown>): Promise<MatchError> {
  const error = await rejectionOf(promise);
  if (!(error instanceof MatchError)) throw new Error(`expected a MatchError, got ${String(error)}`);
  return error;
}

/** syncScene's matching against the library index built from the fake Plex: pins, ambiguity, not found. */
describe("syncScene: matching", () => {
  const world = usePipelineWorld();

  it("ambiguous: a MatchError with every candidate, nothing written, nothing recorded", async () => {
    const w = await world({ plex: { items: TWINS }, settings: NO_IMAGES });
    const error = await matchError(syncScene(stashScene(), "update", w.deps));
    expect(error.kind).toBe("ambiguous");
    expect(error.message).toContain("pin the right one");
    expect(error.candidates.map((c) => [c.ratingKey, c.file, c.size])).toEqual([
      ["701", "/data/scenes/2024/golden-hour.mp4", 1_000_000],
      ["702", "/data/scenes/archive/golden-hour.mp4", 1_000_000],
    ]);
    // The failure table dead-letters it with the candidates, so the user can pin one.
    expect(coerceError(error)).toMatchObject({
      class: "ambiguous",
      detail: { candidates: [{ ratingKey: "701" }, { ratingKey: "702" }] },
    });
    expect(writes(w.since())).toEqual([]);
    expect(w.records).toEqual([]);
  });

  it("a pin singles out the item among the candidates and stays", async () => {
    const w = await world({ plex: { items: TWINS }, settings: NO_IMAGES });
    w.pins.set("1", "702");
    const outcome = await syncScene(stashScene(), "update", w.deps);
    expect(outcome).toMatchObject({ status: "synced", ratingKeys: ["702"] });
    expect(writes(w.since()).map((r) => r.query.get("id"))).toEqual(["702"]);
    expect(w.fake.item("701").values.title).toBe("First");
    expect(w.records.map((r) => r.dropPin)).toEqual([false]);
    expect(w.pins.get("1")).toBe("702");
  });

  it("a pin to an item gone from Plex: the library is re-read, the scene matched normally, the pin dropped", async () => {
    const w = await world({
      plex: { items: [{ ratingKey: "501", file: "/data/scenes/golden-hour.mp4", size: 1_000_000 }] },
      settings: NO_IMAGES,
    });
    w.pins.set("1", "999");
    const outcome = await syncScene(stashScene(), "update", w.deps);
    expect(outcome).toMatchObject({ status: "synced", ratingKeys: ["501"] });
    expect(w.records.map((r) => r.dropPin)).toEqual([true]);
    expect(w.pins.has("1")).toBe(false);
  });

  it("not found: a MatchError naming the mapped path it looked for; no scan unless asked", async () => {
    const w = await world({ settings: NO_IMAGES });
    const error = await matchError(syncScene(stashScene(), "create", w.deps));
    expect(error.kind).toBe("not_found");
    expect(error.triedPaths).toEqual(["/data/scenes/golden-hour.mp4"]);
    expect(error.message).toContain("/data/scenes/golden-hour.mp4");
    expect(coerceError(error).class).toBe("not_found");
    expect(w.since().filter((r) => r.path.endsWith("/refresh"))).toEqual([]);
    expect(w.records).toEqual([]);
  });

  it("not found on create with trigger_plex_scan: one partial scan of the mapped folder, then found", async () => {
    const w = await world({ settings: { ...NO_IMAGES, trigger_plex_scan: true } });
    w.fake.addPendingFile({ file: "/data/scenes/new/golden-hour.mp4", size: 1_000_000 });
    const scene = stashScene({
      files: [{ path: "/stash/videos/new/golden-hour.mp4", basename: "golden-hour.mp4", size: 1_000_000 }],
    });
    expect((await matchError(syncScene(scene, "create", w.deps))).kind).toBe("not_found");
    const scans = w.since().filter((r) => r.path.endsWith("/refresh"));
    expect(scans.map((r) => [r.path, r.query.get("path")])).toEqual([
      ["/library/sections/1/refresh", "/data/scenes/new"],
    ]);
    // A retry after the re-list throttle finds the item the scan added.
    w.advance(31_000);
    const outcome = await syncScene(scene, "update", w.deps);
    expect(outcome).toMatchObject({ status: "synced" });
    expect(w.since().filter((r) => r.path.endsWith("/refresh"))).toHaveLength(1);
  });

  it("not found on update with trigger_plex_scan: no scan (only a new scene asks for one)", async () => {
    const w = await world({ settings: { ...NO_IMAGES, trigger_plex_scan: true } });
    expect((await matchError(syncScene(stashScene(), "update", w.deps))).kind).toBe("not_found");
    expect(w.since().filter((r) => r.path.endsWith("/refresh"))).toEqual([]);
  });

  it("a scene without a file: MatchError no_file", async () => {
    const w = await world({ plex: { items: TWINS }, settings: NO_IMAGES });
    const error = await matchError(syncScene(stashScene({ files: [] }), "update", w.deps));
    expect(error.kind).toBe("no_file");
    expect(writes(w.since())).toEqual([]);
  });

  it("a matched item deleted in Plex since the sweep: re-swept once and matched to its new item", async () => {
    const w = await world({
      plex: { items: [{ ratingKey: "501", file: "/data/scenes/golden-hour.mp4", size: 1_000_000 }] },
      settings: NO_IMAGES,
    });
    await syncScene(stashScene(), "create", w.deps);
    w.fake.removeItem("501");
    w.fake.addItem({ ratingKey: "503", file: "/data/scenes/golden-hour.mp4", size: 1_000_000 });
    w.mark();
    const outcome = await syncScene(stashScene({ title: "Blue Hour" }), "update", w.deps);
    expect(outcome).toMatchObject({ status: "synced", ratingKeys: ["503"] });
    const reads = w.since().filter((r) => r.path.startsWith("/library/metadata/"));
    expect(reads.map((r) => [r.path, r.status])).toEqual([
      ["/library/metadata/501", 404],
      ["/library/metadata/503", 200],
    ]);
    expect(w.since().filter((r) => r.path === "/library/sections/1/all" && r.method === "GET")).toHaveLength(
      1,
    );
  });
});
