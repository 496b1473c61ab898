import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildLibraryIndex,
  type LibraryEntry,
  parseLibraryIndex,
  serializeLibraryIndex,
  withSection,
} from "../../../plugin/sync/index.js";

function sorted(entries: readonly LibraryEntry[]): LibraryEntry[] {
  return [...entries].sort((a, b) => `${a.sectionId}|${a.file}`.localeCompare(`${b.sectionId}|${b.file}`));
}

describe("serializeLibraryIndex / parseLibraryIndex", () => {
  it("round-trips entries and section stamps", () => {
    const index = withSection(
      buildLibraryIndex([{ ratingKey: "9", sectionId: "3", file: "/x, y.mp4", size: null }]),
      { sectionId: "1", contentChangedAt: 5, updatedAt: null, indexedAt: 1000 },
      [{ ratingKey: "1", file: "D:\\a\\\u00e9.mp4", size: 2 ** 40 }],
    );
    const loaded = parseLibraryIndex(serializeLibraryIndex(index));
    expect(loaded).not.toBeNull();
    expect(sorted(loaded?.entries ?? [])).toEqual(sorted(index.entries));
    expect(loaded?.sections.get("1")).toEqual({
      sectionId: "1",
      contentChangedAt: 5,
      updatedAt: null,
      indexedAt: 1000,
    });
    expect(loaded?.sections.has("3")).toBe(false);
    expect(loaded?.byPath("d:/A/\u00e9.mp4").map((e) => e.ratingKey)).toEqual(["1"]);
  });

  it("returns null for corrupt or foreign documents instead of throwing", () => {
    for (const text of ["", "{", "null", "[]", '{"v":2,"sections":[]}', '{"v":1,"sections":[{"id":"1"}]}']) {
      expect(parseLibraryIndex(text)).toBeNull();
    }
    const badRow =
      '{"v":1,"sections":[{"id":"1","contentChangedAt":null,"updatedAt":null,"indexedAt":1,"items":[[1,"/a",null]]}]}';
    expect(parseLibraryIndex(badRow)).toBeNull();
  });

  it("property: any entry list survives the round trip", () => {
    const entryArb = fc.record({
      ratingKey: fc.string({ minLength: 1, maxLength: 6 }),
      sectionId: fc.constantFrom("1", "2", "7"),
      file: fc.string({ maxLength: 30 }),
      size: fc.option(fc.nat(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 30 }), (entries) => {
        const loaded = parseLibraryIndex(serializeLibraryIndex(buildLibraryIndex(entries)));
        expect(sorted(loaded?.entries ?? [])).toEqual(sorted(entries));
      }),
    );
  });

  it("stays compact and loads 100k parts quickly", () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => ({
      ratingKey: String(10_000 + i),
      sectionId: String(1 + (i % 3)),
      file: `/data/library/studio ${i % 250}/scene ${i} - some title.mp4`,
      size: 1_000_000_000 + i,
    }));
    const json = serializeLibraryIndex(buildLibraryIndex(entries));
    expect(json.length / entries.length).toBeLessThan(80);
    const started = performance.now();
    const loaded = parseLibraryIndex(json);
    const elapsed = performance.now() - started;
    expect(loaded?.entries).toHaveLength(100_000);
    expect(loaded?.byBasename("scene 99999 - some title.mp4").map((e) => e.ratingKey)).toEqual(["109999"]);
    expect(elapsed).toBeLessThan(3000);
  });
});
