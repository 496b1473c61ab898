import { describe, expect, it } from "vitest";
import {
  desiredPlexState,
  desiredStateHash,
  fnv1a64,
  normalizeDate,
} from "../../../plugin/core-sync/desired.js";
import { makeScene, settings } from "./fixtures.js";

const full = makeScene({
  title: " The \u201CTitle\u201D ",
  code: "ABC-123",
  details: "Line one\r\nLine two",
  date: "2024-02-29",
  rating100: 85,
  studio: { name: "Studio X", parentName: null },
  performers: ["Ann", "ann", "Bob"],
  tags: ["Drama", "Comedy"],
  screenshotUrl: "http://stash/scene/1/screenshot",
});

describe("desiredPlexState", () => {
  it("maps every field of a fully identified scene", () => {
    expect(desiredPlexState(full, settings({ sync_rating: true }))).toEqual({
      title: 'The "Title"',
      summary: "Line one\nLine two",
      tagline: "ABC-123",
      studio: "Studio X",
      originallyAvailableAt: "2024-02-29",
      userRating: 8.5,
      genre: ["Drama", "Comedy"],
      actor: ["Ann", "Bob"],
      collection: ["Studio X"],
      poster: true,
      art: true,
    });
  });

  it("wants nothing when sync_master is off", () => {
    expect(desiredPlexState(full, settings({ sync_master: false }))).toEqual({});
  });

  it("leaves out each field whose toggle is off", () => {
    const desired = desiredPlexState(
      full,
      settings({
        sync_summary: false,
        sync_tagline: false,
        sync_studio: false,
        sync_date: false,
        sync_tags: false,
        sync_performers: false,
        sync_collection: false,
        sync_rating: false,
        sync_poster: false,
        sync_background: false,
      }),
    );
    expect(desired).toEqual({ title: 'The "Title"' });
  });

  it("leaves Plex's title alone for an empty or whitespace title (never cleared, never the file name)", () => {
    const files = [{ path: "/v/My Movie.2024.mp4", basename: "My Movie.2024.mp4", size: 1 }];
    expect(desiredPlexState(makeScene({ title: null, files }), settings())).not.toHaveProperty("title");
    expect(desiredPlexState(makeScene({ title: " \u200B ", files }), settings())).not.toHaveProperty("title");
    expect(desiredPlexState(makeScene({ title: "", files: [], tags: ["x"] }), settings())).not.toHaveProperty(
      "title",
    );
  });

  it("does not clear anything for a scene without real metadata", () => {
    const desired = desiredPlexState(makeScene({ title: "Only a title" }), settings());
    expect(desired).toEqual({ title: "Only a title" });
  });

  it("clears empty fields once the scene has real metadata", () => {
    const desired = desiredPlexState(makeScene({ tags: ["Drama"] }), settings());
    expect(desired).toMatchObject({
      summary: "",
      studio: "",
      originallyAvailableAt: "",
      actor: [],
      genre: ["Drama"],
    });
    expect(desired).not.toHaveProperty("collection");
    expect(desired).not.toHaveProperty("tagline");
  });

  it("keeps only the date part of a date-time and ignores invalid dates", () => {
    expect(
      desiredPlexState(makeScene({ date: "2024-03-05T10:00:00Z" }), settings()).originallyAvailableAt,
    ).toBe("2024-03-05");
    const invalid = desiredPlexState(makeScene({ date: "2023-02-29", tags: ["x"] }), settings());
    expect(invalid).not.toHaveProperty("originallyAvailableAt");
  });

  it("caps 10,000 tags at max_tags and performers at 50", () => {
    const scene = makeScene({
      tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`),
      performers: Array.from({ length: 80 }, (_, i) => `p${i}`),
    });
    const desired = desiredPlexState(scene, settings({ max_tags: 100 }));
    expect(desired.genre).toHaveLength(100);
    expect(desired.actor).toHaveLength(50);
  });

  it("sets no image flags without a screenshot", () => {
    const desired = desiredPlexState(makeScene({ screenshotUrl: null }), settings());
    expect(desired).not.toHaveProperty("poster");
    expect(desired).not.toHaveProperty("art");
  });
});

describe("normalizeDate", () => {
  it("accepts real calendar dates only", () => {
    expect(normalizeDate("2024-02-29")).toBe("2024-02-29");
    expect(normalizeDate("1900-02-29")).toBeNull();
    expect(normalizeDate("2000-02-29")).toBe("2000-02-29");
    expect(normalizeDate("2024-13-01")).toBeNull();
    expect(normalizeDate("2024-04-31")).toBeNull();
    expect(normalizeDate("2024-1-1")).toBeNull();
    expect(normalizeDate("2024-01-01 12:00")).toBe("2024-01-01");
    expect(normalizeDate(null)).toBeNull();
  });
});

describe("desiredStateHash", () => {
  it("matches the FNV-1a 64 reference values", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("agrees with a BigInt implementation on Unicode text", () => {
    const reference = (text: string) => {
      let h = 0xcbf29ce484222325n;
      for (const b of new TextEncoder().encode(text))
        h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, "0");
    };
    for (const text of ["Caf\u00e9 \u{1F600}", "x".repeat(1000), '{"a":1}'])
      expect(fnv1a64(text)).toBe(reference(text));
  });

  it("ignores key order and changes with any value or the extra", () => {
    const a = desiredStateHash({ title: "x", genre: ["a", "b"] });
    expect(desiredStateHash({ genre: ["a", "b"], title: "x" })).toBe(a);
    expect(desiredStateHash({ title: "x", genre: ["b", "a"] })).not.toBe(a);
    expect(desiredStateHash({ title: "x", genre: ["a", "b"] }, "http://img")).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});
