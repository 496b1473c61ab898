import { describe, expect, it } from "vitest";
import { useStoreHarness } from "./helpers.js";

describe("loading a large store", () => {
  const h = useStoreHarness();

  it("loads sync state for 100k scenes from one snapshot quickly", async () => {
    const store = await h.writer();
    store.batch(() => {
      for (let i = 1; i <= 100_000; i++) {
        store.putSyncState(String(i), {
          ratingKeys: [String(500_000 + i)],
          lastSyncedAt: 1_700_000_000_000 + i,
          desiredHash: "3f786850e387550fdab836ed7e6dc881de23001b",
          imageHashes: { poster: "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3" },
          lastChanges: ["title", "summary"],
        });
      }
    });
    store.compact();
    await store.close();
    const started = performance.now();
    const reader = await h.reader();
    const elapsed = performance.now() - started;
    expect(reader.syncStates().size).toBe(100_000);
    expect(reader.syncState("99999")?.ratingKeys).toEqual(["599999"]);
    expect(elapsed).toBeLessThan(2_000);
    await reader.close();
  });
});
