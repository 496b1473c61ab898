import { describe, expect, it } from "vitest";
import type { SceneSyncState } from "../../plugin/store/index.js";
import { fromSyncRow, toSyncRow } from "../../plugin/store/sync-table.js";

const base: SceneSyncState = {
  ratingKeys: ["1001"],
  lastSyncedAt: 5_000,
  desiredHash: "h",
  imageHashes: { poster: "p" },
  lastChanges: ["title"],
};

describe("sync rows keep the image log", () => {
  it("round-trips a log with and without thumbs, and still reads the older 7- and 9-column rows", () => {
    const logged: SceneSyncState = {
      ...base,
      imageLog: {
        poster: { uploadedAt: 4_000 },
        art: { problem: "Plex refused the image: 400", failedAt: 5_000 },
      },
    };
    expect(toSyncRow("7", logged)).toHaveLength(11);
    expect(fromSyncRow(toSyncRow("7", logged))?.[1].imageLog).toEqual(logged.imageLog);
    const withThumbs = { ...logged, imageThumbs: { poster: "/t/1" } };
    expect(fromSyncRow(toSyncRow("7", withThumbs))?.[1]).toEqual(withThumbs);
    expect(fromSyncRow(toSyncRow("7", base))?.[1]).toEqual(base);
    expect(toSyncRow("7", base)).toHaveLength(7);
  });

  it("drops an unreadable log entry instead of the row", () => {
    const row = [...toSyncRow("7", { ...base, imageLog: { poster: { uploadedAt: 1 } } })];
    row[9] = "{not json";
    const read = fromSyncRow(row);
    expect(read?.[1].imageLog).toEqual({});
    expect(read?.[1].ratingKeys).toEqual(["1001"]);
  });
});
