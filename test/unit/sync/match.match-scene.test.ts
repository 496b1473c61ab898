import { describe, expect, it } from "vitest";
import {
  buildLibraryIndex,
  type MatchOptions,
  matchScene,
  parsePathMap,
} from "../../../plugin/sync/index.js";
import { entry, scene, sceneFile } from "./fixtures.js";

const strict: MatchOptions = { strict: true, pins: new Map() };
const lenient: MatchOptions = { strict: false, pins: new Map() };
const rules = parsePathMap("/stash => /plex").rules;

describe("matchScene: exact mapped path", () => {
  it("matches the mapped path surely", () => {
    const index = buildLibraryIndex([entry("1", "/plex/a/clip.mp4", 5), entry("2", "/other/clip.mp4", 5)]);
    const outcome = matchScene(scene({ files: [sceneFile("/stash/a/clip.mp4", 5)] }), index, rules, strict);
    expect(outcome).toEqual({
      kind: "matched",
      items: [
        {
          ratingKey: "1",
          sectionId: "1",
          file: "/plex/a/clip.mp4",
          size: 5,
          sceneFile: "/stash/a/clip.mp4",
          method: "exact",
          confidence: "high",
        },
      ],
      unresolved: [],
      pinStale: null,
    });
  });

  it("matches every item holding the exact file (same folder in two libraries), once per item", () => {
    const index = buildLibraryIndex([
      entry("1", "/plex/clip.mp4", 5, "1"),
      entry("1", "/plex/clip.mp4", 5, "1"),
      entry("7", "/plex/clip.mp4", 5, "2"),
    ]);
    const outcome = matchScene(scene({ files: [sceneFile("/stash/clip.mp4")] }), index, rules, strict);
    expect(outcome.kind === "matched" && outcome.items.map((i) => [i.ratingKey, i.sectionId])).toEqual([
      ["1", "1"],
      ["7", "2"],
    ]);
  });

  it("matches an NFD Stash path against an NFC Plex path", () => {
    const index = buildLibraryIndex([entry("1", "/plex/Beyonc\u00e9.mp4")]);
    const outcome = matchScene(
      scene({ files: [sceneFile("/stash/Beyonce\u0301.mp4")] }),
      index,
      rules,
      strict,
    );
    expect(outcome.kind === "matched" && outcome.items[0]?.method).toBe("exact");
  });

  it("matches Windows paths on both sides, case-insensitively", () => {
    const winRules = parsePathMap("D:\\Stash => \\\\nas\\plex").rules;
    const index = buildLibraryIndex([entry("1", "\\\\NAS\\Plex\\Sub\\Clip.MP4")]);
    const outcome = matchScene(
      scene({ files: [sceneFile("d:\\stash\\sub\\clip.mp4")] }),
      index,
      winRules,
      strict,
    );
    expect(outcome.kind === "matched" && outcome.items[0]?.method).toBe("exact");
  });
});

describe("matchScene: Plex's extended-length Windows paths", () => {
  it("matches a \\\\?\\ path Plex stores past 260 characters", () => {
    const index = buildLibraryIndex([entry("1", "\\\\?\\D:\\Plex\\long\\clip.mp4")]);
    const winRules = parsePathMap("/stash => D:\\Plex").rules;
    const outcome = matchScene(
      scene({ files: [sceneFile("/stash/long/clip.mp4")] }),
      index,
      winRules,
      strict,
    );
    expect(outcome.kind === "matched" && outcome.items[0]?.method).toBe("exact");
  });
});

