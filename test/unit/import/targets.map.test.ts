import { describe, expect, it } from "vitest";
import { LibraryIndex } from "../../../plugin/core-sync/index.js";
import {
  addScenesToTargets,
  itemsByScene,
  type TargetMap,
  targetOf,
} from "../../../plugin/import-rules/targets.js";
import { makeScene } from "../core-sync/fixtures.js";

const entry = (ratingKey: string, file: string, size = 1000) => ({
  ratingKey,
  sectionId: "1",
  file,
  size,
  title: "",
});

describe("Plex item → scene targets", () => {
  const index = LibraryIndex.empty().withSection("1", "m", [
    entry("10", "/stash/videos/a.mp4"),
    entry("11", "/stash/videos/b.mp4"),
    entry("12", "/stash/videos/c.mp4"),
  ]);
  const options = { index, rules: [], strict: true, pin: () => null };

  it("an item held by one scene is its target; by two, ambiguous; by none, unmatched", () => {
    const map: TargetMap = new Map();
    addScenesToTargets(
      map,
      [
        makeScene({ id: "1", files: [{ path: "/stash/videos/a.mp4", basename: "a.mp4", size: 1000 }] }),
        makeScene({ id: "2", files: [{ path: "/stash/videos/b.mp4", basename: "b.mp4", size: 1000 }] }),
        makeScene({ id: "3", files: [{ path: "/stash/videos/b.mp4", basename: "b.mp4", size: 1000 }] }),
      ],
      options,
    );
    expect(targetOf(map, "10")).toEqual({ kind: "scene", sceneId: "1" });
    expect(targetOf(map, "11")).toEqual({ kind: "ambiguous", sceneIds: ["2", "3"] });
    expect(targetOf(map, "12")).toEqual({ kind: "unmatched" });
    expect(itemsByScene(map)).toEqual(new Map([["1", ["10"]]]));
  });

  it("a pin decides, and a guess (strict matching off) never becomes a target", () => {
    const map: TargetMap = new Map();
    const scene = makeScene({
      id: "4",
      files: [{ path: "/elsewhere/zzz.mp4", basename: "zzz.mp4", size: 1 }],
    });
    addScenesToTargets(map, [scene], { ...options, pin: (id) => (id === "4" ? "12" : null) });
    expect(targetOf(map, "12")).toEqual({ kind: "scene", sceneId: "4" });
    const loose = LibraryIndex.empty().withSection("1", "m", [
      entry("20", "/x/d.mp4"),
      entry("21", "/y/d.mp4"),
    ]);
    const guessMap: TargetMap = new Map();
    const guessed = makeScene({ id: "5", files: [{ path: "/z/d.mp4", basename: "d.mp4", size: 5 }] });
    addScenesToTargets(guessMap, [guessed], { ...options, index: loose, strict: false });
    expect(guessMap.size).toBe(0);
  });
});
