import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toPlexListItem, toPlexSectionPage } from "../../../plugin/plex/mappers.js";
import { listItemSchema, sectionPageSchema } from "../../../plugin/plex/schemas.js";
import { PLEX_HAS } from "../../../plugin/reconcile/gaps.js";
import { listingFlags } from "../../../plugin/reconcile/plex-listing.js";

const FIXTURE = new URL("../../../../shared/plex-fixtures/section-all.json", import.meta.url);
const ALL = PLEX_HAS.summary | PLEX_HAS.studio | PLEX_HAS.date | PLEX_HAS.genre | PLEX_HAS.actor;

describe("listingFlags", () => {
  it("reads every field from a real, truncated section page", () => {
    const page = toPlexSectionPage(
      sectionPageSchema.parse(JSON.parse(readFileSync(FIXTURE, "utf8"))).MediaContainer,
      0,
    );
    expect(page.items).toHaveLength(5);
    const first = page.items[0]!;
    expect(first).toMatchObject({ studio: "Jonesfilm", originallyAvailableAt: "1986-02-09" });
    expect(first.listedGenres).toHaveLength(2);
    expect(first.listedActors).toHaveLength(3);
    for (const item of page.items) expect(listingFlags(item)).toBe(ALL);
  });

  it("an emptied row (fields omitted, as Plex omits empty ones) has no flags; each field counts alone", () => {
    const bare = toPlexListItem(listItemSchema.parse({ ratingKey: 7, title: "x" }));
    expect(listingFlags(bare)).toBe(0);
    const only = (extra: Record<string, unknown>) =>
      listingFlags(toPlexListItem(listItemSchema.parse({ ratingKey: "7", ...extra })));
    expect(only({ summary: "  " })).toBe(0);
    expect(only({ summary: "text" })).toBe(PLEX_HAS.summary);
    expect(only({ studio: "S" })).toBe(PLEX_HAS.studio);
    expect(only({ originallyAvailableAt: "2020-01-02" })).toBe(PLEX_HAS.date);
    expect(only({ Genre: [{ tag: "g" }] })).toBe(PLEX_HAS.genre);
    expect(only({ Role: [{ tag: "a" }] })).toBe(PLEX_HAS.actor);
  });
});
