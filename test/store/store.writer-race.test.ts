import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exited, useStoreChild } from "./child.js";
import { useStoreHarness } from "./helpers.js";

describe("two writer processes racing", () => {
  const h = useStoreHarness();
  const children = useStoreChild();

  it("exactly one process gets the worker lock; the lock is gone afterwards", async () => {
    for (let round = 0; round < 3; round++) {
      const results = path.join(h.dir, `race-${round}.txt`);
      const racers = [0, 1].map(() => children.start(["lock-racer", h.dir, results]));
      for (const outcome of await Promise.all(racers.map(exited)))
        expect(outcome).toEqual({ code: 0, stderr: "" });
      const lines = readFileSync(results, "utf8").trim().split("\n").sort();
      expect(lines).toEqual(["lost lock_busy", "won"]);
    }
  });
});
