import { describe, expect, it } from "vitest";
import {
  mapStashPathToPlex,
  parsePathMap,
  parseUnmatchedPathMap,
} from "../../../plugin/core-sync/path-map.js";

describe("parsePathMap", () => {
  it("parses rules separated by ; and new lines, trimming spaces and trailing separators", () => {
    const { rules, errors } = parsePathMap(
      " /stash/prefix/ => /plex/prefix; D:\\Media\\ => /mnt/media\n/x=>/y ",
    );
    expect(errors).toEqual([]);
    expect(rules).toEqual([
      { from: "/stash/prefix", to: "/plex/prefix" },
      { from: "D:\\Media", to: "/mnt/media" },
      { from: "/x", to: "/y" },
    ]);
  });

  it("reports malformed entries and keeps the good ones", () => {
    const { rules, errors } = parsePathMap("/a => /b; nonsense; => /c; /d =>; /e => /f => /g");
    expect(rules).toEqual([{ from: "/a", to: "/b" }]);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toContain('rule 2 "nonsense"');
  });

  it("treats empty or missing text as no rules", () => {
    expect(parsePathMap("")).toEqual({ rules: [], errors: [] });
    expect(parsePathMap(undefined)).toEqual({ rules: [], errors: [] });
  });

  it("keeps bare roots", () => {
    expect(parsePathMap("/ => /mnt; C:\\ => /c").rules).toEqual([
      { from: "/", to: "/mnt" },
      { from: "C:\\", to: "/c" },
    ]);
  });
});

describe("parseUnmatchedPathMap", () => {
  it("reads the original's reversed /plex=>/stash form into Stash→Plex rules", () => {
    const { rules } = parseUnmatchedPathMap("/plex/prefix=>/stash/prefix; /plex2=>/stash2");
    expect(rules).toEqual([
      { from: "/stash/prefix", to: "/plex/prefix" },
      { from: "/stash2", to: "/plex2" },
    ]);
    expect(mapStashPathToPlex("/stash/prefix/a.mp4", rules)).toBe("/plex/prefix/a.mp4");
  });
});

describe("mapStashPathToPlex", () => {
  const rules = parsePathMap("/data => /media; /data/videos => /mnt/videos; D:\\Media => /mnt/win").rules;

  it("picks the longest matching prefix", () => {
    expect(mapStashPathToPlex("/data/videos/a.mp4", rules)).toBe("/mnt/videos/a.mp4");
    expect(mapStashPathToPlex("/data/other/a.mp4", rules)).toBe("/media/other/a.mp4");
  });

  it("matches whole segments only", () => {
    expect(mapStashPathToPlex("/data/videosX/a.mp4", rules)).toBe("/media/videosX/a.mp4");
    expect(mapStashPathToPlex("/database/a.mp4", rules)).toBe("/database/a.mp4");
  });

  it("returns unmapped paths unchanged", () => {
    expect(mapStashPathToPlex("/elsewhere/a.mp4", rules)).toBe("/elsewhere/a.mp4");
    expect(mapStashPathToPlex("/elsewhere/a.mp4", [])).toBe("/elsewhere/a.mp4");
  });

  it("maps a Windows Stash path with any drive-letter case or separator to a POSIX Plex path", () => {
    expect(mapStashPathToPlex("D:\\Media\\Sub\\a.mp4", rules)).toBe("/mnt/win/Sub/a.mp4");
    expect(mapStashPathToPlex("d:/media/Sub/a.mp4", rules)).toBe("/mnt/win/Sub/a.mp4");
  });

  it("writes the remainder in the target's separator style (POSIX → Windows, UNC)", () => {
    const win = parsePathMap("/stash => E:\\Plex; /nas => \\\\server\\share").rules;
    expect(mapStashPathToPlex("/stash/dir/a.mp4", win)).toBe("E:\\Plex\\dir\\a.mp4");
    expect(mapStashPathToPlex("/nas/a.mp4", win)).toBe("\\\\server\\share\\a.mp4");
  });

  it("maps from a UNC Stash prefix case-insensitively", () => {
    const unc = parsePathMap("\\\\NAS\\Share => /mnt/share").rules;
    expect(mapStashPathToPlex("\\\\nas\\share\\x\\a.mp4", unc)).toBe("/mnt/share/x/a.mp4");
  });

  it("keeps POSIX comparisons case-sensitive", () => {
    expect(mapStashPathToPlex("/DATA/a.mp4", rules)).toBe("/DATA/a.mp4");
  });

  it("matches NFD paths against NFC prefixes", () => {
    const nfc = parsePathMap("/Caf\u00e9 => /plex").rules;
    expect(mapStashPathToPlex("/Cafe\u0301/a.mp4", nfc)).toBe("/plex/a.mp4");
  });

  it("maps with a root rule and to a root target", () => {
    expect(mapStashPathToPlex("/a/b.mp4", parsePathMap("/ => /mnt").rules)).toBe("/mnt/a/b.mp4");
    expect(mapStashPathToPlex("/x/a/b.mp4", parsePathMap("/x => /").rules)).toBe("/a/b.mp4");
    expect(mapStashPathToPlex("/x", parsePathMap("/x => /y").rules)).toBe("/y");
  });
});
