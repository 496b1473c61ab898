import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "../../../plugin/config/settings.js";
import { desiredPlexState, desiredStateHash, LibraryIndex } from "../../../plugin/core-sync/index.js";
import type { SceneSnapshot } from "../../../plugin/domain/scene.js";
import type { SceneSyncState } from "../../../plugin/domain/sync-state.js";
import {
  classifyScene,
  emptyTally,
  type GapContext,
  PLEX_HAS,
  tallyScenes,
} from "../../../plugin/reconcile/gaps.js";

function scene(id: string, patch: Partial<SceneSnapshot> = {}): SceneSnapshot {
  return {
    id,
    title: `Scene ${id}`,
    code: null,
    details: "Some details",
    director: null,
    date: "2024-01-02",
    urls: [],
    rating100: null,
    organized: true,
    createdAt: "2024-01-02T00:00:00Z",
    updatedAt: "2024-01-02T00:00:00Z",
    files: [{ path: `/data/videos/s${id}.mp4`, basename: `s${id}.mp4`, size: 100 }],
    studio: { name: "Studio", parentName: null },
    performers: ["Ava"],
    tags: ["Drama"],
    screenshotUrl: null,
    ...patch,
  };
}

const FULL = PLEX_HAS.summary | PLEX_HAS.studio | PLEX_HAS.date | PLEX_HAS.genre | PLEX_HAS.actor;

type ContextPatch = Partial<Omit<GapContext, "settings">> & { settings?: Partial<Settings> };

function context(patch: ContextPatch = {}): GapContext {
  const index = LibraryIndex.fromEntries({ "1": { marker: "m" } }, [
    { ratingKey: "11", sectionId: "1", file: "/data/videos/s1.mp4", size: 100, title: "s1" },
    { ratingKey: "21", sectionId: "1", file: "/a/s2.mp4", size: 100, title: "s2" },
    { ratingKey: "22", sectionId: "1", file: "/b/s2.mp4", size: 100, title: "s2" },
  ]);
  return {
    index,
    plexHas: new Map([["11", FULL]]),
    listingCarries: FULL,
    syncState: () => null,
    pin: () => null,
    rules: [],
    mode: "all",
    ...patch,
    settings: { ...DEFAULT_SETTINGS, ...patch.settings },
  };
}

function synced(s: SceneSnapshot, ratingKeys = ["11"]): SceneSyncState {
  const hash = desiredStateHash(desiredPlexState(s, DEFAULT_SETTINGS), s.screenshotUrl ?? "");
  return { ratingKeys, lastSyncedAt: 0, desiredHash: hash, imageHashes: {}, lastChanges: [] };
}

describe("classifyScene", () => {
  it("in sync: no gap", () => {
    const s = scene("1");
    expect(classifyScene(s, context({ syncState: () => synced(s) }))).toEqual({ kind: "ok" });
  });

  it("stale when Stash changed without a hook; not when nothing synced changed", () => {
    const before = scene("1");
    const ctx = context({ syncState: () => synced(before) });
    expect(classifyScene(scene("1", { details: "edited" }), ctx)).toMatchObject({
      type: "stale",
    });
    expect(classifyScene(scene("1", { updatedAt: "2030-01-01T00:00:00Z" }), ctx)).toEqual({ kind: "ok" });
  });

  it("empty metadata even though the hash is unchanged, and only in missing_metadata mode", () => {
    const s = scene("1");
    const ctx = context({ syncState: () => synced(s), plexHas: new Map([["11", 0]]) });
    expect(classifyScene(s, ctx)).toMatchObject({ type: "emptyMetadata" });
    const onlyEmpty = context({ mode: "missing_metadata", syncState: () => null });
    expect(classifyScene(scene("1", { details: "x" }), onlyEmpty)).toEqual({ kind: "ok" });
  });

  it("a just-synced item is no gap when the listing leaves out what it never shows (regression)", () => {
    // Only details in Stash: the server's list pages carry no summary at all, so the item's row is bare.
    const s = scene("1", { studio: null, performers: [], tags: [], date: null });
    const carriesNoSummary = FULL & ~PLEX_HAS.summary;
    const ctx = context({
      syncState: () => synced(s),
      plexHas: new Map([["11", 0]]),
      listingCarries: carriesNoSummary,
    });
    expect(classifyScene(s, ctx)).toEqual({ kind: "ok" });
    // The same row with summaries listed elsewhere in the section is real evidence of an emptied item.
    expect(classifyScene(s, { ...ctx, listingCarries: FULL })).toMatchObject({ type: "emptyMetadata" });
    // Truncated tag lists still witness "some": one listed actor of many is not empty.
    const many = scene("1", { performers: ["A", "B", "C", "D", "E"], details: null });
    const actorOnly = context({
      syncState: () => synced(many),
      plexHas: new Map([["11", PLEX_HAS.actor]]),
    });
    expect(classifyScene(many, actorOnly)).toEqual({ kind: "ok" });
    // A whole library emptied by a Plex refresh lists nothing anywhere: studio, date and tags still tell.
    const full = scene("1");
    const wiped = context({
      syncState: () => synced(full),
      plexHas: new Map([["11", 0]]),
      listingCarries: 0,
    });
    expect(classifyScene(full, wiped)).toMatchObject({ type: "emptyMetadata" });
  });

  it("missing (unless reconcile_missing is off), ambiguous, no file, no metadata", () => {
    expect(classifyScene(scene("9"), context())).toMatchObject({ type: "missing" });
    expect(classifyScene(scene("9"), context({ settings: { reconcile_missing: false } }))).toEqual({
      kind: "ignored",
      why: "missing",
    });
    expect(classifyScene(scene("2"), context())).toMatchObject({ type: "ambiguous" });
    expect(classifyScene(scene("1", { files: [] }), context())).toEqual({ kind: "noFile" });
    const bare = scene("1", { details: null, date: null, studio: null, performers: [], tags: [] });
    expect(classifyScene(bare, context())).toEqual({ kind: "noMetadata" });
  });

  it("stale when the item synced last is gone from Plex", () => {
    const s = scene("1");
    expect(classifyScene(s, context({ syncState: () => synced(s, ["99"]) }))).toMatchObject({
      type: "stale",
    });
  });

  it("tally counts every scene and keeps a few samples per type", () => {
    const scenes = Array.from({ length: 12 }, (_, i) => scene(String(100 + i)));
    const tally = tallyScenes(emptyTally(), scenes, context());
    expect(tally.scenesChecked).toBe(12);
    expect(tally.counts.missing).toBe(12);
    expect(tally.gaps).toHaveLength(12);
    expect(tally.samples).toHaveLength(5);
  });
});
