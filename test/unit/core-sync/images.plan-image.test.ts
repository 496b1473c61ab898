import { describe, expect, it } from "vitest";
import { type ImagePlanInput, planImage } from "../../../plugin/core-sync/images.js";

const base: ImagePlanInput = {
  enabled: true,
  bytesHash: "h1",
  lastUploadedHash: "h1",
  itemThumb: "/library/metadata/1/thumb/200",
  lastItemThumb: "/library/metadata/1/thumb/200",
};

describe("planImage", () => {
  it("skips when nothing changed on either side", () => {
    expect(planImage(base)).toBe("skip");
  });

  it("uploads when the bytes changed or were never uploaded", () => {
    expect(planImage({ ...base, bytesHash: "h2" })).toBe("upload");
    expect(planImage({ ...base, lastUploadedHash: null, lastItemThumb: null })).toBe("upload");
  });

  it("uploads again when someone replaced the image in Plex since our upload", () => {
    expect(planImage({ ...base, itemThumb: "/library/metadata/1/thumb/300" })).toBe("upload");
    expect(planImage({ ...base, itemThumb: null })).toBe("upload");
  });

  it("does not treat an unrecorded thumb as a change", () => {
    expect(planImage({ ...base, lastItemThumb: null, itemThumb: "/x" })).toBe("skip");
  });

  it("skips when disabled or when Stash has no image", () => {
    expect(planImage({ ...base, enabled: false, bytesHash: "h2" })).toBe("skip");
    expect(planImage({ ...base, bytesHash: null, lastUploadedHash: null })).toBe("skip");
  });
});