describe("matchScene: basename fallback", () => {
  it("takes a unique basename under another mount root, case-insensitively", () => {
    const index = buildLibraryIndex([entry("1", "/mnt/x/CLIP.mp4", null)]);
    const outcome = matchScene(scene({ files: [sceneFile("/elsewhere/clip.MP4", 5)] }), index, [], strict);
    expect(outcome.kind === "matched" && outcome.items[0]?.method).toBe("basename");
  });

  it("marks a unique basename with the same size as basename+size", () => {
    const index = buildLibraryIndex([entry("1", "/mnt/x/clip.mp4", 5)]);
    const outcome = matchScene(scene({ files: [sceneFile("/y/clip.mp4", 5)] }), index, [], strict);
    expect(outcome.kind === "matched" && outcome.items[0]?.method).toBe("basename+size");
  });

  it("breaks a basename tie with the file size", () => {
    const index = buildLibraryIndex([entry("1", "/a/clip.mp4", 5), entry("2", "/b/clip.mp4", 6)]);
    const outcome = matchScene(scene({ files: [sceneFile("/y/clip.mp4", 6)] }), index, [], strict);
    expect(outcome.kind === "matched" && outcome.items.map((i) => [i.ratingKey, i.method])).toEqual([
      ["2", "basename+size"],
    ]);
  });

  it("strict: a single basename candidate with another size is ambiguous", () => {
    const index = buildLibraryIndex([entry("1", "/a/clip.mp4", 5)]);
    const outcome = matchScene(scene({ files: [sceneFile("/y/clip.mp4", 6)] }), index, [], strict);
    expect(outcome).toMatchObject({ kind: "ambiguous", candidates: [{ ratingKey: "1", size: 5 }] });
  });

  it("non-strict: the same single candidate is taken at low confidence", () => {
    const index = buildLibraryIndex([entry("1", "/a/clip.mp4", 5)]);
    const outcome = matchScene(scene({ files: [sceneFile("/y/clip.mp4", 6)] }), index, [], lenient);
    expect(outcome).toMatchObject({
      kind: "matched",
      items: [{ ratingKey: "1", method: "basename", confidence: "low" }],
    });
  });

  it("strict: several candidates that size cannot separate are ambiguous, with every candidate", () => {
    const index = buildLibraryIndex([entry("1", "/a/clip.mp4", 5, "1"), entry("2", "/b/clip.mp4", 5, "2")]);
    const outcome = matchScene(scene({ files: [sceneFile("/y/clip.mp4", 5)] }), index, [], strict);
    expect(outcome).toEqual({
      kind: "ambiguous",
      candidates: [
        { ratingKey: "1", sectionId: "1", file: "/a/clip.mp4", size: 5 },
        { ratingKey: "2", sectionId: "2", file: "/b/clip.mp4", size: 5 },
      ],
      unresolved: [
        {
          sceneFile: "/y/clip.mp4",
          triedPath: "/y/clip.mp4",
          reason: "ambiguous",
          candidates: [
            { ratingKey: "1", sectionId: "1", file: "/a/clip.mp4", size: 5 },
            { ratingKey: "2", sectionId: "2", file: "/b/clip.mp4", size: 5 },
          ],
        },
      ],
      pinStale: null,
    });
  });

  it("strict: several candidates and an unknown Stash size are ambiguous", () => {
    const index = buildLibraryIndex([entry("1", "/a/clip.mp4", 5), entry("2", "/b/clip.mp4", 6)]);
    const outcome = matchScene(scene({ files: [sceneFile("/y/clip.mp4", null)] }), index, [], strict);
    expect(outcome.kind).toBe("ambiguous");
  });

  it("non-strict: several candidates → the first same-size one, else the first, at low confidence", () => {
    const index = buildLibraryIndex([
      entry("1", "/a/clip.mp4", 4),
      entry("2", "/b/clip.mp4", 5),
      entry("3", "/c/clip.mp4", 5),
    ]);
    const sized = matchScene(scene({ files: [sceneFile("/y/clip.mp4", 5)] }), index, [], lenient);
    expect(sized).toMatchObject({ kind: "matched", items: [{ ratingKey: "2", confidence: "low" }] });
    const unsized = matchScene(scene({ files: [sceneFile("/y/clip.mp4", 9)] }), index, [], lenient);
    expect(unsized).toMatchObject({ kind: "matched", items: [{ ratingKey: "1", method: "basename" }] });
  });
});

