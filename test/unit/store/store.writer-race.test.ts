import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exited, useStoreChild } from "./child.js";
import { integrityCheck, useStoreHarness } from "./helpers.js";

describe("processes racing for the store", () => {
  const h = useStoreHarness();
  const children = useStoreChild();

  it("exactly one process takes the drainer role; the role is free afterwards", async () => {
    for (let round = 0; round < 3; round++) {
      const results = path.join(h.dir, `race-${round}.txt`);
      const racers = [0, 1].map(() => children.start(["role-racer", h.dir, results]));
      for (const outcome of await Promise.all(racers.map(exited)))
        expect(outcome).toEqual({ code: 0, stderr: "" });
      const lines = readFileSync(results, "utf8").trim().split("\n").sort();
      expect(lines).toEqual(["lost", "won"]);
    }
  });

  it("50 processes enqueueing at once (a storm of hooks): every job recorded, no SQLITE_BUSY reaches them", async () => {
    const producers = Array.from({ length: 50 }, (_, p) =>
      children.start(["producer", h.dir, "20", String(100 + p)]),
    );
    for (const outcome of await Promise.all(producers.map(exited)))
      expect(outcome).toEqual({ code: 0, stderr: "" });
    expect(integrityCheck(h.dir)).toBe("ok");
    const store = await h.open();
    expect(store.countsByState(h.clock.now()).total).toBe(1_000);
    await store.close();
  }, 60_000);
});
