import { describe, expect, it } from "vitest";
import { plexFlapping } from "../../bench/fault-campaign.lib.js";

// Small, bounded versions of bench/fault-campaign.ts (the bench runs 10,000 scenes).
describe("fault campaigns (small): Plex flapping during a drain", () => {
  it("Plex going down and up 3 times during a bulk sync: nothing lost or corrupt", async () => {
    const r = await plexFlapping(30, 500, 30_000, 3);
    expect(r.notes[0]).toBe("3 outages of 500 ms");
    expect(Number(/server_down failures seen: (\d+)/.exec(r.notes.join(" "))?.[1])).toBeGreaterThan(0);
    expect({ lost: r.lost, corrupt: r.corrupt }).toEqual({ lost: 0, corrupt: 0 });
  }, 60_000);
});
