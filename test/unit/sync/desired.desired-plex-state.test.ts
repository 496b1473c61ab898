import { describe, expect, it } from "vitest";
import {
  desiredPlexState,
  desiredTitle,
  hasRealMetadata,
  normalizeStashDate,
  plexRatingFromStash,
} from "../../../plugin/sync/index.js";
import { ALL_ON, scene, sceneFile } from "./fixtures.js";

describe("desiredPlexState: fields", () => {
  it("maps every synced field of a complete scene", () => {
    const desired = desiredPlexState(scene({ rating100: 85 }), { ...ALL_ON, sync_rating: true });
    expect(desired).toEqual({
      scalars: {
        title: "Scene Title",
        summary: "A summary.",
        studio: "Studio A",
        originallyAvailableAt: "2024-01-15",
        userRating: "8.5",
      },
      lists: {
        genre: { values: ["Drama", "Outdoor"], mode: "mirror" },
        actor: { values: ["Alice", "Bob"], mode: "mirror" },
        collection: { values: ["Studio A"], mode: "ensure" },
      },
      images: { poster: true, background: true },
      truncated: {},
    });
  });

  it("never writes a tagline (Stash has none), whatever sync_tagline says", () => {
    expect(desiredPlexState(scene(), { ...ALL_ON, sync_tagline: true }).scalars).not.toHaveProperty(
      "tagline",
    );
  });

  it("writes nothing at all with sync_master off", () => {
    expect(desiredPlexState(scene(), { ...ALL_ON, sync_master: false })).toEqual({
      scalars: {},
      lists: {},
      images: { poster: false, background: false },
      truncated: {},
    });
  });

  it("leaves a toggled-off field out (untouched), not cleared", () => {
    const desired = desiredPlexState(scene(), {
      ...ALL_ON,
      sync_summary: false,
      sync_studio: false,
      sync_date: false,
      sync_tags: false,
      sync_performers: false,
      sync_collection: false,
      sync_poster: false,
    });
    expect(desired.scalars).toEqual({ title: "Scene Title" });
    expect(desired.lists).toEqual({});
    expect(desired.images).toEqual({ poster: false, background: true });
  });

  it("has no images without a screenshot", () => {
    expect(desiredPlexState(scene({ screenshotUrl: null }), ALL_ON).images).toEqual({
      poster: false,
      background: false,
    });
  });

  it("caps genres at max_tags and performers at 50, counting what it left out", () => {
    const tags = Array.from({ length: 10_000 }, (_, i) => `tag ${i}`);
    const performers = Array.from({ length: 60 }, (_, i) => `Performer ${i}`);
    const desired = desiredPlexState(scene({ tags, performers }), { ...ALL_ON, max_tags: 25 });
    expect(desired.lists.genre?.values).toHaveLength(25);
    expect(desired.lists.actor?.values).toHaveLength(50);
    expect(desired.truncated).toEqual({ genre: 9975, actor: 10 });
  });

  it("dedupes performers with the same name in different case", () => {
    const desired = desiredPlexState(
      scene({ performers: ["Jane Doe", "jane doe", "JANE DOE", "Kim"] }),
      ALL_ON,
    );
    expect(desired.lists.actor?.values).toEqual(["Jane Doe", "Kim"]);
  });

  it("sanitises text fields", () => {
    const desired = desiredPlexState(
      scene({
        title: " \u201CQuoted\u201D\u200B title ",
        details: "Line 1\r\n\r\n\r\nLine 2",
        studio: { name: " S\u2014A ", parentName: null },
      }),
      ALL_ON,
    );
    expect(desired.scalars).toMatchObject({
      title: '"Quoted" title',
      summary: "Line 1\n\nLine 2",
      studio: "S-A",
    });
  });
});

