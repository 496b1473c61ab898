import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  basenameKey,
  basenameKeyOfPathKey,
  basenameOf,
  pathKey,
  stripExtension,
} from "../../../plugin/core-sync/normalize.js";

describe("pathKey", () => {
  it("unifies separators, collapses duplicates and lower-cases the drive letter", () => {
    expect(pathKey("D:\\Media\\\\Movies\\a.mp4")).toBe("d:/Media/Movies/a.mp4");
    expect(pathKey("/mnt//media///a.mp4")).toBe("/mnt/media/a.mp4");
  });

  it("keeps the leading double separator of a UNC path", () => {
    expect(pathKey("\\\\nas\\share\\a.mp4")).toBe("//nas/share/a.mp4");
  });

  it("gives NFD and NFC spellings the same key", () => {
    const nfd = "/media/Cafe\u0301/Ame\u0301lie.mp4";
    const nfc = "/media/Caf\u00e9/Am\u00e9lie.mp4";
    expect(pathKey(nfd)).toBe(pathKey(nfc));
  });

  it("drops a trailing separator but keeps roots", () => {
    expect(pathKey("/a/b/")).toBe("/a/b");
    expect(pathKey("/")).toBe("/");
    expect(pathKey("C:\\")).toBe("c:/");
  });

  it("keys Windows extended-length paths like the plain path", () => {
    expect(pathKey("\\\\?\\C:\\Videos\\a.mp4")).toBe(pathKey("C:\\Videos\\a.mp4"));
    expect(pathKey("\\\\?\\UNC\\nas\\share\\a.mp4")).toBe(pathKey("\\\\nas\\share\\a.mp4"));
    expect(pathKey("//?/unc/nas/share/a.mp4")).toBe("//nas/share/a.mp4");
    expect(pathKey("/data/?/a.mp4")).toBe("/data/?/a.mp4");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "B", "/", "\\", ":", "C", "e\u0301", " ", "?", "UNC") }),
        (p) => {
          expect(pathKey(pathKey(p))).toBe(pathKey(p));
        },
      ),
    );
  });
});

describe("basenameOf / basenameKey / stripExtension", () => {
  it("takes the last segment of either path style", () => {
    expect(basenameOf("C:\\a\\b.mp4")).toBe("b.mp4");
    expect(basenameOf("/a/b.mp4")).toBe("b.mp4");
    expect(basenameOf("/a/b/")).toBe("b");
    expect(basenameOf("C:b.mp4")).toBe("b.mp4");
  });

  it("folds case and Unicode form", () => {
    expect(basenameKey("Ame\u0301lie.MP4")).toBe("am\u00e9lie.mp4");
  });

  it("strips only the last extension and leaves dot-files alone", () => {
    expect(stripExtension("a.b.mp4")).toBe("a.b");
    expect(stripExtension(".hidden")).toBe(".hidden");
    expect(stripExtension("noext")).toBe("noext");
  });
});

describe("basenameKeyOfPathKey", () => {
  it("agrees with basenameKey(basenameOf(path)) for every path", () => {
    const unit = fc.constantFrom("a", "B", "/", "\\", ":", "C", "e\u0301", " ", ".", "\u00c9");
    fc.assert(
      fc.property(fc.string({ unit }), (p) => {
        expect(basenameKeyOfPathKey(pathKey(p))).toBe(basenameKey(basenameOf(p)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("pathKey fast path", () => {
  // The plain algorithm, without the shortcut for paths that are already keys.
  function referenceKey(path: string): string {
    const unified = path.normalize("NFC").replace(/\\/g, "/");
    let key = unified.replace(/\/{2,}/g, "/");
    if (unified.startsWith("//")) key = `/${key}`;
    if (key.length > 1 && key.endsWith("/") && !/^[a-z]:\/$/i.test(key)) key = key.slice(0, -1);
    return key.replace(/^([A-Za-z]):/, (_m, l: string) => `${l.toLowerCase()}:`);
  }

  it("gives the same key as the plain algorithm", () => {
    const unit = fc.constantFrom("a", "Z", "/", "\\", ":", "D", "e\u0301", " ", "\u00e9", "\u{1F600}");
    fc.assert(
      fc.property(fc.string({ unit }), (p) => {
        expect(pathKey(p)).toBe(referenceKey(p));
      }),
      { numRuns: 1000 },
    );
  });
});