describe("matchScene: not found, no file, several files", () => {
  it("reports the mapped paths it tried", () => {
    const outcome = matchScene(
      scene({ files: [sceneFile("/stash/a.mp4"), sceneFile("/stash/b.mp4")] }),
      buildLibraryIndex([]),
      rules,
      strict,
    );
    expect(outcome).toMatchObject({ kind: "not_found", triedPaths: ["/plex/a.mp4", "/plex/b.mp4"] });
  });

  it("reports a scene without files", () => {
    expect(matchScene(scene({ files: [] }), buildLibraryIndex([]), rules, strict)).toEqual({
      kind: "no_file",
    });
  });

  it("syncs every item holding one of the scene's files and reports the rest", () => {
    const index = buildLibraryIndex([
      entry("1", "/plex/a.mp4"),
      entry("2", "/plex/b.mp4"),
      entry("3", "/x/c.mp4", 1),
      entry("4", "/y/c.mp4", 1),
    ]);
    const files = [
      sceneFile("/stash/a.mp4"),
      sceneFile("/stash/b.mp4"),
      sceneFile("/stash/c.mp4", 1),
      sceneFile("/stash/d.mp4"),
    ];
    const outcome = matchScene(scene({ files }), index, rules, strict);
    expect(outcome.kind).toBe("matched");
    if (outcome.kind !== "matched") return;
    expect(outcome.items.map((i) => [i.ratingKey, i.sceneFile])).toEqual([
      ["1", "/stash/a.mp4"],
      ["2", "/stash/b.mp4"],
    ]);
    expect(outcome.unresolved.map((u) => [u.sceneFile, u.reason])).toEqual([
      ["/stash/c.mp4", "ambiguous"],
      ["/stash/d.mp4", "not_found"],
    ]);
  });

  it("lists an item once when two scene files resolve to it", () => {
    const index = buildLibraryIndex([entry("1", "/plex/a.mp4"), entry("1", "/plex/a2.mp4")]);
    const files = [sceneFile("/stash/a.mp4"), sceneFile("/stash/a2.mp4")];
    const outcome = matchScene(scene({ files }), index, rules, strict);
    expect(outcome.kind === "matched" && outcome.items.map((i) => i.ratingKey)).toEqual(["1"]);
  });
});

describe("matchScene: pins", () => {
  const index = buildLibraryIndex([entry("1", "/a/clip.mp4", 5), entry("2", "/b/clip.mp4", 5)]);
  const file = sceneFile("/y/clip.mp4", 5);

  it("a pin resolves an otherwise ambiguous scene", () => {
    const outcome = matchScene(scene({ id: "42", files: [file] }), index, [], {
      strict: true,
      pins: new Map([["42", "2"]]),
    });
    expect(outcome).toMatchObject({
      kind: "matched",
      items: [{ ratingKey: "2", method: "pin", sceneFile: "/y/clip.mp4" }],
      pinStale: null,
    });
  });

  it("a pin to a vanished item is reported and matching falls back", () => {
    const pins = new Map([["42", "999"]]);
    const ambiguous = matchScene(scene({ id: "42", files: [file] }), index, [], { strict: true, pins });
    expect(ambiguous).toMatchObject({ kind: "ambiguous", pinStale: "999" });
    const single = buildLibraryIndex([entry("5", "/a/clip.mp4", 5)]);
    const matched = matchScene(scene({ id: "42", files: [file] }), single, [], { strict: true, pins });
    expect(matched).toMatchObject({ kind: "matched", items: [{ ratingKey: "5" }], pinStale: "999" });
  });

  it("pins of other scenes do not apply", () => {
    const outcome = matchScene(scene({ id: "43", files: [file] }), index, [], {
      strict: true,
      pins: new Map([["42", "2"]]),
    });
    expect(outcome.kind).toBe("ambiguous");
  });
});
