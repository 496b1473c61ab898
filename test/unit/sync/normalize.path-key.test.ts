import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  basenameKey,
  detectPathStyle,
  formatPath,
  normalizePathKey,
  parsePath,
  pathBasename,
  stripExtension,
} from "../../../plugin/sync/index.js";

describe("parsePath", () => {
  it("splits POSIX, drive, UNC and relative paths", () => {
    expect(parsePath("/a//b/")).toEqual({ style: "posix", root: "/", segments: ["a", "b"] });
    expect(parsePath("d:\\Media\\x.mp4")).toEqual({
      style: "windows",
      root: "D:",
      segments: ["Media", "x.mp4"],
    });
    expect(parsePath("C:/Media/x.mp4")).toEqual({
      style: "windows",
      root: "C:",
      segments: ["Media", "x.mp4"],
    });
    expect(parsePath("\\\\nas\\share\\x.mp4")).toEqual({
      style: "windows",
      root: "\\\\",
      segments: ["nas", "share", "x.mp4"],
    });
    expect(parsePath("a/b")).toEqual({ style: "posix", root: "", segments: ["a", "b"] });
  });

  it("strips Windows extended-length prefixes", () => {
    expect(parsePath("\\\\?\\C:\\Long\\x.mp4")).toEqual({
      style: "windows",
      root: "C:",
      segments: ["Long", "x.mp4"],
    });
    expect(parsePath("\\\\?\\UNC\\nas\\share\\x.mp4")).toEqual({
      style: "windows",
      root: "\\\\",
      segments: ["nas", "share", "x.mp4"],
    });
  });

  it("keeps a backslash inside a POSIX file name", () => {
    expect(parsePath("/mnt/a\\b.mp4").segments).toEqual(["mnt", "a\\b.mp4"]);
    expect(detectPathStyle("/mnt/a\\b.mp4")).toBe("posix");
  });

  it("formats with the style's separator", () => {
    expect(formatPath(parsePath("C:/a/b"))).toBe("C:\\a\\b");
    expect(formatPath(parsePath("\\\\nas\\share/a"))).toBe("\\\\nas\\share\\a");
    expect(formatPath(parsePath("/a//b/"))).toBe("/a/b");
    expect(formatPath(parsePath("C:\\"))).toBe("C:\\");
    expect(formatPath(parsePath("/"))).toBe("/");
  });
});

describe("normalizePathKey", () => {
  it("unifies separators, duplicate and trailing separators, drive case", () => {
    expect(normalizePathKey("C:\\Media\\A.mp4")).toBe(normalizePathKey("c:/media//a.mp4/"));
    expect(normalizePathKey("\\\\NAS\\Share\\A.mp4")).toBe(normalizePathKey("\\\\nas/share//a.mp4"));
    // A leading "//" is POSIX (duplicate slash), not UNC: Linux Plex servers report such paths as "/x".
    expect(normalizePathKey("//mnt//x.mp4")).toBe("/mnt/x.mp4");
  });

  it("is case-sensitive for POSIX paths unless asked", () => {
    expect(normalizePathKey("/Media/A.mp4")).not.toBe(normalizePathKey("/media/a.mp4"));
    expect(normalizePathKey("/Media/A.mp4", { foldCase: true })).toBe(normalizePathKey("/media/a.mp4"));
    expect(normalizePathKey("C:\\A.mp4", { foldCase: false })).not.toBe(normalizePathKey("C:\\a.mp4"));
  });

  it("equates NFD and NFC spellings", () => {
    const nfc = "/media/Beyonc\u00e9.mp4";
    const nfd = "/media/Beyonce\u0301.mp4";
    expect(nfc).not.toBe(nfd);
    expect(normalizePathKey(nfd)).toBe(normalizePathKey(nfc));
  });

  it("property: the POSIX fast path agrees with segment parsing", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (tail) => {
        const path = `/${tail.replace(/\\/g, "")}`;
        expect(normalizePathKey(path)).toBe(formatPath(parsePath(path)));
        expect(pathBasename(path)).toBe(parsePath(path).segments.at(-1) ?? "");
      }),
    );
  });

  it("property: separator noise never changes the key", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9 ._-]{1,8}$/).filter((s) => s !== "." && s !== "..");
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        (segs, n) => {
          const clean = `/${segs.join("/")}`;
          const noisy = `${"/".repeat(n)}${segs.join("/".repeat(n))}${"/".repeat(n - 1)}`;
          expect(normalizePathKey(noisy)).toBe(normalizePathKey(clean));
          const win = `C:\\${segs.join("\\")}`;
          expect(normalizePathKey(win.replace(/\\/g, "/").toLowerCase())).toBe(normalizePathKey(win));
        },
      ),
    );
  });
});

describe("basenames", () => {
  it("works for both styles and ignores trailing separators", () => {
    expect(pathBasename("/a/b/Clip.MP4")).toBe("Clip.MP4");
    expect(pathBasename("D:\\a\\Clip.mp4")).toBe("Clip.mp4");
    expect(pathBasename("\\\\nas\\share\\dir\\")).toBe("dir");
    expect(pathBasename("/")).toBe("");
    expect(basenameKey("D:\\a\\Clip.MP4")).toBe("clip.mp4");
    expect(basenameKey("/x/Beyonce\u0301.mp4")).toBe("beyonc\u00e9.mp4");
  });

  it("strips one extension, not a leading dot", () => {
    expect(stripExtension("a.b.mp4")).toBe("a.b");
    expect(stripExtension(".hidden")).toBe(".hidden");
    expect(stripExtension("noext")).toBe("noext");
  });
});
