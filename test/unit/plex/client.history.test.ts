import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PLEX_ENDPOINTS } from "../../../plugin/plex/index.js";
import { toPlexHistoryPage } from "../../../plugin/plex/mappers.js";
import { addPlay } from "../../fakes/plex/index.js";
import { fakePlexPerTest } from "./helpers.js";

const start = fakePlexPerTest();
const SECTIONS = [
  { key: "3", title: "Scenes", locations: ["/data"] },
  { key: "4", title: "More", locations: ["/more"] },
];

describe("watch history", () => {
  it("parses Plex's history answer: numbers as strings, rows of deleted items without ratingKey", () => {
    const raw = JSON.parse(
      readFileSync(new URL("../../fakes/plex/fixtures/history-page.json", import.meta.url), "utf8"),
    );
    const parsed = PLEX_ENDPOINTS["GET /status/sessions/history/all"].parse(raw);
    const page = toPlexHistoryPage(parsed.MediaContainer, 0);
    expect(page.totalSize).toBe(5);
    expect(page.rows).toEqual([
      {
        historyKey: "/status/sessions/history/812",
        ratingKey: "4242",
        sectionId: "3",
        viewedAt: 1717243200,
        accountId: "1",
      },
      {
        historyKey: "/status/sessions/history/811",
        ratingKey: "4242",
        sectionId: "3",
        viewedAt: 1717156800,
        accountId: "1",
      },
      {
        historyKey: "/status/sessions/history/790",
        ratingKey: null,
        sectionId: "3",
        viewedAt: 1717000000,
        accountId: "5",
      },
    ]);
  });

  it("history(): pages with the container headers and filters by section, account and viewedAt", async () => {
    const { fake, client } = await start({
      sections: SECTIONS,
      items: [
        { ratingKey: "10", sectionId: "3", file: "/data/a.mp4" },
        { ratingKey: "11", sectionId: "4", file: "/more/b.mp4" },
      ],
    });
    for (let i = 0; i < 7; i++) addPlay(fake.state, { ratingKey: "10", viewedAt: 1_000 + i });
    addPlay(fake.state, { ratingKey: "10", viewedAt: 2_000, accountId: 9 });
    addPlay(fake.state, { ratingKey: "11", viewedAt: 3_000 });
    const rows = [];
    for await (const page of client.history({ viewedAfter: 1_002, sectionId: "3", accountId: "1" }, 2)) {
      rows.push(...page.rows);
    }
    expect(rows.map((r) => r.viewedAt)).toEqual([1006, 1005, 1004, 1003]);
    expect(new Set(rows.map((r) => r.accountId))).toEqual(new Set(["1"]));
    const asked = fake.requests.filter((r) => r.path === "/status/sessions/history/all");
    expect(asked).toHaveLength(2);
    expect(asked[0]?.headers["x-plex-container-size"]).toBe("2");
    expect(asked[0]?.rawQuery).toContain("viewedAt%3E=1002");
    expect(asked[0]?.query.get("viewedAt>")).toBe("1002");
    const all = [];
    for await (const page of client.history({ viewedAfter: null, sectionId: null, accountId: null }, 100))
      all.push(...page.rows);
    expect(all).toHaveLength(9);
    const ofItem = [];
    const query = { viewedAfter: null, sectionId: null, accountId: null, ratingKey: "11", oldestFirst: true };
    for await (const page of client.history(query, 100)) ofItem.push(...page.rows);
    expect(ofItem.map((r) => [r.ratingKey, r.viewedAt])).toEqual([["11", 3_000]]);
    const oldestFirst = [];
    for await (const page of client.history(
      { viewedAfter: 1_004, sectionId: "3", accountId: null, oldestFirst: true },
      2,
    )) {
      oldestFirst.push(...page.rows.map((r) => r.viewedAt));
    }
    expect(oldestFirst).toEqual([1005, 1006, 2000]);
  });

  it("a section listing carries the owner's view state: viewCount, lastViewedAt, viewOffset, userRating", async () => {
    const { fake, client } = await start({
      sections: SECTIONS,
      items: [{ ratingKey: "10", sectionId: "3", file: "/data/a.mp4", userRating: 8 }],
    });
    addPlay(fake.state, { ratingKey: "10", viewedAt: 1_500 });
    fake.state.setItem("10", (item) => {
      item.viewOffset = 61_500;
    });
    const page = await client.sectionPage("3", 0, 10);
    expect(page.items[0]).toMatchObject({
      viewCount: 1,
      lastViewedAt: 1_500,
      viewOffset: 61_500,
      userRating: 8,
    });
  });
});
