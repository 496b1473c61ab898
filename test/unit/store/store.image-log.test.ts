import { describe, expect, it } from "vitest";
import type { SceneSyncState } from "../../../plugin/domain/sync-state.js";
import { useStoreHarness } from "./helpers.js";

const base: SceneSyncState = {
  ratingKeys: ["1001"],
  lastSyncedAt: 5_000,
  desiredHash: "h",
  imageHashes: { poster: "p" },
  lastChanges: ["title"],
};

describe("a scene's sync state keeps its image log (the Plex tab's poster and background rows)", () => {
  const h = useStoreHarness();

  it("round-trips a log with and without thumbs, and a state without a log, through a reopened database", async () => {
    const logged: SceneSyncState = {
      ...base,
      imageThumbs: { poster: "/t/1" },
      imageLog: {
        poster: { uploadedAt: 4_000 },
        art: { problem: "Plex refused the image: 400", failedAt: 5_000 },
      },
    };
    const writer = await h.open();
    writer.putSyncState("7", logged);
    writer.putSyncState("8", base);
    await writer.close();
    const reader = await h.open();
    expect(reader.syncState("7")).toEqual(logged);
    expect(reader.syncState("8")).toEqual(base);
    await reader.close();
  });
});
