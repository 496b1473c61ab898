import { describe, expect, it } from "vitest";
import { type LibraryEntry, LibraryIndex } from "../../../plugin/core-sync/library-index.js";

const entry = (ratingKey: string, file: string, size: number | null = 10, sectionId = "1"): LibraryEntry => ({
  ratingKey,
  sectionId,
  file,
  size,
  title: `Item ${ratingKey}`,
});

describe("LibraryIndex lookups", () => {
  const index = LibraryIndex.empty()
    .withSection("1", "100", [
      entry("1", "/media/A.mp4"),
      entry("2", "/media/sub/a.mp4", 20),
      entry("3", "/media/multi/part1.mp4"),
      entry("3", "/media/multi/part2.mp4"),
    ])
    .withSection("2", "200", [entry("9", "D:\\Win\\Caf\u00e9.mkv", 5, "2")]);

  it("finds parts by normalised path, raw or key", () => {
    expect(index.byPath("/media//A.mp4").map((e) => e.ratingKey)).toEqual(["1"]);
    expect(index.byPath("d:/Win/Cafe\u0301.mkv").map((e) => e.ratingKey)).toEqual(["9"]);
    expect(index.byPath("/media/a.mp4")).toEqual([]);
  });

  it("finds every part with a basename, case-insensitively", () => {
    expect(index.byBasename("a.MP4").map((e) => e.ratingKey)).toEqual(["1", "2"]);
    expect(index.byBasename("/anything/CAFE\u0301.mkv").map((e) => e.ratingKey)).toEqual(["9"]);
  });

  it("finds items by ratingKey, with all their parts", () => {
    expect(index.byRatingKey("3")?.file).toBe("/media/multi/part1.mp4");
    expect(index.partsOf("3")).toHaveLength(2);
    expect(index.byRatingKey("404")).toBeUndefined();
    expect(index.size).toBe(5);
  });

  it("records section markers", () => {
    expect(index.sectionMarker("1")).toBe("100");
    expect(index.sectionMarker("7")).toBeUndefined();
    expect(index.sectionIds().sort()).toEqual(["1", "2"]);
  });

  it("withSection replaces only that section and leaves the original untouched", () => {
    const next = index.withSection("1", "101", [entry("5", "/media/new.mp4")]);
    expect(next.byRatingKey("1")).toBeUndefined();
    expect(next.byRatingKey("5")?.sectionId).toBe("1");
    expect(next.byRatingKey("9")).toBeDefined();
    expect(next.sectionMarker("1")).toBe("101");
    expect(index.byRatingKey("1")).toBeDefined();
    expect(index.sectionMarker("1")).toBe("100");
  });

  it("withSection forces the section id on its entries", () => {
    const next = LibraryIndex.empty().withSection("4", "m", [entry("1", "/x.mp4", 1, "other")]);
    expect(next.byRatingKey("1")?.sectionId).toBe("4");
  });

  it("withoutSection drops the section and its entries", () => {
    const next = index.withoutSection("2");
    expect(next.byRatingKey("9")).toBeUndefined();
    expect(next.sectionIds()).toEqual(["1"]);
  });

  it("fromEntries groups entries by section", () => {
    const built = LibraryIndex.fromEntries({ "1": { marker: "m" } }, [
      entry("1", "/a.mp4"),
      entry("2", "/b.mp4", 1, "2"),
    ]);
    expect(built.sectionIds().sort()).toEqual(["1", "2"]);
    expect(built.sectionMarker("2")).toBe("");
  });
});

describe("LibraryIndex JSON", () => {
  it("round-trips through JSON text", () => {
    const index = LibraryIndex.empty()
      .withSection("1", "100", [entry("1", "/media/a.mp4", null), entry("2", '/media/b "q".mp4', 3)])
      .withSection("2", "", []);
    const back = LibraryIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    expect(back.toJSON()).toEqual(index.toJSON());
    expect(back.byPath("/media/a.mp4")[0]).toEqual(entry("1", "/media/a.mp4", null));
    expect(back.sectionMarker("2")).toBe("");
  });

  it("rejects data that is not an index", () => {
    expect(() => LibraryIndex.fromJSON(null)).toThrow();
    expect(() => LibraryIndex.fromJSON({ v: 2, sections: {} })).toThrow();
    expect(() =>
      LibraryIndex.fromJSON({ v: 1, sections: { "1": { m: "x", e: [["1", "/a", "big", "t"]] } } }),
    ).toThrow();
  });

  // How fast it loads is for bench/ (npm run bench:first-sync loads a 100k index), never asserted in a test.
  it("loads 100,000 entries and finds any of them", () => {
    const entries = Array.from({ length: 100_000 }, (_, i) =>
      entry(String(i), `/media/library/folder ${i % 500}/Some Scene Title ${i}.mp4`, 1_000_000 + i),
    );
    const text = JSON.stringify(LibraryIndex.empty().withSection("1", "m", entries).toJSON());
    const loaded = LibraryIndex.fromJSON(JSON.parse(text));
    expect(loaded.size).toBe(100_000);
    expect(loaded.byBasename("some scene title 99999.mp4")[0]?.ratingKey).toBe("99999");
    expect(loaded.byBasename("some scene title 0.mp4")[0]?.ratingKey).toBe("0");
  });
});
