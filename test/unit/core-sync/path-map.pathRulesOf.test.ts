import { describe, expect, it } from "vitest";
import { pathRulesOf } from "../../../plugin/core-sync/index.js";

describe("pathRulesOf", () => {
  it("puts path_map's rules first, then the reversed plex_unmatched_path_map's; absent settings give none", () => {
    expect(pathRulesOf({ path_map: "/stash => /plex", plex_unmatched_path_map: "/p2=>/s2" })).toEqual([
      { from: "/stash", to: "/plex" },
      { from: "/s2", to: "/p2" },
    ]);
    expect(pathRulesOf({})).toEqual([]);
    expect(pathRulesOf({ path_map: null, plex_unmatched_path_map: "no arrow" })).toEqual([]);
  });
});
