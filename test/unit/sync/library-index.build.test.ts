import { describe, expect, it } from "vitest";
import {
  buildLibraryIndex,
  EMPTY_LIBRARY_INDEX,
  withoutSection,
  withSection,
} from "../../../plugin/sync/index.js";
import { entry } from "./fixtures.js";

const stamp = (sectionId: string, contentChangedAt: number | null = 100) => ({
  sectionId,
  contentChangedAt,
  updatedAt: 50,
  indexedAt: 1_700_000_000_000,
});

describe("buildLibraryIndex lookups", () => {
  const index = buildLibraryIndex([
    entry("1", "/media/A/Clip.mp4", 10),
    entry("2", "D:\\Movies\\Other.MKV", 20, "2"),
    entry("3", "/media/B/clip.mp4", 30),
    entry("1", "/media/A/Clip-part2.mp4", 11),
  ]);

  it("finds entries by normalised full path", () => {
    expect(index.byPath("/media//A/Clip.mp4/").map((e) => e.ratingKey)).toEqual(["1"]);
    expect(index.byPath("/media/a/clip.mp4")).toEqual([]);
    expect(index.byPath("d:/movies/other.mkv").map((e) => e.ratingKey)).toEqual(["2"]);
  });

  it("finds entries by basename case-insensitively, NFD or NFC", () => {
    expect(index.byBasename("CLIP.MP4").map((e) => e.ratingKey)).toEqual(["1", "3"]);
    const accented = buildLibraryIndex([entry("9", "/m/Beyonc\u00e9.mp4")]);
    expect(accented.byBasename("beyonce\u0301.mp4").map((e) => e.ratingKey)).toEqual(["9"]);
  });

  it("finds every part of an item by ratingKey, with sizes", () => {
    expect(index.byRatingKey("1").map((e) => [e.file, e.size])).toEqual([
      ["/media/A/Clip.mp4", 10],
      ["/media/A/Clip-part2.mp4", 11],
    ]);
    expect(index.byRatingKey("nope")).toEqual([]);
  });

  it("is immutable: the input array can change without affecting it", () => {
    const input = [entry("1", "/a.mp4")];
    const built = buildLibraryIndex(input);
    input.push(entry("2", "/b.mp4"));
    (input[0] as { ratingKey: string }).ratingKey = "changed";
    expect(built.entries.map((e) => e.ratingKey)).toEqual(["1"]);
    expect(Object.isFrozen(built.entries[0])).toBe(true);
  });
});

describe("section refresh", () => {
  it("replaces one section's entries and stamp, keeping the others", () => {
    const first = withSection(EMPTY_LIBRARY_INDEX, stamp("1"), [{ ratingKey: "1", file: "/a.mp4", size: 1 }]);
    const second = withSection(first, stamp("2"), [{ ratingKey: "2", file: "/b.mp4", size: 2 }]);
    const refreshed = withSection(second, stamp("1", 200), [{ ratingKey: "3", file: "/c.mp4", size: 3 }]);
    expect(refreshed.entries.map((e) => `${e.sectionId}:${e.ratingKey}`).sort()).toEqual(["1:3", "2:2"]);
    expect(refreshed.sections.get("1")?.contentChangedAt).toBe(200);
    expect(refreshed.byPath("/a.mp4")).toEqual([]);
    expect(second.byPath("/a.mp4")).toHaveLength(1);
    const removed = withoutSection(refreshed, "2");
    expect(removed.entries.map((e) => e.ratingKey)).toEqual(["3"]);
    expect([...removed.sections.keys()]).toEqual(["1"]);
  });
});
