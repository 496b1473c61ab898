import { describe, expect, it } from "vitest";
import {
  buildLibraryIndex,
  isSectionStale,
  type SectionStamp,
  staleSections,
} from "../../../plugin/sync/index.js";

const stamp: SectionStamp = { sectionId: "1", contentChangedAt: 100, updatedAt: 50, indexedAt: 10_000 };

describe("isSectionStale", () => {
  it("is stale when the section was never indexed", () => {
    expect(isSectionStale(undefined, { key: "1", contentChangedAt: 100, updatedAt: 50 })).toBe(true);
  });

  it("follows contentChangedAt and ignores updatedAt when Plex reports it", () => {
    expect(isSectionStale(stamp, { key: "1", contentChangedAt: 100, updatedAt: 99 })).toBe(false);
    expect(isSectionStale(stamp, { key: "1", contentChangedAt: 101, updatedAt: 50 })).toBe(true);
    expect(isSectionStale(stamp, { key: "1", contentChangedAt: null, updatedAt: 50 })).toBe(true);
  });

  it("falls back to updatedAt when neither side has contentChangedAt", () => {
    const old = { ...stamp, contentChangedAt: null };
    expect(isSectionStale(old, { key: "1", contentChangedAt: null, updatedAt: 50 })).toBe(false);
    expect(isSectionStale(old, { key: "1", contentChangedAt: null, updatedAt: 51 })).toBe(true);
  });

  it("optionally expires a sweep by age, with the time passed in", () => {
    const info = { key: "1", contentChangedAt: 100, updatedAt: 50 };
    expect(isSectionStale(stamp, info, { now: 10_000 + 60_000, maxAgeMs: 60_000 })).toBe(false);
    expect(isSectionStale(stamp, info, { now: 10_000 + 60_001, maxAgeMs: 60_000 })).toBe(true);
  });
});

describe("staleSections", () => {
  it("lists the sections needing a sweep", () => {
    const index = buildLibraryIndex([], [stamp, { ...stamp, sectionId: "2" }]);
    const infos = [
      { key: "1", contentChangedAt: 100, updatedAt: 50 },
      { key: "2", contentChangedAt: 300, updatedAt: 50 },
      { key: "3", contentChangedAt: 1, updatedAt: 1 },
    ];
    expect(staleSections(index, infos)).toEqual(["2", "3"]);
  });
});
