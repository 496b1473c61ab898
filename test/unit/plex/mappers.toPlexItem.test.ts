import { describe, expect, it } from "vitest";
import { toPlexItem, toPlexSection, toPlexSectionPage } from "../../../plugin/plex/mappers.js";
import {
  identitySchema,
  metadataSchema,
  sectionPageSchema,
  sectionsSchema,
} from "../../../plugin/plex/schemas.js";
import { fixture } from "./helpers.js";

function detail(body: unknown) {
  const parsed = metadataSchema.parse(body).MediaContainer;
  const first = parsed.Metadata[0];
  if (!first) throw new Error("no item");
  return toPlexItem(first, parsed.librarySectionID);
}

describe("toPlexItem", () => {
  it("maps the constructed after-edits fixture, actors from Role and locks from Field", () => {
    const item = detail(fixture("metadata-after-edits.json"));
    expect(item).toMatchObject({
      ratingKey: "4242",
      librarySectionId: "3",
      title: "Scene Title – Ünïcødé ✓",
      studio: "Example Studio",
      originallyAvailableAt: "2024-01-30",
      summary: "First paragraph of the details.\nSecond paragraph.",
      thumb: "/library/metadata/4242/thumb/1738403771",
      parts: [{ file: "/data/scenes/Example Studio/Scene Title - 2024-01-30.mp4", size: 1836623104 }],
    });
    expect(item.tags.genre).toEqual(["Tag One", "Tag, With Comma", "Tag Three"]);
    expect(item.tags.actor).toEqual(["Performer A", "Performer B"]);
    expect(item.tags.collection).toEqual(["Example Studio"]);
    expect(item.lockedFields).toContain("thumb");
    expect(item.lockedFields).toHaveLength(11);
  });

  it("maps the captured real detail (no Field, no Collection)", () => {
    const item = detail(fixture("metadata.json"));
    expect(item.ratingKey).toBe("134703");
    expect(item.tags.collection).toEqual([]);
    expect(item.lockedFields).toEqual([]);
    expect(item.tags.director).toEqual(["Jon M. Chu"]);
    expect(item.parts[0]?.size).toBe(30649952104);
  });

  it("accepts missing arrays, string numbers, 0/1 booleans and absent optional text", () => {
    const item = detail({
      MediaContainer: {
        librarySectionID: "5",
        Metadata: [
          {
            ratingKey: 77,
            title: "Bare",
            userRating: "7.5",
            updatedAt: "1700000000",
            Media: [{ Part: [{ file: "/x/a.mp4", size: "123" }, { file: "/x/b.mp4" }] }],
            Field: [
              { name: "title", locked: 1 },
              { name: "summary", locked: "0" },
            ],
            summary: "",
          },
        ],
      },
    });
    expect(item).toMatchObject({
      ratingKey: "77",
      librarySectionId: "5",
      userRating: 7.5,
      updatedAt: 1700000000,
      summary: null,
      studio: null,
      lockedFields: ["title"],
      parts: [
        { file: "/x/a.mp4", size: 123 },
        { file: "/x/b.mp4", size: null },
      ],
    });
    expect(item.tags).toEqual({ genre: [], actor: [], collection: [], director: [] });
  });

  it("rejects a non-numeric string where a number belongs", () => {
    const result = metadataSchema.safeParse({
      MediaContainer: { Metadata: [{ ratingKey: "1", updatedAt: "soon" }] },
    });
    expect(result.success).toBe(false);
  });
});

describe("listing, sections and identity schemas", () => {
  it("parses the captured section page with its paging fields", () => {
    const raw = sectionPageSchema.parse(fixture("section-all.json")).MediaContainer;
    const page = toPlexSectionPage(raw, 0);
    expect(page).toMatchObject({ offset: 1, size: 5, totalSize: 357 });
    expect(page.items).toHaveLength(5);
    expect(page.items[0]?.parts[0]?.file).toContain("Nine.and.a.Half.Weeks");
  });

  it("parses an empty page (Metadata omitted)", () => {
    const raw = sectionPageSchema.parse(fixture("section-all-empty.json")).MediaContainer;
    expect(toPlexSectionPage(raw, 0)).toEqual({ offset: 0, size: 0, totalSize: 0, items: [] });
  });

  it("parses sections with Location paths", () => {
    const sections = sectionsSchema
      .parse(fixture("sections.json"))
      .MediaContainer.Directory.map(toPlexSection);
    expect(sections.find((s) => s.key === "1")?.locations).toEqual(["/mnt/TV_3", "/mnt/TV_1", "/mnt/TV_2"]);
    expect(sections[0]).toMatchObject({
      key: "4",
      type: "movie",
      refreshing: false,
      contentChangedAt: 152384,
    });
  });

  it("parses identity, claimed or not", () => {
    expect(identitySchema.parse(fixture("identity.json")).MediaContainer.claimed).toBe(true);
    expect(identitySchema.parse(fixture("identity-unclaimed.json")).MediaContainer.claimed).toBe(false);
  });
});
