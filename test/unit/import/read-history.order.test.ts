import { describe, expect, it } from "vitest";
import { readHistory } from "../../../plugin/import/read-history.js";
import type { HistoryQuery, PlexClient, PlexHistoryPage, PlexSection } from "../../../plugin/plex/index.js";

const section = { key: "1" } as PlexSection;
const row = (viewedAt: number, ratingKey: string | null = "10") => ({
  historyKey: `/status/sessions/history/${viewedAt}`,
  ratingKey,
  sectionId: "1",
  viewedAt,
  accountId: "1",
});

/** Only `history` is used by readHistory; it answers the given pages and records the queries. */
function client(pages: PlexHistoryPage[], queries: HistoryQuery[]): PlexClient {
  return {
    history: async function* (query: HistoryQuery) {
      queries.push(query);
      yield* pages;
    },
  } as unknown as PlexClient;
}

async function all(plex: PlexClient, highWater: number | null) {
  const out = [];
  for await (const page of readHistory(plex, [section], { highWater, allAccounts: false })) out.push(page);
  return out;
}

describe("readHistory", () => {
  it("asks for the owner's plays oldest first from the look-back start, and counts rows of deleted items", async () => {
    const queries: HistoryQuery[] = [];
    const pages = await all(
      client([{ offset: 0, totalSize: 3, rows: [row(1), row(2, null), row(3)] }], queries),
      1_000_000,
    );
    expect(queries[0]).toMatchObject({ accountId: "1", sectionId: "1", oldestFirst: true });
    expect(queries[0]?.viewedAfter).toBeLessThan(1_000_000);
    expect(pages[0]).toMatchObject({ orphanRows: 1, newest: 3, inOrder: true, fraction: 1 });
    expect(pages[0]?.plays.map((p) => p.viewedAt)).toEqual([1, 3]);
  });

  it("a server that ignores the sort is noticed, so the high-water mark waits for the end of the read", async () => {
    const pages = await all(
      client(
        [
          { offset: 0, totalSize: 4, rows: [row(9), row(8)] },
          { offset: 2, totalSize: 4, rows: [row(7), row(6)] },
        ],
        [],
      ),
      null,
    );
    expect(pages.map((p) => p.inOrder)).toEqual([false, false]);
  });
});
