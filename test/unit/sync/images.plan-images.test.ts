import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type ImageSlotInput,
  needsImageBytes,
  planImageSlot,
  planImages,
  uploadKey,
} from "../../../plugin/sync/index.js";

const sha1 = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("hex");
const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const hash = sha1(bytes);

function slot(overrides: Partial<ImageSlotInput> = {}): ImageSlotInput {
  return {
    wanted: true,
    bytes,
    lastUploaded: { hash, plexPath: "/library/metadata/1/thumb/111" },
    currentPlexPath: "/library/metadata/1/thumb/111",
    ...overrides,
  };
}

describe("planImageSlot", () => {
  it("skips a slot that is not wanted or has no image", () => {
    expect(planImageSlot("poster", slot({ wanted: false }), sha1)).toEqual({
      action: "skip",
      reason: "not_wanted",
    });
    expect(planImageSlot("poster", slot({ bytes: null }), sha1)).toEqual({
      action: "skip",
      reason: "no_image",
    });
    expect(planImageSlot("poster", slot({ bytes: new Uint8Array() }), sha1)).toEqual({
      action: "skip",
      reason: "no_image",
    });
  });

  it("uploads the first time, with the key to select afterwards", () => {
    expect(planImageSlot("poster", slot({ lastUploaded: null }), sha1)).toEqual({
      action: "upload",
      reason: "first_upload",
      hash,
      selectKey: `upload://posters/${hash}`,
    });
    expect(planImageSlot("background", slot({ lastUploaded: null }), sha1)).toMatchObject({
      selectKey: `upload://art/${hash}`,
    });
  });

  it("skips unchanged bytes that Plex still shows", () => {
    expect(planImageSlot("poster", slot(), sha1)).toEqual({ action: "skip", reason: "unchanged" });
    expect(planImageSlot("poster", slot({ selectedKey: uploadKey("poster", hash) }), sha1)).toEqual({
      action: "skip",
      reason: "unchanged",
    });
  });

  it("uploads when the bytes changed", () => {
    const other = new Uint8Array([9, 9, 9]);
    expect(planImageSlot("poster", slot({ bytes: other }), sha1)).toMatchObject({
      action: "upload",
      reason: "bytes_changed",
      hash: sha1(other),
    });
  });

  it("uploads again when Plex no longer shows ours", () => {
    expect(
      planImageSlot("poster", slot({ currentPlexPath: "/library/metadata/1/thumb/222" }), sha1),
    ).toMatchObject({
      action: "upload",
      reason: "replaced_in_plex",
    });
    expect(planImageSlot("poster", slot({ selectedKey: "metadata://posters/agent_1" }), sha1)).toMatchObject({
      reason: "replaced_in_plex",
    });
  });

  it("compares hashes case-insensitively", () => {
    const upper = slot({ lastUploaded: { hash: hash.toUpperCase(), plexPath: null } });
    expect(planImageSlot("poster", upper, sha1)).toEqual({ action: "skip", reason: "unchanged" });
  });
});

describe("planImages", () => {
  it("decides poster and background independently", () => {
    const plan = planImages({ poster: slot(), background: slot({ lastUploaded: null }) }, sha1);
    expect(plan.poster.action).toBe("skip");
    expect(plan.background).toMatchObject({ action: "upload", reason: "first_upload" });
  });
});

describe("needsImageBytes", () => {
  const last = { hash, plexPath: "/p/1", sourceUrl: "http://stash/scene/1/screenshot?t=5" };
  const now = { wanted: true, screenshotUrl: "http://stash/scene/1/screenshot?t=5", currentPlexPath: "/p/1" };

  it("skips the download when neither side changed", () => {
    expect(needsImageBytes(now, last)).toBe(false);
  });

  it("downloads when the screenshot URL, Plex's image or our record changed", () => {
    expect(needsImageBytes({ ...now, screenshotUrl: "http://stash/scene/1/screenshot?t=6" }, last)).toBe(
      true,
    );
    expect(needsImageBytes({ ...now, currentPlexPath: "/p/2" }, last)).toBe(true);
    expect(needsImageBytes(now, null)).toBe(true);
    expect(needsImageBytes(now, { ...last, sourceUrl: null })).toBe(true);
  });

  it("never downloads for an unwanted slot or a scene without screenshot", () => {
    expect(needsImageBytes({ ...now, wanted: false }, null)).toBe(false);
    expect(needsImageBytes({ ...now, screenshotUrl: null }, null)).toBe(false);
  });
});
