import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitizeLine, sanitizeMultiline, truncateAtWord } from "../../../plugin/sync/index.js";

describe("sanitizeLine", () => {
  it("returns an empty string for nothing", () => {
    expect(sanitizeLine(null, 10)).toBe("");
    expect(sanitizeLine(undefined, 10)).toBe("");
    expect(sanitizeLine("   \t\n ", 10)).toBe("");
  });

  it("removes zero-width and format characters, turns control characters into spaces", () => {
    expect(sanitizeLine("a\u200Bb\uFEFFc\u200Ed\u00ADe", 255)).toBe("abcde");
    expect(sanitizeLine("one\u0000two\u0007three\nfour\r\nfive\tsix", 255)).toBe(
      "one two three four five six",
    );
  });

  it("straightens smart quotes, dashes and ellipses", () => {
    expect(sanitizeLine("\u201CHi\u201D \u2018there\u2019 \u2013 a\u2014b\u2026", 255)).toBe(
      `"Hi" 'there' - a-b...`,
    );
  });

  it("collapses whitespace (including no-break spaces) and trims", () => {
    expect(sanitizeLine("  a \u00A0  b\u3000c  ", 255)).toBe("a b c");
  });

  it("normalises to NFC and keeps emojis", () => {
    expect(sanitizeLine("Beyonce\u0301 \u{1F600}", 255)).toBe("Beyonc\u00e9 \u{1F600}");
  });
});

describe("sanitizeMultiline", () => {
  it("keeps new lines and tabs, collapses spaces, at most one blank line", () => {
    expect(sanitizeMultiline("  Line  one \r\n\r\n\r\n\n\tIndented\u200B  two\rthree  ", 10000)).toBe(
      "Line one\n\n\tIndented two\nthree",
    );
  });

  it("removes other control characters", () => {
    expect(sanitizeMultiline("a\u0000b\u001Fc", 100)).toBe("a b c");
  });
});

describe("truncateAtWord", () => {
  it("leaves short text alone", () => {
    expect(truncateAtWord("short", 10)).toBe("short");
  });

  it("cuts at the last space when it lies beyond 80 % of the limit", () => {
    expect(truncateAtWord("aaaaaaaaa bbbbbbbbbb", 15)).toBe("aaaaaaaaa bbbbb");
    expect(truncateAtWord("aaaaaaaaaaaaa bbbbbbbb", 15)).toBe("aaaaaaaaaaaaa");
  });

  it("cuts hard when no space lies beyond 80 %", () => {
    expect(truncateAtWord("abcdefghijklmnopqrstuvwxyz", 10)).toBe("abcdefghij");
    expect(truncateAtWord("ab cdefghijklmnop", 10)).toBe("ab cdefghi");
  });

  it("counts code points and never splits a surrogate pair", () => {
    const emojis = "\u{1F600}".repeat(300);
    const cut = truncateAtWord(emojis, 255);
    expect([...cut]).toHaveLength(255);
    expect(cut.isWellFormed()).toBe(true);
    expect(truncateAtWord("\u{1F600}\u{1F600}", 2)).toBe("\u{1F600}\u{1F600}");
  });

  it("gives an empty string for a non-positive limit", () => {
    expect(truncateAtWord("abc", 0)).toBe("");
  });

  it("property: never longer than the limit, always a prefix of the input", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 80 }),
        fc.integer({ min: 1, max: 60 }),
        (text, max) => {
          const cut = truncateAtWord(text, max);
          expect([...cut].length).toBeLessThanOrEqual(max);
          expect(text.startsWith(cut)).toBe(true);
          expect(cut.isWellFormed()).toBe(true);
        },
      ),
    );
  });
});

describe("sanitising is idempotent and safe on huge input", () => {
  it("property: sanitising twice changes nothing", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.integer({ min: 5, max: 300 }),
        (text, max) => {
          const once = sanitizeLine(text, max);
          expect(sanitizeLine(once, max)).toBe(once);
          const multi = sanitizeMultiline(text, max);
          expect(sanitizeMultiline(multi, max)).toBe(multi);
        },
      ),
    );
  });

  it("handles 1 MB strings in linear time", () => {
    const huge = `${"word \u200B\u201C ".repeat(100_000)}\n${"x".repeat(200_000)}`;
    expect(huge.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    const line = sanitizeLine(huge, 255);
    const summary = sanitizeMultiline(huge, 10000);
    expect(performance.now() - started).toBeLessThan(2000);
    expect([...line].length).toBeLessThanOrEqual(255);
    expect([...summary].length).toBeLessThanOrEqual(10000);
    expect(line.startsWith('word " word')).toBe(true);
  });
});
