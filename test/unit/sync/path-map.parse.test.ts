import { describe, expect, it } from "vitest";
import { invertPathRules, parsePathMap, parseUnmatchedPathMap } from "../../../plugin/sync/index.js";

describe("parsePathMap", () => {
  it("parses rules separated by ; and new lines, trimming spaces", () => {
    const parsed = parsePathMap(" /stash/prefix => /plex/prefix; D:\\Media => /mnt/media\n\\\\nas\\v=>/v ;");
    expect(parsed.problems).toEqual([]);
    expect(parsed.rules).toEqual([
      { from: "/stash/prefix", to: "/plex/prefix" },
      { from: "D:\\Media", to: "/mnt/media" },
      { from: "\\\\nas\\v", to: "/v" },
    ]);
  });

  it("treats an empty or missing setting as no rules", () => {
    expect(parsePathMap(undefined)).toEqual({ rules: [], problems: [] });
    expect(parsePathMap("  ;; \n")).toEqual({ rules: [], problems: [] });
  });

  it("reports every bad rule with its position and keeps the good ones", () => {
    const parsed = parsePathMap(
      "/a => /b; nonsense; /c => ; => /d; relative => /e; /f => g; /x => /y => /z; /a/ => /q",
    );
    expect(parsed.rules).toEqual([{ from: "/a", to: "/b" }]);
    expect(parsed.problems.map((p) => [p.position, p.message])).toEqual([
      [2, 'expected "<from> => <to>"'],
      [3, "the Plex (right) side is empty"],
      [4, "the Stash (left) side is empty"],
      [5, 'the Stash (left) side "relative" is not an absolute path'],
      [6, 'the Plex (right) side "g" is not an absolute path'],
      [7, 'has more than one "=>"; use one per rule'],
      [8, '"/a/" is already mapped'],
    ]);
    expect(parsed.problems[1]?.text).toBe("/c =>");
  });

  it("sees Windows prefixes differing only in case as duplicates", () => {
    const parsed = parsePathMap("D:\\Media => /a; d:/media/ => /b");
    expect(parsed.rules).toHaveLength(1);
    expect(parsed.problems).toHaveLength(1);
  });
});

describe("parseUnmatchedPathMap (the original's reversed format)", () => {
  it("flips plex=>stash into Stash→Plex rules", () => {
    const parsed = parseUnmatchedPathMap("/plex/prefix=>/stash/prefix; /plex2 => D:\\stash2");
    expect(parsed.rules).toEqual([
      { from: "/stash/prefix", to: "/plex/prefix" },
      { from: "D:\\stash2", to: "/plex2" },
    ]);
  });

  it("names the sides in the reversed order in problems", () => {
    const parsed = parseUnmatchedPathMap("/plex=>stash");
    expect(parsed.problems[0]?.message).toBe('the Stash (right) side "stash" is not an absolute path');
  });

  it("inverts back to Plex→Stash", () => {
    const { rules } = parseUnmatchedPathMap("/plex=>/stash");
    expect(invertPathRules(rules)).toEqual([{ from: "/plex", to: "/stash" }]);
  });
});
