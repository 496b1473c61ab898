import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  mapPath,
  mapPlexPathToStash,
  mapStashPathToPlex,
  normalizePathKey,
  parsePathMap,
} from "../../../plugin/sync/index.js";

const rules = (text: string) => parsePathMap(text).rules;

describe("mapStashPathToPlex", () => {
  it("replaces a POSIX prefix", () => {
    expect(mapStashPathToPlex("/data/videos/a/clip.mp4", rules("/data/videos => /media"))).toBe(
      "/media/a/clip.mp4",
    );
  });

  it("respects segment boundaries", () => {
    const r = rules("/a/b => /x");
    expect(mapStashPathToPlex("/a/bc/clip.mp4", r)).toBe("/a/bc/clip.mp4");
    expect(mapStashPathToPlex("/a/b/clip.mp4", r)).toBe("/x/clip.mp4");
    expect(mapStashPathToPlex("/a/b", r)).toBe("/x");
  });

  it("picks the longest matching prefix whatever the rule order", () => {
    const r = rules("/data => /d; /data/special => /s; /data/special/deep => /deep");
    expect(mapStashPathToPlex("/data/special/deep/x.mp4", r)).toBe("/deep/x.mp4");
    expect(mapStashPathToPlex("/data/special/x.mp4", r)).toBe("/s/x.mp4");
    expect(mapStashPathToPlex("/data/other/x.mp4", r)).toBe("/d/other/x.mp4");
  });

  it("leaves a path no rule covers unchanged and says so", () => {
    expect(mapPath("/elsewhere/x.mp4", rules("/data => /d"))).toEqual({
      path: "/elsewhere/x.mp4",
      rule: null,
    });
    expect(mapStashPathToPlex("/elsewhere/x.mp4", [])).toBe("/elsewhere/x.mp4");
  });

  it("maps a Windows Stash path to a POSIX Plex path, drive letter and case-insensitively", () => {
    const r = rules("D:\\Media => /mnt/media");
    expect(mapStashPathToPlex("d:\\media\\Sub Dir\\Clip.mp4", r)).toBe("/mnt/media/Sub Dir/Clip.mp4");
    expect(mapStashPathToPlex("D:/MEDIA/x.mp4", r)).toBe("/mnt/media/x.mp4");
    expect(mapStashPathToPlex("E:\\Media\\x.mp4", r)).toBe("E:\\Media\\x.mp4");
  });

  it("maps a POSIX Stash path to a Windows or UNC Plex path with backslashes", () => {
    expect(mapStashPathToPlex("/data/a/x.mp4", rules("/data => P:\\Plex Media"))).toBe(
      "P:\\Plex Media\\a\\x.mp4",
    );
    expect(mapStashPathToPlex("/data/a/x.mp4", rules("/data => \\\\nas\\media"))).toBe(
      "\\\\nas\\media\\a\\x.mp4",
    );
  });

  it("maps UNC to UNC and keeps POSIX prefixes case-sensitive", () => {
    expect(mapStashPathToPlex("\\\\NAS\\Share\\x.mp4", rules("\\\\nas\\share => /share"))).toBe(
      "/share/x.mp4",
    );
    expect(mapStashPathToPlex("/Data/x.mp4", rules("/data => /d"))).toBe("/Data/x.mp4");
  });

  it("supports root and drive-root rules", () => {
    expect(mapStashPathToPlex("/x/y.mp4", rules("/ => /mnt/stash"))).toBe("/mnt/stash/x/y.mp4");
    expect(mapStashPathToPlex("c:\\x\\y.mp4", rules("C:\\ => /mnt/c"))).toBe("/mnt/c/x/y.mp4");
    expect(mapStashPathToPlex("/mnt/c/x/y.mp4", rules("/mnt/c => C:\\"))).toBe("C:\\x\\y.mp4");
  });

  it("maps NFD Stash paths under an NFC prefix", () => {
    const r = rules("/m\u00fcsic => /plex");
    expect(mapStashPathToPlex("/mu\u0308sic/a.mp4", r)).toBe("/plex/a.mp4");
  });

  it("maps Plex paths back to Stash with the same rules", () => {
    const r = rules("D:\\Media => /mnt/media");
    expect(mapPlexPathToStash("/mnt/media/a/x.mp4", r)).toBe("D:\\Media\\a\\x.mp4");
  });

  it("property: mapping then mapping back gives the same path key", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9 ._-]{1,8}$/).filter((s) => s !== "." && s !== "..");
    const r = rules("D:\\Stash => /plex/media; /srv/stash => \\\\nas\\plex");
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), fc.boolean(), (segs, windows) => {
        const stash = windows ? ["D:\\Stash", ...segs].join("\\") : ["/srv/stash", ...segs].join("/");
        const back = mapPlexPathToStash(mapStashPathToPlex(stash, r), r);
        expect(normalizePathKey(back)).toBe(normalizePathKey(stash));
      }),
    );
  });
});
