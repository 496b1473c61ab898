import { describe, expect, it } from "vitest";
import { LIMITS, sanitizeList } from "../../../plugin/sync/index.js";

describe("sanitizeList", () => {
  it("drops empties and case-insensitive duplicates, keeping the first spelling", () => {
    const result = sanitizeList(["Alice", " alice ", "", null, "ALICE", "Bob", "\u200B", "bob"], {
      maxItems: 50,
      maxLength: 255,
    });
    expect(result).toEqual({ values: ["Alice", "Bob"], dropped: 0 });
  });

  it("dedupes after sanitising (NFD vs NFC, smart quotes)", () => {
    const result = sanitizeList(["Beyonce\u0301", "BEYONC\u00c9", "O\u2019Neil", "o'neil"], {
      maxItems: 10,
      maxLength: 255,
    });
    expect(result.values).toEqual(["Beyonc\u00e9", "O'Neil"]);
  });

  it("caps the count and reports what it left out", () => {
    const result = sanitizeList(["a", "b", "c", "A", "d"], { maxItems: 2, maxLength: 255 });
    expect(result).toEqual({ values: ["a", "b"], dropped: 2 });
  });

  it("truncates each name", () => {
    const result = sanitizeList(["x".repeat(300)], { maxItems: 1, maxLength: LIMITS.tagName });
    expect(result.values[0]).toHaveLength(255);
  });

  it("handles 10,000 tags quickly", () => {
    const tags = Array.from({ length: 10_000 }, (_, i) => `Tag ${i % 5000}`);
    const started = performance.now();
    const result = sanitizeList(tags, { maxItems: 100, maxLength: 255 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.values).toHaveLength(100);
    expect(result.dropped).toBe(4900);
  });
});
