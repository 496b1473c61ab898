import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  sanitizeLine,
  sanitizeList,
  sanitizeMultiline,
  truncateAtWord,
} from "../../../plugin/core-sync/sanitize.js";

describe("sanitizeLine", () => {
  it("drops zero-width and bidi format characters; a control character separates words", () => {
    expect(sanitizeLine("a\u200Bb\u200Cc\u200Dd\uFEFFe\u2060f\u200Eg\u202Bh\u2067i", 255)).toBe("abcdefghi");
    expect(sanitizeLine("Anna\u0001Lee\u0000Smith\u0007", 255)).toBe("Anna Lee Smith");
    expect(sanitizeLine("a\u000Bb\u000Cc\u0085d\u009Fe", 255)).toBe("a b c d e");
  });

  it("straightens smart quotes", () => {
    expect(sanitizeLine("\u201CHi\u201D \u2018there\u2019", 255)).toBe("\"Hi\" 'there'");
  });

  it("collapses whitespace, newlines and tabs into single spaces and trims", () => {
    expect(sanitizeLine("  a \n\t b\r\n c  ", 255)).toBe("a b c");
    expect(sanitizeLine("a \u0001 b", 255)).toBe("a b");
  });

  it("returns empty text for null, undefined or whitespace", () => {
    expect(sanitizeLine(null, 255)).toBe("");
    expect(sanitizeLine(undefined, 255)).toBe("");
    expect(sanitizeLine(" \u200B\t ", 255)).toBe("");
  });

  it("normalises to NFC", () => {
    expect(sanitizeLine("Cafe\u0301", 255)).toBe("Caf\u00e9");
  });

  it("is idempotent and within the limit", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.integer({ min: 1, max: 40 }), (text, max) => {
        const once = sanitizeLine(text, max);
        expect(once.length).toBeLessThanOrEqual(max);
        expect(sanitizeLine(once, max)).toBe(once);
      }),
    );
  });

  it("runs in linear time on a 1 MB string", () => {
    const big = "word \u200B\u201Cq\u201D\n\t".repeat(100_000);
    const started = performance.now();
    const out = sanitizeLine(big, 255);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(out.length).toBeLessThanOrEqual(255);
  });
});

describe("sanitizeMultiline", () => {
  it("keeps newlines and tabs, normalises CRLF, strips other controls", () => {
    expect(sanitizeMultiline("  line 1\r\nline\t2\rline 3\u0000\u200B\u000B  ", 10000)).toBe(
      "line 1\nline\t2\nline 3",
    );
    expect(sanitizeMultiline("one\u0001two\u000Cthree\u200Efour", 10000)).toBe("one two threefour");
  });

  it("handles a 1 MB summary quickly and truncates to the limit", () => {
    const big = "Lorem ipsum dolor\n".repeat(60_000);
    const started = performance.now();
    const out = sanitizeMultiline(big, 10000);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(out.length).toBeLessThanOrEqual(10000);
  });
});

describe("truncateAtWord", () => {
  it("leaves short text alone", () => {
    expect(truncateAtWord("short", 10)).toBe("short");
  });

  it("cuts at the last space beyond 80% of the limit", () => {
    expect(truncateAtWord("aaaaaaaaa bbbbbbbbbb", 12)).toBe("aaaaaaaaa bb");
    expect(truncateAtWord("aaaaaaaaa bbbbbbbbbb", 11)).toBe("aaaaaaaaa");
  });

  it("cuts hard when the last space is too early", () => {
    expect(truncateAtWord("ab cdefghijklmnop", 10)).toBe("ab cdefghi");
  });

  it("never splits a surrogate pair", () => {
    expect(truncateAtWord("abc\u{1F600}def", 4)).toBe("abc");
  });
});

describe("sanitizeList", () => {
  it("dedupes case-insensitively keeping the first spelling, drops empties", () => {
    expect(sanitizeList(["Drama", " drama ", "", "\u200B", "DRAMA", "Comedy"], 255, 10)).toEqual([
      "Drama",
      "Comedy",
    ]);
  });

  it("caps 10,000 tags quickly", () => {
    const tags = Array.from({ length: 10_000 }, (_, i) => `Tag ${i}`);
    const started = performance.now();
    const out = sanitizeList(tags, 255, 100);
    expect(performance.now() - started).toBeLessThan(500);
    expect(out).toHaveLength(100);
    expect(out[99]).toBe("Tag 99");
  });

  it("truncates each name", () => {
    expect(sanitizeList(["x".repeat(300)], 255, 5)[0]).toHaveLength(255);
  });
});
