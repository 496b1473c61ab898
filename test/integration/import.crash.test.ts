import { afterEach, describe, expect, it } from "vitest";
import { addPlay } from "../fakes/plex/index.js";
import { IMPORT_TASK, out, rk } from "./import.helpers.js";
import { startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

/** A small deterministic generator, so a failing run can be replayed. */
function seeded(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe("Import from Plex under repeated SIGKILL", () => {
  it("killed at random requests of a multi-chunk import, run after run: every play lands exactly once", async () => {
    world = await startWorld({ scenes: 40, settings: { import_plays: true } });
    const w = world;
    const plays = 2_400; // 5 chunks of 500, spread over the 40 items
    for (let i = 0; i < plays; i++) {
      addPlay(w.plex.state, { ratingKey: rk(String((i % 40) + 1)), viewedAt: 1_700_000_000 + i * 60 });
    }
    const random = seeded(15);
    let kills = 0;
    for (let round = 0; round < 20; round++) {
      const killAt = 1 + Math.floor(random() * 3);
      const phase = random() < 0.5 ? "before" : "after";
      let seen = 0;
      w.stash.intercept(async (operation, at) => {
        if (operation !== "Stash2PlexAddPlays" || at !== phase) return;
        seen++;
        if (seen !== killAt) return;
        w.runner.killAll();
        await new Promise((r) => setTimeout(r, 200));
        if (phase === "before") throw new Error("the plugin is gone");
      });
      const result = await w.runner.runTask(IMPORT_TASK);
      w.stash.intercept(null);
      if (result.signal === "SIGKILL") {
        kills++;
        continue;
      }
      expect(result.error, JSON.stringify(result.logs.slice(-5))).toBeNull();
      if (out(result).report?.playsAdded === 0 && round > 0) break;
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    const final = await w.runner.runTask(IMPORT_TASK);
    expect(out(final).report?.playsAdded).toBe(0);
    const total = [...w.stash.state.scenes.values()].reduce((n, s) => n + s.plays.length, 0);
    expect(total).toBe(plays);
    for (const scene of w.stash.state.scenes.values()) {
      expect(new Set(scene.plays).size).toBe(scene.plays.length);
    }
  }, 120_000);
});
