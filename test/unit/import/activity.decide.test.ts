import { describe, expect, it } from "vitest";
import {
  type PlexItemActivity,
  ratingToImport,
  resumeToImport,
  type SceneActivity,
} from "../../../plugin/import-rules/activity.js";

const item = (a: Partial<PlexItemActivity>): PlexItemActivity => ({
  viewCount: null,
  lastViewedAt: null,
  viewOffset: null,
  userRating: null,
  ...a,
});
const scene = (s: Partial<SceneActivity> = {}): SceneActivity => ({
  id: "1",
  rating100: null,
  resumeTime: null,
  playCount: 0,
  playHistory: [],
  lastPlayedAt: null,
  ...s,
});

describe("resumeToImport", () => {
  it("takes Plex's viewOffset in seconds when it differs by a second or more", () => {
    expect(resumeToImport([item({ viewOffset: 61_500 })], scene())).toBe(61.5);
    expect(resumeToImport([item({ viewOffset: 61_500 })], scene({ resumeTime: 61.2 }))).toBeNull();
    expect(resumeToImport([item({ viewOffset: 61_500 })], scene({ resumeTime: 10 }))).toBe(61.5);
  });

  it("never clears Stash's point, and the item watched last speaks", () => {
    expect(resumeToImport([item({})], scene({ resumeTime: 30 }))).toBeNull();
    const items = [
      item({ viewOffset: 1_000, lastViewedAt: 5 }),
      item({ viewOffset: 9_000, lastViewedAt: 9 }),
    ];
    expect(resumeToImport(items, scene())).toBe(9);
  });
});

describe("ratingToImport (no ping-pong with sync_rating)", () => {
  it("writes Plex's rating as rating100 when Stash differs", () => {
    expect(ratingToImport([item({ userRating: 8 })], scene(), false)).toEqual({
      kind: "write",
      rating100: 80,
    });
    expect(ratingToImport([item({ userRating: 8 })], scene({ rating100: 40 }), false)).toEqual({
      kind: "write",
      rating100: 80,
    });
  });

  it("nothing when equal or when Plex has no rating (never clears)", () => {
    expect(ratingToImport([item({ userRating: 8 })], scene({ rating100: 80 }), true)).toEqual({
      kind: "none",
    });
    expect(ratingToImport([item({})], scene({ rating100: 80 }), false)).toEqual({ kind: "none" });
  });

  it("with sync_rating on, a scene that has a Stash rating keeps it: that rating is what we write to Plex", () => {
    expect(ratingToImport([item({ userRating: 6 })], scene({ rating100: 80 }), true)).toEqual({
      kind: "kept",
      why: "synced_from_stash",
    });
    expect(ratingToImport([item({ userRating: 6 })], scene(), true)).toEqual({
      kind: "write",
      rating100: 60,
    });
  });

  it("items of one scene that disagree are left alone", () => {
    expect(ratingToImport([item({ userRating: 6 }), item({ userRating: 9 })], scene(), false)).toEqual({
      kind: "kept",
      why: "items_disagree",
    });
  });
});
