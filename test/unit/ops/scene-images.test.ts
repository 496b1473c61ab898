import { describe, expect, it } from "vitest";
import type { SceneSyncState } from "../../../plugin/domain/sync-state.js";
import { imageStatus } from "../../../plugin/ops/scene-images.js";
import { nextImageLog } from "../../../plugin/pipeline/sync-images.js";

const sync = (over: Partial<SceneSyncState>): SceneSyncState => ({
  ratingKeys: ["1"],
  lastSyncedAt: 9_000,
  desiredHash: "h",
  imageHashes: {},
  lastChanges: [],
  ...over,
});
const on = { enabled: true, hasCover: true };

describe("imageStatus", () => {
  it("off, no cover and not yet come before anything recorded", () => {
    expect(imageStatus("poster", { ...on, enabled: false, sync: sync({}) }).state).toBe("off");
    expect(imageStatus("poster", { ...on, hasCover: false, sync: sync({}) }).state).toBe("no_cover");
    expect(imageStatus("poster", { ...on, sync: null }).state).toBe("not_yet");
    expect(imageStatus("art", { ...on, sync: sync({}) }).state).toBe("not_yet");
  });

  it("uploaded by the last sync, else unchanged since the upload (time unknown for older records)", () => {
    const log = { poster: { uploadedAt: 9_000 }, art: { uploadedAt: 4_000 } };
    expect(imageStatus("poster", { ...on, sync: sync({ imageLog: log }) })).toEqual({
      state: "uploaded",
      at: 9_000,
      problem: null,
    });
    expect(imageStatus("art", { ...on, sync: sync({ imageLog: log }) })).toEqual({
      state: "unchanged",
      at: 4_000,
      problem: null,
    });
    expect(imageStatus("poster", { ...on, sync: sync({ imageHashes: { poster: "x" } }) })).toEqual({
      state: "unchanged",
      at: null,
      problem: null,
    });
  });

  it("failed only when the last sync is the one that failed", () => {
    const failed = { poster: { uploadedAt: 4_000, problem: "Plex refused the image: 400", failedAt: 9_000 } };
    expect(imageStatus("poster", { ...on, sync: sync({ imageLog: failed }) })).toEqual({
      state: "failed",
      at: 9_000,
      problem: "Plex refused the image: 400",
    });
    const old = { poster: { uploadedAt: 4_000, problem: "Plex refused the image: 400", failedAt: 5_000 } };
    expect(imageStatus("poster", { ...on, sync: sync({ imageLog: old }) }).state).toBe("unchanged");
  });
});

describe("nextImageLog", () => {
  it("stamps uploads, keeps the last upload time on a failure, and leaves untouched slots alone", () => {
    const previous = { poster: { uploadedAt: 1_000 }, art: { uploadedAt: 2_000 } };
    expect(nextImageLog(previous, { poster: { problem: "no" } }, 5_000)).toEqual({
      poster: { uploadedAt: 1_000, problem: "no", failedAt: 5_000 },
      art: { uploadedAt: 2_000 },
    });
    expect(nextImageLog(previous, { art: { uploaded: true } }, 5_000)).toEqual({
      poster: { uploadedAt: 1_000 },
      art: { uploadedAt: 5_000 },
    });
    expect(nextImageLog(undefined, {}, 5_000)).toEqual({});
  });
});
