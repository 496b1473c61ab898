import { describe, expect, it } from "vitest";
import { type LibraryEntry, LibraryIndex } from "../../../plugin/core-sync/library-index.js";
import { matchScene } from "../../../plugin/core-sync/match.js";
import { parsePathMap } from "../../../plugin/core-sync/path-map.js";
import { makeScene } from "./fixtures.js";

const entry = (ratingKey: string, file: string, size: number | null, sectionId = "1"): LibraryEntry => ({
  ratingKey,
  sectionId,
  file,
  size,
  title: `T${ratingKey}`,
});

const rules = parsePathMap("/stash => /plex; D:\\Stash => E:\\Plex").rules;
const strict = { strict: true, pin: null };
const lenient = { strict: false, pin: null };

function indexOf(...entries: LibraryEntry[]): LibraryIndex {
  return LibraryIndex.fromEntries({}, entries);
}

function sceneWith(...files: Array<{ path: string; size: number | null }>) {
  return makeScene({
    files: files.map((f) => ({ path: f.path, basename: f.path.split(/[\\/]/).pop() ?? "", size: f.size })),
  });
}

describe("matchScene", () => {
  it("reports a scene without files", () => {
    expect(matchScene(makeScene({ files: [] }), indexOf(), rules, strict)).toEqual({
      kind: "no_file",
      pinStale: false,
    });
  });

  it("matches the mapped path exactly, even when the size differs", () => {
    const index = indexOf(entry("1", "/plex/v/a.mp4", 5), entry("2", "/other/a.mp4", 10));
    const outcome = matchScene(sceneWith({ path: "/stash/v/a.mp4", size: 10 }), index, rules, strict);
    expect(outcome).toEqual({
      kind: "matched",
      items: [{ ratingKey: "1", sectionId: "1", file: "/plex/v/a.mp4", how: "path" }],
      pinStale: false,
    });
  });

  it("matches an NFD Stash path to the NFC Plex path", () => {
    const index = indexOf(entry("1", "/plex/Caf\u00e9.mp4", 1));
    const outcome = matchScene(sceneWith({ path: "/stash/Cafe\u0301.mp4", size: 1 }), index, rules, strict);
    expect(outcome).toMatchObject({ kind: "matched", items: [{ ratingKey: "1", how: "path" }] });
  });

  it("maps Windows paths on both sides", () => {
    const index = indexOf(entry("1", "E:\\Plex\\Sub\\A.mp4", 1));
    const outcome = matchScene(sceneWith({ path: "d:/stash/Sub/A.mp4", size: 1 }), index, rules, strict);
    expect(outcome).toMatchObject({ kind: "matched", items: [{ ratingKey: "1", how: "path" }] });
  });

  it("falls back to a unique case-insensitive basename", () => {
    const index = indexOf(entry("1", "/elsewhere/A.MP4", 10));
    const outcome = matchScene(sceneWith({ path: "/unmapped/a.mp4", size: 10 }), index, rules, strict);
    expect(outcome).toMatchObject({ kind: "matched", items: [{ ratingKey: "1", how: "basename" }] });
  });

  it("breaks basename ties with the file size", () => {
    const index = indexOf(entry("1", "/x/a.mp4", 10), entry("2", "/y/a.mp4", 20));
    const outcome = matchScene(sceneWith({ path: "/z/a.mp4", size: 20 }), index, rules, strict);
    expect(outcome).toMatchObject({ kind: "matched", items: [{ ratingKey: "2", how: "basename_size" }] });
  });

  it("under strict, is ambiguous when sizes cannot break the tie (same-size candidates only)", () => {
    const index = indexOf(entry("1", "/x/a.mp4", 10), entry("2", "/y/a.mp4", 10), entry("3", "/w/a.mp4", 30));
    const outcome = matchScene(sceneWith({ path: "/z/a.mp4", size: 10 }), index, rules, strict);
    expect(outcome.kind).toBe("ambiguous");
    if (outcome.kind === "ambiguous") expect(outcome.candidates.map((c) => c.ratingKey)).toEqual(["1", "2"]);
    const unknownSize = matchScene(sceneWith({ path: "/z/a.mp4", size: null }), index, rules, strict);
    expect(unknownSize.kind).toBe("ambiguous");
    if (unknownSize.kind === "ambiguous")
      expect(unknownSize.candidates.map((c) => c.ratingKey)).toEqual(["1", "2", "3"]);
  });

  it("without strict, takes the first same-size candidate (else the first) at low confidence", () => {
    const index = indexOf(entry("1", "/x/a.mp4", 30), entry("2", "/y/a.mp4", 10), entry("3", "/w/a.mp4", 10));
    const sized = matchScene(sceneWith({ path: "/z/a.mp4", size: 10 }), index, rules, lenient);
    expect(sized).toMatchObject({
      kind: "matched",
      items: [{ ratingKey: "2", how: "basename_size", lowConfidence: true }],
    });
    const unsized = matchScene(sceneWith({ path: "/z/a.mp4", size: null }), index, rules, lenient);
    expect(unsized).toMatchObject({
      kind: "matched",
      items: [{ ratingKey: "1", how: "basename", lowConfidence: true }],
    });
  });

  it("under strict, a lone basename candidate with a different size is ambiguous; non-strict accepts it", () => {
    const index = indexOf(entry("1", "/x/a.mp4", 10));
    const scene = sceneWith({ path: "/z/a.mp4", size: 99 });
    expect(matchScene(scene, index, rules, strict)).toEqual({
      kind: "ambiguous",
      candidates: [{ ratingKey: "1", file: "/x/a.mp4", size: 10, title: "T1" }],
      pinStale: false,
    });
    expect(matchScene(scene, index, rules, lenient)).toMatchObject({
      kind: "matched",
      items: [{ how: "basename" }],
    });
  });

  it("under strict, accepts a lone basename candidate when either size is unknown", () => {
    const index = indexOf(entry("1", "/x/a.mp4", null));
    expect(matchScene(sceneWith({ path: "/z/a.mp4", size: 5 }), index, rules, strict).kind).toBe("matched");
  });

  it("reports not found with the mapped paths it tried", () => {
    const outcome = matchScene(
      sceneWith({ path: "/stash/a.mp4", size: 1 }, { path: "/other/b.mp4", size: 2 }),
      indexOf(),
      rules,
      strict,
    );
    expect(outcome).toEqual({
      kind: "not_found",
      triedPaths: ["/plex/a.mp4", "/other/b.mp4"],
      pinStale: false,
    });
  });

  it("matches every item holding one of the scene's files, once per ratingKey", () => {
    const index = indexOf(
      entry("1", "/plex/a.mp4", 1),
      entry("1", "/plex/b.mp4", 2),
      entry("2", "/plex/c.mp4", 3, "2"),
    );
    const scene = sceneWith(
      { path: "/stash/a.mp4", size: 1 },
      { path: "/stash/b.mp4", size: 2 },
      { path: "/stash/c.mp4", size: 3 },
    );
    const outcome = matchScene(scene, index, rules, strict);
    expect(outcome).toMatchObject({
      kind: "matched",
      items: [
        { ratingKey: "1", sectionId: "1", how: "path" },
        { ratingKey: "2", sectionId: "2", how: "path" },
      ],
    });
  });

  it("matches the same file in two libraries to both items", () => {
    const index = indexOf(entry("1", "/plex/a.mp4", 1), entry("7", "/plex/a.mp4", 1, "2"));
    const outcome = matchScene(sceneWith({ path: "/stash/a.mp4", size: 1 }), index, rules, strict);
    expect(outcome.kind === "matched" && outcome.items.map((i) => i.ratingKey)).toEqual(["1", "7"]);
  });

  it("keeps the sure file's item when another file of the scene is ambiguous", () => {
    const index = indexOf(entry("1", "/plex/a.mp4", 1), entry("2", "/x/b.mp4", 5), entry("3", "/y/b.mp4", 5));
    const scene = sceneWith({ path: "/stash/a.mp4", size: 1 }, { path: "/q/b.mp4", size: 5 });
    expect(matchScene(scene, index, rules, strict)).toMatchObject({
      kind: "matched",
      items: [{ ratingKey: "1" }],
    });
  });

  it("uses a pin that is still in the index", () => {
    const index = indexOf(entry("1", "/x/a.mp4", 10), entry("2", "/y/a.mp4", 10, "3"));
    const outcome = matchScene(sceneWith({ path: "/z/a.mp4", size: 10 }), index, rules, {
      strict: true,
      pin: "2",
    });
    expect(outcome).toEqual({
      kind: "matched",
      items: [{ ratingKey: "2", sectionId: "3", file: "/y/a.mp4", how: "pinned" }],
      pinStale: false,
    });
  });

  it("flags a stale pin and matches normally", () => {
    const index = indexOf(entry("1", "/plex/a.mp4", 10));
    const outcome = matchScene(sceneWith({ path: "/stash/a.mp4", size: 10 }), index, rules, {
      strict: true,
      pin: "99",
    });
    expect(outcome).toMatchObject({
      kind: "matched",
      items: [{ ratingKey: "1", how: "path" }],
      pinStale: true,
    });
    const missing = matchScene(sceneWith({ path: "/stash/b.mp4", size: 10 }), index, rules, {
      strict: true,
      pin: "99",
    });
    expect(missing).toMatchObject({ kind: "not_found", pinStale: true });
  });

  it("uses the path's basename when Stash's basename field is empty", () => {
    const index = indexOf(entry("1", "/x/a.mp4", 10));
    const scene = makeScene({ files: [{ path: "/z/a.mp4", basename: "", size: 10 }] });
    expect(matchScene(scene, index, rules, strict).kind).toBe("matched");
  });
});
