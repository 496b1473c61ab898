import { describe, expect, it } from "vitest";
import { plexMaintenance } from "../../bench/fault-campaign.lib.js";

// Small, bounded versions of bench/fault-campaign.ts (the bench runs 10,000 scenes).
describe("fault campaigns (small): Plex faults during a drain", () => {
  it("Plex answering 503 maintenance for 1 s at the start of a bulk sync: nothing lost, duplicated or corrupt", async () => {
    const r = await plexMaintenance(12, 1000, 30_000);
    expect(r.notes.join(" ")).toMatch(/\(([1-9]\d*) requests answered 503\)/);
    expect({ lost: r.lost, duplicated: r.duplicated, corrupt: r.corrupt, dead: r.deadLettered }).toEqual({
      lost: 0,
      duplicated: 0,
      corrupt: 0,
      dead: 0,
    });
  }, 60_000);
});