describe("desiredPlexState: title", () => {
  it("falls back to the first file's basename without extension when the scene has no title", () => {
    const files = [sceneFile("/stash/My Clip.2024.mp4"), sceneFile("/stash/other.mp4")];
    expect(desiredPlexState(scene({ title: null, files }), ALL_ON).scalars.title).toBe("My Clip.2024");
    expect(desiredPlexState(scene({ title: "  \u200B\t ", files }), ALL_ON).scalars.title).toBe(
      "My Clip.2024",
    );
  });

  it("uses the path's basename when Stash gave none, Windows paths included", () => {
    expect(
      desiredTitle(scene({ title: "", files: [{ path: "D:\\v\\Clip.mkv", basename: "", size: null }] })),
    ).toBe("Clip");
  });

  it("never clears the title, even for a scene without a title or files", () => {
    const desired = desiredPlexState(scene({ title: null, files: [] }), ALL_ON);
    expect(desired.scalars).not.toHaveProperty("title");
  });
});

describe("desiredPlexState: the identification race", () => {
  const bare = scene({ studio: null, performers: [], tags: [], details: null, date: null, rating100: 90 });

  it("a scene with only a title and a rating has no real metadata", () => {
    expect(hasRealMetadata(bare)).toBe(false);
    expect(hasRealMetadata({ ...bare, details: "  " })).toBe(false);
    expect(hasRealMetadata({ ...bare, date: "garbage" })).toBe(false);
  });

  it.each([
    ["studio", { studio: { name: "S", parentName: null } }],
    ["performers", { performers: ["P"] }],
    ["tags", { tags: ["T"] }],
    ["details", { details: "D" }],
    ["date", { date: "2020-02-02" }],
  ])("%s counts as real metadata", (_name, overrides) => {
    expect(hasRealMetadata({ ...bare, ...overrides })).toBe(true);
  });

  it("without real metadata empty values leave Plex alone", () => {
    const desired = desiredPlexState(bare, { ...ALL_ON, sync_rating: true });
    expect(desired.scalars).toEqual({ title: "Scene Title", userRating: "9" });
    expect(desired.lists).toEqual({});
  });

  it("with real metadata empty values clear Plex", () => {
    const desired = desiredPlexState(
      { ...bare, tags: ["T"], rating100: null },
      { ...ALL_ON, sync_rating: true },
    );
    expect(desired.scalars).toEqual({
      title: "Scene Title",
      summary: "",
      studio: "",
      originallyAvailableAt: "",
      userRating: "",
    });
    expect(desired.lists).toEqual({
      genre: { values: ["T"], mode: "mirror" },
      actor: { values: [], mode: "mirror" },
    });
  });

  it("an empty studio never removes collections", () => {
    const desired = desiredPlexState(scene({ studio: null }), ALL_ON);
    expect(desired.lists).not.toHaveProperty("collection");
  });

  it("an unparseable date leaves Plex's date alone", () => {
    expect(desiredPlexState(scene({ date: "sometime" }), ALL_ON).scalars).not.toHaveProperty(
      "originallyAvailableAt",
    );
  });
});

describe("normalizeStashDate", () => {
  it.each([
    ["2024-01-15", "2024-01-15"],
    ["2024-01-15T10:20:30Z", "2024-01-15"],
    ["2024-01-15T23:30:00-05:00", "2024-01-15"],
    ["2024-01-15 10:20", "2024-01-15"],
    [" 2024-1-5 ", "2024-01-05"],
    ["2024-03", "2024-03-01"],
    ["2024", "2024-01-01"],
    ["2024-02-30", null],
    ["2023-02-29", null],
    ["2024-02-29", "2024-02-29"],
    ["2024-13-01", null],
    ["15/01/2024", null],
    ["20240115", null],
    ["", null],
    [null, null],
  ])("%j → %j", (input, expected) => {
    expect(normalizeStashDate(input)).toBe(expected);
  });
});

describe("plexRatingFromStash", () => {
  it("maps rating100 to Plex's 0..10 with one decimal", () => {
    expect(plexRatingFromStash(85)).toBe("8.5");
    expect(plexRatingFromStash(100)).toBe("10");
    expect(plexRatingFromStash(1)).toBe("0.1");
    expect(plexRatingFromStash(150)).toBe("10");
    expect(plexRatingFromStash(null)).toBeNull();
    expect(plexRatingFromStash(Number.NaN)).toBeNull();
  });
});
