// @vitest-environment happy-dom
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openAnswerCache } from "../../ui/lib/cache";

describe("answer cache", () => {
  it("remembers the last answer per key with its time", async () => {
    const cache = openAnswerCache();
    await cache.put("scene:1", { a: 1 }, 100);
    await cache.put("scene:1", { a: 2 }, 200);
    expect(await cache.get("scene:1")).toEqual({ value: { a: 2 }, at: 200 });
    expect(await cache.get("scene:2")).toBeUndefined();
  });

  it("resolves quietly when storage is unavailable", async () => {
    const cache = openAnswerCache(false);
    await expect(cache.put("k", 1, 1)).resolves.toBeUndefined();
    await expect(cache.get("k")).resolves.toBeUndefined();
  });

  it("resolves quietly when opening the database throws", async () => {
    const original = globalThis.indexedDB;
    Object.defineProperty(globalThis, "indexedDB", {
      configurable: true,
      value: {
        open() {
          throw new DOMException("blocked by the browser", "SecurityError");
        },
      },
    });
    try {
      const cache = openAnswerCache(true);
      await expect(cache.put("k", 1, 1)).resolves.toBeUndefined();
      await expect(cache.get("k")).resolves.toBeUndefined();
    } finally {
      Object.defineProperty(globalThis, "indexedDB", { configurable: true, value: original });
    }
  });

  it("resolves quietly when a value cannot be stored", async () => {
    const cache = openAnswerCache();
    await expect(cache.put("fn", () => 1, 1)).resolves.toBeUndefined();
  });
});
