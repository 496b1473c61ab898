import { describe, expect, it } from "vitest";
import { LibraryIndex } from "../../../plugin/core-sync/library-index.js";
import { matchScene } from "../../../plugin/core-sync/match.js";
import { matchSchema } from "../../../plugin/ops/contracts.js";
import { toContractMatch } from "../../../plugin/ops/scene-status-op.js";
import { makeScene } from "./fixtures.js";

const index = LibraryIndex.fromEntries({}, [
  { ratingKey: "7", sectionId: "1", file: "/x/a.mp4", size: 5, title: "A in x" },
  { ratingKey: "8", sectionId: "1", file: "/y/a.mp4", size: 6, title: "A in y" },
  { ratingKey: "9", sectionId: "1", file: "/stash/videos/b.mp4", size: 1000, title: "B" },
]);
const web = () => null;

describe("toContractMatch", () => {
  it("carries a low-confidence guess to the UI contract, and nothing for a sure match", () => {
    const guess = matchScene(makeScene(), index, [], { strict: false, pin: null });
    const contract = matchSchema.parse(toContractMatch(guess, index, web));
    expect(contract).toMatchObject({ state: "matched", items: [{ ratingKey: "7", lowConfidence: true }] });

    const sure = makeScene({ files: [{ path: "/stash/videos/b.mp4", basename: "b.mp4", size: 1000 }] });
    const exact = matchSchema.parse(
      toContractMatch(matchScene(sure, index, [], { strict: false, pin: null }), index, web),
    );
    expect(exact.state === "matched" && exact.items[0]).toEqual({
      ratingKey: "9",
      title: "B",
      sectionId: "1",
      plexWebUrl: null,
    });
  });
});
