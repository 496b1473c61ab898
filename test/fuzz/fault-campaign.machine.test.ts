import { describe, expect, it } from "vitest";
import { clockJumps, twoStashInstances } from "../../bench/fault-campaign.disk.js";

const H = 3_600_000;

// Small, bounded versions of bench/fault-campaign.ts.
describe("fault campaigns (small): clock and shared plugin folder", () => {
  it("the clock jumping ±1 h and ±1 day between plugin processes: every accepted edit reaches Plex", async () => {
    const r = await clockJumps(6, [0, -H, 24 * H, -24 * H, 0]);
    expect(r.refused).toBe(0);
    expect({ lost: r.lost, corrupt: r.corrupt, dead: r.deadLettered }).toEqual({
      lost: 0,
      corrupt: 0,
      dead: 0,
    });
  }, 60_000);

  it("two Stash instances firing hooks into one plugin folder: nothing lost or corrupt, protocol kept", async () => {
    const r = await twoStashInstances(8, 2);
    expect(r.refused).toBe(0);
    expect(r.notes[0]).toBe("protocol violations: 0");
    expect({ lost: r.lost, corrupt: r.corrupt }).toEqual({ lost: 0, corrupt: 0 });
  }, 60_000);
});
